"""A browser's access to the complaint it opened with the receipt code.

The cookie holds only a random handle: nothing in it names the complaint, so
whoever reads the phone's cookies learns nothing, and the handle is worthless
once "close on this device" deleted it or the day it was opened has passed
(the housekeeping job removes it; the lookup refuses it already).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session

from portal.models import Complaint, ComplaintHandle


def _key(handle: str) -> str:
    return hashlib.sha256(handle.encode()).hexdigest()


def open_handle(session: Session, complaint: Complaint, today: date) -> str:
    handle = secrets.token_urlsafe(24)
    session.add(ComplaintHandle(id=_key(handle), complaint_id=complaint.id, created_on=today))
    session.commit()
    return handle


def complaint_for(session: Session, handle: object, today: date) -> Complaint | None:
    """The complaint behind a handle of today; None for a forged, closed or old one."""
    if not isinstance(handle, str) or not handle:
        return None
    row = session.get(ComplaintHandle, _key(handle))
    if row is None or row.created_on != today:
        return None
    return session.get(Complaint, row.complaint_id)


def close(session: Session, handle: object) -> None:
    if isinstance(handle, str) and handle:
        session.exec(delete(ComplaintHandle).where(ComplaintHandle.id == _key(handle)))
        session.commit()

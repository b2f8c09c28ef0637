"""Server-side drafts of multi-page forms, so each step can redirect after POST.

The browser's session holds only a random handle; the table holds a hash of it,
the typed data and the day it was started. A draft goes when it is sent, and
the daily job removes drafts older than a day. Nothing ties a draft to a person.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session

from portal.models import FormDraft

KEPT = timedelta(days=1)
SPENT = "spent"  # a sent form: its handle may never start a form again


class DraftSpent(Exception):
    """The form behind this handle was sent already."""


def _key(handle: str) -> str:
    return hashlib.sha256(handle.encode()).hexdigest()


def _row(session: Session, handle: str) -> FormDraft | None:
    draft = session.get(FormDraft, _key(handle))
    if draft is not None:
        # The session's identity map holds rows weakly: keep this one for the request,
        # so the next look at the same draft (spent? load, spend) is not another query.
        session.info.setdefault("drafts", {})[draft.id] = draft
    return draft


def load(session: Session, handle: str | None) -> dict[str, Any] | None:
    if not handle:
        return None
    draft = _row(session, handle)
    if draft is None or draft.form == SPENT:
        return None
    return json.loads(draft.data)


def spent(session: Session, handle: str) -> bool:
    draft = _row(session, handle)
    return draft is not None and draft.form == SPENT


def save(session: Session, handle: str, form: str, data: dict[str, Any], today: date) -> None:
    draft = _row(session, handle)
    if draft is not None and draft.form == SPENT:
        raise DraftSpent(handle)
    if draft is None:
        draft = FormDraft(id=_key(handle), form=form, data="{}", created_on=today)
    draft.data = json.dumps(data, ensure_ascii=False)
    session.add(draft)
    session.commit()


def spend(session: Session, handle: str, today: date) -> None:
    """Empty the draft in the caller's transaction (with the submission it became) and
    keep a marker for a day, so an old copy of the session cookie cannot replay the
    form and be shown its receipt code again."""
    draft = _row(session, handle) or FormDraft(
        id=_key(handle), form=SPENT, data="{}", created_on=today
    )
    draft.form, draft.data = SPENT, "{}"
    session.add(draft)


def purge(session: Session, today: date) -> int:
    removed = session.exec(delete(FormDraft).where(FormDraft.created_on < today - KEPT)).rowcount
    session.commit()
    return removed

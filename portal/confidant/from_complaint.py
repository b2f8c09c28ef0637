"""Asking a confidant from a complaint: the request starts with the complaint's
organisation and topic filled in, and consent to read the complaint at "no". The
complaint page also shows, truthfully, who was told and when they answer."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import session, url_for

from portal.db import get_session
from portal.models import (
    ComplainantRole,
    Complaint,
    ComplaintConsent,
    ConfidantRequest,
    Organisation,
    RequesterRole,
    RequestTopic,
)

from . import routing
from .context import from_app as context
from .forms import STEPS
from .routing import ServiceInfo
from .service import open_request_for
from .views import FORM_KEY, save_draft

# A complainant's role as a requester's (Jeugdwet art. 4.2.1 names who may complain).
ROLE_OF_COMPLAINANT = {
    ComplainantRole.YOUTH: RequesterRole.YOUTH,
    ComplainantRole.PARENT_WITH_AUTHORITY: RequesterRole.PARENT,
    ComplainantRole.PARENT_WITHOUT_AUTHORITY: RequesterRole.PARENT,
    ComplainantRole.FOSTER_PARENT: RequesterRole.FOSTER_PARENT,
    ComplainantRole.GUARDIAN: RequesterRole.GUARDIAN,
    ComplainantRole.ON_BEHALF: RequesterRole.OTHER,
}


def start_from_complaint(complaint: Complaint) -> str:
    """Begin a request about the complaint this browser opened (called by the complaint
    page): organisation and topic are filled in, consent starts at "no". Returns the
    address of the first step."""
    session[FORM_KEY] = secrets.token_urlsafe(24)
    role = (
        ROLE_OF_COMPLAINANT.get(complaint.complainant_role) if complaint.complainant_role else None
    )
    save_draft(
        session[FORM_KEY],
        {
            "complaint_id": complaint.id,
            "provider": complaint.provider_id,
            "municipality": complaint.municipality_id or 0,
            "topic": RequestTopic.COMPLAINT.value,
            "role": role.value if role else None,
            "consent": ComplaintConsent.NONE.value,
        },
    )
    return url_for("confidant.step", name=STEPS[0].name)


@dataclass(frozen=True)
class Panel:
    """What the complaint page says about a confidant."""

    request: ConfidantRequest | None  # the open request asked from this complaint
    service: ServiceInfo | None  # who answers it, or would answer a new one


def complaint_panel(complaint: Complaint) -> Panel:
    db, days = get_session(), context().first_contact_days
    request = open_request_for(db, complaint.id)
    if request is not None:
        service = routing.describe(db, db.get(Organisation, request.service_id), days)
        return Panel(request, service)
    return Panel(None, routing.info_for(db, complaint.municipality_id, days))

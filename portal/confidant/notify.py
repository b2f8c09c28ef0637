"""Who hears what about a confidant request. Mails say only that something happened,
and where to look; never the question, the topic or who asked.

- The requester's own actions (a new request, a message, consent, withdrawal) are
  only noted for the next staff digest at a fixed time (portal/messaging/digest.py), so no
  mail or outbox row dates them.
- A confidant's action may be mailed at once: to the requester who left an e-mail
  address (in their language), to a colleague it was assigned to.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlmodel import Session

from portal.messaging import digest, mail
from portal.models import ConfidantRequest, StaffMember, StaffRole

from .routing import desk_staff

STAFF_LANGUAGE = "nl"


def subject_ref(request: ConfidantRequest) -> str:
    return f"confidantrequest:{request.id}"


def desk_recipients(session: Session, request: ConfidantRequest) -> list[str]:
    """The assigned confidant while they still work there; else everyone at the desk."""
    if request.assigned_to is not None:
        assignee = session.get(StaffMember, request.assigned_to)
        if assignee is not None and assignee.active:
            return [assignee.email]
    return [member.email for member in desk_staff(session, request.service_id)]


def to_desk(session: Session, request: ConfidantRequest) -> None:
    """The requester acted: news for the desk in the next digest."""
    digest.note_news(session, desk_recipients(session, request), "desk", subject_ref(request))


def to_requester(session: Session, request: ConfidantRequest, base_url: str, now: datetime) -> None:
    """A confidant answered or closed the request: tell a requester who left an address."""
    if not request.contact_email:
        return
    with force_locale(request.language):
        subject = _("Klankbord: news from your trusted contact person")
        body = _(
            "There is news about your question to a trusted contact person. Go to %(link)s "
            "and fill in your code to read it.\n\nThis e-mail holds nothing about your "
            "question on purpose.",
            link=f"{base_url}/confidant/follow",
        )
    mail.queue(session, request.contact_email, subject, body, now)


def to_assignee(
    session: Session, request: ConfidantRequest, assignee: StaffMember, base_url: str, now: datetime
) -> None:
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a request was given to you")
        body = _(
            "Request %(reference)s for a trusted contact person was given to you. Log in to "
            "Klankbord:\n%(link)s",
            reference=request.reference,
            link=f"{base_url}/desk/requests/{request.key}",
        )
    mail.queue(session, assignee.email, subject, body, now)


def first_contact_reminder(
    session: Session, request: ConfidantRequest, due_on: date, base_url: str, now: datetime
) -> int:
    """To the assigned confidant; without one, to the coordinators (or else the whole desk).
    Sent by the daily job, at a fixed time: it dates nothing a requester did."""
    recipients = desk_recipients(session, request)
    if request.assigned_to is None or len(recipients) > 1:
        coordinators = desk_staff(
            session, request.service_id, frozenset({StaffRole.CONFIDANT_COORDINATOR})
        )
        recipients = [m.email for m in coordinators] or recipients
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a request waits for a first contact")
        body = _(
            "Request %(reference)s for a trusted contact person waits for a first contact. "
            "The service promised one by %(date)s. Log in to Klankbord:\n%(link)s",
            reference=request.reference,
            date=format_date(due_on, "long"),
            link=f"{base_url}/desk/requests/{request.key}",
        )
    for recipient in recipients:
        mail.queue(session, recipient, subject, body, now)
    return len(recipients)

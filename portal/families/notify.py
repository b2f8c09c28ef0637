"""Mail about family arrangements: it says only that something happened and where to look.

Never a family's label, a name or a reason. Families get mail only when a member left
an address on the family page themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlmodel import Session, select

from portal.messaging import mail
from portal.models import (
    ContactRole,
    FamilyArrangement,
    FamilyMember,
    ProviderMunicipality,
    StaffMember,
    StaffRole,
)

STAFF_LANGUAGE = "nl"


def _link(base_url: str, arrangement: FamilyArrangement) -> str:
    return f"{base_url.rstrip('/')}/staff/families/{arrangement.id}"


def coordinators(session: Session, municipality_id: int) -> list[str]:
    """Local-team coordinators of the organisations that serve the municipality."""
    served_by = select(ProviderMunicipality.provider_id).where(
        ProviderMunicipality.municipality_id == municipality_id
    )
    return list(
        session.exec(
            select(StaffMember.email).where(
                StaffMember.role == StaffRole.FAMILY_COORDINATOR,
                StaffMember.active,
                StaffMember.provider_id.in_(served_by),
            )
        )
    )


def _queue(session: Session, recipients: Iterable[str], subject: str, body: str, now: datetime):
    for recipient in sorted(set(recipients)):
        mail.queue(session, recipient, subject, body, now)


def proposed(
    session: Session,
    staff: StaffMember,
    role: ContactRole,
    arrangement: FamilyArrangement,
    base_url: str,
    now: datetime,
) -> None:
    with force_locale(STAFF_LANGUAGE):
        if role is ContactRole.CONTACT:
            subject = _("Klankbord: you are proposed as contact person for a family")
        else:
            subject = _("Klankbord: you are proposed as deputy for a family")
        body = _(
            "Log in to Klankbord to accept, or to propose to talk it over first:\n%(link)s",
            link=_link(base_url, arrangement),
        )
    _queue(session, [staff.email], subject, body, now)


def to_contacts(
    session: Session,
    recipients: Iterable[StaffMember],
    arrangement: FamilyArrangement,
    base_url: str,
    now: datetime,
) -> None:
    """A family member asked for someone else or disagrees: the contacts answer in time."""
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a family asks you something")
        body = _(
            "A family has a question about their arrangement. Log in to Klankbord to answer it "
            "in time:\n%(link)s",
            link=_link(base_url, arrangement),
        )
    _queue(session, [s.email for s in recipients if s.active], subject, body, now)


def to_coordinators(
    session: Session, arrangement: FamilyArrangement, reason: str, base_url: str, now: datetime
) -> None:
    """``reason``: "overdue" (a change request), "disputed", or "no_contact" (the contact
    person left and there is no deputy to step up)."""
    link = _link(base_url, arrangement)
    with force_locale(STAFF_LANGUAGE):
        if reason == "disputed":
            subject = _("Klankbord: a family arrangement is disputed")
            body = _(
                "A disagreement about a family arrangement was not resolved in time. The family "
                "now sees the confidant. Log in to Klankbord:\n%(link)s",
                link=link,
            )
        elif reason == "no_contact":
            subject = _("Klankbord: a family has no contact person")
            body = _(
                "The contact person of a family no longer works in Klankbord and there was no "
                "deputy to take over. Log in to Klankbord:\n%(link)s",
                link=link,
            )
        else:
            subject = _("Klankbord: a family's change request waits too long")
            body = _(
                "A family asked for another contact person and got no answer in time. Log in to "
                "Klankbord:\n%(link)s",
                link=link,
            )
    _queue(session, coordinators(session, arrangement.municipality_id), subject, body, now)


def to_family(session: Session, members: Iterable[FamilyMember], base_url: str, now: datetime):
    """Only to members who left an address themselves."""
    for member in members:
        if not member.email:
            continue
        with force_locale(member.language):
            subject = _("Klankbord: there is news about your family arrangement")
            body = _(
                "Something changed in the arrangement about your contact person. Go to "
                "%(link)s and fill in the code from your card to see it.\n\nThis e-mail holds "
                "nothing about your family on purpose.",
                link=f"{base_url.rstrip('/')}/family/",
            )
        mail.queue(session, member.email, subject, body, now)

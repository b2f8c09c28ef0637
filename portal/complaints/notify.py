"""Notification mails. They say only that something happened, and where to look:
never the complaint's text, and to the municipality only provider and theme."""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlmodel import Session, select

from portal.messaging import digest, mail
from portal.models import (
    COMMITTEE_ROLES,
    Complaint,
    ComplaintKind,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    StaffMember,
    StaffRole,
)

from .clock import COMMITTEE_DEADLINES, DeadlineKind
from .labels import THEME_LABELS

STAFF_LANGUAGE = "nl"


def provider_recipients(session: Session, provider_id: int) -> list[str]:
    return list(
        session.exec(
            select(StaffMember.email).where(
                StaffMember.provider_id == provider_id,
                StaffMember.role == StaffRole.PROVIDER,
                StaffMember.active,
            )
        )
    )


def committee_recipients(session: Session, committee_id: int | None) -> list[str]:
    if committee_id is None:
        return []
    return list(
        session.exec(
            select(StaffMember.email).where(
                StaffMember.organisation_id == committee_id,
                StaffMember.role.in_(COMMITTEE_ROLES),
                StaffMember.active,
            )
        )
    )


def to_handlers(session: Session, complaint: Complaint, provider: Provider) -> None:
    """Note news for the provider's staff, and for a formal complaint its committee.

    Called when a complainant acts: staff hear of it only in the next digest at a
    fixed time (portal/messaging/digest.py), so no mail or outbox row dates the action.
    """
    subject_ref = f"complaint:{complaint.id}"
    digest.note_news(
        session, provider_recipients(session, complaint.provider_id), "complaints", subject_ref
    )
    if complaint.kind is ComplaintKind.FORMAL:
        digest.note_news(
            session,
            committee_recipients(session, provider.committee_id),
            "committee",
            subject_ref,
        )


def deadline_reminder(
    session: Session,
    complaint: Complaint,
    kind: DeadlineKind,
    days_left: int,
    base_url: str,
    now: datetime,
) -> None:
    if kind in COMMITTEE_DEADLINES:
        provider = session.get(Provider, complaint.provider_id)
        committee_id = provider.committee_id if provider else None
        recipients = committee_recipients(session, committee_id)
        link = f"{base_url}/committee/complaints/{complaint.key}"
    else:
        recipients = provider_recipients(session, complaint.provider_id)
        link = f"{base_url}/staff/complaints/{complaint.key}"
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a complaint deadline is near")
        if days_left >= 0:
            body = ngettext(
                "A deadline on complaint %(number)s ends in %(num)d day. Log in to Klankbord:\n"
                "%(link)s",
                "A deadline on complaint %(number)s ends in %(num)d days. Log in to Klankbord:\n"
                "%(link)s",
                days_left,
                number=complaint.reference,
                link=link,
            )
        else:
            body = ngettext(
                "A deadline on complaint %(number)s passed %(num)d day ago. Log in to Klankbord:\n"
                "%(link)s",
                "A deadline on complaint %(number)s passed %(num)d days ago. Log in to Klankbord:\n"
                "%(link)s",
                -days_left,
                number=complaint.reference,
                link=link,
            )
    for recipient in recipients:
        mail.queue(session, recipient, subject, body, now)


def to_complainant(
    session: Session, complaint: Complaint, base_url: str, now: datetime, read: bool = False
) -> None:
    """``read``: the first answer, "we have read your complaint"."""
    if not complaint.contact_email:
        return
    with force_locale(complaint.language):
        if read:
            subject = _("Klankbord: we have read your complaint")
            body = _(
                "We have read your complaint. Go to %(link)s and fill in your receipt code to "
                "see what happens next.\n\nThis e-mail holds nothing about your complaint on "
                "purpose.",
                link=f"{base_url}/complaints/follow",
            )
        else:
            subject = _("Klankbord: there is news about your complaint")
            body = _(
                "There is news about your complaint. Go to %(link)s and fill in your receipt "
                "code to read it.\n\nThis e-mail holds nothing about your complaint on purpose.",
                link=f"{base_url}/complaints/follow",
            )
    mail.queue(session, complaint.contact_email, subject, body, now)


def to_municipality(
    session: Session,
    complaint: Complaint,
    municipality: Municipality,
    now: datetime,
    digest_times: tuple[tuple[int, int], ...],
) -> int:
    """Queued for the next digest time: the complainant asked for it just now."""
    provider = session.get(Provider, complaint.provider_id)
    recipients = session.exec(
        select(MunicipalityReportRecipient.email).where(
            MunicipalityReportRecipient.municipality_id == municipality.id
        )
    ).all()
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a family asks the municipality to look at their care")
        body = _(
            "A complainant asks %(municipality)s to know that their care is going wrong.\n\n"
            "Provider: %(provider)s\nTheme: %(theme)s\n\n"
            "Klankbord shares nothing else. The complainant stays anonymous unless they "
            "contact you themselves.",
            municipality=municipality.name,
            provider=provider.name if provider else "",
            theme=str(THEME_LABELS[complaint.theme]),
        )
    at = digest.next_slot(now, digest_times)
    for recipient in recipients:
        mail.queue(session, recipient, subject, body, at)
    return len(recipients)

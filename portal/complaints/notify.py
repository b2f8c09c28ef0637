"""Notification mails. They say only that something happened, and where to look:
never the complaint's text, and to the municipality only provider and theme."""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlmodel import Session, select

from portal import mail
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


def to_handlers(
    session: Session, complaint: Complaint, provider: Provider, base_url: str, now: datetime
) -> None:
    """Tell the provider's staff, and for a formal complaint its committee, that there is news.

    Written at the moment a complainant acts, so it names no complaint: the mail's
    exact time must not pin down when an anonymous complaint arrived.
    """
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a complaint needs your attention")
        body = _(
            "There is news on a complaint about your organisation. Log in to Klankbord to read "
            "it:\n%(link)s",
            link=f"{base_url}/staff/",
        )
        committee_body = _(
            "There is news on a formal complaint for your committee. Log in to Klankbord to "
            "read it:\n%(link)s",
            link=f"{base_url}/committee/",
        )
    for recipient in provider_recipients(session, complaint.provider_id):
        mail.queue(session, recipient, subject, body, now)
    if complaint.kind is ComplaintKind.FORMAL:
        for recipient in committee_recipients(session, provider.committee_id):
            mail.queue(session, recipient, subject, committee_body, now)


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
        link = f"{base_url}/committee/complaints/{complaint.id}"
    else:
        recipients = provider_recipients(session, complaint.provider_id)
        link = f"{base_url}/staff/complaints/{complaint.id}"
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a complaint deadline is near")
        if days_left >= 0:
            body = ngettext(
                "A deadline on complaint %(number)d ends in %(num)d day. Log in to Klankbord:\n"
                "%(link)s",
                "A deadline on complaint %(number)d ends in %(num)d days. Log in to Klankbord:\n"
                "%(link)s",
                days_left,
                number=complaint.id,
                link=link,
            )
        else:
            body = ngettext(
                "A deadline on complaint %(number)d passed %(num)d day ago. Log in to Klankbord:\n"
                "%(link)s",
                "A deadline on complaint %(number)d passed %(num)d days ago. Log in to Klankbord:\n"
                "%(link)s",
                -days_left,
                number=complaint.id,
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
    session: Session, complaint: Complaint, municipality: Municipality, now: datetime
) -> int:
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
    for recipient in recipients:
        mail.queue(session, recipient, subject, body, now)
    return len(recipients)

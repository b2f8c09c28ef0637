"""Notification mails. They say only that something happened, and where to look:
never the complaint's text, and to the municipality only provider and theme."""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlmodel import Session, select

from portal import mail
from portal.models import (
    Complaint,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    StaffMember,
    StaffRole,
)

from .labels import THEME_LABELS

STAFF_LANGUAGE = "nl"


def staff_recipients(session: Session, provider_id: int) -> list[str]:
    return list(
        session.exec(
            select(StaffMember.email).where(
                StaffMember.provider_id == provider_id,
                StaffMember.role == StaffRole.PROVIDER,
                StaffMember.active,
            )
        )
    )


def to_staff(session: Session, complaint: Complaint, base_url: str, now: datetime) -> None:
    """Written at the moment a complainant acts, so it names no complaint: the mail's
    exact time must not pin down when an anonymous complaint arrived."""
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: a complaint needs your attention")
        body = _(
            "There is news on a complaint about your organisation. Log in to Klankbord to read "
            "it:\n%(link)s",
            link=f"{base_url}/staff/",
        )
    for recipient in staff_recipients(session, complaint.provider_id):
        mail.queue(session, recipient, subject, body, now)


def deadline_reminder(
    session: Session, complaint: Complaint, days_left: int, base_url: str, now: datetime
) -> None:
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
    for recipient in staff_recipients(session, complaint.provider_id):
        mail.queue(session, recipient, subject, body, now)


def to_complainant(session: Session, complaint: Complaint, base_url: str, now: datetime) -> None:
    if not complaint.contact_email:
        return
    with force_locale(complaint.language):
        subject = _("Klankbord: there is news about your complaint")
        body = _(
            "There is news about your complaint. Go to %(link)s and fill in your receipt code "
            "to read it.\n\nThis e-mail holds nothing about your complaint on purpose.",
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

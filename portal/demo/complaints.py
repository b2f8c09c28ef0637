"""Demo staff accounts and complaints in every state, for a newcomer's first look."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, select

from portal import organisations
from portal.complaints import committee, service, workflow
from portal.complaints.clock import Terms
from portal.models import (
    ComplainantRole,
    Complaint,
    ComplaintKind,
    ComplaintRegime,
    ComplaintTheme,
    DecisionOutcome,
    OrganisationKind,
    Provider,
    StaffMember,
    StaffRole,
)
from portal.security import accounts

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105  (printed for the demo, refused nowhere else)
ADMIN_EMAIL = "beheer@klankbord.example"
COMMITTEE_EMAIL = "secretaris@klachtencommissie.example"

STORIES = [
    (
        ComplaintTheme.WAITING_TIME,
        "We wachten al 14 weken op de eerste afspraak. Niemand belt terug.",
    ),
    (
        ComplaintTheme.COMMUNICATION,
        "Afspraken werden afgezegd zonder dat iemand het ons liet weten.",
    ),
    (
        ComplaintTheme.TREATMENT,
        "De begeleider luisterde niet naar mijn zoon en praatte over hem heen.",
    ),
    (ComplaintTheme.COOPERATION, "School en de hulpverlener vertellen ons allebei iets anders."),
    (ComplaintTheme.SAFETY, "Op de groep wordt gepest en de leiding grijpt niet in."),
    (ComplaintTheme.REFUSAL, "Mijn dochter werd geweigerd omdat de gemeente nog niet had betaald."),
]

# (kind, steps taken, days ago received)
SCENARIOS = [
    (ComplaintKind.INFORMAL, [], 2),
    (ComplaintKind.INFORMAL, [], 9),
    (ComplaintKind.INFORMAL, ["acknowledge"], 12),
    (ComplaintKind.INFORMAL, ["acknowledge", "start", "reply"], 40),
    (ComplaintKind.INFORMAL, ["acknowledge", "start", "extend"], 50),
    (ComplaintKind.INFORMAL, ["acknowledge", "start", "reply", "decide"], 80),
    (ComplaintKind.INFORMAL, ["acknowledge", "decide", "to_committee"], 60),
    (ComplaintKind.FORMAL, ["confirm_receipt"], 30),
    (ComplaintKind.FORMAL, ["confirm_receipt", "hearing", "judge"], 70),
    (ComplaintKind.FORMAL, ["confirm_receipt", "hearing", "judge", "measures"], 120),
    (ComplaintKind.INFORMAL, ["withdraw"], 20),
]


def create_organisations(session: Session) -> None:
    """One complaints committee for every provider; the last provider is a municipal
    local team under the Awb."""
    body = organisations.save_organisation(
        session,
        None,
        OrganisationKind.COMMITTEE,
        "Klachtencommissie Jeugd Regio Utrecht",
        "commissie@klachtencommissie.example",
        "030 000 0000",
        "ma-vr 9-17 uur",
    )
    providers = session.exec(select(Provider).order_by(Provider.name)).all()
    for provider in providers:
        provider.committee_id = body.id
        provider.regulation_url = f"https://{provider.slug}.example/klachtenregeling"
        session.add(provider)
    if len(providers) > 3:
        team = providers[-1]
        team.regime, team.committee_id = ComplaintRegime.AWB, None
    session.commit()


def create_staff(session: Session, now: datetime) -> list[str]:
    """An administrator, a committee secretary and one complaints handler per provider;
    returns their e-mails."""
    create_organisations(session)
    emails = [ADMIN_EMAIL, COMMITTEE_EMAIL]
    accounts.create_staff(
        session, ADMIN_EMAIL, "Beheer", StaffRole.ADMINISTRATOR, DEMO_PASSWORD, now
    )
    body = session.exec(select(Provider.committee_id).where(Provider.committee_id.is_not(None)))
    accounts.create_staff(
        session,
        COMMITTEE_EMAIL,
        "Secretaris klachtencommissie",
        StaffRole.COMMITTEE_SECRETARY,
        DEMO_PASSWORD,
        now,
        organisation_id=body.first(),
    )
    for provider in session.exec(select(Provider).order_by(Provider.name)):
        email = f"klachten@{provider.slug}.example"
        accounts.create_staff(
            session,
            email,
            f"Klachten {provider.name}",
            StaffRole.PROVIDER,
            DEMO_PASSWORD,
            now,
            provider.id,
        )
        emails.append(email)
    return emails


def demo_logins(session: Session) -> list[str]:
    admin = session.exec(select(StaffMember).where(StaffMember.email == ADMIN_EMAIL)).first()
    if admin is None:
        return []
    return list(session.exec(select(StaffMember.email).where(StaffMember.email.like("%.example"))))


def create_complaints(session: Session, secret_key: str, now: datetime, rng: random.Random) -> int:
    terms = Terms()
    providers = session.exec(select(Provider).order_by(Provider.name)).all()
    count = 0
    for provider in providers[:3]:
        staff = session.exec(
            select(StaffMember).where(StaffMember.provider_id == provider.id)
        ).first()
        secretary = session.exec(
            select(StaffMember).where(StaffMember.email == COMMITTEE_EMAIL)
        ).one()
        for kind, steps, days_ago in SCENARIOS:
            theme, story = rng.choice(STORIES)
            received = now - timedelta(days=days_ago)
            ctx = service.Context(terms, secret_key, "http://127.0.0.1:5000", received)
            draft = service.ComplaintDraft(
                provider.id,
                theme,
                kind,
                story,
                "Een gesprek en excuses.",
                complainant_role=rng.choice(list(ComplainantRole)),
                contact_email="ouder@example.nl" if kind is ComplaintKind.FORMAL else None,
                complainant_name="J. de Vries" if kind is ComplaintKind.FORMAL else None,
            )
            filed = service.file_complaint(session, draft, secrets.token_urlsafe(18), ctx)
            complaint = session.get(Complaint, filed.complaint_id)
            for offset, step in enumerate(steps, start=1):
                who = secretary if step in COMMITTEE_STEPS else staff
                _take(session, complaint, who, step, ctx, received + timedelta(days=3 * offset))
            count += 1
    return count


COMMITTEE_STEPS = {"confirm_receipt", "hearing", "judge"}


def _take(
    session: Session,
    complaint: Complaint,
    staff: StaffMember,
    step: str,
    ctx: service.Context,
    when: datetime,
) -> None:
    ctx = service.Context(ctx.terms, ctx.code_pepper, ctx.base_url, when)
    actions = {
        "acknowledge": lambda: workflow.acknowledge(session, complaint, staff, ctx),
        "start": lambda: workflow.start(session, complaint, staff, ctx),
        "to_committee": lambda: service.to_committee(
            session, complaint, service.Identity("J. de Vries", email="ouder@example.nl"), ctx
        ),
        "confirm_receipt": lambda: committee.confirm_receipt(session, complaint, staff, ctx),
        "hearing": lambda: committee.record_hearing(
            session, complaint, staff, ctx.today, True, ctx
        ),
        "judge": lambda: committee.judge(
            session,
            complaint,
            staff,
            [committee.PartVerdict("De wachttijd", DecisionOutcome.PARTLY_UPHELD)],
            "De aanbieder had de familie eerder moeten informeren over de wachttijd.",
            "Bel wachtenden elke maand.",
            ctx,
        ),
        "reply": lambda: workflow.reply(
            session, complaint, staff, "Dank voor uw klacht. Wij bellen u deze week.", ctx
        ),
        "extend": lambda: workflow.extend(
            session, complaint, staff, 21, "De betrokken begeleider is met verlof.", ctx
        ),
        "decide": lambda: workflow.decide(
            session,
            complaint,
            staff,
            DecisionOutcome.PARTLY_UPHELD,
            "U had eerder bericht moeten krijgen. De wachttijd zelf ligt buiten onze macht.",
            ctx,
        ),
        "measures": lambda: workflow.record_measures(
            session,
            complaint,
            staff,
            "Wij bellen voortaan iedereen op de wachtlijst elke maand.",
            ctx,
        ),
        "withdraw": lambda: service.withdraw(session, complaint, ctx),
    }
    actions[step]()

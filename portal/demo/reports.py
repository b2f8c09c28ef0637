"""Demo data for the reports: a region, its client platform, earlier years' complaints,
and the closed years frozen, so the dashboard and the annual reports have figures."""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from portal import organisations
from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    Municipality,
    OrganisationKind,
    Provider,
    StaffRole,
)
from portal.reporting import snapshots
from portal.reporting.cube import Settings
from portal.security import accounts
from portal.timeutil import dutch_day

PLATFORM_EMAIL = "lid@clientplatform.example"


def load(session: Session, now: datetime, rng: random.Random, password: str, threshold: int) -> str:
    platform = organisations.save_organisation(
        session,
        None,
        OrganisationKind.CLIENT_PLATFORM,
        "Cliëntplatform Jeugd Regio Utrecht",
        "platform@clientplatform.example",
        "",
        "",
        region_name="Regio Utrecht",
    )
    for municipality in session.exec(select(Municipality)):
        municipality.region_id = platform.region_id
        session.add(municipality)
    session.commit()
    accounts.create_staff(
        session,
        PLATFORM_EMAIL,
        "Lid cliëntplatform",
        StaffRole.PLATFORM_MEMBER,
        password,
        now,
        organisation_id=platform.id,
    )
    today = dutch_day(now)
    made = _earlier_complaints(session, today.year - 1, rng)
    frozen = []
    settings = Settings(threshold, 7)
    for year in (today.year - 2, today.year - 1):
        snapshot = snapshots.freeze(session, year, settings, now, "year closed (demo)")
        if snapshot is not None:
            frozen.append(f"{year} v{snapshot.version}")
    return (
        f"Demo reports: a region with its client platform, {made} complaints of "
        f"{today.year - 1}, frozen {', '.join(frozen)}."
    )


def _earlier_complaints(session: Session, year: int, rng: random.Random) -> int:
    """Handled complaints of a closed year, with their dates (as an import would bring)."""
    providers = session.exec(select(Provider).order_by(Provider.name)).all()
    municipalities = session.exec(select(Municipality)).all()
    made = 0
    for provider in providers:
        numbered = session.exec(
            select(func.count()).select_from(Complaint).where(Complaint.provider_id == provider.id)
        ).one()
        for _ in range(rng.randint(6, 24)):
            received = date(year, 1, 1) + timedelta(days=rng.randint(0, 300))
            decided = received + timedelta(days=rng.randint(10, 50))
            numbered += 1
            session.add(
                Complaint(
                    provider_id=provider.id,
                    provider_number=numbered,
                    receipt_digest=secrets.token_hex(32),
                    municipality_id=rng.choice(municipalities).id,
                    theme=rng.choice(list(ComplaintTheme)),
                    kind=ComplaintKind.FORMAL if rng.random() < 0.2 else ComplaintKind.INFORMAL,
                    status=ComplaintStatus.DECIDED,
                    filed_anonymously=rng.random() < 0.3,
                    received_on=received,
                    acknowledged_on=received + timedelta(days=rng.randint(1, 9)),
                    decision_due_on=received + timedelta(weeks=6),
                    decided_on=decided,
                    closed_on=decided,
                    outcome=rng.choice(list(DecisionOutcome)),
                    last_activity_on=decided,
                )
            )
            made += 1
        provider.complaints_numbered = numbered
        session.add(provider)
    session.commit()
    return made

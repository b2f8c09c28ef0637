"""A small fixed data set for the reports, written straight into the tables."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from portal.models import (
    Audience,
    Channel,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    Municipality,
    Organisation,
    OrganisationKind,
    Questionnaire,
    QuestionnaireItem,
    Region,
    StaffRole,
    SurveyAnswer,
    SurveyResponse,
)
from portal.reporting import snapshots
from portal.reporting.cube import Settings
from tests.conftest import add_provider, add_staff


def item_id(db: Session, key: str, version: int = 1) -> int:
    return db.exec(
        select(QuestionnaireItem.id)
        .join(Questionnaire, Questionnaire.id == QuestionnaireItem.questionnaire_id)
        .where(Questionnaire.version == version, QuestionnaireItem.key == key)
    ).one()


def answers(
    db: Session,
    provider_id: int,
    audience: Audience,
    values: list[int | None],
    key: str = "fit_question",
    day: date = date(2025, 6, 1),
    municipality_id: int | None = None,
    channel: Channel = Channel.OPEN_LINK,
    version: int = 1,
) -> None:
    """One released response per value, each answering item ``key``."""
    item = item_id(db, key, version)
    questionnaire = db.exec(select(Questionnaire.id).where(Questionnaire.version == version)).one()
    for value in values:
        response = SurveyResponse(
            id=secrets.token_hex(16),
            provider_id=provider_id,
            questionnaire_id=questionnaire,
            audience=audience,
            channel=channel,
            submitted_on=day,
            municipality_id=municipality_id,
        )
        db.add(response)
        db.flush()
        db.add(SurveyAnswer(response_id=response.id, item_id=item, value=value))
    db.commit()


def complaint(
    db: Session,
    provider_id: int,
    received_on: date = date(2025, 3, 3),
    kind: ComplaintKind = ComplaintKind.INFORMAL,
    theme: ComplaintTheme = ComplaintTheme.WAITING_TIME,
    municipality_id: int | None = None,
    anonymous: bool = False,
    decided_after_days: int | None = 20,
    outcome: DecisionOutcome | None = DecisionOutcome.UPHELD,
) -> Complaint:
    decided_on = None if decided_after_days is None else received_on + timedelta(decided_after_days)
    number = db.exec(
        select(func.count()).select_from(Complaint).where(Complaint.provider_id == provider_id)
    ).one()
    row = Complaint(
        provider_number=number + 1,
        receipt_digest=secrets.token_hex(16),
        provider_id=provider_id,
        municipality_id=municipality_id,
        theme=theme,
        kind=kind,
        status=ComplaintStatus.DECIDED if decided_on else ComplaintStatus.IN_PROGRESS,
        filed_anonymously=anonymous,
        received_on=received_on,
        acknowledged_on=received_on + timedelta(days=2),
        decision_due_on=received_on + timedelta(weeks=6),
        decided_on=decided_on,
        closed_on=decided_on,
        outcome=outcome if decided_on else None,
    )
    db.add(row)
    db.commit()
    return row


FROZEN_AT = datetime(2026, 3, 18, 6, 0, tzinfo=UTC)


def make_region(db: Session):
    """Two providers, one in a region with a client platform; 2025 frozen."""
    region = Region(name="Utrecht e.o.")
    db.add(region)
    db.commit()
    inside = add_provider(db, "Binnen Jeugdhulp", "binnen", municipality="Utrecht")
    outside = add_provider(db, "Buiten Zorg", "buiten", municipality="Groningen")
    utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
    utrecht.region_id = region.id
    db.add(utrecht)
    platform = Organisation(
        kind=OrganisationKind.CLIENT_PLATFORM, name="Cliëntplatform Utrecht", region_id=region.id
    )
    db.add(platform)
    db.commit()
    answers(db, inside.id, Audience.YOUTH, [5] * 9 + [1] * 3)
    answers(db, inside.id, Audience.PARENT, [4, 4, 4])
    answers(db, outside.id, Audience.YOUTH, [3] * 15)
    complaint(db, inside.id, municipality_id=utrecht.id)
    snapshots.freeze(db, 2025, Settings(10, 7), FROZEN_AT, "year closed")
    member = add_staff(
        db, "lid@platform.example", None, StaffRole.PLATFORM_MEMBER, organisation_id=platform.id
    )
    return inside, outside, utrecht, member

"""The counts behind every figure: one GROUP BY per question, on SQLite and PostgreSQL.

Nothing here loops over answers or complaints in Python; the callers combine the
grouped rows (a handful per provider). A year is a calendar year of the day an
answer was sent (released answers only, see portal/survey/release.py) or a
complaint was received.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Date, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Integer
from sqlmodel import Session

from portal.models import (
    Complaint,
    ComplaintKind,
    Questionnaire,
    QuestionnaireItem,
    Scale,
    SurveyAnswer,
    SurveyResponse,
)


class days_between(FunctionElement):  # reads as the SQL function it compiles to
    """Whole days from the first date to the second."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(end, **kw)}) - "
        f"julianday({compiler.process(start, **kw)}) AS INTEGER)"
    )


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


def in_year(column: Any, year: int) -> ColumnElement[bool]:
    """A range on the column itself, so its index is used (no extract per row)."""
    return and_(column >= date(year, 1, 1), column < date(year + 1, 1, 1))


def positive(scale: Any, value: Any) -> ColumnElement[bool]:
    """What counts as a positive answer, per scale (the method page says the same):
    agree / good (4-5 of 5), a pass mark (6-10), yes, and for a count "3 or more"."""
    return or_(
        and_(scale.in_([Scale.AGREE.value, Scale.FFT.value]), value >= 4),
        and_(scale == Scale.MARK.value, value >= 6),
        and_(scale == Scale.YES_NO.value, value == 1),
        and_(scale == Scale.COUNT.value, value >= 3),
    )


def negative(scale: Any, value: Any) -> ColumnElement[bool]:
    return or_(
        and_(scale.in_([Scale.AGREE.value, Scale.FFT.value]), value <= 2),
        and_(scale == Scale.MARK.value, value <= 5),
        and_(scale == Scale.YES_NO.value, value == 0),
    )


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


class ItemRow(NamedTuple):
    unit: int | None  # provider id or municipality id (None: not given)
    key: str
    scale: str
    version: int
    audience: str
    valid: int
    dont_know: int
    not_applicable: int
    positive: int
    negative: int
    total: int  # sum of the values, for the mean


def survey_items(session: Session, year: int, by: str = "provider") -> list[ItemRow]:
    """Answers per item and respondent group, per provider or per home municipality."""
    unit = SurveyResponse.provider_id if by == "provider" else SurveyResponse.municipality_id
    item = QuestionnaireItem
    answer = SurveyAnswer
    statement = (
        select(
            unit,
            item.key,
            item.scale,
            Questionnaire.version,
            SurveyResponse.audience,
            func.count(answer.value),
            _count_if(and_(answer.value.is_(None), answer.not_applicable.is_(False))),
            _count_if(answer.not_applicable.is_(True)),
            _count_if(positive(item.scale, answer.value)),
            _count_if(negative(item.scale, answer.value)),
            func.coalesce(func.sum(answer.value), 0),
        )
        .select_from(answer)
        .join(SurveyResponse, SurveyResponse.id == answer.response_id)
        .join(item, item.id == answer.item_id)
        .join(Questionnaire, Questionnaire.id == item.questionnaire_id)
        .where(in_year(SurveyResponse.submitted_on, year))
        .group_by(unit, item.key, item.scale, Questionnaire.version, SurveyResponse.audience)
    )
    return [ItemRow(*row) for row in session.execute(statement)]


class ResponseRow(NamedTuple):
    provider_id: int
    audience: str
    channel: str
    responses: int
    safety_signals: int


def survey_responses(session: Session, year: int) -> list[ResponseRow]:
    statement = (
        select(
            SurveyResponse.provider_id,
            SurveyResponse.audience,
            SurveyResponse.channel,
            func.count(),
            _count_if(SurveyResponse.safety_signal.is_(True)),
        )
        .where(in_year(SurveyResponse.submitted_on, year))
        .group_by(SurveyResponse.provider_id, SurveyResponse.audience, SurveyResponse.channel)
    )
    return [ResponseRow(*row) for row in session.execute(statement)]


COMPLAINT_MEASURES = (
    "total",
    "formal",
    "informal",
    "anonymous",
    "acknowledged_in_time",
    "decided",
    "decided_in_time",
    "decided_in_time_extended",
    "judged",
    "judged_in_time",
    "measures_due",
    "measures_in_time",
    "open_at_year_end",
    "municipality_informed",
)


def _complaint_measures(year: int, acknowledge_days: int) -> list[Any]:
    c = Complaint
    year_end = literal(date(year, 12, 31), Date)
    return [
        func.count(),
        _count_if(c.kind == ComplaintKind.FORMAL.value),
        _count_if(c.kind == ComplaintKind.INFORMAL.value),
        _count_if(c.filed_anonymously.is_(True)),
        _count_if(days_between(c.received_on, c.acknowledged_on) <= acknowledge_days),
        _count_if(c.decided_on.is_not(None)),
        _count_if(and_(c.decided_on <= c.decision_due_on, c.extended_on.is_(None))),
        _count_if(and_(c.decided_on <= c.decision_due_on, c.extended_on.is_not(None))),
        _count_if(c.judged_on.is_not(None)),
        _count_if(c.judged_on <= c.judgement_due_on),
        _count_if(c.measures_due_on.is_not(None)),
        _count_if(c.measures_on <= c.measures_due_on),
        _count_if(or_(c.closed_on.is_(None), c.closed_on > year_end)),
        _count_if(c.municipality_informed_on.is_not(None)),
    ]


def complaints(
    session: Session, year: int, acknowledge_days: int, by: str = "provider"
) -> dict[int | None, dict[str, int]]:
    """Complaints received in the year and how their terms went, per provider or per
    the complainant's municipality. Terms are judged as they stand when counted."""
    unit = Complaint.provider_id if by == "provider" else Complaint.municipality_id
    statement = (
        select(unit, *_complaint_measures(year, acknowledge_days))
        .where(in_year(Complaint.received_on, year))
        .group_by(unit)
    )
    return {
        row[0]: dict(zip(COMPLAINT_MEASURES, map(int, row[1:]), strict=True))
        for row in session.execute(statement)
    }


def complaints_by(
    session: Session, year: int, column: Any, by: str = "provider"
) -> dict[int | None, dict[str, int]]:
    """Complaints of the year split by one column (theme, outcome)."""
    unit = Complaint.provider_id if by == "provider" else Complaint.municipality_id
    statement = (
        select(unit, column, func.count())
        .where(in_year(Complaint.received_on, year), column.is_not(None))
        .group_by(unit, column)
    )
    found: dict[int | None, dict[str, int]] = {}
    for owner, value, count in session.execute(statement):
        found.setdefault(owner, {})[getattr(value, "value", value)] = count
    return found

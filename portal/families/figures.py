"""Indicators of family arrangements per municipality and year, counted by the database.

Raw numbers: the reporting feature applies the small-group suppression. The year is the
year the arrangement was proposed. Seed 003 asks for the share of families with more
than two helpers for whom one contact person is arranged; issue 10 adds the rest.
They survive retention: they read only the arrangement's own counts and the
organisations involved, which retention keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, and_, case, cast, extract, func
from sqlmodel import Session, select

from portal.models import FamilyArrangement, FamilyOrganisation


@dataclass(frozen=True)
class Figures:
    municipality_id: int
    year: int
    arrangements: int
    at_least_two_helpers: int
    more_than_two_helpers: int
    agreed_with_deputy: int  # share: divide by arrangements
    confirmed_by_family: int
    change_requests: int
    disputes: int
    median_days_to_agreement: float | None


def _year() -> object:
    return cast(extract("year", FamilyArrangement.proposed_on), Integer)


def per_municipality_and_year(session: Session, year: int | None = None) -> list[Figures]:
    helpers = (
        select(
            FamilyOrganisation.arrangement_id.label("arrangement_id"),
            func.sum(FamilyOrganisation.helpers).label("helpers"),
        )
        .group_by(FamilyOrganisation.arrangement_id)
        .subquery()
    )
    year_column = _year().label("year")
    counted = func.coalesce(helpers.c.helpers, 0)
    statement = (
        select(
            FamilyArrangement.municipality_id,
            year_column,
            func.count(FamilyArrangement.id),
            func.sum(case((counted >= 2, 1), else_=0)),
            func.sum(case((counted > 2, 1), else_=0)),
            func.sum(case((FamilyArrangement.agreed_with_deputy, 1), else_=0)),
            func.sum(case((FamilyArrangement.family_confirmed, 1), else_=0)),
            func.sum(FamilyArrangement.change_requests),
            func.sum(FamilyArrangement.disputes),
        )
        .outerjoin(helpers, helpers.c.arrangement_id == FamilyArrangement.id)
        .group_by(FamilyArrangement.municipality_id, year_column)
        .order_by(FamilyArrangement.municipality_id, year_column)
    )
    if year is not None:
        statement = statement.where(_year() == year)
    medians = _medians(session, year)
    return [
        Figures(
            municipality_id=row[0],
            year=row[1],
            arrangements=row[2],
            at_least_two_helpers=row[3] or 0,
            more_than_two_helpers=row[4] or 0,
            agreed_with_deputy=row[5] or 0,
            confirmed_by_family=row[6] or 0,
            change_requests=row[7] or 0,
            disputes=row[8] or 0,
            median_days_to_agreement=medians.get((row[0], row[1])),
        )
        for row in session.exec(statement)
    ]


def _medians(session: Session, year: int | None) -> dict[tuple[int, int], float]:
    """The median of days from proposal to first agreement, with window functions: the
    middle row (odd count) or the mean of the two middle rows (even count)."""
    group = (FamilyArrangement.municipality_id, _year())
    ranked = select(
        FamilyArrangement.municipality_id.label("municipality_id"),
        _year().label("year"),
        FamilyArrangement.days_to_agreement.label("days"),
        func.row_number()
        .over(partition_by=group, order_by=FamilyArrangement.days_to_agreement)
        .label("position"),
        func.count().over(partition_by=group).label("total"),
    ).where(FamilyArrangement.days_to_agreement.is_not(None))
    if year is not None:
        ranked = ranked.where(_year() == year)
    ranked = ranked.subquery()
    middle = and_(
        ranked.c.position >= (ranked.c.total + 1) // 2,
        ranked.c.position <= (ranked.c.total + 2) // 2,
    )
    statement = (
        select(ranked.c.municipality_id, ranked.c.year, func.avg(ranked.c.days))
        .where(middle)
        .group_by(ranked.c.municipality_id, ranked.c.year)
    )
    return {(row[0], row[1]): float(row[2]) for row in session.exec(statement)}

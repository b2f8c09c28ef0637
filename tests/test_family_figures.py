"""Indicators per municipality and year, counted by the database: on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, SQLModel

import portal.models  # noqa: F401  (every table)
from portal.families.figures import per_municipality_and_year
from portal.models import FamilyArrangement, FamilyOrganisation, Municipality, Provider
from portal.operations import migrate
from tests.postgres import running_server


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request, tmp_path) -> Iterator[Session]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'figures.sqlite3'}")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            yield session
        engine.dispose()
        return
    with running_server() as url:
        migrate.upgrade(url)
        engine = create_engine(url)
        with Session(engine) as session:
            yield session
        engine.dispose()


def add(
    session, place, providers, proposed, helpers, days=None, deputy=False, confirmed=False, **kw
):
    arrangement = FamilyArrangement(
        municipality_id=place.id,
        provider_id=providers[0].id,
        proposed_on=proposed,
        days_to_agreement=days,
        agreed_on=date(proposed.year, 12, 31) if days is not None else None,
        agreed_with_deputy=deputy,
        family_confirmed=confirmed,
        **kw,
    )
    session.add(arrangement)
    session.flush()
    for provider, count in zip(providers, helpers, strict=True):
        session.add(
            FamilyOrganisation(
                arrangement_id=arrangement.id, provider_id=provider.id, helpers=count
            )
        )


def test_counts_shares_and_median_per_municipality_and_year(session):
    utrecht, zeist = (
        Municipality(name="Utrecht", cbs_code="GM0344"),
        Municipality(name="Zeist", cbs_code="GM0355"),
    )
    a, b = Provider(name="A", slug="a"), Provider(name="B", slug="b")
    session.add_all([utrecht, zeist, a, b])
    session.flush()
    both = [a, b]
    add(session, utrecht, both, date(2026, 2, 1), [1, 1], days=4, deputy=True, confirmed=True)
    add(
        session, utrecht, both, date(2026, 3, 1), [2, 1], days=10, confirmed=True, change_requests=2
    )
    add(session, utrecht, both, date(2026, 4, 1), [2, 2], days=6, deputy=True, disputes=1)
    add(session, utrecht, both, date(2026, 5, 1), [1, 1], days=20, confirmed=True)
    add(session, utrecht, both, date(2026, 6, 1), [1, 1])  # never agreed
    add(session, utrecht, both, date(2025, 6, 1), [3, 1], days=7)
    add(session, zeist, both, date(2026, 6, 1), [1, 1], days=3)
    session.commit()

    figures = {(f.municipality_id, f.year): f for f in per_municipality_and_year(session)}
    this_year = figures[(utrecht.id, 2026)]
    assert this_year.arrangements == 5
    assert this_year.at_least_two_helpers == 5
    assert this_year.more_than_two_helpers == 2
    assert this_year.agreed_with_deputy == 2
    assert this_year.confirmed_by_family == 3
    assert (this_year.change_requests, this_year.disputes) == (2, 1)
    assert this_year.median_days_to_agreement == 8.0  # 4, 6, 10, 20
    assert figures[(utrecht.id, 2025)].median_days_to_agreement == 7.0
    assert figures[(zeist.id, 2026)].median_days_to_agreement == 3.0
    only_2025 = per_municipality_and_year(session, year=2025)
    assert [(f.municipality_id, f.arrangements) for f in only_2025] == [(utrecht.id, 1)]

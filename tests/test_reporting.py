"""The reporting core against hand-computed figures on a small fixed data set."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from portal.models import Audience, ComplaintKind, ComplaintTheme, Municipality
from portal.reporting import snapshots
from portal.reporting.cube import HIDDEN, Settings, build_year
from tests.conftest import add_provider
from tests.reporting_helpers import answers, complaint

SETTINGS = Settings(threshold=10, acknowledge_days=7)
NOW = datetime(2026, 4, 1, 4, 0, tzinfo=UTC)


@pytest.fixture
def region(db: Session):
    a = add_provider(db, "Aanbieder A", "a", municipality="Utrecht")
    b = add_provider(db, "Aanbieder B", "b", municipality="Zeist")
    utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
    zeist = db.exec(select(Municipality).where(Municipality.name == "Zeist")).one()
    return a, b, utrecht, zeist


def test_survey_figures_per_group_with_small_groups_hidden(db, region):
    a, _b, _utrecht, _zeist = region
    # Youths: 12 answers, 8 positive (4-5), 2 negative (1-2), 2 neutral; 1 don't know.
    answers(db, a.id, Audience.YOUTH, [5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 1, 2, None])
    # Parents: 10 answers, all 4.
    answers(db, a.id, Audience.PARENT, [4] * 10)
    # Foster parents: 3 answers: fewer than K.
    answers(db, a.id, Audience.FOSTER_PARENT, [1, 1, 2])
    figures = build_year(db, 2025, SETTINGS).parts[f"provider:{a.id}"]
    item = figures["survey"]["items"]["fit_question"]["groups"]
    assert item["youth"] == {
        "n": 12,
        "positive": 67,  # 8 of 12
        "negative": 17,  # 2 of 12
        "dont_know": 8,  # 1 of 13 who answered the item
        "not_applicable": 0,
        "mean": 3.7,  # 44 / 12
    }
    assert item["foster_parent"] == HIDDEN
    # All = 25 = 12 + 10 + 3: with parents shown, foster = all - youth - parent. So the
    # next smallest group (parents, 10) is hidden too.
    assert item["parent"] == HIDDEN
    assert item["all"]["n"] == 25
    assert figures["survey"]["responses"]["foster_parent"] == HIDDEN


def test_other_years_do_not_count(db, region):
    a, *_ = region
    answers(db, a.id, Audience.YOUTH, [5] * 12, day=date(2024, 12, 31))
    answers(db, a.id, Audience.YOUTH, [1] * 12, day=date(2026, 1, 1))
    figures = build_year(db, 2025, SETTINGS).parts[f"provider:{a.id}"]
    assert figures["survey"]["items"] == {}


def test_complaints_total_is_exact_and_its_breakdown_protected(db, region):
    a, _b, utrecht, zeist = region
    for _ in range(11):
        complaint(db, a.id, municipality_id=utrecht.id)
    complaint(
        db,
        a.id,
        kind=ComplaintKind.FORMAL,
        theme=ComplaintTheme.SAFETY,
        municipality_id=zeist.id,
        anonymous=True,
        decided_after_days=50,
    )
    figures = build_year(db, 2025, SETTINGS).parts
    mine = figures[f"provider:{a.id}"]["complaints"]
    assert mine["total"] == 12
    assert mine["formal"] == HIDDEN and mine["informal"] == HIDDEN
    assert mine["themes"] == {"waiting_time": HIDDEN, "safety": HIDDEN}
    assert mine["anonymous"] == HIDDEN
    # 11 of 12 decided within six weeks without extension; 12 decided.
    assert mine["rates"]["decided_in_time"] == 92
    assert mine["rates"]["acknowledged_in_time"] == 100
    residents = figures[f"municipality:{utrecht.id}"]["residents"]["complaints"]
    # Utrecht 11 + Zeist 1 = the exact 12: Zeist's one may not be found by subtraction.
    assert figures[f"municipality:{zeist.id}"]["residents"]["complaints"]["total"] == HIDDEN
    assert residents["total"] == HIDDEN


def test_a_closed_year_is_frozen_and_a_correction_is_a_new_version(db, region):
    a, *_ = region
    answers(db, a.id, Audience.YOUTH, [5] * 12)
    first = snapshots.freeze(db, 2025, SETTINGS, NOW, "year closed")
    assert first is not None and first.version == 1
    assert snapshots.freeze(db, 2025, SETTINGS, NOW, "again, nothing new") is None
    answers(db, a.id, Audience.YOUTH, [1])
    second = snapshots.freeze(db, 2025, SETTINGS, NOW, "a late answer")
    assert second is not None and second.version == 2
    # Where it changed, never the values: a late answer's content stays unlisted.
    assert second.changes == f"provider:{a.id} survey"
    assert snapshots.part(db, first, f"provider:{a.id}")["survey"]["responses"]["youth"] == 12
    with pytest.raises(snapshots.YearNotClosed):
        snapshots.freeze(db, 2026, SETTINGS, NOW, "too early")


def test_a_questionnaire_change_starts_a_new_series_and_a_rename_keeps_the_trend(db, region):
    from portal.reporting import annual

    a, _b, utrecht, _zeist = region
    answers(db, a.id, Audience.YOUTH, [4] * 12, key="overall", day=date(2024, 5, 1))
    snapshots.freeze(db, 2024, SETTINGS, NOW, "year closed")
    a.name = "Aanbieder A (nieuwe naam)"
    db.add(a)
    db.commit()
    answers(db, a.id, Audience.YOUTH, [8] * 12, key="overall_mark", version=2)
    snapshot = snapshots.freeze(db, 2025, SETTINGS, NOW, "year closed")
    years = annual.Year(db)
    assert annual.series_breaks(years, 2025) == (["overall_mark"], ["overall"])
    report = annual.build(db, snapshot, utrecht, years=years)
    assert report.providers[0].name == "Aanbieder A (nieuwe naam)"
    earlier = report.trend[2024]["providers"][a.id]
    assert earlier["headline"][0] == "overall" and earlier["headline"][1]["positive"] == 100
    assert report.trend[2025]["providers"][a.id]["headline"][0] == "overall_mark"
    assert report.trend[2023] == {"frozen": False}

"""The annual report of one municipality, as plain data read from the frozen year.

Every number comes from the year's snapshot (already protected); this module only
selects and arranges: the providers that served the municipality, its residents,
the five quality themes, the trend over the two years before and the region
comparison. The HTML, PDF and CSV are drawn from this one document, so they say
the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from portal.models import Dimension, Municipality, QualityTheme, ReportSnapshot

from . import snapshots
from .cube import ALL, GROUPS
from .themes import HEADLINE_ITEMS, MCJO_THEMES, NOT_MEASURED, QUALITY_THEME_DIMENSIONS

REPORT_GROUPS = ("youth", "parent")  # the report shows youths and parents separately
TREND_YEARS = 2  # the two years before
MIN_PROVIDERS_FOR_AVERAGE = 3  # a region average only over at least 3 providers each ≥ K


@dataclass
class ProviderSection:
    id: int
    name: str
    survey_held: bool
    responses: int | str
    items: dict[str, dict[str, Any]]  # key -> group -> figure
    complaints: dict[str, Any]


@dataclass
class Report:
    year: int
    version: int
    as_at: date
    threshold: int
    municipality: str
    cbs_code: str
    providers: list[ProviderSection]
    residents: dict[str, Any]
    themes: dict[str, list[str]]  # quality theme -> item keys present this year
    mcjo: dict[str, list[str]]
    dimensions: dict[str, str]  # item key -> dimension
    trend: dict[int, dict[str, Any]]  # year -> {"providers": {id: {...}}, "resident_complaints"}
    region: dict[str, dict[str, Any]]  # key -> group -> average or None
    region_name: str = ""
    not_measured: tuple[str, ...] = NOT_MEASURED
    platform_comment: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(p.survey_held or p.complaints.get("total") for p in self.providers) or bool(
            self.residents.get("complaints", {}).get("total")
        )


class Year:
    """Frozen years read once: building every municipality's report reads each year's
    parts a single time and each region's averages once, not once per report."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._latest: dict[int, ReportSnapshot | None] = {}
        self._parts: dict[tuple[int, str], dict[str, dict[str, Any]]] = {}
        self._regions: dict[tuple[int, int], dict[str, dict[str, Any]]] = {}

    def latest(self, year: int) -> ReportSnapshot | None:
        if year not in self._latest:
            self._latest[year] = snapshots.latest(self.session, year)
        return self._latest[year]

    def parts(self, snapshot: ReportSnapshot, prefix: str) -> dict[str, dict[str, Any]]:
        key = (snapshot.id, prefix)
        if key not in self._parts:
            self._parts[key] = snapshots.parts(self.session, snapshot, prefix)
        return self._parts[key]

    def region(self, snapshot: ReportSnapshot, region_id: int) -> dict[str, dict[str, Any]]:
        key = (snapshot.id, region_id)
        if key not in self._regions:
            municipalities = self.parts(snapshot, "municipality:")
            providers = self.parts(snapshot, "provider:")
            in_region = {
                pid
                for content in municipalities.values()
                if content.get("region_id") == region_id
                for pid in content["providers"]
            }
            self._regions[key] = region_averages(
                [
                    providers[f"provider:{p}"]
                    for p in sorted(in_region)
                    if f"provider:{p}" in providers
                ]
            )
        return self._regions[key]


def build(
    session: Session,
    snapshot: ReportSnapshot,
    municipality: Municipality,
    comment: str = "",
    years: Year | None = None,
) -> Report:
    years = years or Year(session)
    part = years.parts(snapshot, "municipality:").get(f"municipality:{municipality.id}") or {
        "providers": [],
        "residents": {},
    }
    provider_parts = years.parts(snapshot, "provider:")
    providers = [
        _provider_section(pid, provider_parts[f"provider:{pid}"])
        for pid in part["providers"]
        if f"provider:{pid}" in provider_parts
    ]
    own = [
        provider_parts[f"provider:{pid}"]
        for pid in part["providers"]
        if f"provider:{pid}" in provider_parts
    ]
    dimensions = _dimensions(own, part)
    return Report(
        year=snapshot.year,
        version=snapshot.version,
        as_at=snapshot.created_on,
        threshold=snapshot.threshold,
        municipality=municipality.name,
        cbs_code=municipality.cbs_code,
        providers=sorted(providers, key=lambda p: p.name),
        residents=part.get("residents", {}),
        themes=_keys_by(QUALITY_THEME_DIMENSIONS, dimensions),
        mcjo=_keys_by(MCJO_THEMES, dimensions),
        dimensions=dimensions,
        trend=_trend(years, snapshot.year, municipality, part["providers"]),
        region=years.region(snapshot, municipality.region_id) if municipality.region_id else {},
        platform_comment=comment,
    )


def _provider_section(provider_id: int, content: dict[str, Any]) -> ProviderSection:
    survey = content["survey"]
    responses = survey.get("responses", {}).get(ALL, 0)
    items = {
        key: {group: entry["groups"].get(group) for group in (*REPORT_GROUPS, ALL)}
        for key, entry in survey.get("items", {}).items()
    }
    return ProviderSection(
        id=provider_id,
        name=content["name"],
        survey_held=responses != 0,
        responses=responses,
        items=items,
        complaints=content["complaints"],
    )


def _dimensions(provider_parts: Any, part: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for content in [*provider_parts, part.get("residents", {})]:
        for key, entry in content.get("survey", {}).get("items", {}).items():
            found[key] = entry["dimension"]
    return found


def _keys_by(table: dict[Any, tuple[Dimension, ...]], dimensions: dict[str, str]) -> dict:
    return {
        getattr(theme, "value", theme): [k for k, d in dimensions.items() if d in members]
        for theme, members in table.items()
    }


def headline(content: dict[str, Any], group: str = ALL) -> tuple[str, Any] | None:
    """The headline figure of a provider part: the newest headline item it has."""
    items = content.get("survey", {}).get("items", {})
    for key in HEADLINE_ITEMS:
        if key in items:
            return key, items[key]["groups"].get(group)
    return None


def _trend(
    years: Year, year: int, municipality: Municipality, provider_ids: list[int]
) -> dict[int, dict[str, Any]]:
    trend: dict[int, dict[str, Any]] = {}
    for earlier in range(year - TREND_YEARS, year + 1):
        snapshot = years.latest(earlier)
        if snapshot is None:
            trend[earlier] = {"frozen": False}
            continue
        provider_parts = years.parts(snapshot, "provider:")
        own = years.parts(snapshot, "municipality:").get(f"municipality:{municipality.id}") or {}
        trend[earlier] = {
            "frozen": True,
            # By id: a provider renamed since keeps its row (the name is this year's).
            "providers": {
                pid: {
                    "headline": headline(provider_parts[f"provider:{pid}"]),
                    "complaints": provider_parts[f"provider:{pid}"]["complaints"].get("total", 0),
                }
                for pid in provider_ids
                if f"provider:{pid}" in provider_parts
            },
            "resident_complaints": own.get("residents", {}).get("complaints", {}).get("total", 0),
        }
    return trend


def region_averages(
    provider_parts: list[dict[str, Any]], groups: tuple[str, ...] = (*GROUPS, ALL)
) -> dict[str, dict[str, Any]]:
    """Per item and group, the average over providers that each showed at least K
    answers, weighted by their answers; only when at least three providers did.
    Only shown figures go in, so the average reveals nothing a page did not."""
    averages: dict[str, dict[str, Any]] = {}
    keys = {key for content in provider_parts for key in content["survey"].get("items", {})}
    for key in sorted(keys):
        for group in groups:
            figures = [
                content["survey"]["items"][key]["groups"].get(group)
                for content in provider_parts
                if key in content["survey"].get("items", {})
            ]
            shown = [f for f in figures if isinstance(f, dict) and isinstance(f["positive"], int)]
            average = None
            if len(shown) >= MIN_PROVIDERS_FOR_AVERAGE:
                answers = sum(f["n"] for f in shown)
                average = {
                    "providers": len(shown),
                    "n": answers,
                    "positive": round(sum(f["positive"] * f["n"] for f in shown) / answers),
                    "mean": round(sum((f["mean"] or 0) * f["n"] for f in shown) / answers, 1),
                }
            averages.setdefault(key, {})[group] = average
    return averages


QUALITY_THEMES = tuple(theme.value for theme in QualityTheme)


def series_breaks(years: Year, year: int) -> tuple[list[str], list[str]]:
    """Questions asked in ``year`` but not the year before, and the other way round:
    a changed scale is a new key, so its series starts again instead of mixing."""
    keys = []
    for one in (year - 1, year):
        snapshot = years.latest(one)
        parts = years.parts(snapshot, "provider:") if snapshot else {}
        keys.append({k for content in parts.values() for k in content["survey"].get("items", {})})
    before, now = keys
    if not before or not now:
        return [], []
    return sorted(now - before), sorted(before - now)

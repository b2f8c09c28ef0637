"""What the client platform and the providers see: rows read from frozen years.

Flask-free; every screen and its CSV export take the same rows from here, so the
CSV holds exactly what is on screen. Region-scoped: a platform sees the providers
that serve a municipality of its region, per the year's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from portal.models import ReportSnapshot

from . import snapshots
from .annual import headline, region_averages
from .cube import ALL, GROUPS
from .themes import QUALITY_THEME_DIMENSIONS


@dataclass(frozen=True)
class ProviderRow:
    id: int
    name: str
    responses: Any
    headline_key: str | None
    headline: Any  # the figure dict, the HIDDEN mark, or None
    complaints: Any


def region_providers(
    session: Session, snapshot: ReportSnapshot, region_id: int | None
) -> dict[int, dict[str, Any]]:
    """Provider parts of the year for the providers serving the region."""
    municipalities = snapshots.parts(session, snapshot, "municipality:")
    ids = {
        pid
        for content in municipalities.values()
        if region_id is None or content.get("region_id") == region_id
        for pid in content["providers"]
    }
    providers = snapshots.parts(session, snapshot, "provider:")
    return {
        pid: providers[f"provider:{pid}"] for pid in sorted(ids) if f"provider:{pid}" in providers
    }


def provider_rows(parts: dict[int, dict[str, Any]]) -> list[ProviderRow]:
    rows = []
    for pid, content in parts.items():
        found = headline(content)
        rows.append(
            ProviderRow(
                id=pid,
                name=content["name"],
                responses=content["survey"].get("responses", {}).get(ALL, 0),
                headline_key=found[0] if found else None,
                headline=found[1] if found else None,
                complaints=content["complaints"].get("total", 0),
            )
        )
    return sorted(rows, key=lambda row: row.name)


def theme_headlines(parts: dict[int, dict[str, Any]]) -> dict[str, list[tuple[str, Any]]]:
    """Per quality theme: its items with the region average (everyone), or None."""
    averages = region_averages(list(parts.values()), (ALL,))
    dimension_of = {
        key: entry["dimension"]
        for content in parts.values()
        for key, entry in content["survey"].get("items", {}).items()
    }
    found: dict[str, list[tuple[str, Any]]] = {}
    for theme, dimensions in QUALITY_THEME_DIMENSIONS.items():
        found[theme.value] = [
            (key, averages.get(key, {}).get(ALL))
            for key, dimension in sorted(dimension_of.items())
            if dimension in dimensions
        ]
    return found


def theme_table(
    parts: dict[int, dict[str, Any]], theme: str
) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    """The theme's items, and per provider its figure per item (everyone)."""
    dimensions = {
        d.value for t, ds in QUALITY_THEME_DIMENSIONS.items() if t.value == theme for d in ds
    }
    keys = sorted(
        {
            key
            for content in parts.values()
            for key, entry in content["survey"].get("items", {}).items()
            if entry["dimension"] in dimensions
        }
    )
    rows = [
        (
            content["name"],
            {
                key: content["survey"]["items"].get(key, {}).get("groups", {}).get(ALL)
                for key in keys
            },
        )
        for content in sorted(parts.values(), key=lambda c: c["name"])
    ]
    return keys, rows


@dataclass(frozen=True)
class TrendPoint:
    year: int
    key: str | None  # the headline item: a new key is a new series (another scale)
    figure: Any


def trend(session: Session, provider_id: int, year: int, span: int = 3) -> list[TrendPoint]:
    """The headline figure of the provider over ``span`` frozen years up to ``year``."""
    points = []
    for earlier in range(year - span + 1, year + 1):
        snapshot = snapshots.latest(session, earlier)
        content = snapshots.part(session, snapshot, f"provider:{provider_id}") if snapshot else None
        found = headline(content) if content else None
        points.append(TrendPoint(earlier, *(found if found else (None, None))))
    return points


def groups() -> tuple[str, ...]:
    return (*GROUPS, ALL)


ITEM_CSV_HEADER = (
    "item",
    "group",
    "n",
    "positive",
    "negative",
    "dont_know",
    "not_applicable",
    "mean",
)


def item_rows(items: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The answers table as CSV rows: every figure the screen shows, hidden ones marked."""
    rows = []
    for key, entry in sorted(items.items()):
        for group in (*GROUPS, ALL):
            figure = entry["groups"].get(group)
            if isinstance(figure, dict):
                rows.append((key, group, *(_blank(figure[f]) for f in ITEM_CSV_HEADER[2:])))
            else:
                rows.append((key, group, *([_blank(figure)] * (len(ITEM_CSV_HEADER) - 2))))
    return rows


def _blank(value: Any) -> Any:
    return "" if value is None else value

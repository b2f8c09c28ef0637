"""One calendar year's counts as cells, the sums that tie them, and what gets published.

``build_year`` runs the grouped queries, names every count as a cell, lists the
relations (a total is the sum of its parts) and asks ``suppression.protect`` which
cells to hide, for the whole year at once: a provider's page, a municipality's
report and the platform's tables all come from this one protected set.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from portal.models import (
    QUALITY_THEME,
    Audience,
    Complaint,
    Municipality,
    Provider,
    ProviderMunicipality,
    Questionnaire,
    QuestionnaireItem,
)

from . import queries, residents
from .suppression import Key, Relation, protect

GROUPS = tuple(audience.value for audience in Audience)
ALL = "all"
# A published cell: a number, or HIDDEN: fewer than K people, or hidden so that such
# a small number cannot be found by subtraction. One mark for both (suppression.py).
HIDDEN = "hidden"


@dataclass
class Cells:
    counts: dict[Key, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    exact: set[Key] = field(default_factory=set)

    def add(self, key: Key, count: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(count)

    def relate(self, total: Key, parts: list[Key]) -> None:
        for cell in (total, *parts):
            self.counts.setdefault(cell, 0)
        if len(parts) > 1:
            self.relations.append(Relation(total, tuple(parts)))


@dataclass(frozen=True)
class Settings:
    threshold: int
    acknowledge_days: int


@dataclass
class YearFigures:
    """Everything published about one year, per scope ("provider:12", ...)."""

    year: int
    threshold: int
    parts: dict[str, dict[str, Any]]
    hidden: frozenset[Key] = frozenset()


def build_year(
    session: Session, year: int, settings: Settings, forced: frozenset[Key] = frozenset()
) -> YearFigures:
    cells = Cells()
    item_meta = _item_meta(session)
    providers = {p.id: p for p in session.exec(select(Provider))}
    municipalities = {m.id: m for m in session.exec(select(Municipality))}

    item_rows = {by: queries.survey_items(session, year, by) for by in ("provider", "municipality")}
    item_stats = {by: _add_item_cells(cells, by, rows) for by, rows in item_rows.items()}
    responses = queries.survey_responses(session, year)
    _add_response_cells(cells, responses)
    complaint_figures = _add_complaint_cells(session, cells, year, settings.acknowledge_days)
    resident_figures = residents.add_cells(session, cells, year)

    hidden = protect(cells.counts, cells.relations, settings.threshold, cells.exact, forced)
    shown = Publisher(cells.counts, hidden, settings.threshold)

    parts: dict[str, dict[str, Any]] = {}
    serving = _serving(session)
    for provider_id, provider in providers.items():
        parts[f"provider:{provider_id}"] = {
            "name": provider.name,
            "survey": _survey_part(shown, "p", provider_id, item_stats["provider"], item_meta),
            "complaints": _complaint_part(shown, "p", provider_id, complaint_figures),
            "municipalities": sorted(serving.get(provider_id, ())),
        }
    for municipality_id, municipality in municipalities.items():
        served_by = sorted(p for p, ms in serving.items() if municipality_id in ms)
        parts[f"municipality:{municipality_id}"] = {
            "name": municipality.name,
            "cbs_code": municipality.cbs_code,
            "region_id": municipality.region_id,
            "providers": served_by,
            "residents": {
                "survey": _survey_part(
                    shown, "m", municipality_id, item_stats["municipality"], item_meta
                ),
                "complaints": _complaint_part(shown, "m", municipality_id, complaint_figures),
                **residents.publish(shown, municipality_id, resident_figures),
            },
        }
    return YearFigures(year, settings.threshold, parts, hidden)


class Publisher:
    """Turns protected cells into published values."""

    def __init__(self, counts: dict[Key, int], hidden: frozenset[Key], threshold: int):
        self.counts = counts
        self.hidden = hidden
        self.threshold = threshold

    def count(self, key: Key) -> int | str:
        if key in self.hidden:
            return HIDDEN
        return self.counts.get(key, 0)

    def rate(self, part: int, base_key: Key) -> int | str | None:
        """A percentage of a shown base of at least K; never of a small base."""
        base = self.counts.get(base_key, 0)
        if base_key in self.hidden or 0 < base < self.threshold:
            return HIDDEN
        return round(100 * part / base) if base else None


def _item_meta(session: Session) -> dict[str, tuple[str, str]]:
    """Item key -> (dimension, scale); a key keeps one scale over all versions."""
    rows = session.exec(
        select(QuestionnaireItem.key, QuestionnaireItem.dimension, QuestionnaireItem.scale)
        .join(Questionnaire, Questionnaire.id == QuestionnaireItem.questionnaire_id)
        .order_by(Questionnaire.version, QuestionnaireItem.position)
    )
    return {key: (dimension.value, scale.value) for key, dimension, scale in rows}


def _add_item_cells(cells: Cells, by: str, rows: list[queries.ItemRow]) -> dict:
    """Per (unit, item, group): valid answers as the cell, the rest as its statistics."""
    unit_code = "p" if by == "provider" else "m"
    stats: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for row in rows:
        for group in (row.audience, ALL):
            totals = stats[(row.unit, row.key, group)]
            for index, value in enumerate(
                (
                    row.valid,
                    row.dont_know,
                    row.not_applicable,
                    row.positive,
                    row.negative,
                    row.total,
                )
            ):
                totals[index] += int(value)
    units_items = {(unit, key) for unit, key, _ in stats}
    for unit, key in units_items:
        parts = [("sv", unit_code, unit, key, group) for group in GROUPS]
        for group in (*GROUPS, ALL):
            cells.add(("sv", unit_code, unit, key, group), stats.get((unit, key, group), [0])[0])
        cells.relate(("sv", unit_code, unit, key, ALL), parts)
    by_unit: dict[Any, dict[tuple[str, str], list[int]]] = defaultdict(dict)
    for (unit, key, group), values in stats.items():
        by_unit[unit][(key, group)] = values
    return by_unit


def _survey_part(shown: Publisher, code: str, unit: Any, stats: dict, meta: dict) -> dict:
    items: dict[str, Any] = {}
    mine = stats.get(unit, {})
    # Every group of every item this unit has, also a group where nobody answered: a
    # hidden empty group must show the hidden mark, not give itself away as "–".
    for key, group in {(key, group) for key, _ in mine for group in (*GROUPS, ALL)}:
        valid, dont_know, na, pos, neg, total = mine.get((key, group), [0] * 6)
        cell = ("sv", code, unit, key, group)
        answered = valid + dont_know + na
        value = shown.count(cell)
        figure: dict[str, Any] | str
        if isinstance(value, str):
            figure = value
        else:
            figure = {
                "n": valid,
                "positive": shown.rate(pos, cell),
                "negative": shown.rate(neg, cell),
                "dont_know": round(100 * dont_know / answered) if answered else None,
                "not_applicable": round(100 * na / answered) if answered else None,
                "mean": round(total / valid, 1) if valid else None,
            }
        dimension, scale = meta.get(key, ("", ""))
        entry = items.setdefault(key, {"dimension": dimension, "scale": scale, "groups": {}})
        entry["groups"][group] = figure
    part: dict[str, Any] = {"items": items}
    if code == "p":
        part["responses"] = {g: shown.count(("rs", unit, g)) for g in (*GROUPS, ALL)}
        part["channels"] = {c: shown.count(("ch", unit, c)) for c in ("invitation", "open_link")}
        part["safety_signals"] = shown.count(("sig", unit))
    return part


def _add_response_cells(cells: Cells, rows: list[queries.ResponseRow]) -> None:
    providers = set()
    for row in rows:
        providers.add(row.provider_id)
        cells.add(("rs", row.provider_id, row.audience), row.responses)
        cells.add(("rs", row.provider_id, ALL), row.responses)
        cells.add(("ch", row.provider_id, row.channel), row.responses)
        cells.add(("sig", row.provider_id), row.safety_signals)
    for provider in providers:
        total = ("rs", provider, ALL)
        cells.relate(total, [("rs", provider, g) for g in GROUPS])
        cells.relate(total, [("ch", provider, c) for c in ("invitation", "open_link")])


RATES = {
    # rate: (the count, its base)
    "acknowledged_in_time": ("acknowledged_in_time", "total"),
    "decided_in_time": ("decided_in_time", "decided"),
    "decided_in_time_extended": ("decided_in_time_extended", "decided"),
    "judged_in_time": ("judged_in_time", "judged"),
    "measures_in_time": ("measures_in_time", "measures_due"),
}
SHOWN_COUNTS = ("anonymous", "open_at_year_end", "municipality_informed", "decided", "judged")


def _add_complaint_cells(session: Session, cells: Cells, year: int, acknowledge_days: int) -> dict:
    figures: dict[str, dict] = {}
    for code, by in (("p", "provider"), ("m", "municipality")):
        measures = queries.complaints(session, year, acknowledge_days, by)
        themes = queries.complaints_by(session, year, Complaint.theme, by)
        outcomes = queries.complaints_by(session, year, Complaint.outcome, by)
        figures[code] = {"measures": measures, "themes": themes, "outcomes": outcomes}
        for unit, values in measures.items():
            total = ("cp", code, unit, "total")
            cells.add(total, values["total"])
            for name in ("formal", "informal", *SHOWN_COUNTS):
                cells.add(("cp", code, unit, name), values[name])
            cells.relate(total, [("cp", code, unit, "formal"), ("cp", code, unit, "informal")])
            theme_cells = []
            by_quality: dict[str, list[Key]] = defaultdict(list)
            for theme, count in themes.get(unit, {}).items():
                cell = ("cp", code, unit, "theme", theme)
                cells.add(cell, count)
                theme_cells.append(cell)
                by_quality[QUALITY_THEME[theme].value].append(cell)
            cells.relate(total, theme_cells)
            quality_cells = []
            for quality, parts in by_quality.items():
                cell = ("cp", code, unit, "quality", quality)
                cells.add(cell, sum(cells.counts[p] for p in parts))
                cells.relate(cell, parts)
                quality_cells.append(cell)
            cells.relate(total, quality_cells)
            outcome_cells = []
            for outcome, count in outcomes.get(unit, {}).items():
                cell = ("cp", code, unit, "outcome", outcome)
                cells.add(cell, count)
                outcome_cells.append(cell)
            cells.relate(("cp", code, unit, "decided"), outcome_cells)
            if code == "p":
                # Seed 004: municipalities want each provider's yearly number exactly.
                cells.exact.add(total)
    # The residents' totals add up to the sum of the providers' exact totals: a
    # known number, so one hidden municipality must never stand alone.
    everyone = ("cp", "all", "total")
    cells.add(everyone, sum(v["total"] for v in figures["p"]["measures"].values()))
    cells.exact.add(everyone)
    cells.relate(everyone, [("cp", "m", unit, "total") for unit in figures["m"]["measures"]])
    return figures


def _complaint_part(shown: Publisher, code: str, unit: Any, figures: dict) -> dict:
    values = figures[code]["measures"].get(unit)
    if values is None:
        return {"total": 0}
    cell = ("cp", code, unit)
    part: dict[str, Any] = {
        "total": shown.count((*cell, "total")),
        "formal": shown.count((*cell, "formal")),
        "informal": shown.count((*cell, "informal")),
        "themes": {
            t: shown.count((*cell, "theme", t)) for t in figures[code]["themes"].get(unit, {})
        },
        "outcomes": {
            o: shown.count((*cell, "outcome", o)) for o in figures[code]["outcomes"].get(unit, {})
        },
        "quality_themes": {
            QUALITY_THEME[t].value: shown.count((*cell, "quality", QUALITY_THEME[t].value))
            for t in figures[code]["themes"].get(unit, {})
        },
        "rates": {
            rate: shown.rate(values[count], (*cell, base)) for rate, (count, base) in RATES.items()
        },
    }
    part.update({name: shown.count((*cell, name)) for name in SHOWN_COUNTS})
    return part


def _serving(session: Session) -> dict[int, set[int]]:
    serving: dict[int, set[int]] = defaultdict(set)
    for provider_id, municipality_id in session.exec(
        select(ProviderMunicipality.provider_id, ProviderMunicipality.municipality_id)
    ):
        serving[provider_id].add(municipality_id)
    return serving

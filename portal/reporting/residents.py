"""Figures about a municipality's residents: confidant requests and family arrangements.

They carry the municipality the requester or family lives in (a confidant request
may leave it out). Counted by the modules that own the data
(portal/confidant/figures.py, portal/families/figures.py), protected here with
the rest of the year.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from portal.confidant import figures as confidant_figures
from portal.families import figures as family_figures

if TYPE_CHECKING:
    from .cube import Cells, Publisher

FAMILY_SHARES = ("more_than_two_helpers", "agreed_with_deputy", "confirmed_by_family")


def add_cells(session: Session, cells: Cells, year: int) -> dict[str, Any]:
    topics: dict[int | None, dict[str, int]] = defaultdict(dict)
    for row in confidant_figures.by_topic(session, year):
        topics[row.municipality_id][getattr(row.key, "value", row.key)] = row.count
    roles: dict[int | None, dict[str, int]] = defaultdict(dict)
    for row in confidant_figures.by_requester_role(session, year):
        roles[row.municipality_id][getattr(row.key, "value", row.key)] = row.count
    for municipality_id, counts in topics.items():
        total = ("cf", municipality_id, "total")
        cells.add(total, sum(counts.values()))
        topic_cells = [("cf", municipality_id, "topic", t) for t in counts]
        role_cells = [("cf", municipality_id, "role", r) for r in roles.get(municipality_id, {})]
        for cell in topic_cells:
            cells.add(cell, counts[cell[-1]])
        for cell in role_cells:
            cells.add(cell, roles[municipality_id][cell[-1]])
        cells.relate(total, topic_cells)
        cells.relate(total, role_cells)
    medians = confidant_figures.median_days_to_first_contact(session, year)

    families = {
        f.municipality_id: f for f in family_figures.per_municipality_and_year(session, year)
    }
    for municipality_id, figures in families.items():
        cells.add(("fm", municipality_id), figures.arrangements)
    return {
        "year": year,
        "topics": topics,
        "roles": roles,
        "medians": medians,
        "families": families,
    }


def publish(shown: Publisher, municipality_id: int, found: dict[str, Any]) -> dict[str, Any]:
    confidant: dict[str, Any] = {"requests": 0}
    if municipality_id in found["topics"]:
        total = ("cf", municipality_id, "total")
        requests = shown.count(total)
        confidant = {
            "requests": requests,
            "topics": {
                t: shown.count(("cf", municipality_id, "topic", t))
                for t in found["topics"][municipality_id]
            },
            "roles": {
                r: shown.count(("cf", municipality_id, "role", r))
                for r in found["roles"].get(municipality_id, {})
            },
            "median_days_to_first_contact": _if_shown(
                requests, found["medians"].get((found["year"], municipality_id))
            ),
        }
    families: dict[str, Any] = {"arrangements": 0}
    figures = found["families"].get(municipality_id)
    if figures is not None:
        cell = ("fm", municipality_id)
        families = {
            "arrangements": shown.count(cell),
            **{name: shown.rate(getattr(figures, name), cell) for name in FAMILY_SHARES},
            "median_days_to_agreement": _if_shown(
                shown.count(cell), figures.median_days_to_agreement
            ),
        }
    return {"confidant": confidant, "families": families}


def _if_shown(base: int | str, value: float | None) -> float | str | None:
    """A median describes its group: shown only with its count."""
    if isinstance(base, str):
        return base
    return None if value is None else round(value, 1)

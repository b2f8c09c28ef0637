"""Frozen years: a closed calendar year is computed once and never recomputed in place.

Every screen, CSV and report of a frozen year reads its latest version. A
correction (a late complaint entered, a wrong provider fixed) is a new version
with a reason and a list of the figures that changed, so nobody can subtract two
silent recomputations of one year from each other.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal import audit
from portal.models import ReportSnapshot, SnapshotPart, WaitingResponse
from portal.timeutil import dutch_day

from .cube import Settings, YearFigures, build_year

MAX_CHANGES_LISTED = 200
# The cells a version hid, kept beside its parts: a correction hides them again.
HIDDEN_SCOPE = "_hidden"


class YearNotClosed(ValueError):
    """Only a calendar year that has ended can be frozen."""


def latest(session: Session, year: int) -> ReportSnapshot | None:
    return session.exec(
        select(ReportSnapshot)
        .where(ReportSnapshot.year == year)
        .order_by(ReportSnapshot.version.desc())  # type: ignore[attr-defined]
    ).first()


def frozen_years(session: Session) -> list[int]:
    return sorted(set(session.exec(select(ReportSnapshot.year))), reverse=True)


def part(session: Session, snapshot: ReportSnapshot, scope: str) -> dict[str, Any] | None:
    content = session.exec(
        select(SnapshotPart.content).where(
            SnapshotPart.snapshot_id == snapshot.id, SnapshotPart.scope == scope
        )
    ).first()
    return None if content is None else json.loads(content)


def parts(session: Session, snapshot: ReportSnapshot, prefix: str) -> dict[str, dict[str, Any]]:
    """Every part whose scope starts with ``prefix`` ("provider:"), in one query."""
    rows = session.exec(
        select(SnapshotPart.scope, SnapshotPart.content).where(
            SnapshotPart.snapshot_id == snapshot.id,
            SnapshotPart.scope.startswith(prefix),  # type: ignore[attr-defined]
        )
    )
    return {scope: json.loads(content) for scope, content in rows}


def freeze(
    session: Session,
    year: int,
    settings: Settings,
    now: datetime,
    reason: str,
    actor_id: int | None = None,
) -> ReportSnapshot | None:
    """Compute the year and store it as its next version; None if nothing changed.

    Two schedulers freezing at once: the unique (year, version) lets one win; the
    other rolls back and finds the winner's version.
    """
    today = dutch_day(now)
    if year >= today.year:
        raise YearNotClosed(f"{year} has not ended yet.")
    waiting = session.exec(
        select(func.count()).where(WaitingResponse.received_on < date(year + 1, 1, 1))
    ).one()
    if waiting:
        # Freezing now would make the release of these answers a later correction.
        raise YearNotClosed(f"{waiting} answers of {year} still wait for their release.")
    previous = latest(session, year)
    forced = hidden_cells(session, previous) if previous is not None else frozenset()
    figures = build_year(session, year, settings, forced)
    changes = ""
    if previous is not None:
        old = parts(session, previous, "")
        old.pop(HIDDEN_SCOPE, None)
        changed = _differences(old, figures.parts)
        if not changed and previous.threshold == settings.threshold:
            return None
        # Where it changed, not by how much: the values of a late answer stay unlisted.
        where = sorted({_section(line) for line in changed})
        changes = "\n".join(where[:MAX_CHANGES_LISTED])
        if len(where) > MAX_CHANGES_LISTED:
            changes += f"\n… and {len(where) - MAX_CHANGES_LISTED} more"
    version = (
        session.exec(
            select(func.coalesce(func.max(ReportSnapshot.version), 0)).where(
                ReportSnapshot.year == year
            )
        ).one()
        + 1
    )
    snapshot = ReportSnapshot(
        year=year,
        version=version,
        created_on=today,
        reason=reason[:500],
        changes=changes[:20000],
        threshold=settings.threshold,
    )
    session.add(snapshot)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return latest(session, year)
    _store(session, snapshot, figures)
    audit.record(
        session, actor_id, "report_year_frozen", now, subject=("reportsnapshot", snapshot.id)
    )
    session.commit()
    return snapshot


def _store(session: Session, snapshot: ReportSnapshot, figures: YearFigures) -> None:
    session.add_all(
        SnapshotPart(
            snapshot_id=snapshot.id,
            scope=scope,
            content=json.dumps(content, ensure_ascii=False, sort_keys=True),
        )
        for scope, content in figures.parts.items()
    )
    hidden = sorted(json.dumps(list(key)) for key in figures.hidden)
    session.add(
        SnapshotPart(snapshot_id=snapshot.id, scope=HIDDEN_SCOPE, content=json.dumps(hidden))
    )


def hidden_cells(session: Session, snapshot: ReportSnapshot) -> frozenset:
    content = part(session, snapshot, HIDDEN_SCOPE)
    return frozenset(tuple(json.loads(key)) for key in content or [])


def _differences(old: dict[str, Any], new: dict[str, Any], path: str = "") -> list[str]:
    """Plain lines "provider:3 complaints.total: 12 → 13" for every changed figure."""
    found: list[str] = []
    for key in sorted(set(old) | set(new), key=str):
        where = f"{path}.{key}" if path else str(key)
        before, after = old.get(key), new.get(key)
        if isinstance(before, dict) and isinstance(after, dict):
            found += _differences(before, after, where)
        elif before != after:
            found.append(f"{where}: {_short(before)} → {_short(after)}")
    return found


def _section(line: str) -> str:
    """ "provider:3.survey.items.…: 12 → 13" → "provider:3 survey": the scope and the
    part of it, never the figure or its values."""
    path = line.rsplit(": ", 1)[0]
    scope, _, rest = path.partition(".")
    return f"{scope} {rest.split('.', 1)[0]}".strip()


def _short(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return "(changed)"
    return str(value)

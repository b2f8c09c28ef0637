"""Which year and region a platform member (or provider) looks at, and the audit of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, request
from sqlmodel import Session

from portal import audit
from portal.models import Organisation, ReportSnapshot, StaffMember
from portal.reporting import dashboard, snapshots
from portal.timeutil import utcnow


@dataclass
class Scope:
    years: list[int]
    year: int | None
    snapshot: ReportSnapshot | None
    region_id: int | None
    providers: dict[int, dict[str, Any]]


def scope_of(db: Session, staff: StaffMember) -> Scope:
    """The member's region and the chosen frozen year (default: the latest)."""
    organisation = db.get(Organisation, staff.organisation_id) if staff.organisation_id else None
    if organisation is None or organisation.region_id is None:
        abort(403)  # a platform without a region sees nothing rather than everything
    years = snapshots.frozen_years(db)
    year = request.args.get("year", type=int)
    if year not in years:
        year = years[0] if years else None
    snapshot = snapshots.latest(db, year) if year else None
    providers = dashboard.region_providers(db, snapshot, organisation.region_id) if snapshot else {}
    return Scope(years, year, snapshot, organisation.region_id, providers)


def viewed(db: Session, staff: StaffMember, page: str, subject: tuple[str, int] | None = None):
    """Every platform view is audited: who looked at which figures, when."""
    audit.record(db, staff.id, f"platform_view_{page}", utcnow(), subject=subject)
    db.commit()

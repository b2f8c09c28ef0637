"""The provider's own figures of frozen years, its trend and its batch of comments."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from portal import audit
from portal.annual import labels
from portal.db import get_session
from portal.models import StaffMember, StaffRole
from portal.platform.export import csv_response
from portal.platform.views import trend_bars
from portal.reporting import comments, dashboard, snapshots
from portal.security.access import roles_required
from portal.timeutil import utcnow

blueprint = Blueprint("results", __name__, url_prefix="/staff/results", template_folder="templates")


@blueprint.context_processor
def signed_in_staff() -> dict[str, object]:
    """The workspace menu of staff/layout.html needs the signed-in member."""
    from portal.staff.auth import current_staff  # the staff package imports portal.security.access

    return {"staff": current_staff()}


@blueprint.get("/")
@roles_required(StaffRole.PROVIDER)
def index(staff: StaffMember):
    db = get_session()
    if staff.provider_id is None:
        abort(403)
    years = snapshots.frozen_years(db)
    year = request.args.get("year", type=int)
    if year not in years:
        year = years[0] if years else None
    snapshot = snapshots.latest(db, year) if year else None
    content = snapshots.part(db, snapshot, f"provider:{staff.provider_id}") if snapshot else None
    items = (content or {}).get("survey", {}).get("items", {})
    audit.record(db, staff.id, "results_viewed", utcnow())
    db.commit()
    if request.args.get("format") == "csv" and content:
        return csv_response(
            f"klankbord-{year}-results.csv",
            dashboard.ITEM_CSV_HEADER,
            dashboard.item_rows(items),
        )
    points = dashboard.trend(db, staff.provider_id, year) if year else []
    threshold = snapshot.threshold if snapshot else 0
    return render_template(
        "results/index.html",
        years=years,
        year=year,
        snapshot=snapshot,
        content=content,
        items=items,
        groups=dashboard.groups(),
        labels=labels,
        points=points,
        bars=trend_bars(points, threshold),
        shared=comments.shared(db, staff.provider_id, year) if year else [],
    )

"""Administration: the annual reports. Preview, hold, approve, resend (all audited),
and the warnings that must never be silent: no address, merged, failed."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from sqlmodel import select

from portal.annual import jobs, labels, render, service
from portal.db import get_session
from portal.models import AnnualReport, Municipality, StaffMember, StaffRole
from portal.security.access import roles_required
from portal.timeutil import dutch_day, utcnow
from portal.web.forms import ConfirmForm

from .views import blueprint

ACTIONS = {"hold": service.hold, "approve": service.approve, "resend": service.resend}


def _report_year() -> int:
    return dutch_day(utcnow()).year - 1


@blueprint.context_processor
def report_warnings() -> dict[str, object]:
    # A function, so only the admin home (which shows them) queries.
    return {"report_warnings": lambda: service.problems(get_session(), _report_year())}


@blueprint.get("/reports")
@roles_required(StaffRole.ADMINISTRATOR)
def reports(staff: StaffMember):
    db = get_session()
    year = request.args.get("year", _report_year(), type=int)
    rows = db.exec(
        select(AnnualReport, Municipality)
        .join(Municipality, Municipality.id == AnnualReport.municipality_id)
        .where(AnnualReport.year == year)
        .order_by(Municipality.name, AnnualReport.version.desc())
    ).all()
    schedule = jobs.schedule_from(current_app.config)
    return render_template(
        "admin/reports.html",
        staff=staff,
        year=year,
        rows=rows,
        problems=service.problems(db, year),
        draft_day=schedule.draft_day(year),
        send_day=schedule.send_day(year),
        state_label=labels.state,
        confirm=ConfirmForm(),
        allowed=service.ALLOWED,
        done=request.args.get("done"),
    )


@blueprint.get("/reports/<int:report_id>/preview")
@roles_required(StaffRole.ADMINISTRATOR)
def report_preview(staff: StaffMember, report_id: int):
    db = get_session()
    report = db.get(AnnualReport, report_id) or abort(404)
    try:
        return render.html(service.document(db, report))
    except LookupError:
        abort(404)


@blueprint.post("/reports/<int:report_id>/<action>")
@roles_required(StaffRole.ADMINISTRATOR)
def report_action(staff: StaffMember, report_id: int, action: str):
    if action not in ACTIONS or not ConfirmForm().validate_on_submit():
        abort(400)
    db = get_session()
    report = db.get(AnnualReport, report_id) or abort(404)
    try:
        ACTIONS[action](db, report, staff.id, utcnow())
    except service.NotAllowed:
        abort(409)
    return redirect(url_for("admin.reports", year=report.year, done=action), code=303)

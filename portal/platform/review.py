"""The platform's review work: the annual report drafts of its municipalities, and the
survey comments that may go to a provider only after a member approved them."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from sqlmodel import select

from portal.annual import labels, render, service
from portal.db import get_session
from portal.models import (
    AnnualReport,
    Municipality,
    Organisation,
    Provider,
    ProviderMunicipality,
    StaffMember,
)
from portal.reporting import comments as survey_comments
from portal.reporting import dashboard, snapshots
from portal.security.access import roles_required
from portal.timeutil import utcnow

from .forms import CommentDecisionForm, ReportCommentForm
from .scope import viewed
from .views import PLATFORM, blueprint


def _region_id(staff: StaffMember) -> int:
    organisation = get_session().get(Organisation, staff.organisation_id or 0)
    if organisation is None or organisation.region_id is None:
        abort(403)
    return organisation.region_id


def _report_of(staff: StaffMember, report_id: int) -> AnnualReport:
    db = get_session()
    report = db.get(AnnualReport, report_id) or abort(404)
    municipality = db.get(Municipality, report.municipality_id)
    if municipality is None or municipality.region_id != _region_id(staff):
        abort(404)  # another region's report: not even its existence
    return report


@blueprint.get("/reports")
@roles_required(*PLATFORM)
def reports(staff: StaffMember):
    db = get_session()
    rows = db.exec(
        select(AnnualReport, Municipality)
        .join(Municipality, Municipality.id == AnnualReport.municipality_id)
        .where(Municipality.region_id == _region_id(staff))
        .order_by(AnnualReport.year.desc(), Municipality.name, AnnualReport.version.desc())
    ).all()
    viewed(db, staff, "reports")
    return render_template(
        "platform/reports.html", rows=rows, editable=service.EDITABLE, state_label=labels.state
    )


@blueprint.route("/reports/<int:report_id>", methods=["GET", "POST"])
@roles_required(*PLATFORM)
def report(staff: StaffMember, report_id: int):
    db = get_session()
    found = _report_of(staff, report_id)
    form = ReportCommentForm(comment=found.platform_comment)
    if form.validate_on_submit():
        try:
            service.comment(db, found, form.comment.data or "", staff.id, utcnow())
        except service.NotAllowed:
            abort(409)
        return redirect(url_for("platform.report", report_id=report_id, saved=1), code=303)
    viewed(db, staff, "report", ("annualreport", report_id))
    municipality = db.get(Municipality, found.municipality_id)
    return render_template(
        "platform/report.html",
        report=found,
        municipality=municipality,
        form=form,
        editable=found.state in service.EDITABLE,
        saved=request.args.get("saved") == "1",
        state_label=labels.state,
    ), (422 if form.errors else 200)


@blueprint.get("/reports/<int:report_id>/draft")
@roles_required(*PLATFORM)
def draft(staff: StaffMember, report_id: int):
    db = get_session()
    found = _report_of(staff, report_id)
    try:
        document = service.document(db, found)
    except LookupError:
        abort(404)
    viewed(db, staff, "report_draft", ("annualreport", report_id))
    return render.html(document)


@blueprint.get("/comments")
@roles_required(*PLATFORM)
def comments(staff: StaffMember):
    db = get_session()
    providers = _region_providers(staff)
    shown, rows = survey_comments.pending(
        db, list(providers), request.args.get("page", 1, type=int)
    )
    viewed(db, staff, "comments")
    return render_template(
        "platform/comments.html",
        rows=rows,
        shown=shown,
        providers=providers,
        form=CommentDecisionForm(),
        done=request.args.get("done"),
    )


@blueprint.post("/comments/<response_id>")
@roles_required(*PLATFORM)
def decide(staff: StaffMember, response_id: str):
    form = CommentDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    approve = bool(form.approve.data)
    done = survey_comments.decide(
        get_session(), response_id, approve, list(_region_providers(staff)), staff.id, utcnow()
    )
    if not done:
        abort(404)
    return redirect(url_for("platform.comments", done="approved" if approve else "rejected"), 303)


def _region_providers(staff: StaffMember) -> dict[int, str]:
    """Providers serving the region now (comments wait before any year is frozen)."""
    db = get_session()
    region_id = _region_id(staff)
    years = snapshots.frozen_years(db)
    parts = {}
    if years:
        parts = dashboard.region_providers(db, snapshots.latest(db, years[0]), region_id)
    current = db.exec(
        select(Provider.id, Provider.name)
        .join(ProviderMunicipality, ProviderMunicipality.provider_id == Provider.id)
        .join(Municipality, Municipality.id == ProviderMunicipality.municipality_id)
        .where(Municipality.region_id == region_id)
        .distinct()
    ).all()
    found = {pid: name for pid, name in current}
    found.update({pid: content["name"] for pid, content in parts.items() if pid not in found})
    return found

"""Administration of organisations: providers and local teams, municipalities, and the
committees, confidant services and client platforms (with their regions)."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from portal import audit, organisations
from portal.db import get_session
from portal.models import (
    CareType,
    ComplaintRegime,
    Municipality,
    Organisation,
    OrganisationKind,
    Provider,
    Region,
    StaffMember,
    StaffRole,
)
from portal.security.access import roles_required
from portal.timeutil import utcnow

from .forms import MunicipalityForm, OrganisationForm, ProviderForm
from .views import blueprint

TAKEN = _l("This name or short name is taken.")


@blueprint.route("/providers/new", methods=["GET", "POST"])
@blueprint.route("/providers/<int:provider_id>", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def provider(staff: StaffMember, provider_id: int | None = None):
    db = get_session()
    existing = db.get(Provider, provider_id) if provider_id else None
    if provider_id and existing is None:
        abort(404)
    form = ProviderForm(obj=existing)
    if existing and not form.is_submitted():
        form.committee.data = existing.committee_id or 0
    form.municipalities.choices = [SelectChoice(m.id, m.name) for m in _municipalities()]
    form.committee.choices = [SelectChoice(0, "–")] + [
        SelectChoice(o.id, o.name) for o in _organisations(OrganisationKind.COMMITTEE)
    ]
    if existing and not form.is_submitted():
        form.municipalities.data, form.care_types.data = organisations.provider_links(db, existing)
    if form.validate_on_submit():
        try:
            organisations.save_provider(
                db,
                existing,
                form.name.data,
                form.slug.data,
                form.open_link.data,
                form.municipalities.data,
                [CareType(c) for c in form.care_types.data],
                organisations.ComplaintSetup(
                    ComplaintRegime(form.regime.data),
                    form.regulation_url.data or "",
                    form.committee.data or None,
                    form.awb_advisory_committee.data,
                ),
            )
        except organisations.OrganisationError:
            form.slug.errors.append(TAKEN)
        else:
            audit.record(db, staff.id, "edit_provider" if existing else "create_provider", utcnow())
            db.commit()
            return redirect(url_for("admin.index"), code=303)
    return render_template(
        "admin/provider.html", staff=staff, form=form, existing=existing
    ), 422 if form.errors else 200


@blueprint.route("/municipalities/new", methods=["GET", "POST"])
@blueprint.route("/municipalities/<int:municipality_id>", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def municipality(staff: StaffMember, municipality_id: int | None = None):
    db = get_session()
    existing = db.get(Municipality, municipality_id) if municipality_id else None
    if municipality_id and existing is None:
        abort(404)
    form = MunicipalityForm(obj=existing)
    if existing and not form.is_submitted():
        form.report_emails.data = "\n".join(organisations.report_addresses(db, existing))
    if form.validate_on_submit():
        try:
            organisations.save_municipality(
                db, existing, form.name.data, form.cbs_code.data, form.emails()
            )
        except organisations.OrganisationError:
            form.name.errors.append(TAKEN)
        else:
            action = "edit_municipality" if existing else "create_municipality"
            audit.record(db, staff.id, action, utcnow())
            db.commit()
            return redirect(url_for("admin.index"), code=303)
    return render_template(
        "admin/municipality.html", staff=staff, form=form, existing=existing
    ), 422 if form.errors else 200


def _municipalities() -> list[Municipality]:
    return list(get_session().exec(select(Municipality).order_by(Municipality.name)))


def _organisations(kind: OrganisationKind | None = None) -> list[Organisation]:
    statement = select(Organisation).order_by(Organisation.name)
    if kind is not None:
        statement = statement.where(Organisation.kind == kind)
    return list(get_session().exec(statement))


@blueprint.route("/organisations/new", methods=["GET", "POST"])
@blueprint.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def organisation(staff: StaffMember, organisation_id: int | None = None):
    """A complaints committee, confidant service or client platform (with its region)."""
    db = get_session()
    existing = db.get(Organisation, organisation_id) if organisation_id else None
    if organisation_id and existing is None:
        abort(404)
    form = OrganisationForm(obj=existing)
    if existing and not form.is_submitted():
        region = db.get(Region, existing.region_id) if existing.region_id else None
        form.region.data = region.name if region else ""
    if form.validate_on_submit():
        try:
            organisations.save_organisation(
                db,
                existing,
                OrganisationKind(form.kind.data),
                form.name.data,
                form.email.data or "",
                form.phone.data or "",
                form.hours.data or "",
                form.region.data or "",
            )
        except organisations.OrganisationError:
            form.name.errors.append(TAKEN)
        else:
            action = "edit_organisation" if existing else "create_organisation"
            audit.record(db, staff.id, action, utcnow())
            db.commit()
            return redirect(url_for("admin.index"), code=303)
    return render_template(
        "admin/organisation.html", staff=staff, form=form, existing=existing
    ), 422 if form.errors else 200

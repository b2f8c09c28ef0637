"""The administrator's setup of confidant services: which municipalities each covers,
which one is national, and its first-contact promise. The services themselves (name,
phone, hours, e-mail) are organisations kept on the administration pages."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, url_for
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from portal import audit
from portal.confidant import routing
from portal.db import get_session
from portal.models import Municipality, Organisation, OrganisationKind, StaffMember, StaffRole
from portal.security.access import roles_required
from portal.timeutil import utcnow

from .forms import ServiceForm
from .views import blueprint


@blueprint.get("/services")
@roles_required(StaffRole.ADMINISTRATOR)
def services(staff: StaffMember):
    db = get_session()
    default = current_app.config["CONFIDANT_FIRST_CONTACT_DAYS"]
    found = [routing.describe(db, service, default) for service in routing.services(db)]
    settings = {
        info.organisation.id: routing.settings_of(db, info.organisation.id, default)
        for info in found
    }
    counts = {
        info.organisation.id: len(routing.covered(db, info.organisation.id)) for info in found
    }
    return render_template(
        "desk/services.html", staff=staff, found=found, settings=settings, counts=counts
    )


@blueprint.route("/services/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def service(staff: StaffMember, organisation_id: int):
    db = get_session()
    organisation = db.get(Organisation, organisation_id)
    if organisation is None or organisation.kind is not OrganisationKind.CONFIDANT_SERVICE:
        abort(404)
    default = current_app.config["CONFIDANT_FIRST_CONTACT_DAYS"]
    settings = routing.settings_of(db, organisation.id, default)
    form = ServiceForm(
        national=settings.national,
        first_contact_days=settings.first_contact_days,
        municipalities=routing.covered(db, organisation.id),
    )
    places = db.exec(select(Municipality).order_by(Municipality.name))
    form.municipalities.choices = [SelectChoice(m.id, m.name) for m in places]
    if form.validate_on_submit():
        routing.save_service(
            db,
            organisation,
            form.national.data,
            form.first_contact_days.data,
            form.municipalities.data or [],
        )
        audit.record(
            db,
            staff.id,
            "edit_confidant_service",
            utcnow(),
            subject=("organisation", organisation.id),
        )
        db.commit()
        return redirect(url_for("desk.services"), code=303)
    return render_template(
        "desk/service.html",
        staff=staff,
        form=form,
        organisation=organisation,
        takes_requests=routing.takes_requests(db, organisation.id),
    ), 422 if form.errors else 200

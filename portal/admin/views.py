"""Administration: organisations, staff accounts, invitation cards and the audit log."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from portal import audit
from portal.complaints import oversight
from portal.db import get_session
from portal.models import (
    AuditEntry,
    Complaint,
    Municipality,
    Organisation,
    Provider,
    StaffMember,
    StaffRole,
)
from portal.privacy.responses import CONTENT_SECURITY_POLICY
from portal.security import accounts
from portal.security.access import roles_required
from portal.survey import invitations, service
from portal.timeutil import dutch_day, utcnow
from portal.web import paging
from portal.web.forms import ConfirmForm
from portal.web.qr import qr_svg

from .forms import ORGANISATION_KIND_LABELS, InvitationForm, StaffForm

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
AUDIT_PAGE_SIZE = 50
ACCOUNT_ERRORS = {
    "email_taken": _l("There is an account with this e-mail address already."),
    "provider_required": _l("Choose the organisation of this staff member."),
    "organisation_required": _l("Choose an organisation of the kind this role belongs to."),
    "password_too_short": _l("Use at least 12 characters."),
}


@blueprint.get("/")
@roles_required(StaffRole.ADMINISTRATOR)
def index(staff: StaffMember):
    db = get_session()
    providers = db.exec(select(Provider).order_by(Provider.name)).all()
    members = db.exec(select(StaffMember).order_by(StaffMember.name)).all()
    municipalities = db.exec(select(Municipality).order_by(Municipality.name)).all()
    organisations_ = db.exec(select(Organisation).order_by(Organisation.name)).all()
    names = {("p", p.id): p.name for p in providers} | {("o", o.id): o.name for o in organisations_}
    return render_template(
        "admin/index.html",
        staff=staff,
        providers=providers,
        members=members,
        names=names,
        municipalities=municipalities,
        organisations=organisations_,
        kinds=ORGANISATION_KIND_LABELS,
        confirm=ConfirmForm(),
        long_open=oversight.long_open(
            db, dutch_day(utcnow()), current_app.config["COMPLAINT_LONG_OPEN_DAYS"]
        ),
        long_open_days=current_app.config["COMPLAINT_LONG_OPEN_DAYS"],
    )


@blueprint.route("/staff/new", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def new_staff(staff: StaffMember):
    form = StaffForm()
    form.provider.choices = _provider_choices()
    form.organisation.choices = _organisation_choices()
    if form.validate_on_submit():
        db = get_session()
        try:
            member = accounts.create_staff(
                db,
                form.email.data,
                form.name.data,
                StaffRole(form.role.data),
                form.password.data,
                utcnow(),
                form.provider.data or None,
                form.organisation.data or None,
            )
        except accounts.AccountError as error:
            form.email.errors.append(ACCOUNT_ERRORS[error.reason])
        else:
            audit.record(db, staff.id, "create_staff", utcnow())
            db.commit()
            uri = accounts.provisioning_uri(member)
            qr = qr_svg(uri, scale=4)
            return render_template(
                "admin/staff_created.html",
                staff=staff,
                member=member,
                qr=qr,
                secret=member.totp_secret,
            )
    return render_template("admin/staff.html", staff=staff, form=form), 422 if form.errors else 200


@blueprint.post("/staff/<int:member_id>/deactivate")
@roles_required(StaffRole.ADMINISTRATOR)
def deactivate(staff: StaffMember, member_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        accounts.deactivate(get_session(), staff, member_id, utcnow())
    except accounts.AccountError:
        abort(400)
    return redirect(url_for("admin.index"), code=303)


@blueprint.get("/audit")
@roles_required(StaffRole.ADMINISTRATOR)
def audit_log(staff: StaffMember):
    db = get_session()
    statement = select(AuditEntry)
    shown = paging.window(db, statement, request.args.get("page", 1, type=int), AUDIT_PAGE_SIZE)
    entries = db.exec(
        statement.order_by(AuditEntry.id.desc()).offset(shown.offset).limit(shown.size)
    ).all()
    names = {m.id: m.name for m in db.exec(select(StaffMember))}
    # A complaint by its provider's own number, never the global id (issue 7).
    complaint_ids = {e.complaint_id for e in entries if e.complaint_id}
    complaints = {
        complaint.id: f"{provider_name} {complaint.reference}"
        for complaint, provider_name in db.exec(
            select(Complaint, Provider.name)
            .join(Provider, Provider.id == Complaint.provider_id)
            .where(Complaint.id.in_(complaint_ids))
        )
    }
    return render_template(
        "admin/audit.html",
        staff=staff,
        entries=entries,
        names=names,
        complaints=complaints,
        page=shown.page,
        pages=shown.pages,
    )


@blueprint.route("/invitations", methods=["GET", "POST"])
@roles_required(StaffRole.ADMINISTRATOR)
def invitation_cards(staff: StaffMember):
    form = InvitationForm()
    form.provider.choices = _provider_choices()[1:]
    if not form.validate_on_submit():
        return render_template(
            "admin/invitations.html", staff=staff, form=form
        ), 422 if form.errors else 200
    db = get_session()
    provider = db.get(Provider, form.provider.data) or abort(400)
    _batch, codes = service.create_invitation_batch(
        db,
        provider,
        form.count.data,
        current_app.config["CODE_PEPPER"],
        context_today(),
        form.label.data or "",
    )
    audit.record(db, staff.id, "create_invitations", utcnow())
    db.commit()
    cards = invitations.cards(codes, current_app.config["PUBLIC_BASE_URL"])
    sheet = make_response(
        render_template(
            "survey/invitation_sheet.html",
            provider=provider,
            cards=cards,
            language=str(get_locale()),
        )
    )
    # The sheet is also written as a standalone file by the CLI, so its print
    # styles are inline; this admin-only page allows that and nothing more.
    sheet.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )
    return sheet


def _organisation_choices() -> list[SelectChoice]:
    found = get_session().exec(select(Organisation).order_by(Organisation.name))
    return [SelectChoice(0, "–")] + [
        SelectChoice(o.id, f"{o.name} ({ORGANISATION_KIND_LABELS[o.kind]})") for o in found
    ]


def context_today() -> date:
    return dutch_day(utcnow())


def _provider_choices() -> list[SelectChoice]:
    providers = get_session().exec(select(Provider).order_by(Provider.name))
    return [SelectChoice(0, "–")] + [SelectChoice(p.id, p.name) for p in providers]

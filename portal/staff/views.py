"""Provider workspace: sign in with a second factor, the inbox and the complaint page."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal import accounts, audit
from portal.complaints import workflow
from portal.complaints.clock import open_deadlines
from portal.complaints.context import from_app as context
from portal.complaints.labels import LABELS
from portal.complaints.service import ComplaintError
from portal.db import get_session
from portal.forms import ConfirmForm
from portal.models import (
    Complaint,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    StaffMember,
    StaffRole,
)
from portal.timeutil import utcnow

from .auth import TOKEN_KEY, current_staff, policy, staff_required
from .forms import (
    DecideForm,
    ExtendForm,
    InboxForm,
    LoginForm,
    MeasuresForm,
    MessageForm,
    NoteForm,
    PasswordForm,
    TotpForm,
)

blueprint = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")

LOGIN_FAILED = _l("The e-mail address or password is not right.")
LOCKED = _l("Too many attempts. This account is locked for a while; try again later.")
CODE_FAILED = _l("This code is not right, or it was used already. Wait for the next code.")
ACTION_ERRORS = {
    "not_now": _l("This step is not possible in the complaint's current state."),
    "already_extended": _l("The term can be extended only once."),
    "extension_too_long": _l("The extension is too long."),
    "not_formal": _l("Only a formal complaint goes to the complaints committee."),
}


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form), 422 if form.errors else 200
    db, now = get_session(), utcnow()
    status, staff = accounts.check_password(db, form.email.data, form.password.data, now, policy())
    if staff is None:
        form.password.errors.append(
            LOCKED if status is accounts.LoginStatus.LOCKED else LOGIN_FAILED
        )
        return render_template("staff/login.html", form=form), 422
    session.clear()
    session[TOKEN_KEY] = accounts.open_session(db, staff, now)
    return redirect(url_for("staff.second_factor", next=request.args.get("next", "")), code=303)


@blueprint.route("/login/code", methods=["GET", "POST"])
def second_factor():
    db, now, token = get_session(), utcnow(), session.get(TOKEN_KEY, "")
    staff = accounts.session_staff(db, token, now, policy(), need_second_factor=False)
    if staff is None:
        return redirect(url_for("staff.login"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("staff/totp.html", form=form), 422 if form.errors else 200
    if not accounts.check_totp(db, staff, form.code.data, now, policy()):
        form.code.errors.append(CODE_FAILED)
        return render_template("staff/totp.html", form=form), 422
    accounts.complete_second_factor(db, token)
    audit.record(db, staff.id, "login", now)
    db.commit()
    home = "admin.index" if staff.role is StaffRole.ADMINISTRATOR else "staff.inbox"
    return redirect(_local(request.args.get("next", "")) or url_for(home), code=303)


@blueprint.post("/logout")
def logout():
    if ConfirmForm().validate_on_submit():
        accounts.end_session(get_session(), session.get(TOKEN_KEY, ""), utcnow())
    session.clear()
    return redirect(url_for("staff.login"), code=303)


@blueprint.route("/password", methods=["GET", "POST"])
def password():
    staff = current_staff()
    if staff is None:
        return redirect(url_for("staff.login", next=request.path))
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                get_session(),
                staff,
                form.current.data,
                form.new.data,
                utcnow(),
                session.get(TOKEN_KEY, ""),
            )
            return render_template(
                "staff/password.html", form=PasswordForm(formdata=None), changed=True
            )
        except accounts.AccountError:
            form.current.errors.append(LOGIN_FAILED)
    return render_template("staff/password.html", form=form), 422 if form.errors else 200


@blueprint.get("/")
@staff_required
def inbox(staff: StaffMember):
    form = InboxForm(request.args)
    show = (
        workflow.InboxFilter(form.show.data)
        if form.show.data in set(workflow.InboxFilter)
        else workflow.InboxFilter.OPEN
    )
    status = ComplaintStatus(form.status.data) if form.status.data in set(ComplaintStatus) else None
    theme = ComplaintTheme(form.theme.data) if form.theme.data in set(ComplaintTheme) else None
    ctx = context()
    found = workflow.inbox(
        get_session(),
        staff.provider_id,
        ctx,
        show,
        status,
        theme,
        request.args.get("page", 1, type=int),
    )
    return render_template(
        "staff/inbox.html",
        form=form,
        found=found,
        today=ctx.today,
        terms=ctx.terms,
        labels=LABELS,
        staff=staff,
        args=request.args,
    )


@blueprint.get("/complaints/<int:complaint_id>")
@staff_required
def complaint(staff: StaffMember, complaint_id: int):
    return _render_complaint(staff, _own(staff, complaint_id))


ACTIONS = {
    "acknowledge": (ConfirmForm, lambda db, c, s, f, ctx: workflow.acknowledge(db, c, s, ctx)),
    "start": (ConfirmForm, lambda db, c, s, f, ctx: workflow.start(db, c, s, ctx)),
    "refer": (ConfirmForm, lambda db, c, s, f, ctx: workflow.refer_to_committee(db, c, s, ctx)),
    "reply": (MessageForm, lambda db, c, s, f, ctx: workflow.reply(db, c, s, f.body.data, ctx)),
    "note": (
        NoteForm,
        lambda db, c, s, f, ctx: workflow.reply(db, c, s, f.body.data, ctx, internal=True),
    ),
    "extend": (
        ExtendForm,
        lambda db, c, s, f, ctx: workflow.extend(db, c, s, f.days.data, f.reason.data, ctx),
    ),
    "decide": (
        DecideForm,
        lambda db, c, s, f, ctx: workflow.decide(
            db, c, s, DecisionOutcome(f.outcome.data), f.reasoning.data, ctx
        ),
    ),
    "measures": (
        MeasuresForm,
        lambda db, c, s, f, ctx: workflow.record_measures(db, c, s, f.statement.data, ctx),
    ),
}


@blueprint.post("/complaints/<int:complaint_id>/<action>")
@staff_required
def act(staff: StaffMember, complaint_id: int, action: str):
    complaint = _own(staff, complaint_id)
    if action not in ACTIONS:
        abort(404)
    form_class, perform = ACTIONS[action]
    form = form_class(prefix=action)
    if not form.validate_on_submit():
        return _render_complaint(staff, complaint, {action: form}), 422
    try:
        perform(get_session(), complaint, staff, form, context())
    except ComplaintError as error:
        return _render_complaint(staff, complaint, {action: form}, ACTION_ERRORS[error.reason]), 409
    return redirect(url_for("staff.complaint", complaint_id=complaint.id, done=action), code=303)


def _own(staff: StaffMember, complaint_id: int) -> Complaint:
    """Another organisation's complaint is not found, not forbidden: nothing is revealed."""
    complaint = workflow.complaint_for_staff(get_session(), staff, complaint_id)
    if complaint is None:
        abort(404)
    return complaint


def _render_complaint(
    staff: StaffMember, complaint: Complaint, posted: dict | None = None, problem: str = ""
):
    forms = {
        name: form_class(prefix=name, formdata=None) for name, (form_class, _p) in ACTIONS.items()
    }
    forms.update(posted or {})
    ctx = context()
    return render_template(
        "staff/complaint.html",
        staff=staff,
        complaint=complaint,
        forms=forms,
        problem=problem,
        thread=workflow.thread(get_session(), complaint),
        today=ctx.today,
        deadlines=open_deadlines(complaint, ctx.terms),
        labels=LABELS,
    )


def _local(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else ""

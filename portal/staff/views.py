"""Staff sign-in with a second factor, sign-out and the password page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal import accounts, audit
from portal.access import public, roles_required
from portal.db import get_session
from portal.forms import ConfirmForm
from portal.models import COMMITTEE_ROLES, StaffMember, StaffRole
from portal.timeutil import utcnow

from .auth import TOKEN_KEY, policy
from .forms import LoginForm, PasswordForm, TotpForm

blueprint = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")

LOGIN_FAILED = _l("The e-mail address or password is not right.")
LOCKED = _l("Too many attempts. This account is locked for a while; try again later.")
CODE_FAILED = _l("This code is not right, or it was used already. Wait for the next code.")


@blueprint.route("/login", methods=["GET", "POST"])
@public
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
@public
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
    return redirect(_local(request.args.get("next", "")) or url_for(home_of(staff.role)), code=303)


@blueprint.post("/logout")
@public
def logout():
    if ConfirmForm().validate_on_submit():
        accounts.end_session(get_session(), session.get(TOKEN_KEY, ""), utcnow())
    session.clear()
    return redirect(url_for("staff.login"), code=303)


@blueprint.route("/password", methods=["GET", "POST"])
@roles_required(*StaffRole)
def password(staff: StaffMember):
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


def home_of(role: StaffRole) -> str:
    """Where each role starts after signing in."""
    if role is StaffRole.ADMINISTRATOR:
        return "admin.index"
    if role in COMMITTEE_ROLES:
        return "committee.inbox"
    if role is StaffRole.PROVIDER:
        return "staff.inbox"
    return "staff.password"  # roles whose workspace comes with a later feature


def _local(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else ""

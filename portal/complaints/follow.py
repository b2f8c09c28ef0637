"""Follow a complaint with its receipt code: read, reply, go to the committee, withdraw."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal.db import get_session
from portal.models import Complaint
from portal.security import ratelimit
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.web import municipality_field
from portal.web.forms import ConfirmForm

from . import handles, service
from .clock import add_months, open_deadlines
from .context import from_app as context
from .forms import CommitteeForm, MessageForm, MunicipalityForm, ReceiptForm, number_or_zero
from .labels import LABELS
from .procedure import Action, Actor, allowed
from .timeline import timeline
from .views import blueprint

ACCESS_IDLE_SECONDS = 30 * 60
ACCESS_KEY = "complaint_access"  # in the cookie: a random handle (handles.py), never an id
NOT_FOUND = _l(
    "We could not open a complaint with this code. Check the code and try again. "
    "Capital or small letters both work."
)
TOO_MANY = _l("You tried many codes in a short time. Please wait 15 minutes and try again.")
CONFIRM = {
    "withdraw": _l(
        "Do you want to withdraw your complaint? The organisation stops working on it. You "
        "cannot undo this, but you can always file a new complaint."
    ),
    "municipality": _l(
        "Do you want the municipality to be told? They hear the organisation and the theme of "
        "your complaint, nothing else. This cannot be undone."
    ),
}
ERRORS = {
    "not_now": _l("This is not possible any more in the current state of your complaint."),
    "unknown_municipality": _l("Choose the municipality."),
    "no_committee": _l(
        "This organisation has no complaints committee in Klankbord. Ask the organisation for "
        "its complaint regulation, or ask a trusted contact person for help."
    ),
    "identity_required": _l("Fill in your name and an e-mail address or phone number."),
}
DONE = {
    "reply": _l("Your message was sent. The organisation reads it in Klankbord."),
    "committee": _l(
        "Your complaint is now with the complaints committee. It sends its judgement within "
        "six weeks."
    ),
    "municipality": _l("The municipality has been told the organisation and the theme."),
    "withdraw": _l("Your complaint is withdrawn."),
}


@blueprint.route("/follow", methods=["GET", "POST"])
@public
@rate_limited("receipt_lookup")
def follow():
    form = ReceiptForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template(
            "complaints/follow.html", form=form, saved=request.args.get("saved")
        ), status
    if not _lookup_allowed():
        form.code.errors.append(TOO_MANY)
        return render_template("complaints/follow.html", form=form), 429
    complaint = service.find_by_receipt(
        get_session(), form.code.data, current_app.config["CODE_PEPPER"]
    )
    if complaint is None:
        form.code.errors.append(NOT_FOUND)
        return render_template("complaints/follow.html", form=form), 422
    handle = handles.open_handle(get_session(), complaint, context().today)
    session[ACCESS_KEY] = {"handle": handle, "seen": int(time.time())}
    return redirect(url_for("complaints.mine"), code=303)


@blueprint.get("/mine")
@public
def mine():
    return _render_mine(_my_complaint())


@blueprint.post("/mine/reply")
@public
def reply():
    complaint = _my_complaint()
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_mine(complaint, message_form=form), 422
    return _perform(
        lambda: service.add_information(get_session(), complaint, form.body.data, context()),
        "reply",
    )


@blueprint.route("/mine/committee", methods=["GET", "POST"])
@public
def to_committee():
    """Ask the committee to judge: it needs to know who you are, and you may stay informal."""
    complaint = _my_complaint()
    provider = service.provider_of(get_session(), complaint)
    form = CommitteeForm(
        formdata=None if request.method == "GET" else request.form,
        name=complaint.complainant_name,
        email=complaint.contact_email,
        phone=complaint.contact_phone,
    )
    if Action.TO_COMMITTEE not in _actions(complaint) or not service.takes_formal_complaints(
        provider
    ):
        return render_template("complaints/problem.html", message=ERRORS["no_committee"]), 409
    if request.method == "GET" or not form.validate_on_submit():
        return render_template(
            "complaints/committee.html", form=form, complaint=complaint, provider=provider
        ), (422 if form.errors else 200)
    identity = service.Identity(form.name.data, form.email.data, form.phone.data)
    return _perform(
        lambda: service.to_committee(get_session(), complaint, identity, context()), "committee"
    )


@blueprint.post("/mine/<action>")
@public
def act(action: str):
    complaint = _my_complaint()
    db, ctx = get_session(), context()
    actions = {
        "municipality": lambda: service.inform_municipality(
            db, complaint, number_or_zero(request.form.get("municipality")), ctx
        ),
        "withdraw": lambda: service.withdraw(db, complaint, ctx),
    }
    if action not in {*actions, "confidant"} or not ConfirmForm().validate_on_submit():
        abort(400)
    if action == "confidant":
        return _ask_confidant(complaint)
    pressed, place = municipality_field.posted_action(request.form)
    if action == "municipality" and pressed == municipality_field.SEARCH_ACTION:
        return redirect(url_for("complaints.mine", place=place, _anchor="inform"), code=303)
    if action in CONFIRM and request.form.get("confirmed") != "yes":
        return _confirm(action)
    return _perform(actions[action], action)


@blueprint.get("/mine/withdraw")
@public
def confirm_withdraw():
    _my_complaint()
    return _confirm("withdraw")


@blueprint.post("/leave")
@public
def leave():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    access = session.pop(ACCESS_KEY, None) or {}
    handles.close(get_session(), access.get("handle"))
    return redirect(url_for("complaints.index"), code=303)


def _ask_confidant(complaint: Complaint):
    """Start a question to a confidant about this complaint (portal/confidant); the
    organisation is not told."""
    # Imported here: the confidant pages import the complaint pages' forms.
    from portal.confidant.from_complaint import start_from_complaint

    if Action.ASK_CONFIDANT not in _actions(complaint):
        return render_template("complaints/problem.html", message=ERRORS["not_now"]), 409
    return redirect(start_from_complaint(complaint), code=303)


def _perform(step, done: str):
    try:
        step()
    except service.ComplaintError as error:
        return render_template("complaints/problem.html", message=ERRORS[error.reason]), 409
    return redirect(url_for("complaints.mine", done=done), code=303)


def _confirm(action: str):
    """Ask once more before a step that cannot be undone; the choice made travels along."""
    return render_template(
        "complaints/confirm.html",
        action=action,
        question=CONFIRM[action],
        municipality=request.form.get("municipality", ""),
        form=ConfirmForm(),
    )


def _actions(complaint: Complaint) -> frozenset[Action]:
    ctx = context()
    regime = service.provider_of(get_session(), complaint).regime
    return allowed(complaint, regime, Actor.COMPLAINANT, ctx.today, ctx.terms)


def _render_mine(complaint: Complaint, message_form: MessageForm | None = None):
    from portal.confidant.from_complaint import complaint_panel  # see _ask_confidant

    db, ctx = get_session(), context()
    municipality_form = MunicipalityForm(formdata=None, municipality=complaint.municipality_id)
    provider = service.provider_of(db, complaint)
    offered = municipality_field.offer(municipality_form.municipality, db, "–", provider.id)
    return render_template(
        "complaints/mine.html",
        complaint=complaint,
        provider=provider,
        committee=service.committee_of(db, provider),
        thread=service.visible_thread(db, complaint, request.args.get("page", type=int)),
        parts=service.judgement_parts(db, complaint),
        timeline=timeline,
        escalation_until=(
            add_months(complaint.decided_on, ctx.terms.escalation_months)
            if complaint.decided_on
            else None
        ),
        deadlines=open_deadlines(complaint, ctx.terms),
        today=ctx.today,
        actions=_actions(complaint),
        message_form=message_form or MessageForm(formdata=None),
        confirm_form=ConfirmForm(),
        municipality_form=municipality_form,
        offered=offered,
        place=municipality_field.typed_place(),
        confidant=complaint_panel(complaint),
        done=DONE.get(request.args.get("done", "")),
        labels=LABELS,
    )


def _my_complaint() -> Complaint:
    """The complaint this browser opened with its code, while the access is fresh.

    A forged, closed, old or idle handle gets the ordinary "enter your code" page.
    """
    access = session.get(ACCESS_KEY)
    handle = access.get("handle") if isinstance(access, dict) else None
    complaint = handles.complaint_for(get_session(), handle, context().today)
    if complaint is None or time.time() - access.get("seen", 0) > ACCESS_IDLE_SECONDS:
        session.pop(ACCESS_KEY, None)
        handles.close(get_session(), handle)
        abort(redirect(url_for("complaints.follow")))
    session[ACCESS_KEY] = {"handle": handle, "seen": int(time.time())}
    return complaint


def _lookup_allowed() -> bool:
    """Per browser session, in memory (a stored counter would date the lookup); per
    client address the in-memory limit on this route applies, and a flood overall
    only slows answers down (portal.security.ratelimit), never locks everyone out."""
    session.setdefault("lookup_key", secrets.token_urlsafe(12))
    return ratelimit.allow(
        "receipt_session",
        session["lookup_key"],
        current_app.config["RECEIPT_LOOKUPS_PER_SESSION"],
        timedelta(minutes=15),
    )

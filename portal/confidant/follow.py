"""Follow a request with its receipt code: read the thread and status, write back, give
or withdraw consent to read the complaint, withdraw the request.

The browser's session holds only a random token (and when it was last used, for the
idle time-out); which request it opens is on the server (ConfidantAccess). The
receipt code is never stored, nor put in the cookie.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal.complaints.forms import MessageForm, ReceiptForm
from portal.db import get_session
from portal.models import ComplaintConsent, ConfidantRequest, Organisation, Provider
from portal.security import ratelimit
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.web.forms import ConfirmForm

from . import routing, service
from .context import from_app as context
from .forms import ConsentForm
from .labels import LABELS
from .rules import Action
from .views import blueprint

ACCESS_KEY = "confidant_access"
ACCESS_IDLE_SECONDS = 30 * 60
NOT_FOUND = _l(
    "We could not open a question with this code. Check the code and try again. Capital or "
    "small letters both work."
)
TOO_MANY = _l("You tried many codes in a short time. Please wait 15 minutes and try again.")
ERRORS = {"not_now": _l("This is not possible any more: your question is closed.")}
DONE = {
    "write": _l("Your message was sent. Only the trusted contact person reads it."),
    "consent": _l("Your choice is saved. The trusted contact person sees it at once."),
    "withdraw": _l("Your question is withdrawn. You can always ask a new one."),
}


@blueprint.route("/follow", methods=["GET", "POST"])
@public
@rate_limited("receipt_lookup")
def follow():
    form = ReceiptForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template(
            "confidant/follow.html", form=form, saved=request.args.get("saved")
        ), status
    if not _lookup_allowed():
        form.code.errors.append(TOO_MANY)
        return render_template("confidant/follow.html", form=form), 429
    db = get_session()
    found = service.find_by_receipt(db, form.code.data, current_app.config["CODE_PEPPER"])
    if found is None:
        form.code.errors.append(NOT_FOUND)
        return render_template("confidant/follow.html", form=form), 422
    token = service.open_access(db, found, context().today)
    session[ACCESS_KEY] = {"token": token, "seen": int(time.time())}
    return redirect(url_for("confidant.mine"), code=303)


@blueprint.get("/mine")
@public
def mine():
    return _render_mine(_my_request())


@blueprint.post("/mine/write")
@public
def write():
    mine = _my_request()
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_mine(mine, message_form=form), 422
    return _perform(lambda: service.write(get_session(), mine, form.body.data, context()), "write")


@blueprint.post("/mine/consent")
@public
def consent():
    mine = _my_request()
    form = ConsentForm()
    if not form.validate_on_submit():
        return _render_mine(mine, consent_form=form), 422
    chosen = ComplaintConsent(form.consent.data)
    return _perform(lambda: service.set_consent(get_session(), mine, chosen, context()), "consent")


@blueprint.route("/mine/withdraw", methods=["GET", "POST"])
@public
def withdraw():
    mine = _my_request()
    if request.method == "GET" or request.form.get("confirmed") != "yes":
        return render_template("confidant/confirm.html", form=ConfirmForm())
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _perform(lambda: service.withdraw(get_session(), mine, context()), "withdraw")


@blueprint.post("/leave")
@public
def leave():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    access = session.pop(ACCESS_KEY, None) or {}
    service.close_access(get_session(), access.get("token"))
    return redirect(url_for("confidant.index"), code=303)


def _perform(step, done: str):
    try:
        step()
    except service.RequestError as error:
        message = ERRORS.get(error.reason, ERRORS["not_now"])
        return render_template("confidant/problem.html", message=message), 409
    return redirect(url_for("confidant.mine", done=done), code=303)


def _render_mine(
    mine: ConfidantRequest,
    message_form: MessageForm | None = None,
    consent_form: ConsentForm | None = None,
):
    db, ctx = get_session(), context()
    organisation = db.get(Organisation, mine.service_id)
    return render_template(
        "confidant/mine.html",
        request_=mine,
        service=routing.describe(db, organisation, ctx.first_contact_days),
        provider=db.get(Provider, mine.provider_id) if mine.provider_id else None,
        thread=service.thread(db, mine, page=request.args.get("page", type=int)),
        actions=service.requester_actions(mine),
        message_form=message_form or MessageForm(formdata=None),
        consent_form=consent_form
        or ConsentForm(formdata=None, consent=mine.complaint_consent.value),
        confirm_form=ConfirmForm(),
        done=DONE.get(request.args.get("done", "")),
        labels=LABELS,
        Action=Action,
    )


def _my_request() -> ConfidantRequest:
    """The request this browser opened with its code, while the access is fresh."""
    access = session.get(ACCESS_KEY)
    fresh = isinstance(access, dict) and time.time() - access.get("seen", 0) <= ACCESS_IDLE_SECONDS
    token = access.get("token") if fresh else None
    found = service.request_for_access(get_session(), token, context().today)
    if found is None:
        session.pop(ACCESS_KEY, None)
        abort(redirect(url_for("confidant.follow")))
    session[ACCESS_KEY] = {"token": token, "seen": int(time.time())}
    return found


def _lookup_allowed() -> bool:
    """Per browser session, in memory and in one budget with the complaint lookups
    (portal.security.ratelimit; a stored counter would date the lookup); per client address the
    in-memory limit on this route applies."""
    session.setdefault("lookup_key", secrets.token_urlsafe(12))
    return ratelimit.allow(
        "receipt_session",
        session["lookup_key"],
        current_app.config["RECEIPT_LOOKUPS_PER_SESSION"],
        timedelta(minutes=15),
    )

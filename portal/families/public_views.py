"""The family page at /family/: no account, the personal code from the card.

A code is looked up by its keyed digest; an unknown and a revoked code get the same
answer, and lookups are throttled per browser session (in the database) and per client
address (in memory, portal/security/ratelimit.py), so guessing is slow and reveals nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import date, timedelta

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlmodel import select
from werkzeug.routing import BuildError

from portal.db import get_session
from portal.models import FamilyArrangement, FamilyEvent, FamilyMember, MemberAnswer
from portal.security import throttle
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.timeutil import utcnow
from portal.web.forms import ConfirmForm

from . import cards, labels, rules, service
from .blueprints import public as blueprint
from .context import from_app as context
from .facts import Facts, load
from .forms import EmailForm, FamilyCodeForm, ReasonForm

ACCESS_KEY = "family_access"
ACCESS_IDLE_SECONDS = 30 * 60
NOT_FOUND = _l(
    "We could not open a family page with this code. Check the code on your card and try "
    "again. Capital or small letters both work."
)
TYPO = _l("This code is not complete or has a typing error. Check each character on your card.")
TOO_MANY = _l("You tried many codes in a short time. Please wait 15 minutes and try again.")
DONE = {
    "confirm": _l("Thank you. Your answer is saved."),
    "change": _l("Your request is sent. The professionals answer it on this page."),
    "disagree": _l("Your message is sent. The professionals will talk it over with you."),
    "email": _l("Saved. We send a short message to this address when something changes."),
    "email_removed": _l("Your e-mail address is removed."),
    "parents": _l("Saved."),
}
REQUESTS = {"change": MemberAnswer.OTHER, "disagree": MemberAnswer.DISAGREE}


@blueprint.route("/", methods=["GET", "POST"])
@public
@rate_limited("family_code", failures_only=True)
def start():
    form = FamilyCodeForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args.get("code", "")[:40]  # from the card's QR code
    if not form.validate_on_submit():
        return render_template("family/start.html", form=form), 422 if form.errors else 200
    if not _lookup_allowed():
        form.code.errors.append(TOO_MANY)
        return render_template("family/start.html", form=form), 429
    if not cards.well_formed(form.code.data):
        form.code.errors.append(TYPO)
        return render_template("family/start.html", form=form), 422
    member = service.member_by_code(get_session(), form.code.data, context().code_key)
    if member is None:
        form.code.errors.append(NOT_FOUND)
        return render_template("family/start.html", form=form), 422
    session[ACCESS_KEY] = _access(member)
    return redirect(url_for("family.page"), code=303)


@blueprint.get("/mine")
@public
def page():
    member, facts = _mine()
    return _render(member, facts)


@blueprint.post("/mine/confirm")
@public
def confirm():
    member, facts = _mine()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _perform(
        lambda: service.answer(get_session(), facts, member, MemberAnswer.CONFIRMED, "", context()),
        "confirm",
    )


@blueprint.route("/mine/<action>", methods=["GET", "POST"])
@public
def ask(action: str):
    """ "We would like someone else" and "we don't agree with how this goes", with an
    optional reason on a page of its own (works without JavaScript)."""
    if action not in REQUESTS:
        abort(404)
    member, facts = _mine()
    if service.ANSWER_ACTIONS[REQUESTS[action]] not in service.allowed(
        facts, member, context().today
    ):
        return render_template("family/problem.html", message=labels.ERROR["not_allowed"]), 409
    form = ReasonForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "GET" or not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("family/ask.html", kind=action, form=form, facts=facts), status
    given, reason = REQUESTS[action], form.reason.data or ""
    return _perform(
        lambda: service.answer(get_session(), facts, member, given, reason, context()), action
    )


@blueprint.post("/mine/email")
@public
def email():
    member, facts = _mine()
    form = EmailForm()
    remove = request.form.get("action") == "remove"
    if not form.validate_on_submit() or not (remove or (form.email.data or "").strip()):
        if not form.errors:
            form.email.errors.append(_l("Fill in an e-mail address like name@example.nl."))
        return _render(member, facts, email_form=form), 422
    address = None if remove else form.email.data
    locale = str(get_locale())
    return _perform(
        lambda: service.set_email(get_session(), facts, member, address, locale, context()),
        "email_removed" if remove else "email",
    )


@blueprint.post("/mine/parents")
@public
def parents():
    member, facts = _mine()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    allow = request.form.get("allow") == "yes"
    return _perform(
        lambda: service.allow_parents(get_session(), facts, member, allow, context()), "parents"
    )


@blueprint.post("/leave")
@public
def leave():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session.pop(ACCESS_KEY, None)
    return redirect(url_for("family.start"), code=303)


def _perform(step: Callable[[], None], done: str):
    try:
        step()
    except service.FamilyError as error:
        get_session().rollback()
        return render_template("family/problem.html", message=labels.ERROR[error.reason]), 409
    return redirect(url_for("family.page", done=done), code=303)


def _mine() -> tuple[FamilyMember, Facts]:
    """The member this browser opened with a code, while the access is fresh."""
    access = session.get(ACCESS_KEY)
    if not access or time.time() - access.get("seen", 0) > ACCESS_IDLE_SECONDS:
        session.pop(ACCESS_KEY, None)
        abort(redirect(url_for("family.start")))
    db = get_session()
    member = db.get(FamilyMember, access.get("member"))
    # Revoked meanwhile, deleted, or a new card was made: a page opened with the old card
    # closes too, so a new card really replaces the old one.
    if member is None or member.code_digest is None or access.get("card") != _card(member):
        session.pop(ACCESS_KEY, None)
        abort(redirect(url_for("family.start")))
    session[ACCESS_KEY] = _access(member)
    return member, load(db, db.get(FamilyArrangement, member.arrangement_id))


def _card(member: FamilyMember) -> str:
    """Which card opened the page: a digest of the stored digest, so the session cookie
    never holds what is in the database."""
    return hashlib.sha256(f"family-card:{member.code_digest}".encode()).hexdigest()[:32]


def _access(member: FamilyMember) -> dict:
    return {"member": member.id, "card": _card(member), "seen": int(time.time())}


def _new_cards(facts: Facts) -> list[tuple[date, str]]:
    """When a new card was made for whom: every member who can open the page sees it."""
    names = {m.id: m.name for m in facts.members}
    found = get_session().exec(
        select(FamilyEvent)
        .where(FamilyEvent.arrangement_id == facts.arrangement.id, FamilyEvent.kind == "code")
        .order_by(FamilyEvent.id.desc())
    )
    return [(e.happened_on, names[e.member_id]) for e in found if e.member_id in names]


def _render(member: FamilyMember, facts: Facts, email_form: EmailForm | None = None):
    ctx = context()
    standing = rules.standing(member, facts.members, ctx.today)
    return render_template(
        "family/page.html",
        member=member,
        facts=facts,
        shown=facts.shown(ctx.today),
        standing=standing,
        actions=service.allowed(facts, member, ctx.today),
        counts=rules.answer_counts(member, facts.arrangement, ctx.today),
        again_at_18=rules.needs_to_confirm_as_adult(member, ctx.today),
        requests=[r for r in facts.requests if r.member_id == member.id],
        new_cards=_new_cards(facts),
        today=ctx.today,
        done=DONE.get(request.args.get("done", "")),
        confirm_form=ConfirmForm(),
        email_form=email_form or EmailForm(formdata=None, email=member.email),
        confidant_url=_confidant_url(),
        mediator=(
            current_app.config["FAMILY_MEDIATOR_NAME"],
            current_app.config["FAMILY_MEDIATOR_CONTACT"],
        ),
        labels=labels,
        age_on=rules.age_on,
    )


def _confidant_url() -> str | None:
    """The confidant's own pages, when they are part of this installation."""
    try:
        return url_for("confidant.index")
    except BuildError:
        return None


def _lookup_allowed() -> bool:
    """Per browser session; no address is stored (see portal/security/ratelimit.py for the rest)."""
    db, now, config = get_session(), utcnow(), current_app.config
    session.setdefault("lookup_key", secrets.token_urlsafe(12))
    mine = "family:" + hashlib.sha256(session["lookup_key"].encode()).hexdigest()[:32]
    return throttle.allow(
        db, mine, config["FAMILY_LOOKUPS_PER_SESSION"], timedelta(minutes=15), now
    )

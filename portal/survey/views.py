"""Survey entry pages: find a provider or type a code, start, and the thank-you
page. The steps themselves are in ``steps.py``.

Starting creates a server-side draft (portal/web/drafts.py) under a random handle in
the session; the open-link switch is checked here and again on every step.
"""

from __future__ import annotations

import secrets
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.db import get_session
from portal.models import Provider
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.timeutil import dutch_day, utcnow
from portal.web import drafts

from . import flow, service
from .forms import InvitationCodeForm, ProviderSearchForm

blueprint = Blueprint("survey", __name__, url_prefix="/survey", template_folder="templates")

FORM_KEY = "survey_form"  # the random handle of this browser's draft
# Set when the last send was a safety signal: the thank-you page shows the help
# block first. Holds nothing else, and the stored answer is not linked to it.
HELP_KEY = "survey_help"

CODE_MESSAGES = {
    service.CodeStatus.MISTYPED: _l(
        "This code is not complete or has a typing error. A code has 10 letters and "
        "numbers, like 7KQ2M-XH4TD. Please check it."
    ),
    service.CodeStatus.UNKNOWN: _l(
        "We do not know this code. Please check the code on your invitation card."
    ),
    service.CodeStatus.USED: _l(
        "This code has already been used. Each code works once. Ask your care provider "
        "for a new one, or fill in the survey without a code."
    ),
}


@blueprint.get("/")
@public
def start():
    search = ProviderSearchForm(request.args)
    page = request.args.get("page", 1, type=int)
    found = service.search_providers(get_session(), search.q.data or "", page)
    code_form = InvitationCodeForm(code=request.args.get("code", ""))
    return render_template("survey/start.html", search=search, found=found, code_form=code_form)


@blueprint.get("/p/<slug>")
@public
def open_link(slug: str):
    """What the survey is, and a button to start it (a start page, GOV.UK style)."""
    provider = service.provider_by_slug(get_session(), slug) or abort(404)
    if not provider.open_link:
        return codes_only(provider, 200)
    return render_template("survey/intro.html", provider=provider, form=FlaskForm())


@blueprint.post("/p/<slug>")
@public
def begin(slug: str):
    db = get_session()
    provider = service.provider_by_slug(db, slug) or abort(404)
    if not provider.open_link:
        return codes_only(provider)
    if not FlaskForm().validate_on_submit():  # an expired page: show it again
        return render_template("survey/intro.html", provider=provider, form=FlaskForm()), 400
    data = drafts.load(db, session.get(FORM_KEY))
    if data and data.get(flow.PROVIDER) == slug and not data.get(flow.CODE):
        # Back at the start page of a survey under way: go on with it.
        return redirect(url_for("survey.step", name="about"), code=303)
    session[FORM_KEY] = secrets.token_urlsafe(24)
    flow.start(db, session[FORM_KEY], provider, "", today())
    return redirect(url_for("survey.step", name="about"), code=303)


@blueprint.post("/code")
@public
@rate_limited("survey_code")
def enter_code():
    code_form = InvitationCodeForm()
    db = get_session()
    if code_form.validate_on_submit():
        check = service.check_invitation_code(
            db, code_form.code.data, current_app.config["CODE_PEPPER"]
        )
        if check.status is service.CodeStatus.VALID and check.provider is not None:
            kept = drafts.load(db, session.get(FORM_KEY)) or {}
            if not kept.get(flow.AWAITING_CODE):
                kept = {}  # a new survey; only a page that lost its draft keeps answers
            session[FORM_KEY] = secrets.token_urlsafe(24)
            flow.start(db, session[FORM_KEY], check.provider, check.normalized, today(), kept)
            return redirect(url_for("survey.step", name="about"), code=303)
        code_form.code.errors.append(CODE_MESSAGES[check.status])
    found = service.search_providers(db, "")
    return render_template(
        "survey/start.html", search=ProviderSearchForm(), found=found, code_form=code_form
    ), 422


@blueprint.get("/thanks")
@public
def thanks():
    return render_template("survey/thanks.html", needs_help=bool(session.get(HELP_KEY)))


@blueprint.get("/code")
@blueprint.get("/answers")
@public
def restart():
    """A refreshed or bookmarked form address: start again from the first page."""
    return redirect(url_for("survey.start", code=request.args.get("code") or None))


def codes_only(provider: Provider, status: int = 403, kept: bool = False):
    """A provider whose open link is off: answers only with an invitation code."""
    return render_template(
        "survey/codes_only.html", provider=provider, code_form=InvitationCodeForm(), kept=kept
    ), status


def today() -> date:
    return dutch_day(utcnow())

"""Survey pages: find a provider or enter a code, answer in steps, send."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.access import public
from portal.db import get_session
from portal.i18n import choose_language
from portal.models import Audience, Provider, QuestionnaireItem
from portal.ratelimit import rate_limited
from portal.redaction import clip, redact
from portal.timeutil import dutch_day, utcnow
from portal.wizard import Step, hidden_names, navigate, step_index

from . import service
from .forms import (
    InvitationCodeForm,
    ProviderSearchForm,
    SurveyFormBase,
    survey_form_class,
    wizard_steps,
)
from .questionnaires import active_questionnaire, items_of
from .wording import DONT_KNOW, item_text

blueprint = Blueprint("survey", __name__, url_prefix="/survey", template_folder="templates")

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


@dataclass
class Wizard:
    questionnaire_id: int
    items: list[QuestionnaireItem]
    steps: list[Step]
    form: SurveyFormBase


def _wizard(formdata: object | None = None, **data: str) -> Wizard:
    db = get_session()
    questionnaire = active_questionnaire(db)
    items = items_of(db, questionnaire)
    form = survey_form_class(items)(formdata=formdata, **data)
    return Wizard(questionnaire.id, items, wizard_steps(items), form)


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
    provider = service.provider_by_slug(get_session(), slug) or abort(404)
    if not provider.open_link:
        return _codes_only(provider, 200)
    wizard = _wizard(provider=provider.slug, token=service.new_submission_token(), step="about")
    return _render_step(wizard, provider, 0)


@blueprint.post("/code")
@public
@rate_limited("survey_code")
def enter_code():
    code_form = InvitationCodeForm()
    if code_form.validate_on_submit():
        check = service.check_invitation_code(
            get_session(), code_form.code.data, current_app.config["CODE_PEPPER"]
        )
        if check.status is service.CodeStatus.VALID:
            wizard = _wizard(code=check.normalized, token=service.new_submission_token())
            return _render_step(wizard, check.provider, 0)
        code_form.code.errors.append(CODE_MESSAGES[check.status])
    found = service.search_providers(get_session(), "")
    return render_template(
        "survey/start.html", search=ProviderSearchForm(), found=found, code_form=code_form
    ), 422


@blueprint.post("/answers")
@public
@rate_limited("survey_send", action="send")
def answer():
    wizard = _wizard(formdata=request.form)
    provider = _provider_of(wizard.form)
    if not service.may_answer(provider, wizard.form.code.data or ""):
        return _codes_only(provider)
    if choose_language(request.form.get("lang", "")):
        return _render_step(wizard, provider, step_index(wizard.steps, wizard.form.step.data))
    move = navigate(
        wizard.form, wizard.steps, wizard.form.step.data, request.form.get("action", "next")
    )
    if not move.send:
        return _render_step(wizard, provider, move.index), move.status
    outcome = service.submit_response(
        get_session(),
        _submission(wizard, provider),
        current_app.config["CODE_PEPPER"],
        dutch_day(utcnow()),
    )
    if outcome is service.Outcome.CODE_REQUIRED:
        return _codes_only(provider)
    if outcome in (service.Outcome.CODE_USED, service.Outcome.CODE_INVALID):
        wizard.form.code.errors = [CODE_MESSAGES[service.CodeStatus.USED]]
        return _render_step(wizard, provider, move.index), 409
    return redirect(url_for("survey.thanks"), code=303)


@blueprint.get("/thanks")
@public
def thanks():
    return render_template("survey/thanks.html")


def _codes_only(provider: Provider, status: int = 403):
    """A provider whose open link is off: answers only with an invitation code."""
    return render_template(
        "survey/codes_only.html", provider=provider, code_form=InvitationCodeForm()
    ), status


def _provider_of(form: SurveyFormBase) -> Provider:
    db = get_session()
    if form.code.data:
        check = service.check_invitation_code(db, form.code.data, current_app.config["CODE_PEPPER"])
        if check.provider is not None:
            return check.provider
    provider = service.provider_by_slug(db, form.provider.data or "")
    return provider or abort(400)


def _submission(wizard: Wizard, provider: Provider) -> service.Submission:
    form = wizard.form
    by_key = form.answers_by_key()
    return service.Submission(
        provider_id=provider.id,
        questionnaire_id=wizard.questionnaire_id,
        audience=Audience(form.audience.data),
        answers={item.id: by_key[item.key] for item in wizard.items},
        comment=form.comment.data or "",
        submission_token=form.token.data or service.new_submission_token(),
        invitation_code=form.code.data or "",
    )


def _render_step(wizard: Wizard, provider: Provider, index: int):
    form = wizard.form
    step = wizard.steps[index]
    form.step.data = step.name
    csrf_expired = bool(form.csrf_token.errors)
    return render_template(
        "survey/step.html",
        form=form,
        wizard=wizard,
        step=step,
        number=index + 1,
        provider=provider,
        csrf_expired=csrf_expired,
        item_text=item_text,
        dont_know=DONT_KNOW,
        # Cut before redacting, as when it is stored: the form may carry any length.
        comment_preview=redact(clip(form.comment.data or "", service.COMMENT_MAX_LENGTH)),
        hidden=hidden_names(wizard.steps, step),
        error_title=_("There is a problem"),
    )


@blueprint.get("/code")
@blueprint.get("/answers")
@public
def restart():
    """A refreshed or bookmarked form address: start again from the first page."""
    return redirect(url_for("survey.start", code=request.args.get("code") or None))

"""Survey steps, each at its own address (/survey/step/<name>), redirecting after
POST: the back gesture and reload show a step with its answers, which wait in a
server-side draft. The same pattern as the complaint form (portal/web/wizard.py).

Every step checks the provider's open-link switch again, so answers for a
provider that takes codes only are never accepted without a code.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.db import get_session
from portal.i18n.languages import choose_language
from portal.models import Provider
from portal.privacy.redaction import clip, redact
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.web import drafts, municipality_field, wizard
from portal.web.wizard import Step

from . import flow, service
from .forms import SurveyFormBase, survey_form_class
from .views import CODE_MESSAGES, FORM_KEY, HELP_KEY, blueprint, codes_only, today
from .wording import DONT_KNOW, NOT_APPLICABLE, item_hint, item_text


@blueprint.get("/step/<name>")
@public
def step(name: str) -> ResponseReturnValue:
    db = get_session()
    handle = session.get(FORM_KEY)
    if handle and drafts.spent(db, handle):
        return redirect(url_for("survey.thanks"), code=303)  # back, after sending
    data = drafts.load(db, handle)
    if data is None:
        return render_template("survey/expired.html"), 410
    provider = flow.provider_of(db, data)
    if provider is None or not service.may_answer(provider, data.get(flow.CODE) or ""):
        return codes_only(provider) if provider else abort(404)
    asked = flow.questions_of(db, data)
    steps = flow.steps_for(asked, data)
    index = _index(steps, name)
    if request.args.get("check"):  # redirected here after a POST with errors: show them
        form = _form(asked, provider, wizard.merged(data, MultiDict()))
        if form.validate_fields(steps[index].fields, csrf=False):
            return redirect(url_for("survey.step", name=name), code=303)
        return _render(asked, form, steps, index, provider, data), 422
    form = _form(asked, provider, None, data)
    return _render(
        asked, form, steps, index, provider, data, expired=bool(request.args.get("kept"))
    )


@blueprint.post("/step/<name>")
@public
@rate_limited("survey_send", action="send")
def save_step(name: str) -> ResponseReturnValue:
    db = get_session()
    handle = session.get(FORM_KEY)
    if handle and drafts.spent(db, handle):
        return redirect(url_for("survey.thanks"), code=303)  # a double click on "send"
    data = drafts.load(db, handle)
    if data is None:
        return _start_again(name)
    provider = flow.provider_of(db, data)
    if provider is None or not service.may_answer(provider, data.get(flow.CODE) or ""):
        return codes_only(provider) if provider else abort(400)
    posted = MultiDict(request.form)
    for own in (flow.PROVIDER, flow.TOKEN):  # the draft's, never the page's
        posted.poplist(own)
    asked = flow.questions_of(db, data)
    form = _form(asked, provider, wizard.merged(data, posted))
    steps = flow.steps_for(asked, {**data, **_typed_now(form)})
    index = _index(steps, name)
    if not form.validate_fields([]):  # only the CSRF token: what was typed stays on the page
        return _render(asked, form, steps, index, provider, data, csrf_expired=True), 400
    data = {**_own(data), **wizard.typed(form, steps)}
    action, place = municipality_field.posted_action(request.form)
    if action == "send" and name == "check" and not request.form.get("lang"):
        # The check page holds no answers, so nothing to save; and a twin click may
        # have spent the draft already.
        return _send(asked, form, steps, provider, handle, data)
    if action == municipality_field.SEARCH_ACTION:
        data = municipality_field.with_search_result(db, data, place)
    try:
        drafts.save(db, handle, flow.DRAFT, data, today())
    except drafts.DraftSpent:  # sent by a twin request in the meantime
        return redirect(url_for("survey.thanks"), code=303)
    if choose_language(request.form.get("lang", "")):
        return redirect(url_for("survey.step", name=name), code=303)
    if action == municipality_field.SEARCH_ACTION:  # what was typed is kept
        return redirect(url_for("survey.step", name=name, place=place), code=303)
    names = flow.step_names(steps)
    if action == "back":
        return redirect(url_for("survey.step", name=names[max(index - 1, 0)]), code=303)
    if not form.validate_fields(steps[index].fields):
        # Errors are shown after a redirect too, so back and reload never ask to resend.
        return redirect(url_for("survey.step", name=name, check=1), code=303)
    return redirect(url_for("survey.step", name=names[min(index + 1, len(names) - 1)]), code=303)


def _send(
    asked: flow.Questions,
    form: SurveyFormBase,
    steps: list[Step],
    provider: Provider,
    handle: str,
    data: dict[str, Any],
) -> ResponseReturnValue:
    if not form.validate_fields([n for s in steps for n in s.fields]):
        first = next(s for s in steps if any(form[n].errors for n in s.fields))
        return redirect(url_for("survey.step", name=first.name, check=1), code=303)
    keys = [item.key for s in steps for item in s.items]
    sent = flow.send(
        get_session(),
        asked,
        provider,
        handle,
        data,
        form.answers_by_key(keys),
        current_app.config["CODE_PEPPER"],
        today(),
    )
    if sent.outcome is service.Outcome.CODE_REQUIRED:
        return codes_only(provider)
    if sent.outcome in (service.Outcome.CODE_USED, service.Outcome.CODE_INVALID):
        problem = str(CODE_MESSAGES[service.CodeStatus.USED])
        return _render(asked, form, steps, len(steps) - 1, provider, data, problem=problem), 409
    if sent.safety_signal:
        session[HELP_KEY] = True
    else:
        session.pop(HELP_KEY, None)
    return redirect(url_for("survey.thanks"), code=303)


def _start_again(name: str) -> ResponseReturnValue:
    """A step posted after its draft expired (a day) or the session was lost: keep
    what this page holds in a new draft and say so."""
    db = get_session()
    provider = flow.provider_of(db, {flow.PROVIDER: request.form.get(flow.PROVIDER, "")})
    if provider is None:
        return render_template("survey/expired.html"), 410
    asked = flow.questions(db)
    form = _form(asked, provider, request.form)
    steps = flow.steps_for(asked, _typed_now(form))
    index = _index(steps, name)
    if not form.validate_fields([]):
        return _render(asked, form, steps, index, provider, {}, csrf_expired=True), 400
    kept = {field: value for field, value in wizard.typed(form, steps).items() if value}
    session[FORM_KEY] = secrets.token_urlsafe(24)
    if not service.may_answer(provider, ""):
        # The code is never in the page: ask for it again, the answers wait.
        drafts.save(db, session[FORM_KEY], flow.DRAFT, {**kept, flow.AWAITING_CODE: 1}, today())
        return codes_only(provider, 410, kept=True)
    token = request.form.get(flow.TOKEN) or service.new_submission_token()
    flow.start(db, session[FORM_KEY], provider, "", today(), {**kept, flow.TOKEN: token[:40]})
    return redirect(url_for("survey.step", name=name, kept=1), code=303)


def _own(data: dict[str, Any]) -> dict[str, Any]:
    kept = (flow.PROVIDER, flow.CODE, flow.TOKEN, flow.QUESTIONNAIRE)
    return {key: data[key] for key in kept if key in data}


def _typed_now(form: SurveyFormBase) -> dict[str, Any]:
    """The answers that decide which steps there are."""
    return {"audience": form.audience.data, "care_type": form.care_type.data}


def _index(steps: list[Step], name: str) -> int:
    names = flow.step_names(steps)
    if name not in names:
        abort(404)
    return names.index(name)


def _form(
    asked: flow.Questions,
    provider: Provider,
    formdata: MultiDict | None,
    data: dict[str, Any] | None = None,
) -> SurveyFormBase:
    form = survey_form_class(asked.version, asked.items)(formdata=formdata, data=data or {})
    # Checking an answer needs only the chosen municipality (one row, not all 342);
    # _render offers a short list and a search (portal/web/municipality_field.py).
    municipality_field.chosen_only(form.municipality, get_session(), _("I'd rather not say"))
    return form


def _back(steps: list[Step], index: int, provider: Provider, data: dict[str, Any]) -> str:
    if index:
        return url_for("survey.step", name=steps[index - 1].name)
    if data.get(flow.CODE):
        return url_for("survey.start")
    return url_for("survey.open_link", slug=provider.slug)


def _render(
    asked: flow.Questions,
    form: SurveyFormBase,
    steps: list[Step],
    index: int,
    provider: Provider,
    data: dict[str, Any],
    csrf_expired: bool = False,
    expired: bool = False,
    **extra: Any,
) -> str:
    shown, offered = steps[index], None
    if "municipality" in shown.fields:
        offered = municipality_field.offer(
            form.municipality, get_session(), _("I'd rather not say"), provider.id
        )
    return render_template(
        "survey/step.html",
        form=form,
        steps=steps,
        step=shown,
        number=index + 1,
        provider=provider,
        back_href=_back(steps, index, provider, data),
        csrf_expired=csrf_expired,
        expired=expired,
        has_errors=any(f.errors for f in form if f.name != "csrf_token"),
        item_text=item_text,
        item_hint=item_hint,
        dont_know=DONT_KNOW,
        not_applicable=NOT_APPLICABLE,
        offered=offered,
        place=municipality_field.typed_place(),
        # Cut before redacting, as when it is stored: the form may carry any length.
        comment_preview=redact(clip(form.comment.data or "", service.COMMENT_MAX_LENGTH)),
        **extra,
    )

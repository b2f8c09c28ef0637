"""Public confidant pages: what a trusted contact person does and who covers your
municipality, and asking one step by step (no account) with a receipt code.

The same wizard as complaints: every step has its own address and redirects after
POST, so the back gesture and reload work; what was typed waits in a server-side
draft that holds no identity.
"""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from portal.complaints.forms import number_or_zero
from portal.db import get_session
from portal.i18n.languages import choose_language
from portal.models import (
    CallbackWindow,
    ComplaintConsent,
    ContactMethod,
    Provider,
    ProviderMunicipality,
    RequesterRole,
    RequestTopic,
)
from portal.municipality_search import municipality_by_id
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.web import drafts, municipality_field, wizard

from . import routing, service
from .context import from_app as context
from .forms import STEPS, MunicipalityChoice, RequestForm
from .labels import LABELS

blueprint = Blueprint("confidant", __name__, url_prefix="/confidant", template_folder="templates")

FORM_KEY = "confidant_form"  # the random handle of this browser's draft
RECEIPT_KEY = "confidant_receipt"  # the handle of a sent request whose code is not saved yet
DRAFT = "confidant"
STEP_NAMES = [step.name for step in STEPS]
PROBLEMS = {"no_desk", "already_asked", "unknown_complaint"}


@blueprint.get("/")
@public
def index():
    choice = MunicipalityChoice(request.args)
    offered = municipality_field.offer(choice.municipality, get_session(), "–")
    chosen = (
        choice.municipality.data
        if municipality_by_id(get_session(), choice.municipality.data)
        else 0
    )
    info = routing.info_for(get_session(), chosen or None, context().first_contact_days)
    return render_template(
        "confidant/index.html",
        choice=choice,
        offered=offered,
        place=municipality_field.typed_place(),
        info=info,
        chosen=chosen,
    )


@blueprint.get("/new")
@public
def new():
    """Start a request; a code not yet saved comes first."""
    if session.get(RECEIPT_KEY):
        return redirect(url_for("confidant.receipt"), code=303)
    session[FORM_KEY] = secrets.token_urlsafe(24)
    municipality = number_or_zero(request.args.get("municipality"))
    if municipality_by_id(get_session(), municipality):
        save_draft(session[FORM_KEY], {"municipality": municipality})
    return redirect(url_for("confidant.step", name=STEPS[0].name), code=303)


@blueprint.get("/new/<name>")
@public
def step(name: str):
    index = _index(name)
    data = drafts.load(get_session(), session.get(FORM_KEY))
    if data is None and index > 0:
        return _restart()
    if request.args.get("check"):  # redirected here after a POST with errors: show them
        form = _form(wizard.merged(data or {}, request.form), data or {})
        if not form.validate_fields(STEPS[index].fields, csrf=False):
            return _render(form, index, data or {}), 422
    return _render(_form(None, data or {}), index, data or {})


@blueprint.post("/new/<name>")
@public
@rate_limited("complaint_send", action="send")
def save_step(name: str):
    index, handle = _index(name), session.get(FORM_KEY)
    if handle is None and index == 0 and not session.get(RECEIPT_KEY):
        handle = session[FORM_KEY] = secrets.token_urlsafe(24)  # opened at the first step
    db = get_session()
    data = drafts.load(db, handle)
    if handle is None or drafts.spent(db, handle) or (data is None and index > 0):
        return _sent_or_restart()
    data = data or {}
    form = _form(wizard.merged(data, request.form), data)
    if not form.validate_fields([]):  # only the CSRF token: what was typed stays on the page
        return _render(form, index, data, csrf_expired=True), 400
    action, place = municipality_field.posted_action(request.form)
    kept = {**data, **wizard.typed(form, STEPS)}
    if action == municipality_field.SEARCH_ACTION:
        kept = municipality_field.with_search_result(db, kept, place)
    save_draft(handle, kept)
    if choose_language(request.form.get("lang", "")):
        return redirect(url_for("confidant.step", name=name), code=303)
    if action == municipality_field.SEARCH_ACTION:  # what was typed is kept
        return redirect(url_for("confidant.step", name=name, place=place), code=303)
    if action == "back":
        return redirect(url_for("confidant.step", name=STEP_NAMES[max(index - 1, 0)]), code=303)
    if action == "send" and STEPS[index].name == "check":
        return _send(form, handle, data)
    if not form.validate_fields(STEPS[index].fields):
        # Errors are shown after a redirect too, so back and reload never ask to resend.
        return redirect(url_for("confidant.step", name=name, check=1), code=303)
    following = STEP_NAMES[min(index + 1, len(STEPS) - 1)]
    return redirect(url_for("confidant.step", name=following), code=303)


def _send(form: RequestForm, handle: str, data: dict):
    all_fields = [name for s in STEPS for name in s.fields]
    if not form.validate_fields(all_fields):
        first = next(i for i, s in enumerate(STEPS) if any(form[n].errors for n in s.fields))
        return redirect(url_for("confidant.step", name=STEP_NAMES[first], check=1), code=303)
    try:
        filed = service.file_request(get_session(), _draft(form, data), handle, context())
    except service.RequestError as error:
        if error.reason in PROBLEMS:
            return render_template("confidant/problem.html", reason=error.reason), 409
        abort(400)
    if filed.already_filed and filed.received_on != context().today:
        return _restart()  # not a double click: a replayed form never sees a code
    session.pop(FORM_KEY, None)
    session[RECEIPT_KEY] = handle
    return redirect(url_for("confidant.receipt"), code=303)


def _sent_or_restart():
    if session.get(RECEIPT_KEY):
        return redirect(url_for("confidant.receipt"), code=303)
    return _restart()


def _restart():
    return render_template("confidant/expired.html"), 410


def _index(name: str) -> int:
    if name not in STEP_NAMES:
        abort(404)
    return STEP_NAMES.index(name)


def save_draft(handle: str, data: dict) -> None:
    drafts.save(get_session(), handle, DRAFT, data, context().today)


def _providers(municipality_id: int) -> list[Provider]:
    """The organisations that serve the municipality (chosen on the first step)."""
    if not municipality_id:
        return []
    return list(
        get_session().exec(
            select(Provider)
            .join(ProviderMunicipality, ProviderMunicipality.provider_id == Provider.id)
            .where(ProviderMunicipality.municipality_id == municipality_id)
            .order_by(Provider.name)
        )
    )


def _form(formdata: object | None, data: dict) -> RequestForm:
    form = RequestForm(formdata=formdata, data=data)
    db = get_session()
    municipality_field.chosen_only(form.municipality, db, "–")
    fixed = db.get(Provider, data["provider"]) if data.get("complaint_id") else None
    shown = [fixed] if fixed else _providers(form.municipality.data or 0)
    form.provider.choices = [SelectChoice(0, "–")] + [SelectChoice(p.id, p.name) for p in shown]
    form.fixed_provider = fixed
    return form


def _render(form: RequestForm, index: int, data: dict, csrf_expired: bool = False):
    step = STEPS[index]
    db, ctx = get_session(), context()
    municipality = form.municipality.data or None
    offered = None
    if "municipality" in step.fields:
        offered = municipality_field.offer(form.municipality, db, "–")
    return render_template(
        "confidant/step.html",
        offered=offered,
        place=municipality_field.typed_place(),
        form=form,
        step=step,
        number=index + 1,
        total=len(STEPS),
        previous=STEP_NAMES[index - 1] if index else None,
        info=routing.info_for(db, municipality, ctx.first_contact_days) if index else None,
        from_complaint=bool(data.get("complaint_id")),
        provider=db.get(Provider, form.provider.data) if form.provider.data else None,
        municipality_name=getattr(municipality_by_id(db, municipality), "name", None),
        csrf_expired=csrf_expired,
        labels=LABELS,
    )


def _draft(form: RequestForm, data: dict) -> service.RequestDraft:
    contact = ContactMethod(form.contact.data)
    return service.RequestDraft(
        requester_role=RequesterRole(form.role.data),
        topic=RequestTopic(form.topic.data),
        question=form.question.data or "",
        contact_method=contact,
        municipality_id=form.municipality.data or None,
        provider_id=form.provider.data or None,
        complaint_id=number_or_zero(data.get("complaint_id")) or None,
        complaint_consent=ComplaintConsent(form.consent.data or ComplaintConsent.NONE.value),
        contact_email=form.email.data if contact is ContactMethod.EMAIL else None,
        contact_phone=form.phone.data if contact is ContactMethod.CALLBACK else None,
        callback_window=CallbackWindow(form.window.data)
        if contact is ContactMethod.CALLBACK and form.window.data
        else None,
        language=str(get_locale()),
    )

"""Public complaint pages: file a complaint step by step (no account) and get a
receipt code. Every step has its own address and redirects after POST, so the
back gesture and reload work; what was typed waits in a server-side draft.
"""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from portal.db import get_session
from portal.i18n.languages import choose_language
from portal.models import ComplainantRole, ComplaintKind, ComplaintTheme, Provider
from portal.privacy import redaction
from portal.security.access import public
from portal.security.ratelimit import rate_limited
from portal.survey.service import search_providers
from portal.web import drafts, municipality_field, wizard

from . import receipts, service
from .context import from_app as context
from .forms import STEPS, ComplaintForm, SavedCodeForm, number_or_zero
from .labels import LABELS

blueprint = Blueprint("complaints", __name__, url_prefix="/complaints", template_folder="templates")

FORM_KEY = "complaint_form"  # the random handle of this browser's draft
RECEIPT_KEY = "receipt_pending"  # the handle of a sent complaint whose code is not saved yet
DRAFT = "complaint"
STEP_NAMES = [step.name for step in STEPS]


@blueprint.get("/")
@public
def index():
    return render_template("complaints/index.html")


@blueprint.get("/new")
@public
def new():
    """Start a complaint; a code not yet saved comes first."""
    if session.get(RECEIPT_KEY):
        return redirect(url_for("complaints.receipt"), code=303)
    session[FORM_KEY] = secrets.token_urlsafe(24)
    provider = number_or_zero(request.args.get("provider"))
    if provider and get_session().get(Provider, provider) is not None:
        drafts.save(get_session(), session[FORM_KEY], DRAFT, {"provider": provider}, _today())
    return redirect(url_for("complaints.step", name=STEPS[0].name), code=303)


@blueprint.get("/new/<name>")
@public
def step(name: str):
    index = _index(name)
    data = drafts.load(get_session(), session.get(FORM_KEY))
    if data is None and index > 0:
        return _restart()
    if request.args.get("check"):  # redirected here after a POST with errors: show them
        form = _form(wizard.merged(data or {}, MultiDict()), {})
        if not form.validate_fields(STEPS[index].fields, csrf=False):
            return _render(form, index), 422
    return _render(_form(None, data or {}), index)


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
    form = _form(wizard.merged(data or {}, request.form), {})
    if not form.validate_fields([]):  # only the CSRF token: what was typed stays on the page
        return _render(form, index, csrf_expired=True), 400
    if choose_language(request.form.get("lang", "")):
        drafts.save(db, handle, DRAFT, wizard.typed(form, STEPS), _today())
        return redirect(url_for("complaints.step", name=name), code=303)
    action, place = municipality_field.posted_action(request.form)
    if action in ("search", municipality_field.SEARCH_ACTION):
        # Find the organisation or the municipality; what was typed is kept.
        kept = wizard.typed(form, STEPS)
        if action == municipality_field.SEARCH_ACTION:
            kept = municipality_field.with_search_result(db, kept, place)
        drafts.save(db, handle, DRAFT, kept, _today())
        query = request.form.get("q", "").strip()[:80]
        found = url_for("complaints.step", name=name, q=query or None, place=place or None)
        return redirect(found, code=303)
    if action == "back":
        drafts.save(db, handle, DRAFT, wizard.typed(form, STEPS), _today())
        return redirect(url_for("complaints.step", name=STEP_NAMES[max(index - 1, 0)]), code=303)
    if action == "send" and STEPS[index].name == "check":
        return _send(form, handle)
    drafts.save(db, handle, DRAFT, wizard.typed(form, STEPS), _today())
    if not form.validate_fields(STEPS[index].fields):
        # Errors are shown after a redirect too, so back and reload never ask to resend.
        return redirect(url_for("complaints.step", name=name, check=1), code=303)
    following = STEP_NAMES[min(index + 1, len(STEPS) - 1)]
    return redirect(url_for("complaints.step", name=following), code=303)


def _send(form: ComplaintForm, handle: str):
    all_fields = [name for s in STEPS for name in s.fields]
    if not form.validate_fields(all_fields):
        first = next(i for i, s in enumerate(STEPS) if any(form[n].errors for n in s.fields))
        return redirect(url_for("complaints.step", name=STEP_NAMES[first], check=1), code=303)
    try:
        filed = service.file_complaint(get_session(), _draft(form), handle, context())
    except service.ComplaintError:
        abort(400)
    if filed.already_filed and filed.received_on != context().today:
        return _restart()  # not a double click: a replayed form never sees a code
    session.pop(FORM_KEY, None)
    session[RECEIPT_KEY] = handle
    return redirect(url_for("complaints.receipt"), code=303)


def _sent_or_restart():
    """A step posted again after sending: the same browser session may still see its
    code until it is saved; after that a code is never shown again."""
    if session.get(RECEIPT_KEY):
        return redirect(url_for("complaints.receipt"), code=303)
    return _restart()


def _restart():
    return render_template("complaints/expired.html"), 410


@blueprint.get("/receipt")
@public
def receipt():
    handle = _pending_receipt()
    if not handle:
        return redirect(url_for("complaints.follow"), code=303)
    return render_template(
        "complaints/receipt.html", code=_code(handle), form=SavedCodeForm(formdata=None)
    )


@blueprint.post("/receipt")
@public
def code_saved():
    handle = _pending_receipt()
    if not handle:
        return redirect(url_for("complaints.follow"), code=303)
    form = SavedCodeForm()
    if not form.validate_on_submit():
        return render_template("complaints/receipt.html", code=_code(handle), form=form), 422
    session.pop(RECEIPT_KEY, None)
    return redirect(url_for("complaints.follow", saved=1), code=303)


@blueprint.get("/receipt.txt")
@public
def receipt_file():
    handle = _pending_receipt()
    if not handle:
        abort(404)
    text = render_template("complaints/receipt.txt", code=_code(handle))
    return Response(
        text,
        mimetype="text/plain",
        headers={"Content-Disposition": 'attachment; filename="klankbord-code.txt"'},
    )


def _pending_receipt() -> str | None:
    """The handle of the sent complaint whose code this browser may still see.

    Only while the form's spent marker exists (drafts.purge removes it after a
    day): a phone left with the receipt unsaved does not show the code for ever.
    """
    handle = session.get(RECEIPT_KEY)
    if handle and not drafts.spent(get_session(), handle):
        session.pop(RECEIPT_KEY, None)
        return None
    return handle


def _code(handle: str) -> str:
    return receipts.code_for_submission(handle, current_app.config["CODE_PEPPER"])


def _index(name: str) -> int:
    if name not in STEP_NAMES:
        abort(404)
    return STEP_NAMES.index(name)


def _today():
    return context().today


def _form(formdata: object | None, data: dict[str, object]) -> ComplaintForm:
    """The form, with the organisations of the current search page to choose from.

    At national scale a list of every provider would weigh hundreds of kilobytes,
    so the first step searches (by name or municipality, paginated, no JavaScript).
    """
    form = ComplaintForm(formdata=formdata, data=data)
    db = get_session()
    chosen = db.get(Provider, form.provider.data) if form.provider.data else None
    found = search_providers(db, request.args.get("q", ""), request.args.get("page", 1, type=int))
    shown = ([chosen] if chosen else []) + [p for p in found.providers if p != chosen]
    form.provider.choices = [SelectChoice(p.id, p.name) for p in shown]
    municipality_field.chosen_only(form.municipality, db, "–")
    form.formal_possible = chosen is not None and service.takes_formal_complaints(chosen)
    form.chosen_provider = chosen
    form.search = found
    return form


def _render(form: ComplaintForm, index: int, csrf_expired: bool = False):
    step = STEPS[index]
    found: dict[str, list[str]] = {}
    if step.name == "check" and form.contact.data not in ("email", "phone"):
        # An anonymous complainant often writes their own name or number without
        # meaning to: show it and let them choose; the text is never changed for them.
        texts = {
            "what_happened": form.what_happened.data,
            "desired_outcome": form.desired_outcome.data,
        }
        found = {name: redaction.identifiers(text or "") for name, text in texts.items()}
    offered = None
    if "municipality" in step.fields:
        provider_id = form.chosen_provider.id if form.chosen_provider else None
        offered = municipality_field.offer(form.municipality, get_session(), "–", provider_id)
    return render_template(
        "complaints/step.html",
        form=form,
        step=step,
        number=index + 1,
        total=len(STEPS),
        previous=STEP_NAMES[index - 1] if index else None,
        provider=form.chosen_provider,
        query=request.args.get("q", ""),
        offered=offered,
        place=municipality_field.typed_place(),
        csrf_expired=csrf_expired,
        labels=LABELS,
        identifiers=found,
        highlight=highlight,
    )


def highlight(text: str | None, parts: list[str]) -> Markup:
    """``text``, escaped, with each of ``parts`` marked."""
    result = escape(text or "")
    for part in sorted(parts, key=len, reverse=True):
        # Markup.replace escapes plain strings; both arguments are escaped already.
        result = result.replace(escape(part), Markup("<mark>{}</mark>").format(part))
    return result


def _draft(form: ComplaintForm) -> service.ComplaintDraft:
    return service.ComplaintDraft(
        provider_id=form.provider.data,
        municipality_id=form.municipality.data or None,
        complainant_role=ComplainantRole(form.role.data),
        theme=ComplaintTheme(form.theme.data),
        kind=ComplaintKind.FORMAL if form.is_formal() else ComplaintKind.INFORMAL,
        what_happened=form.what_happened.data or "",
        desired_outcome=form.desired_outcome.data or "",
        contact_email=form.email.data if form.contact.data == "email" else None,
        contact_phone=form.phone.data if form.contact.data == "phone" else None,
        complainant_name=form.name.data if form.is_formal() else None,
        language=str(get_locale()),
    )

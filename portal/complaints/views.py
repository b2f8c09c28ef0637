"""Public complaint pages: file (no account), receipt, follow up with the code."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

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
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from portal import throttle
from portal.db import get_session
from portal.forms import ConfirmForm
from portal.i18n import choose_language
from portal.models import Complaint, ComplaintKind, ComplaintTheme, Municipality, Provider
from portal.timeutil import utcnow
from portal.wizard import hidden_names, navigate, step_index

from . import service
from .clock import Terms, next_deadline
from .context import from_app as context
from .forms import STEPS, ComplaintForm, MessageForm, MunicipalityForm, ReceiptForm
from .labels import LABELS

blueprint = Blueprint("complaints", __name__, url_prefix="/complaints", template_folder="templates")

ACCESS_IDLE_SECONDS = 30 * 60
NOT_FOUND = _l(
    "We could not open a complaint with this code. Check the code and try again. "
    "Capital or small letters both work."
)
TOO_MANY = _l("You tried many codes in a short time. Please wait 15 minutes and try again.")
CONFIRM = {
    "withdraw": _l(
        "Do you want to withdraw your complaint? The provider stops working on it. You cannot "
        "undo this, but you can always file a new complaint."
    ),
    "formal": _l(
        "Do you want to make your complaint formal? The complaints committee will judge it. "
        "You cannot make it informal again."
    ),
    "municipality": _l(
        "Do you want the municipality to be told? They hear the provider and the theme of your "
        "complaint, nothing else. This cannot be undone."
    ),
}
ERRORS = {
    "closed": _l("This complaint is closed, so this is no longer possible."),
    "already_formal": _l("This complaint is formal already."),
    "already_informed": _l("The municipality has been informed already."),
    "unknown_municipality": _l("Choose the municipality."),
}


@blueprint.get("/")
def index():
    return render_template("complaints/index.html")


@blueprint.get("/new")
def new():
    form = _complaint_form(formdata=None, token=secrets.token_urlsafe(18), step="provider")
    form.provider.data = request.args.get("provider", type=int)
    return _render_step(form, 0)


@blueprint.post("/new")
def file():
    form = _complaint_form(formdata=request.form)
    if choose_language(request.form.get("lang", "")):
        return _render_step(form, step_index(STEPS, form.step.data))
    move = navigate(form, STEPS, form.step.data, request.form.get("action", "next"))
    if not move.send:
        return _render_step(form, move.index), move.status
    filed = service.file_complaint(
        get_session(), _draft(form), form.token.data or secrets.token_urlsafe(18), context()
    )
    session["receipt"] = filed.receipt_code
    return redirect(url_for("complaints.receipt"), code=303)


@blueprint.get("/receipt")
def receipt():
    code = session.pop("receipt", None)
    if code is None:
        return redirect(url_for("complaints.follow"))
    return render_template("complaints/receipt.html", code=code)


@blueprint.route("/follow", methods=["GET", "POST"])
def follow():
    form = ReceiptForm()
    if not form.validate_on_submit():
        return render_template("complaints/follow.html", form=form), 422 if form.errors else 200
    if not _lookup_allowed():
        form.code.errors.append(TOO_MANY)
        return render_template("complaints/follow.html", form=form), 429
    complaint = service.find_by_receipt(
        get_session(), form.code.data, current_app.config["SECRET_KEY"]
    )
    if complaint is None:
        form.code.errors.append(NOT_FOUND)
        return render_template("complaints/follow.html", form=form), 422
    session["complaint_access"] = {"id": complaint.id, "seen": int(time.time())}
    return redirect(url_for("complaints.mine"), code=303)


@blueprint.get("/mine")
def mine():
    return _render_mine(_my_complaint(), MessageForm(formdata=None))


@blueprint.post("/mine/reply")
def reply():
    complaint = _my_complaint()
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_mine(complaint, form), 422
    try:
        service.add_information(get_session(), complaint, form.body.data, context())
    except service.ComplaintError as error:
        return render_template("complaints/problem.html", message=ERRORS[error.reason]), 409
    return redirect(url_for("complaints.mine", done="reply"), code=303)


def _render_mine(complaint: Complaint, message_form: MessageForm):
    db = get_session()
    municipality_form = MunicipalityForm(formdata=None, municipality=complaint.municipality_id)
    municipality_form.municipality.choices = _municipality_choices()
    return render_template(
        "complaints/mine.html",
        complaint=complaint,
        provider=db.get(Provider, complaint.provider_id),
        thread=service.visible_thread(db, complaint),
        deadline=next_deadline(complaint, Terms.from_config(current_app.config)),
        today=context().today,
        message_form=message_form,
        confirm_form=ConfirmForm(),
        municipality_form=municipality_form,
        open=complaint.status in service.OPEN_STATUSES,
        labels=LABELS,
    )


@blueprint.post("/mine/<action>")
def act(action: str):
    complaint = _my_complaint()
    db, ctx = get_session(), context()
    actions = {
        "formal": lambda: service.make_formal(db, complaint, ctx),
        "confidant": lambda: service.ask_confidant(db, complaint, ctx),
        "municipality": lambda: service.inform_municipality(
            db, complaint, _chosen_municipality(), ctx
        ),
        "withdraw": lambda: service.withdraw(db, complaint, ctx),
    }
    if action not in actions or not ConfirmForm().validate_on_submit():
        abort(400)
    if action in CONFIRM and request.form.get("confirmed") != "yes":
        return _confirm(action)
    try:
        actions[action]()
    except service.ComplaintError as error:
        return render_template("complaints/problem.html", message=ERRORS[error.reason]), 409
    return redirect(url_for("complaints.mine", done=action), code=303)


@blueprint.get("/mine/withdraw")
def confirm_withdraw():
    _my_complaint()
    return _confirm("withdraw")


def _confirm(action: str):
    """Ask once more before a step that cannot be undone; the choice made travels along."""
    return render_template(
        "complaints/confirm.html",
        action=action,
        question=CONFIRM[action],
        municipality=request.form.get("municipality", ""),
        form=ConfirmForm(),
    )


@blueprint.post("/leave")
def leave():
    session.pop("complaint_access", None)
    return redirect(url_for("complaints.index"), code=303)


def _complaint_form(formdata: object | None, **data: object) -> ComplaintForm:
    form = ComplaintForm(formdata=formdata, **data)
    db = get_session()
    providers = db.exec(select(Provider).order_by(Provider.name))
    form.provider.choices = [SelectChoice(0, "–")] + [SelectChoice(p.id, p.name) for p in providers]
    form.municipality.choices = _municipality_choices()
    return form


def _municipality_choices() -> list[SelectChoice]:
    places = get_session().exec(select(Municipality).order_by(Municipality.name))
    return [SelectChoice(0, "–")] + [SelectChoice(m.id, m.name) for m in places]


def _render_step(form: ComplaintForm, index: int):
    step = STEPS[index]
    form.step.data = step.name
    return render_template(
        "complaints/step.html",
        form=form,
        step=step,
        number=index + 1,
        total=len(STEPS),
        hidden=hidden_names(STEPS, step),
        csrf_expired=bool(form.csrf_token.errors),
        labels=LABELS,
    )


def _draft(form: ComplaintForm) -> service.ComplaintDraft:
    return service.ComplaintDraft(
        provider_id=form.provider.data,
        municipality_id=form.municipality.data or None,
        theme=ComplaintTheme(form.theme.data),
        kind=ComplaintKind(form.kind.data),
        what_happened=form.what_happened.data or "",
        desired_outcome=form.desired_outcome.data or "",
        contact_email=form.email.data if form.contact.data == "email" else None,
        contact_phone=form.phone.data if form.contact.data == "phone" else None,
        language=str(get_locale()),
    )


def _my_complaint() -> Complaint:
    """The complaint this browser opened with its code, while the access is fresh."""
    access = session.get("complaint_access")
    if not access or time.time() - access.get("seen", 0) > ACCESS_IDLE_SECONDS:
        session.pop("complaint_access", None)
        abort(redirect(url_for("complaints.follow")))
    complaint = get_session().get(Complaint, access["id"])
    if complaint is None:
        abort(404)
    session["complaint_access"] = {"id": complaint.id, "seen": int(time.time())}
    return complaint


def _lookup_allowed() -> bool:
    """Per browser session and for all lookups together; no address is used."""
    db, now, config = get_session(), utcnow(), current_app.config
    session.setdefault("lookup_key", secrets.token_urlsafe(12))
    mine = "receipt:" + hashlib.sha256(session["lookup_key"].encode()).hexdigest()[:32]
    per_session = throttle.allow(
        db, mine, config["RECEIPT_LOOKUPS_PER_SESSION"], timedelta(minutes=15), now
    )
    overall = throttle.allow(
        db, "receipt:all", config["RECEIPT_LOOKUPS_GLOBAL_PER_MINUTE"], timedelta(minutes=1), now
    )
    return per_session and overall


def _chosen_municipality() -> int:
    return request.form.get("municipality", type=int) or 0

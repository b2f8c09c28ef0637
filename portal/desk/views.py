"""The confidant desk: the queue of the own service and the request page. A view loads
the request (404 when it went to another service), parses the form, calls one domain
function and redirects."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlmodel import Session, select

from portal.complaints import service as complaints
from portal.complaints.labels import LABELS as COMPLAINT_LABELS
from portal.confidant import desk, routing
from portal.confidant.context import from_app as context
from portal.confidant.labels import LABELS
from portal.confidant.rules import Action, RequestError
from portal.confidant.service import thread
from portal.db import get_session
from portal.models import (
    ConfidantRequest,
    Municipality,
    Organisation,
    Provider,
    RequestOutcome,
    StaffMember,
    StaffRole,
)
from portal.security.access import roles_required
from portal.web.forms import ConfirmForm

from .forms import AssignForm, CloseForm, ComplaintMessageForm, NoteForm, QueueForm, ReplyForm

blueprint = Blueprint("desk", __name__, url_prefix="/desk", template_folder="templates")

DESK = (StaffRole.CONFIDANT, StaffRole.CONFIDANT_COORDINATOR)
d = desk
ACTIONS = {
    Action.CLAIM: (ConfirmForm, lambda db, r, s, f, ctx: d.claim(db, r, s, ctx)),
    Action.ASSIGN: (AssignForm, lambda db, r, s, f, ctx: d.assign(db, r, s, f.assignee.data, ctx)),
    Action.CONTACT: (ConfirmForm, lambda db, r, s, f, ctx: d.record_contact(db, r, s, ctx)),
    Action.REPLY: (ReplyForm, lambda db, r, s, f, ctx: d.reply(db, r, s, f.body.data, ctx)),
    Action.NOTE: (NoteForm, lambda db, r, s, f, ctx: d.note(db, r, s, f.body.data, ctx)),
    Action.COMPLAINT_MESSAGE: (
        ComplaintMessageForm,
        lambda db, r, s, f, ctx: d.write_in_complaint(db, r, s, f.body.data, ctx),
    ),
    Action.CLOSE: (
        CloseForm,
        lambda db, r, s, f, ctx: d.close(db, r, s, RequestOutcome(f.outcome.data), ctx),
    ),
}
DONE = {
    Action.CLAIM: _l("The request is yours now."),
    Action.ASSIGN: _l("The request was given to your colleague. They get an e-mail."),
    Action.CONTACT: _l("First contact saved. The requester sees that you are in contact."),
    Action.REPLY: _l(
        "Message sent. The requester reads it with the code, and gets an e-mail if they left "
        "an address."
    ),
    Action.NOTE: _l("Internal note saved. Only your service reads it."),
    Action.COMPLAINT_MESSAGE: _l(
        "Message written in the complaint. The complainant and the organisation read it."
    ),
    Action.CLOSE: _l("The request is closed. The requester sees the outcome."),
}
ERRORS = {
    "not_now": _l("This step is not possible in the request's current state."),
    "unknown_confidant": _l("Choose a trusted contact person of your service."),
}


@blueprint.get("/")
@roles_required(*DESK)
def queue(staff: StaffMember):
    form = QueueForm(request.args)
    show = (
        desk.QueueFilter(form.show.data)
        if form.show.data in set(desk.QueueFilter)
        else desk.QueueFilter.OPEN
    )
    page = request.args.get("page", 1, type=int)
    db = get_session()
    found = desk.queue(db, staff, show, page)
    return render_template(
        "desk/queue.html",
        staff=staff,
        form=form,
        found=found,
        names=_names(db, [r.assigned_to for r in found.requests]),
        active=_active(db, staff.organisation_id),
        today=context().today,
        labels=LABELS,
        args=request.args,
    )


@blueprint.get("/requests/<key>")
@roles_required(*DESK)
def request_page(staff: StaffMember, key: str):
    return _render(staff, _ours(staff, key))


@blueprint.post("/requests/<key>/<action>")
@roles_required(*DESK)
def act(staff: StaffMember, key: str, action: str):
    found = _ours(staff, key)
    if action not in set(Action) or Action(action) not in ACTIONS:
        abort(404)
    form_class, perform = ACTIONS[Action(action)]
    form = _prepared(form_class(prefix=action), found)
    if not form.validate_on_submit():
        return _render(staff, found, {action: form}), 422
    try:
        perform(get_session(), found, staff, form, context())
    except RequestError as error:
        return _render(staff, found, {action: form}, str(ERRORS[error.reason])), 409
    return redirect(url_for("desk.request_page", key=found.key, done=action), code=303)


def _ours(staff: StaffMember, key: str) -> ConfidantRequest:
    """Another service's request is not found, not forbidden: nothing is revealed."""
    found = desk.request_for_staff(get_session(), staff, key)
    if found is None:
        abort(404)
    return found


def _prepared(form: FlaskForm, found: ConfidantRequest) -> FlaskForm:
    if isinstance(form, AssignForm):
        colleagues = routing.desk_staff(get_session(), found.service_id)
        form.assignee.choices = [(m.id, m.name) for m in colleagues]
    return form


def _names(db: Session, staff_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in staff_ids if i}
    if not wanted:
        return {}
    return {m.id: m.name for m in db.exec(select(StaffMember).where(StaffMember.id.in_(wanted)))}


def _active(db: Session, service_id: int | None) -> set[int]:
    return {m.id for m in routing.desk_staff(db, service_id)} if service_id else set()


def _render(
    staff: StaffMember,
    found: ConfidantRequest,
    posted: dict[str, FlaskForm] | None = None,
    problem: str = "",
) -> str:
    db = get_session()
    forms = {
        action.value: _prepared(form_class(prefix=action.value, formdata=None), found)
        for action, (form_class, _perform) in ACTIONS.items()
    }
    forms.update(posted or {})
    messages = thread(db, found, internal=True, page=request.args.get("page", type=int))
    view = desk.complaint_view(db, found)
    complaint_thread = (
        complaints.visible_thread(db, view.complaint) if view and view.readable else None
    )
    done = request.args.get("done", "")
    return render_template(
        "desk/request.html",
        staff=staff,
        r=found,
        service=db.get(Organisation, found.service_id),
        provider=db.get(Provider, found.provider_id) if found.provider_id else None,
        municipality=db.get(Municipality, found.municipality_id) if found.municipality_id else None,
        names=_names(db, [found.assigned_to, *(m.staff_id for m in messages.messages)]),
        assignee_active=found.assigned_to in _active(db, found.service_id),
        thread=messages,
        complaint=view,
        complaint_provider=complaints.provider_of(db, view.complaint) if view else None,
        complaint_thread=complaint_thread,
        actions=desk.actions_for(db, found, staff),
        forms=forms,
        problem=problem,
        done=DONE.get(Action(done)) if done in set(Action) else None,
        today=context().today,
        labels=LABELS,
        complaint_labels=COMPLAINT_LABELS,
        Action=Action,
    )

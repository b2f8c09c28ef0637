"""The provider's workspace: the inbox of its own complaints and the complaint page."""

from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l

from portal.complaints import workflow
from portal.complaints.procedure import Action, Actor
from portal.db import get_session
from portal.models import (
    Complaint,
    DecisionOutcome,
    MessageAuthor,
    StaffMember,
    StaffRole,
)
from portal.security.access import roles_required
from portal.web.forms import ConfirmForm

from .casepage import CasePage, render_inbox
from .forms import DecideForm, ExtendForm, MeasuresForm, MessageForm, NoteForm
from .views import blueprint

ACTION_ERRORS = {
    "not_now": _l("This step is not possible in the complaint's current state."),
    "extension_too_long": _l("The extension is too long."),
    "reasoning_required": _l("Give the reasoning."),
    "statement_required": _l("Write the statement."),
}
DONE = {
    Action.ACKNOWLEDGE: _l(
        "Marked as read. The complainant sees this and, with an e-mail address, gets a "
        "message that you have read the complaint."
    ),
    Action.START: _l("Marked as being worked on. The complainant sees this in the timeline."),
    Action.REPLY: _l("Reply sent. The complainant reads it with the receipt code."),
    Action.NOTE: _l("Internal note saved. Only your colleagues read it."),
    Action.EXTEND: _l(
        "The answer date has moved. The complainant sees the old and new date and your reason."
    ),
    Action.DECIDE: _l(
        "Answer saved and the complaint closed. The complainant reads your answer and may still "
        "go to the complaints committee."
    ),
    Action.MEASURES: _l(
        "Statement of measures sent to the complainant and the complaints committee."
    ),
}
ACTIONS = {
    Action.ACKNOWLEDGE: (ConfirmForm, lambda db, c, s, f, ctx: workflow.acknowledge(db, c, s, ctx)),
    Action.START: (ConfirmForm, lambda db, c, s, f, ctx: workflow.start(db, c, s, ctx)),
    Action.REPLY: (
        MessageForm,
        lambda db, c, s, f, ctx: workflow.reply(db, c, s, f.body.data, ctx),
    ),
    Action.NOTE: (
        NoteForm,
        lambda db, c, s, f, ctx: workflow.reply(db, c, s, f.body.data, ctx, internal=True),
    ),
    Action.EXTEND: (
        ExtendForm,
        lambda db, c, s, f, ctx: workflow.extend(db, c, s, f.days.data, f.reason.data, ctx),
    ),
    Action.DECIDE: (
        DecideForm,
        lambda db, c, s, f, ctx: workflow.decide(
            db, c, s, DecisionOutcome(f.outcome.data), f.reasoning.data, ctx
        ),
    ),
    Action.MEASURES: (
        MeasuresForm,
        lambda db, c, s, f, ctx: workflow.record_measures(db, c, s, f.statement.data, ctx),
    ),
}


@blueprint.get("/")
@roles_required(StaffRole.PROVIDER)
def inbox(staff: StaffMember):
    return render_inbox(staff, workflow.inbox, staff.provider_id, "staff")


CASE_PAGE = CasePage(
    area="staff",
    template="staff/complaint.html",
    actor=Actor.PROVIDER,
    reader=MessageAuthor.STAFF,
    actions=ACTIONS,
    errors=ACTION_ERRORS,
    done=DONE,
    extend=Action.EXTEND,
    propose_extension=workflow.proposed_extension,
)


@blueprint.get("/complaints/<key>")
@roles_required(StaffRole.PROVIDER)
def complaint(staff: StaffMember, key: str):
    return CASE_PAGE.render(staff, _own(staff, key))


@blueprint.post("/complaints/<key>/<action>")
@roles_required(StaffRole.PROVIDER)
def act(staff: StaffMember, key: str, action: str):
    return CASE_PAGE.act(staff, _own(staff, key), action)


def _own(staff: StaffMember, key: str) -> Complaint:
    """Another organisation's complaint is not found, not forbidden: nothing is revealed."""
    complaint = workflow.complaint_for_staff(get_session(), staff, key)
    if complaint is None:
        abort(404)
    return complaint

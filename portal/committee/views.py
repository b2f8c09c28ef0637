"""The complaints committee's workspace: formal complaints about the providers it serves."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_babel import lazy_gettext as _l

from portal.complaints import committee as procedure_of_committee
from portal.complaints import workflow
from portal.complaints.committee import PartVerdict
from portal.complaints.procedure import Action, Actor
from portal.db import get_session
from portal.models import (
    COMMITTEE_ROLES,
    Complaint,
    DecisionOutcome,
    MessageAuthor,
    StaffMember,
)
from portal.security.access import roles_required
from portal.staff.casepage import CasePage, render_inbox
from portal.staff.forms import MessageForm, NoteForm
from portal.web.forms import ConfirmForm

from .forms import CommitteeExtendForm, HearingForm, JudgementForm

blueprint = Blueprint("committee", __name__, url_prefix="/committee", template_folder="templates")

ERRORS = {
    "not_now": _l("This step is not possible in the complaint's current state."),
    "extension_too_long": _l("The extension is too long."),
    "reasoning_required": _l("Give the reasoning: a judgement must be reasoned."),
    "parts_required": _l("Give a verdict on at least one part of the complaint."),
    "hearing_before_receipt": _l("The hearing cannot be before the committee received it."),
    "hearing_in_future": _l("Record the hearing once it has taken place."),
}
DONE = {
    Action.CONFIRM_RECEIPT: _l("Receipt confirmed. The complainant sees it in the timeline."),
    Action.HEARING: _l("Hearing saved."),
    Action.COMMITTEE_EXTEND: _l(
        "The judgement date has moved. The complainant and the organisation see both dates and "
        "the reason."
    ),
    Action.JUDGE: _l(
        "Judgement sent to the complainant and the organisation. The organisation now has a "
        "month for its statement of measures."
    ),
    Action.REPLY: _l("Message sent. The complainant reads it with the receipt code."),
    Action.NOTE: _l("Internal note saved. Only the committee reads it."),
}
c = procedure_of_committee
ACTIONS = {
    Action.CONFIRM_RECEIPT: (
        ConfirmForm,
        lambda db, x, s, f, ctx: c.confirm_receipt(db, x, s, ctx),
    ),
    Action.HEARING: (
        HearingForm,
        lambda db, x, s, f, ctx: c.record_hearing(
            db, x, s, f.hearing_on.data, f.both_sides_heard.data, ctx
        ),
    ),
    Action.COMMITTEE_EXTEND: (
        CommitteeExtendForm,
        lambda db, x, s, f, ctx: c.extend(db, x, s, f.days.data, f.reason.data, ctx),
    ),
    Action.JUDGE: (
        JudgementForm,
        lambda db, x, s, f, ctx: c.judge(
            db,
            x,
            s,
            [
                PartVerdict(e.form.summary.data or "", DecisionOutcome(e.form.verdict.data))
                for e in f.parts.entries
                if e.form.verdict.data
            ],
            f.reasoning.data,
            f.recommendations.data or "",
            ctx,
        ),
    ),
    Action.REPLY: (
        MessageForm,
        lambda db, x, s, f, ctx: workflow.reply(db, x, s, f.body.data, ctx, actor=Actor.COMMITTEE),
    ),
    Action.NOTE: (
        NoteForm,
        lambda db, x, s, f, ctx: workflow.reply(
            db, x, s, f.body.data, ctx, internal=True, actor=Actor.COMMITTEE
        ),
    ),
}


@blueprint.get("/")
@roles_required(*COMMITTEE_ROLES)
def inbox(staff: StaffMember):
    return render_inbox(staff, procedure_of_committee.inbox, staff.organisation_id, "committee")


CASE_PAGE = CasePage(
    area="committee",
    template="committee/complaint.html",
    actor=Actor.COMMITTEE,
    reader=MessageAuthor.COMMITTEE,
    actions=ACTIONS,
    errors=ERRORS,
    done=DONE,
    extend=Action.COMMITTEE_EXTEND,
    propose_extension=procedure_of_committee.proposed_extension,
)


@blueprint.get("/complaints/<key>")
@roles_required(*COMMITTEE_ROLES)
def complaint(staff: StaffMember, key: str):
    return CASE_PAGE.render(staff, _ours(staff, key))


@blueprint.post("/complaints/<key>/<action>")
@roles_required(*COMMITTEE_ROLES)
def act(staff: StaffMember, key: str, action: str):
    return CASE_PAGE.act(staff, _ours(staff, key), action)


def _ours(staff: StaffMember, key: str) -> Complaint:
    """Another committee's complaint is not found: nothing is revealed."""
    complaint = procedure_of_committee.complaint_for_committee(get_session(), staff, key)
    if complaint is None:
        abort(404)
    return complaint

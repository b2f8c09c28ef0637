"""The complaints committee's workspace: formal complaints about the providers it serves."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.access import roles_required
from portal.complaints import committee as procedure_of_committee
from portal.complaints import workflow
from portal.complaints.clock import open_deadlines
from portal.complaints.committee import PartVerdict
from portal.complaints.context import from_app as context
from portal.complaints.labels import LABELS
from portal.complaints.procedure import Action, Actor, ComplaintError, allowed
from portal.complaints.service import committee_of, judgement_parts, provider_of
from portal.db import get_session
from portal.forms import ConfirmForm
from portal.models import (
    COMMITTEE_ROLES,
    QUALITY_THEME,
    Complaint,
    DecisionOutcome,
    MessageAuthor,
    StaffMember,
)
from portal.staff.complaints import inbox_filters
from portal.staff.forms import InboxForm, MessageForm, NoteForm

from .forms import CommitteeExtendForm, HearingForm, JudgementForm

blueprint = Blueprint("committee", __name__, url_prefix="/committee", template_folder="templates")

ERRORS = {
    "not_now": _l("This step is not possible in the complaint's current state."),
    "extension_too_long": _l("The extension is too long."),
    "reasoning_required": _l("Give the reasoning: a judgement must be reasoned."),
    "parts_required": _l("Give a verdict on at least one part of the complaint."),
    "hearing_before_receipt": _l("The hearing cannot be before the committee received it."),
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
    Action.REPLY: (MessageForm, lambda db, x, s, f, ctx: c.reply(db, x, s, f.body.data, ctx)),
    Action.NOTE: (
        NoteForm,
        lambda db, x, s, f, ctx: c.reply(db, x, s, f.body.data, ctx, internal=True),
    ),
}


@blueprint.get("/")
@roles_required(*COMMITTEE_ROLES)
def inbox(staff: StaffMember):
    form = InboxForm(request.args)
    show, status, theme = inbox_filters(form)
    ctx = context()
    found = procedure_of_committee.inbox(
        get_session(),
        staff.organisation_id,
        ctx,
        show,
        status,
        theme,
        request.args.get("page", 1, type=int),
    )
    return render_template(
        "staff/inbox.html",
        form=form,
        found=found,
        today=ctx.today,
        labels=LABELS,
        staff=staff,
        args=request.args,
        complaint_endpoint="committee.complaint",
    )


@blueprint.get("/complaints/<int:complaint_id>")
@roles_required(*COMMITTEE_ROLES)
def complaint(staff: StaffMember, complaint_id: int):
    return _render(staff, _ours(staff, complaint_id))


@blueprint.post("/complaints/<int:complaint_id>/<action>")
@roles_required(*COMMITTEE_ROLES)
def act(staff: StaffMember, complaint_id: int, action: str):
    complaint = _ours(staff, complaint_id)
    if action not in set(ACTIONS):
        abort(404)
    form_class, perform = ACTIONS[Action(action)]
    form = form_class(prefix=action)
    if not form.validate_on_submit():
        return _render(staff, complaint, {action: form}), 422
    ctx = context()
    try:
        if action == Action.COMMITTEE_EXTEND and request.form.get("confirmed") != "yes":
            extension = procedure_of_committee.proposed_extension(complaint, form.days.data, ctx)
            return render_template(
                "confirm_extension.html",
                staff=staff,
                form=form,
                extension=extension,
                action_url=url_for("committee.act", complaint_id=complaint.id, action=action),
                back_url=url_for("committee.complaint", complaint_id=complaint.id),
            )
        perform(get_session(), complaint, staff, form, ctx)
    except ComplaintError as error:
        return _render(staff, complaint, {action: form}, ERRORS[error.reason]), 409
    return redirect(url_for("committee.complaint", complaint_id=complaint.id, done=action), 303)


def _ours(staff: StaffMember, complaint_id: int) -> Complaint:
    """Another committee's complaint is not found: nothing is revealed."""
    complaint = procedure_of_committee.complaint_for_committee(get_session(), staff, complaint_id)
    if complaint is None:
        abort(404)
    return complaint


def _render(staff: StaffMember, complaint: Complaint, posted: dict | None = None, problem=""):
    forms = {
        name.value: form_class(prefix=name.value, formdata=None)
        for name, (form_class, _p) in ACTIONS.items()
    }
    forms.update(posted or {})
    db, ctx = get_session(), context()
    provider = provider_of(db, complaint)
    done = request.args.get("done", "")
    return render_template(
        "committee/complaint.html",
        staff=staff,
        complaint=complaint,
        provider=provider,
        committee=committee_of(db, provider),
        forms=forms,
        problem=problem,
        done=DONE.get(Action(done)) if done in set(Action) else None,
        thread=workflow.thread(
            db, complaint, MessageAuthor.COMMITTEE, request.args.get("page", type=int)
        ),
        parts=judgement_parts(db, complaint),
        actions=allowed(complaint, provider.regime, Actor.COMMITTEE, ctx.today, ctx.terms),
        today=ctx.today,
        deadlines=open_deadlines(complaint, ctx.terms),
        quality_theme=QUALITY_THEME[complaint.theme],
        labels=LABELS,
    )

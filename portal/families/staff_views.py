"""Professionals at /staff/families/: the list, the arrangement page and its actions, and
the printable cards. Another organisation's arrangement is a 404: nothing is revealed."""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlmodel import Session, select
from wtforms.fields.choices import SelectChoice

from portal.db import get_session
from portal.models import ArrangementState, FamilyEvent, StaffMember
from portal.privacy.responses import CONTENT_SECURITY_POLICY
from portal.security.access import roles_required
from portal.web.forms import ConfirmForm

from . import cards as family_cards
from . import labels, queries, rules, workflow
from .blueprints import staff as blueprint
from .context import Context
from .context import from_app as context
from .facts import Facts, load
from .forms import (
    AbsenceForm,
    DeputyForm,
    HandoverForm,
    MemberCodeForm,
    RequestAnswerForm,
    ResolveForm,
    RespondForm,
    RulesForm,
)
from .service import FamilyError
from .wizard_views import CARDS_KEY

EVENTS_SHOWN = 50
DONE = {
    "accept": _l("Thank you. The family sees you as their contact person once they confirm."),
    "discuss": _l("Noted: you want to talk it over first. Contact the colleague who proposed you."),
    "answer": _l("Your answer was saved. The family reads it on their page."),
    "resolve": _l("The disagreement is closed. The family reads what you agreed."),
    "handover": _l(
        "The handover is planned. The family is asked to confirm the new contact person."
    ),
    "deputy": _l("The deputy was changed."),
    "absence": _l("The absence was saved. The family sees the deputy first in that period."),
    "rule": _l("The agreements were saved."),
    "end": _l("The arrangement has ended."),
}
ACTIONS = {
    "accept": RespondForm,
    "discuss": RespondForm,
    "answer": RequestAnswerForm,
    "resolve": ResolveForm,
    "handover": HandoverForm,
    "deputy": DeputyForm,
    "absence": AbsenceForm,
    "rule": RulesForm,
    "code": MemberCodeForm,
    "end": ConfirmForm,
}


@blueprint.get("/")
@roles_required(*queries.FAMILY_ROLES)
def index(staff: StaffMember):
    chosen = request.args.get("state", "")
    state = ArrangementState(chosen) if chosen in set(ArrangementState) else None
    db = get_session()
    found = queries.listing(db, staff, state, request.args.get("page", 1, type=int))
    workflow.viewed(db, staff, None, context(), "list")
    return render_template(
        "families/index.html", staff=staff, found=found, state=state, states=labels.STATE
    )


@blueprint.get("/<int:arrangement_id>")
@roles_required(*queries.FAMILY_ROLES)
def arrangement(staff: StaffMember, arrangement_id: int):
    facts = _facts(staff, arrangement_id)
    workflow.viewed(get_session(), staff, facts, context())
    return _render(staff, facts)


@blueprint.post("/<int:arrangement_id>/<action>")
@roles_required(*queries.FAMILY_ROLES)
def act(staff: StaffMember, arrangement_id: int, action: str):
    facts = _facts(staff, arrangement_id)
    if action not in ACTIONS:
        abort(404)
    form = ACTIONS[action](prefix=action)
    if not form.validate_on_submit():
        return _render(staff, facts, {action: form}), 422
    db, ctx = get_session(), context()
    try:
        handle = _perform(db, staff, facts, action, form, ctx)
    except FamilyError as error:
        db.rollback()
        return _render(
            staff, _facts(staff, arrangement_id), {action: form}, labels.ERROR[error.reason]
        ), 409
    if handle is not None:
        session[CARDS_KEY] = {"arrangement": arrangement_id, "handle": handle}
        return redirect(url_for("families.cards", arrangement_id=arrangement_id), code=303)
    return redirect(
        url_for("families.arrangement", arrangement_id=arrangement_id, done=action), code=303
    )


def _perform(
    db: Session, staff: StaffMember, facts: Facts, action: str, form: FlaskForm, ctx: Context
) -> str | None:
    """One domain function per action; returns a card handle for "code"."""
    if action in ("accept", "discuss"):
        workflow.respond(db, staff, facts, action == "accept", form.reach.data or "", ctx)
    elif action == "answer":
        workflow.answer_request(db, staff, facts, form.request.data, form.text.data, ctx)
    elif action == "resolve":
        workflow.resolve(db, staff, facts, form.request.data, form.text.data or "", ctx)
    elif action == "handover":
        workflow.handover(
            db,
            staff,
            facts,
            form.person.data,
            form.on.data,
            form.keep_current.data,
            form.reason.data or "",
            ctx,
        )
    elif action == "deputy":
        workflow.set_deputy(db, staff, facts, form.person.data or None, ctx)
    elif action == "absence":
        workflow.record_absence(
            db, staff, facts, form.starts_on.data, form.ends_on.data, form.rule.data or "", ctx
        )
    elif action == "rule":
        workflow.set_rules(
            db, staff, facts, form.absence_rule.data or "", form.reason.data or "", ctx
        )
    elif action == "code":
        return workflow.new_code(db, staff, facts, form.member.data, ctx)
    else:
        workflow.end(db, staff, facts, ctx)
    return None


@blueprint.get("/<int:arrangement_id>/cards")
@roles_required(*queries.FAMILY_ROLES)
def cards(staff: StaffMember, arrangement_id: int):
    facts = _facts(staff, arrangement_id)
    pending = session.get(CARDS_KEY) or {}
    if pending.get("arrangement") != arrangement_id:
        return redirect(url_for("families.arrangement", arrangement_id=arrangement_id), code=303)
    ctx = context()
    workflow.viewed(get_session(), staff, facts, ctx, "cards")
    shown = []
    for member in facts.members:
        code = family_cards.code_for(pending.get("handle", ""), member.id, ctx.code_key)
        # Only codes that still open the page: a card made again later replaces this one.
        if member.code_digest and family_cards.digest(code, ctx.code_key) == member.code_digest:
            shown.append(
                family_cards.card(member.name, str(labels.ROLE[member.role]), code, ctx.base_url)
            )
    sheet = make_response(
        render_template(
            "families/cards.html", staff=staff, facts=facts, cards=shown, form=ConfirmForm()
        )
    )
    # Print styles are inline, like the invitation sheet; this staff page allows that only.
    sheet.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )
    return sheet


@blueprint.post("/<int:arrangement_id>/cards")
@roles_required(*queries.FAMILY_ROLES)
def cards_printed(staff: StaffMember, arrangement_id: int):
    _facts(staff, arrangement_id)
    if not ConfirmForm().validate_on_submit() or request.form.get("printed") != "yes":
        return redirect(
            url_for("families.cards", arrangement_id=arrangement_id, unticked=1), code=303
        )
    session.pop(CARDS_KEY, None)  # the codes are never shown again
    return redirect(url_for("families.arrangement", arrangement_id=arrangement_id), code=303)


def _facts(staff: StaffMember, arrangement_id: int) -> Facts:
    db = get_session()
    found = queries.arrangement_for_staff(db, staff, arrangement_id)
    if found is None:
        abort(404)
    return load(db, found)


def _render(staff: StaffMember, facts: Facts, posted: dict | None = None, problem: str = ""):
    db, ctx = get_session(), context()
    forms = {name: form_class(prefix=name, formdata=None) for name, form_class in ACTIONS.items()}
    forms["rule"] = RulesForm(
        prefix="rule",
        formdata=None,
        absence_rule=facts.arrangement.absence_rule,
        reason=facts.arrangement.multiple_contacts_reason,
    )
    forms.update(posted or {})
    team = queries.team_members(db, facts.team())
    people = [SelectChoice(0, "–")] + [
        SelectChoice(s.id, f"{s.name} – {facts.providers[s.provider_id].name}")
        for s in team
        if s.provider_id in facts.providers
    ]
    forms["handover"].person.choices = people
    forms["deputy"].person.choices = people
    state = facts.arrangement.state
    events = db.exec(
        select(FamilyEvent)
        .where(FamilyEvent.arrangement_id == facts.arrangement.id)
        .order_by(FamilyEvent.id.desc())
        .limit(EVENTS_SHOWN)
    ).all()
    done = request.args.get("done", "")
    return render_template(
        "families/arrangement.html",
        staff=staff,
        facts=facts,
        shown=facts.shown(ctx.today),
        today=ctx.today,
        forms=forms,
        problem=problem,
        done=DONE.get(done),
        actions=rules.team_actions(state),
        may_issue_cards=queries.may_issue_cards(staff, facts.arrangement),
        standing={m.id: rules.standing(m, facts.members, ctx.today) for m in facts.members},
        counts={m.id: rules.answer_counts(m, facts.arrangement, ctx.today) for m in facts.members},
        mine=[
            c
            for c in facts.contacts
            if c.staff_id == staff.id and (c.ends_on is None or c.ends_on > ctx.today)
        ],
        events=events,
        names={s.id: s.name for s in team} | {s.id: s.name for s in facts.staff.values()},
        labels=labels,
        age_on=rules.age_on,
    )

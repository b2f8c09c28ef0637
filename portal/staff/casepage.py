"""The complaint page as provider staff and the committee see it: one implementation,
set up per workspace with its actor, its actions and its words.

A view loads the complaint (404 when it is not theirs), then calls ``render`` or
``act``: the form is parsed, one domain function runs, and the page redirects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlmodel import Session

from portal.complaints import workflow
from portal.complaints.clock import open_deadlines
from portal.complaints.context import from_app as context
from portal.complaints.labels import LABELS
from portal.complaints.procedure import Action, Actor, ComplaintError, Context, allowed
from portal.complaints.service import committee_of, judgement_parts, provider_of
from portal.complaints.workflow import Extension
from portal.db import get_session
from portal.models import (
    QUALITY_THEME,
    Complaint,
    ComplaintStatus,
    ComplaintTheme,
    MessageAuthor,
    StaffMember,
)

from .forms import InboxForm

Perform = Callable[[Session, Complaint, StaffMember, Any, Context], object]


@dataclass(frozen=True)
class CasePage:
    area: str  # the blueprint: "staff" or "committee"
    template: str
    actor: Actor
    reader: MessageAuthor  # whose internal notes this workspace reads
    actions: dict[Action, tuple[type[FlaskForm], Perform]]
    errors: dict[str, str]
    done: dict[Action, str]
    extend: Action  # the one action that asks "are you sure?" first
    propose_extension: Callable[[Complaint, int, Context], Extension]

    def act(self, staff: StaffMember, complaint: Complaint, action: str):
        if action not in set(self.actions):
            abort(404)
        form_class, perform = self.actions[Action(action)]
        form = form_class(prefix=action)
        if not form.validate_on_submit():
            return self.render(staff, complaint, {action: form}), 422
        ctx = context()
        try:
            if action == self.extend and request.form.get("confirmed") != "yes":
                return self._confirm_extension(staff, complaint, form, ctx)
            perform(get_session(), complaint, staff, form, ctx)
        except ComplaintError as error:
            return self.render(staff, complaint, {action: form}, self.errors[error.reason]), 409
        page = url_for(f"{self.area}.complaint", key=complaint.key, done=action)
        return redirect(page, code=303)

    def _confirm_extension(self, staff: StaffMember, complaint: Complaint, form, ctx):
        return render_template(
            "confirm_extension.html",
            staff=staff,
            form=form,
            extension=self.propose_extension(complaint, form.days.data, ctx),
            action_url=url_for(f"{self.area}.act", key=complaint.key, action=self.extend),
            back_url=url_for(f"{self.area}.complaint", key=complaint.key),
        )

    def render(
        self,
        staff: StaffMember,
        complaint: Complaint,
        posted: dict[str, FlaskForm] | None = None,
        problem: str = "",
    ) -> str:
        forms = {
            name.value: form_class(prefix=name.value, formdata=None)
            for name, (form_class, _perform) in self.actions.items()
        }
        forms.update(posted or {})
        db, ctx = get_session(), context()
        provider = provider_of(db, complaint)
        done = request.args.get("done", "")
        page = request.args.get("page", type=int)
        return render_template(
            self.template,
            staff=staff,
            complaint=complaint,
            provider=provider,
            committee=committee_of(db, provider),
            forms=forms,
            problem=problem,
            done=self.done.get(Action(done)) if done in set(Action) else None,
            thread=workflow.thread(db, complaint, self.reader, page),
            parts=judgement_parts(db, complaint),
            actions=allowed(complaint, provider.regime, self.actor, ctx.today, ctx.terms),
            today=ctx.today,
            deadlines=open_deadlines(complaint, ctx.terms),
            quality_theme=QUALITY_THEME[complaint.theme],
            labels=LABELS,
        )


def render_inbox(staff: StaffMember, search: Callable[..., Any], organisation_id: int, area: str):
    """The inbox of a workspace: ``search`` is the domain's inbox query for its organisation."""
    form = InboxForm(request.args)
    show = (
        workflow.InboxFilter(form.show.data)
        if form.show.data in set(workflow.InboxFilter)
        else workflow.InboxFilter.OPEN
    )
    status = ComplaintStatus(form.status.data) if form.status.data in set(ComplaintStatus) else None
    theme = ComplaintTheme(form.theme.data) if form.theme.data in set(ComplaintTheme) else None
    ctx = context()
    page = request.args.get("page", 1, type=int)
    found = search(get_session(), organisation_id, ctx, show, status, theme, page)
    return render_template(
        "staff/inbox.html",
        form=form,
        found=found,
        today=ctx.today,
        labels=LABELS,
        staff=staff,
        args=request.args,
        complaint_endpoint=f"{area}.complaint",
        for_committee=area == "committee",
    )

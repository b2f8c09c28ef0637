"""The "new arrangement" wizard: municipality → organisations and helpers → family
members → contact person and deputy → check → printable cards.

Each step has its own address and redirects after POST, so the back gesture, reload
and the language switch keep everything; what was typed waits in a server-side draft
(portal/web/drafts.py), deleted on sending or after a day.
"""

from __future__ import annotations

import secrets

from flask import abort, redirect, render_template, request, session, url_for
from sqlmodel import select
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from portal.db import get_session
from portal.i18n.languages import choose_language
from portal.models import FamilyMember, Provider, ProviderMunicipality, StaffMember
from portal.security.access import roles_required
from portal.web import drafts

from . import queries, rules
from .blueprints import staff as blueprint
from .context import from_app as context
from .forms import FIRST_MEMBER_ROWS, MAX_MEMBER_ROWS, STEPS, ArrangementForm
from .labels import ERROR, ROLE, STANDING
from .service import FamilyError, NewArrangement, NewMember, create

WIZARD_KEY = "family_wizard"
CARDS_KEY = "family_cards"
DRAFT = "family_arrangement"
STEP_NAMES = [step.name for step in STEPS]
ROWS = "_member_rows"


@blueprint.get("/new")
@roles_required(*queries.FAMILY_ROLES)
def new(staff: StaffMember):
    session[WIZARD_KEY] = secrets.token_urlsafe(24)
    return redirect(url_for("families.step", name=STEP_NAMES[0]), code=303)


@blueprint.get("/new/<name>")
@roles_required(*queries.FAMILY_ROLES)
def step(staff: StaffMember, name: str):
    index = _index(name)
    data = drafts.load(get_session(), session.get(WIZARD_KEY))
    if data is None and index > 0:
        return redirect(url_for("families.new"), code=303)
    form = _form(staff, data or {})
    if request.args.get("check") and not form.validate_fields(STEPS[index].fields, csrf=False):
        return _render(staff, form, index), 422
    return _render(staff, form, index)


@blueprint.post("/new/<name>")
@roles_required(*queries.FAMILY_ROLES)
def save_step(staff: StaffMember, name: str):
    index, handle, db = _index(name), session.get(WIZARD_KEY), get_session()
    if handle is None and index == 0:
        handle = session[WIZARD_KEY] = secrets.token_urlsafe(24)
    data = drafts.load(db, handle)
    if handle is None or drafts.spent(db, handle) or (data is None and index > 0):
        return redirect(url_for("families.new"), code=303)
    data = _merged(data or {}, request.form, STEPS[index].fields)
    form = _form(staff, data, request.form.get("csrf_token", ""))
    if not form.validate_fields([]):  # only the CSRF token: what was typed stays on the page
        return _render(staff, form, index, csrf_expired=True), 400
    action = request.form.get("action", "next")
    if action == "more":
        rows = min(_rows(data) + 2, MAX_MEMBER_ROWS)
        data[ROWS] = [str(rows)]
    drafts.save(db, handle, DRAFT, data, context().today)
    if choose_language(request.form.get("lang", "")) or action == "more":
        return redirect(url_for("families.step", name=name), code=303)
    if action == "back":
        return redirect(url_for("families.step", name=STEP_NAMES[max(index - 1, 0)]), code=303)
    if action == "send" and STEPS[index].name == "check":
        return _send(staff, form, handle)
    if not form.validate_fields(STEPS[index].fields):
        return redirect(url_for("families.step", name=name, check=1), code=303)
    following = STEP_NAMES[min(index + 1, len(STEPS) - 1)]
    return redirect(url_for("families.step", name=following), code=303)


def _send(staff: StaffMember, form: ArrangementForm, handle: str):
    all_fields = [name for s in STEPS for name in s.fields]
    if not form.validate_fields(all_fields):
        first = next(i for i, s in enumerate(STEPS) if any(form[n].errors for n in s.fields))
        return redirect(url_for("families.step", name=STEP_NAMES[first], check=1), code=303)
    db, ctx = get_session(), context()
    new = NewArrangement(
        municipality_id=form.municipality.data,
        label=form.label.data,
        helpers=form.helpers(),
        members=[NewMember(n, r, b) for n, r, b in form.family()],
        contact_id=form.contact.data,
        deputy_id=form.deputy.data or None,
        second_contact_id=form.second_contact.data or None,
        multiple_contacts_reason=form.multiple_reason.data or "",
        absence_rule=form.absence_rule.data or "",
    )
    drafts.spend(db, handle, ctx.today)  # commits with the arrangement
    try:
        arrangement, cards_handle = create(db, staff, new, ctx)
    except FamilyError as error:
        db.rollback()
        return render_template(
            "families/problem.html", staff=staff, message=ERROR[error.reason]
        ), 409
    session.pop(WIZARD_KEY, None)
    session[CARDS_KEY] = {"arrangement": arrangement.id, "handle": cards_handle}
    return redirect(url_for("families.cards", arrangement_id=arrangement.id), code=303)


def _index(name: str) -> int:
    if name not in STEP_NAMES:
        abort(404)
    return STEP_NAMES.index(name)


def _rows(data: dict[str, list[str]]) -> int:
    try:
        return min(
            max(int(data.get(ROWS, [FIRST_MEMBER_ROWS])[0]), FIRST_MEMBER_ROWS), MAX_MEMBER_ROWS
        )
    except (TypeError, ValueError):
        return FIRST_MEMBER_ROWS


TYPED_MAX = 2000  # above every field's limit, so "too long" can still be shown and fixed


def _merged(
    draft: dict[str, list[str]], posted: MultiDict, fields: list[str]
) -> dict[str, list[str]]:
    """The draft with this step's fields replaced by what was posted (raw, as typed)."""
    mine = tuple(fields)
    kept = {
        k: v
        for k, v in draft.items()
        if not (k in mine or k.startswith(tuple(f"{f}-" for f in mine)))
    }
    for key in posted:
        if key in mine or key.startswith(tuple(f"{f}-" for f in mine)):
            kept[key] = [value[:TYPED_MAX] for value in posted.getlist(key)][:5]
    return kept


def _form(staff: StaffMember, data: dict[str, list[str]], token: str = "") -> ArrangementForm:
    """The wizard's form over the draft; ``token``: the CSRF token of this post."""
    db, ctx = get_session(), context()
    data = dict(data)
    municipalities = queries.served_municipalities(db, staff.provider_id)
    formdata = MultiDict([(k, v) for k, values in data.items() for v in values])
    chosen = ArrangementForm(formdata=formdata).municipality.data
    providers = _providers(chosen)
    _organisation_rows(data, providers, staff.provider_id)
    for i in range(_rows(data)):
        data.setdefault(f"members-{i}-name", [""])
    pairs = [(k, v) for k, values in data.items() for v in values]
    form = ArrangementForm(formdata=MultiDict(pairs + ([("csrf_token", token)] if token else [])))
    form.allowed_municipalities = {m.id for m in municipalities}
    form.allowed_providers = {p.id for p in providers}
    form.today = ctx.today
    form.municipality.choices = [SelectChoice(0, "–")] + [
        SelectChoice(m.id, m.name) for m in municipalities
    ]
    form.provider_names = {p.id: p.name for p in providers}
    team = queries.team_members(db, {p for p, n in form.helpers().items() if n > 0})
    names = form.provider_names
    form.team = {s.id for s in team}
    choices = [SelectChoice(s.id, f"{s.name} – {names.get(s.provider_id, '')}") for s in team]
    form.contact.choices = [SelectChoice(0, "–"), *choices]
    form.deputy.choices = [SelectChoice(0, "–"), *choices]
    form.second_contact.choices = [SelectChoice(0, "–"), *choices]
    form.team_names = {s.id: s.name for s in team}
    return form


def _providers(municipality_id: int) -> list[Provider]:
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


def _organisation_rows(
    data: dict[str, list[str]], providers: list[Provider], own: int | None
) -> None:
    """One row per organisation serving the municipality, keeping the numbers typed."""
    typed: dict[str, list[str]] = {}
    i = 0
    while f"organisations-{i}-provider" in data:
        typed[data[f"organisations-{i}-provider"][0]] = data.get(
            f"organisations-{i}-helpers", ["0"]
        )
        i += 1
    for key in [k for k in data if k.startswith("organisations-")]:
        del data[key]
    for i, provider in enumerate(providers):
        data[f"organisations-{i}-provider"] = [str(provider.id)]
        default = ["1"] if provider.id == own else ["0"]
        data[f"organisations-{i}-helpers"] = typed.get(str(provider.id), default)


def _render(staff: StaffMember, form: ArrangementForm, index: int, csrf_expired: bool = False):
    step_ = STEPS[index]
    today = context().today
    preview = [
        FamilyMember(arrangement_id=0, name=n, role=r, born_on=b) for n, r, b in _valid_family(form)
    ]
    return render_template(
        "families/step.html",
        staff=staff,
        form=form,
        step=step_,
        number=index + 1,
        total=len(STEPS),
        previous=STEP_NAMES[index - 1] if index else None,
        csrf_expired=csrf_expired,
        preview=[
            (
                m,
                rules.standing(m, preview, today),
                rules.age_on(m.born_on, today) if m.born_on else None,
            )
            for m in preview
        ],
        roles=ROLE,
        standings=STANDING,
        rows_left=_rows_left(form),
    )


def _valid_family(form: ArrangementForm) -> list:
    try:
        return form.family()
    except (ValueError, AttributeError):
        return []


def _rows_left(form: ArrangementForm) -> bool:
    return len(form.members.entries) < MAX_MEMBER_ROWS

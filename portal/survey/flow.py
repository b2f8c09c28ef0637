"""The survey as steps over a server-side draft: which steps and questions a
respondent sees, and sending the draft. No Flask request in here.

A draft (portal/web/drafts.py) holds the provider's slug, the invitation code if one
was typed, the one-time submission token and what was answered; never a name,
an address or a time. It is emptied in the transaction that stores the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from portal.models import (
    AgeBand,
    Audience,
    CareType,
    Provider,
)
from portal.web import drafts
from portal.web.wizard import Step

from . import release, service
from .questionnaires import AskedItem, Questions, definition, questions
from .wording import NOT_APPLICABLE

DRAFT = "survey"
# Keys of the draft that are not form fields.
PROVIDER, CODE, TOKEN = "provider", "code", "token"
# A draft kept from a page whose earlier draft expired, waiting for its code again.
AWAITING_CODE = "awaiting_code"


# Key of the draft: the questionnaire a respondent started, so a new version
# synced mid-survey never changes the questions under their hands.
QUESTIONNAIRE = "questionnaire"


def questions_of(session: Session, data: dict[str, Any]) -> Questions:
    """The questions of this draft (drafts from before the key: the active ones)."""
    started = data.get(QUESTIONNAIRE)
    return questions(session, started if isinstance(started, int) else None)


def shown_items(asked: Questions, care_type: str | None) -> list[AskedItem]:
    """Every item, except those asked only for other care types (safety where you
    live: only for residential, foster and family-home care)."""
    shown = []
    for item in asked.items:
        only_for = definition(asked.version, item.key).care_types
        if only_for is None or care_type in {kind.value for kind in only_for}:
            shown.append(item)
    return shown


def steps_for(asked: Questions, data: dict[str, Any]) -> list[Step]:
    """About you, your care, one step per questionnaire page (the last with the
    comment), then a check. The age is asked of youths only."""
    youth = data.get("audience") == Audience.YOUTH.value
    steps = [
        Step("about", ["audience"]),
        Step("care", ["municipality", "care_type", *(["age_band"] if youth else [])]),
    ]
    items = shown_items(asked, data.get("care_type"))
    pages = sorted({item.page for item in items})
    for page in pages:
        page_items = [item for item in items if item.page == page]
        names = [f"q_{item.key}" for item in page_items]
        if page == pages[-1]:
            names.append("comment")
        steps.append(Step(f"page{page}", names, page_items))
    steps.append(Step("check", []))
    return steps


def step_names(steps: list[Step]) -> list[str]:
    return [step.name for step in steps]


def provider_of(session: Session, data: dict[str, Any]) -> Provider | None:
    slug = data.get(PROVIDER) or ""
    return session.exec(select(Provider).where(col(Provider.slug) == slug)).first()


def start(
    session: Session,
    handle: str,
    provider: Provider,
    code: str,
    today: date,
    kept: dict[str, Any] | None = None,
) -> None:
    """A new draft for this provider (and code), with a fresh submission token;
    ``kept`` carries answers from a page whose earlier draft expired."""
    data = {**(kept or {}), PROVIDER: provider.slug, CODE: code}
    data[QUESTIONNAIRE] = questions(session).questionnaire_id
    data.setdefault(TOKEN, service.new_submission_token())
    data.pop(AWAITING_CODE, None)
    drafts.save(session, handle, DRAFT, data, today)


@dataclass(frozen=True)
class Sent:
    outcome: service.Outcome
    safety_signal: bool


def send(
    session: Session,
    asked: Questions,
    provider: Provider,
    handle: str,
    data: dict[str, Any],
    answers: dict[str, int | str | None],
    secret_key: str,
    today: date,
) -> Sent:
    """Store the draft's answers (once per token) and empty the draft with them.

    ``answers`` are by item key (a number, NOT_APPLICABLE or None for "don't know")
    and only for the items that were shown.
    """
    audience = Audience(data["audience"])
    shown = {item.key: item for item in shown_items(asked, data.get("care_type"))}
    values: dict[int, int | None] = {}
    for key, value in answers.items():
        item = shown.get(key)
        if item is None or item.id is None:
            continue  # not asked of this respondent: no row, as for any item not shown
        if value == NOT_APPLICABLE:
            values[item.id] = release.NOT_APPLICABLE
        elif value is None or isinstance(value, int):
            values[item.id] = value
    submission = service.Submission(
        provider_id=provider.id or 0,
        questionnaire_id=asked.questionnaire_id,
        audience=audience,
        answers=values,
        comment=data.get("comment") or "",
        submission_token=data.get(TOKEN) or service.new_submission_token(),
        invitation_code=data.get(CODE) or "",
        municipality_id=int(data.get("municipality") or 0) or None,
        care_type=_enum(CareType, data.get("care_type")),
        age_band=_enum(AgeBand, data.get("age_band")) if audience is Audience.YOUTH else None,
        draft_handle=handle,
        safety_item_ids=asked.safety_item_ids,
    )
    signal = service.safety_signal(session, submission)
    outcome = service.submit_response(session, submission, secret_key, today)
    return Sent(outcome, signal)


def _enum(kind: Any, value: Any) -> Any:
    try:
        return kind(value) if value else None
    except ValueError:
        return None

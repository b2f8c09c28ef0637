"""A municipality field that offers a short list and a search (no JavaScript), used by
every public form that asks for a municipality: see portal/municipality_search.py."""

from __future__ import annotations

from collections.abc import Mapping

from flask import request
from sqlmodel import Session
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from portal.municipality_search import (
    MAX_TYPED,
    Offered,
    municipality_by_id,
    offered_municipalities,
    single_match,
)

PLACE_ARG = "place"  # the typed search, in the page's address (never stored)
SEARCH_ACTION = "find_place"  # the search button's value in a multi-page form


def typed_place() -> str:
    return request.args.get(PLACE_ARG, "")[:MAX_TYPED]


def offer(
    field: SelectField, session: Session, none_label: str, provider_id: int | None = None
) -> Offered:
    """Set ``field``'s choices: "none", the chosen municipality, then what fits the
    search in the address (or the provider's municipalities)."""
    chosen = municipality_by_id(session, field.data)
    offered = offered_municipalities(session, typed_place(), provider_id, chosen)
    if field.data is None and offered.searched and offered.matches == 1:
        # Nothing chosen yet (not "none", which is 0): the one that fits, to confirm.
        field.data = offered.places[0].id
    field.choices = [SelectChoice(0, none_label)] + [
        SelectChoice(place.id, place.name) for place in offered.places
    ]
    return offered


def chosen_only(field: SelectField, session: Session, none_label: str) -> None:
    """Choices enough to check a posted answer: "none" and the chosen municipality."""
    chosen = municipality_by_id(session, field.data)
    field.choices = [SelectChoice(0, none_label)] + (
        [SelectChoice(chosen.id, chosen.name)] if chosen else []
    )


def with_search_result(session: Session, typed: dict[str, object], place: str) -> dict:
    """What a multi-page form keeps when its search was pressed: a search that finds
    exactly one municipality chooses it (the person just asked for it by name)."""
    found = single_match(session, place)
    return {**typed, "municipality": found} if found else typed


def posted_action(form: Mapping[str, str]) -> tuple[str, str]:
    """The button a multi-page form was sent with, and the typed municipality search.
    Enter in another field presses the first button, the search: without a typed
    search that is the main button ("next")."""
    action = form.get("action", "next")
    place = form.get(PLACE_ARG, "").strip()[:MAX_TYPED]
    if action == SEARCH_ACTION and not place:
        action = "next"
    return action, place

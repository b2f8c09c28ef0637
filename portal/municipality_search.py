"""Finding a municipality by typing part of its name, so no public page has to list all
342 of them (a full list weighs about 14 KB of every page that holds it).

Names are compared as people type them on a phone: without capitals, accents,
hyphens or the word "gemeente" ("sudwest fryslan" finds Súdwest-Fryslân).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from portal.models import Municipality, ProviderMunicipality

MAX_TYPED = 80  # longer than any municipality name; user text is cut before any work
MAX_OFFERED = 20  # enough for a short list, few enough to stay light
_NOT_A_LETTER = re.compile(r"[\W_]+")  # linear: one character class, no nesting
# What people call a municipality whose official name they rarely type (plain forms).
ALIASES = {"s gravenhage": "den haag", "s hertogenbosch": "den bosch"}


@dataclass(frozen=True)
class Offered:
    """The municipalities a field offers: the chosen one first, then what fits."""

    places: list[Municipality]
    searched: bool  # the person typed something to search for
    matches: int  # how many fit the search (the chosen one too)

    @property
    def more(self) -> bool:  # more fit than are shown: type more of the name
        return self.searched and self.matches > MAX_OFFERED


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text[:MAX_TYPED].casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_A_LETTER.sub(" ", letters).split()
    if words[:1] == ["gemeente"]:
        words = words[1:]
    return " ".join(words)


def municipality_by_id(session: Session, chosen: Any) -> Municipality | None:
    """The current municipality with this id: ids beyond any key are forged (no
    query), and one merged into another (gemeentelijke herindeling) takes no new
    figures or requests."""
    if not isinstance(chosen, int) or isinstance(chosen, bool) or not 0 < chosen < 2**31:
        return None
    place = session.get(Municipality, chosen)
    return place if place is not None and place.merged_into_id is None else None


def offered_municipalities(
    session: Session,
    typed: str,
    provider_id: int | None = None,
    chosen: Municipality | None = None,
) -> Offered:
    """Those whose name holds ``typed`` (whole name first, then names that start with
    it, also by a common name like "Den Haag"); with nothing typed or nothing that
    fits, those the provider works in. Merged municipalities are not offered."""
    wanted = plain(typed)
    current = col(Municipality.merged_into_id).is_(None)
    fitting: list[Municipality] = []
    if wanted:
        everything = session.exec(select(Municipality).where(current)).all()
        named = {place.id: plain(place.name) for place in everything}
        known_as = {key: f"{name} {ALIASES.get(name, '')}" for key, name in named.items()}
        fitting = sorted(
            (place for place in everything if wanted in known_as[place.id]),
            key=lambda p: (named[p.id] != wanted, not named[p.id].startswith(wanted), p.name),
        )
    matches = len(fitting)
    others = [place for place in fitting if chosen is None or place.id != chosen.id]
    if not fitting and provider_id:  # nothing typed, or nothing fits: no dead end
        others = [
            place
            for place in session.exec(
                select(Municipality)
                .join(ProviderMunicipality, ProviderMunicipality.municipality_id == Municipality.id)
                .where(ProviderMunicipality.provider_id == provider_id, current)
                .order_by(Municipality.name)
                .limit(MAX_OFFERED + 1)
            )
            if chosen is None or place.id != chosen.id
        ]
    shown = ([chosen] if chosen else []) + others[:MAX_OFFERED]
    return Offered(shown, searched=bool(wanted), matches=matches)


def single_match(session: Session, typed: str) -> int | None:
    """The one municipality a search finds, if it finds exactly one."""
    offered = offered_municipalities(session, typed)
    return offered.places[0].id if offered.matches == 1 else None

"""Personal family codes and the printable cards they come on (the invitation-card pattern).

A code is 13 random characters and a check character (65 bits, like a receipt code),
typed on a phone or scanned from the card's QR code. Only a keyed digest is stored.
The codes of one printing follow from a random handle held in the professional's
session, so the card sheet survives a reload until "the cards are printed" is ticked,
and is never shown again after that.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from portal.security import codes
from portal.web.qr import qr_svg

RANDOM_CHARACTERS = 13
LENGTH = RANDOM_CHARACTERS + 1
PURPOSE = "family-code"


def code_for(handle: str, member_id: int, key: str) -> str:
    """The code of ``member_id`` in the printing ``handle``."""
    mac = hmac.new(codes.derive_key(key, "family-code-card"), digestmod=hashlib.sha256)
    mac.update(f"{handle}:{member_id}".encode())
    number = int.from_bytes(mac.digest()[:9], "big")
    payload = "".join(codes.ALPHABET[(number >> (5 * i)) & 31] for i in range(RANDOM_CHARACTERS))
    return codes.group(codes.with_check_character(payload))


def well_formed(raw: str) -> bool:
    return codes.is_well_formed(codes.normalize(raw), LENGTH)


def digest(raw: str, key: str) -> str | None:
    """The stored form of a code, or None when it cannot be one (a typo)."""
    normalized = codes.normalize(raw)
    if not codes.is_well_formed(normalized, LENGTH):
        return None
    return codes.digest(normalized, codes.derive_key(key, PURPOSE))


@dataclass(frozen=True)
class Card:
    name: str
    role: str
    code: str
    url: str
    qr_svg: Markup


def card(name: str, role: str, code: str, base_url: str) -> Card:
    # The code rides in the query only to fill in the form; the page still asks to press
    # "open", and the access log drops query strings (portal/privacy/responses.py).
    url = f"{base_url.rstrip('/')}/family/?{urlencode({'code': code})}"
    return Card(name, role, code, url, qr_svg(url, scale=3, border=2))

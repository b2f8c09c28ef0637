"""Printable invitation cards: the short code and a QR code that opens the survey."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from portal.web.qr import qr_svg


@dataclass(frozen=True)
class Card:
    code: str
    url: str
    qr_svg: Markup


def cards(codes: list[str], base_url: str) -> list[Card]:
    result = []
    for code in codes:
        url = f"{base_url.rstrip('/')}/survey/?{urlencode({'code': code})}"
        result.append(Card(code, url, qr_svg(url, scale=3, border=2)))
    return result

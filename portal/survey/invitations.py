"""Printable invitation cards: the short code and a QR code that opens the survey."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import segno


@dataclass(frozen=True)
class Card:
    code: str
    url: str
    qr_svg: str


def cards(codes: list[str], base_url: str) -> list[Card]:
    result = []
    for code in codes:
        url = f"{base_url.rstrip('/')}/survey/?{urlencode({'code': code})}"
        qr = segno.make(url, error="m")
        svg = qr.svg_inline(scale=3, border=2, omitsize=False)
        result.append(Card(code, url, svg))
    return result

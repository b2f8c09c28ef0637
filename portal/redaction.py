"""Remove obvious identifiers from free text before it is stored.

Catches e-mail addresses, phone numbers, BSN-like numbers (8 or 9 digits),
Dutch postcodes and web links. It cannot catch names; respondents are told so.
"""

from __future__ import annotations

import re

PLACEHOLDER = "[…]"

_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\b(?:https?://|www\.)\S*[^\s.,;:!?)]", re.IGNORECASE),
    # Phone numbers: +31 6 12345678, 06-12345678, 010 123 45 67, 0031…
    re.compile(r"(?<![\w])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\))?(?:\d[\s.-]?){6,11}\d\b"),
    re.compile(r"(?<![\w])0(?:\d[\s.-]?){8,10}\d\b"),
    # BSN and other long numbers: 8 or more digits, optionally grouped.
    re.compile(r"(?<![\w])\d(?:[\s.-]?\d){7,}\b"),
    re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"),
]


def redact(text: str) -> str:
    """Return ``text`` with identifiers replaced by a placeholder."""
    for pattern in _PATTERNS:
        text = pattern.sub(PLACEHOLDER, text)
    return text

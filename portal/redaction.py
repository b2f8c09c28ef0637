"""Remove obvious identifiers from free text before it is stored.

Catches e-mail addresses, phone numbers, BSN-like numbers (8 or 9 digits),
Dutch postcodes and web links. It cannot catch names; respondents are told so.

Every pattern runs in time linear in the text, because the text is typed by
anyone (the plain e-mail pattern took seconds on a long run of letters without
an "@"). Each pattern is bounded, may only start where a run of its characters
starts (a lookbehind), or takes its run possessively, so no run is rescanned
from each of its characters.
"""

from __future__ import annotations

import re

PLACEHOLDER = "[…]"

_TRAILING_PUNCTUATION = ".,;:!?)"

# An address may only start where a run of address characters starts (the
# lookbehind), so a run without "@" is read once, not once per character. A
# second address glued to the end of the first is taken in the same match.
_EMAILS = re.compile(r"(?<![\w.+-])(?:[\w.+-]++@[\w-]++(?:\.[\w-]++)++)++")
# A link runs to the next space; trailing punctuation belongs to the sentence
# and is given back in _link (cheaper than letting the engine backtrack for it).
_LINK = re.compile(r"\b(?:https?://|www\.)(\S*+)", re.IGNORECASE)
_PATTERNS = [
    # Phone numbers: +31 6 12345678, 06-12345678, 010 123 45 67, 0031…; bounded lengths.
    re.compile(r"(?<![\w])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\))?(?:\d[\s.-]?){6,11}\d\b"),
    re.compile(r"(?<![\w])0(?:\d[\s.-]?){8,10}\d\b"),
    # BSN and other long numbers: 8 or more digits, optionally grouped. It can only
    # start after a non-word character, so each digit run is tried once.
    re.compile(r"(?<![\w])\d(?:[\s.-]?\d){7,}\b"),
    re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"),
]


def _link(match: re.Match[str]) -> str:
    rest = match.group(1)
    kept = rest.rstrip(_TRAILING_PUNCTUATION)
    if not kept:
        return match.group()  # nothing but punctuation after "www.": not a link
    return PLACEHOLDER + rest[len(kept) :]


def _emails(match: re.Match[str]) -> str:
    return PLACEHOLDER * match.group().count("@")  # one per address, as before


def redact(text: str) -> str:
    """Return ``text`` with identifiers replaced by a placeholder."""
    text = _EMAILS.sub(_emails, text)
    text = _LINK.sub(_link, text)
    for pattern in _PATTERNS:
        text = pattern.sub(PLACEHOLDER, text)
    return text


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending on a whole word when the text was longer.

    Cutting before redaction keeps the work bounded; ending on a whole word makes
    sure no half of an e-mail address or number slips past the patterns.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    if text[limit].isspace():
        return head
    words = head.rsplit(maxsplit=1)
    return words[0] if len(words) == 2 else head

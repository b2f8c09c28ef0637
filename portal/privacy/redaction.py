"""Remove obvious identifiers from free text before it is stored.

Catches e-mail addresses (also written out: "jan at gmail dot com"), phone
numbers, BSN-like numbers (8 or 9 digits), IBANs, Dutch postcodes and web links.
It cannot catch names; respondents are told so. Complaint texts are never changed
silently: `identifiers` finds what could identify the writer, and the check page
asks them (portal/complaints).

Every pattern runs in time linear in the text, because the text is typed by
anyone (the plain e-mail pattern took seconds on a long run of letters without
an "@"). Each pattern is bounded, may only start where a run of its characters
starts (a lookbehind), or takes its run possessively, so no run is rescanned
from each of its characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    # IBAN: two letters, two check digits, then 11 to 30 letters and digits in groups
    # (first: its digits would otherwise be taken for a long number).
    re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,4})?\b"),
    # Phone numbers: +31 6 12345678, 06-12345678, 010 123 45 67, 0031…; bounded lengths.
    re.compile(r"(?<![\w])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\))?(?:\d[\s.-]?){6,11}\d\b"),
    re.compile(r"(?<![\w])0(?:\d[\s.-]?){8,10}\d\b"),
    # BSN and other long numbers: 8 or more digits, optionally grouped. It can only
    # start after a non-word character, so each digit run is tried once. Dates, year
    # ranges and lists of marks are not identifiers (see _ordinary_number).
    _LONG_NUMBER := re.compile(r"(?<![\w])\d(?:[\s.-]?\d){7,}\b"),
    # Phone numbers with the area code in brackets: (030) 345 67 89.
    re.compile(r"\(0\d{1,3}\)[\s.-]?(?:\d[\s.-]?){5,8}\d\b"),
    # Dutch postcodes: 1234 AB always; 1234ab and 1234 ab unless the letters are a
    # common word ("sinds 2023 al", "in 2024 is").
    re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"),
    re.compile(
        r"\b[1-9]\d{3}\s?(?!(?:al|an|at|be|by|da|de|en|er|et|ga|he|ik|in|is|it|je|ja|me|"
        r"my|na|no|nu|of|om|on|op|or|so|te|to|up|us|we|ze|zo|"
        # units and abbreviations after a number: "1500 km", "2024 bv", "2023 tm"
        r"km|cm|mm|kg|mg|ml|cc|gb|mb|ok|bv|tm|nr|jr|ca|pm|am|xl)\b)[A-Za-z]{2}\b",
        re.IGNORECASE,
    ),
]
# E-mail addresses written out to dodge filters: jan at gmail dot com, jan[at]gmail.com,
# jan (at) gmail (punt) nl, jan apenstaartje gmail punt com. Ends on a domain-like word.
_AT = r"(?:\s*[\[({]\s*(?:at|@)\s*[\])}]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\.|\s*[\[({]\s*(?:dot|punt)\s*[\])}]\s*|\s+(?:dot|punt)\s+)"
_WRITTEN_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,3}}{_DOT}"
    r"(?:com|net|org|info|eu|nl|be|de|[a-z]{2})\b",
    re.IGNORECASE,
)


# A date (12-03-2024), a year range (2023-2024, 2023/2024) or marks (8 9 10 10):
# digit runs the long-number pattern takes, but that identify nobody.
_DATE_OR_RANGE = re.compile(
    r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|(?:19|20)\d{2}\s?[-/]\s?(?:19|20)\d{2}"
)


def _ordinary_number(text: str) -> bool:
    if _DATE_OR_RANGE.fullmatch(text):
        return True
    groups = text.split()
    return len(groups) >= 3 and all(len(group) <= 2 for group in groups)


def _replace(pattern: re.Pattern[str]) -> Callable[[re.Match[str]], str]:
    def replacement(match: re.Match[str]) -> str:
        if pattern is _LONG_NUMBER and _ordinary_number(match.group()):
            return match.group()
        return PLACEHOLDER

    return replacement


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
    text = _WRITTEN_EMAIL.sub(PLACEHOLDER, text)
    text = _LINK.sub(_link, text)
    for pattern in _PATTERNS:
        text = pattern.sub(_replace(pattern), text)
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


# What could show who wrote a complaint, besides the patterns above: a name after
# "my name is", a street with its house number.
_NAMED = re.compile(
    r"\b(?i:ik heet|mijn naam is|my name is|i am called|ik ben)\s+"
    r"([A-Z][\w'-]{1,30}(?:\s+(?:van|de|der|den|ter|ten|het|el|la|le|von)){0,2}"
    r"(?:\s+[A-Z][\w'-]{1,30}){0,2})"
)
_STREET = re.compile(
    r"\b[A-Z][a-z]{1,30}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|pad|dreef|"
    r"steeg|markt|erf)\s+\d{1,4}(?:\s?[a-zA-Z]\b)?"
)


def identifiers(text: str) -> list[str]:
    """The parts of ``text`` that could show who wrote it, in order, each once.

    For the writer to look at, never to change the text behind their back.
    """
    found: list[tuple[int, int, str]] = []
    for pattern in [_EMAILS, _WRITTEN_EMAIL, *_PATTERNS, _STREET]:
        found.extend(
            (m.start(), m.end(), m.group())
            for m in pattern.finditer(text)
            if not (pattern is _LONG_NUMBER and _ordinary_number(m.group()))
        )
    for match in _LINK.finditer(text):
        found.append((match.start(), match.end(), match.group().rstrip(_TRAILING_PUNCTUATION)))
    found.extend((m.start(1), m.end(1), m.group(1)) for m in _NAMED.finditer(text))
    parts: list[str] = []
    covered_to = -1
    for _start, end, part in sorted(found, key=lambda item: (item[0], -item[1])):
        if end <= covered_to or part in parts:
            continue  # inside a longer find (the digits of an IBAN), or found already
        parts.append(part)
        covered_to = max(covered_to, end)
    return parts

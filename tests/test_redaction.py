from __future__ import annotations

import pytest

from portal.redaction import PLACEHOLDER, redact


@pytest.mark.parametrize(
    "identifier",
    [
        "jan.jansen@example.nl",
        "06-12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "010 123 45 67",
        "123456782",
        "1234 AB",
        "https://example.nl/profiel/jan",
    ],
)
def test_identifiers_are_removed(identifier):
    text = f"Mijn gegevens: {identifier}, groet"
    cleaned = redact(text)
    assert identifier not in cleaned
    assert PLACEHOLDER in cleaned and cleaned.endswith(", groet")


def test_ordinary_text_and_small_numbers_stay():
    text = "Ik ben 15 jaar en wacht al 3 maanden op hulp. Dat is te lang!"
    assert redact(text) == text


# -- linear time -----------------------------------------------------------------
# The comment is typed by anyone; the old e-mail pattern needed 11 s for 60 KB of
# letters. Each nasty shape below is timed against a linear baseline measured in
# the same run on the same text: a literal regex (re.escape) that replaces every
# occurrence of the text's most frequent character, i.e. work proportional to the
# text. Linear redaction stays within a small factor of it (1-20x here); a
# quadratic pattern is thousands of times slower at this size.

SIZE = 256 * 1024
NASTY = {
    "letters without @": "a" * SIZE,
    "dotted letters": "a." * (SIZE // 2),
    "spaced digits": "1 " * (SIZE // 2),
    "at signs": "@" * SIZE,
    "letter at letter": "a@" * (SIZE // 2),
    "long domain without dot": "a@" + "a-" * (SIZE // 2),
    "digits then a letter": "1" * SIZE + "a",
    "dashed digits": "1-" * (SIZE // 2),
    "phone prefixes": "+31 6 " * (SIZE // 6),
    "link prefixes": "www.," * (SIZE // 5),
    "schemes": "http://" * (SIZE // 7),
    "sentences": "Ik wacht al 3 maanden op hulp, bel 06-12345678! " * (SIZE // 48),
}


def _fastest(action, repeats: int = 3) -> float:
    import time

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("shape", list(NASTY))
def test_redaction_is_linear_on_nasty_input(shape):
    import re
    from collections import Counter

    text = NASTY[shape]
    literal = re.compile(re.escape(Counter(text).most_common(1)[0][0]))
    baseline = _fastest(lambda: literal.sub(PLACEHOLDER, text))
    measured = _fastest(lambda: redact(text))
    assert measured < 50 * baseline, (shape, measured / baseline)


def test_glued_addresses_are_each_replaced():
    assert redact("a@b.nl+c@d.nl en x@y.nl") == f"{PLACEHOLDER}{PLACEHOLDER} en {PLACEHOLDER}"
    assert redact("www.example.nl/pad), klaar") == f"{PLACEHOLDER}), klaar"
    assert redact("www.... niets") == "www.... niets"


def test_clip_cuts_on_a_whole_word_so_no_half_identifier_is_kept():
    from portal.redaction import clip

    text = "mail jan.jansen@example.nl"
    assert clip(text, 100) == text
    assert clip(text, 20) == "mail"  # not "mail jan.jansen@exam"
    assert clip("woord woord", 5) == "woord"  # the cut falls on the space
    assert clip("x" * 30, 10) == "x" * 10  # one long word: cut anyway

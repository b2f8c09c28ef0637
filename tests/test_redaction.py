from __future__ import annotations

import pytest

from portal.privacy.redaction import PLACEHOLDER, identifiers, redact


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
    from portal.privacy.redaction import clip

    text = "mail jan.jansen@example.nl"
    assert clip(text, 100) == text
    assert clip(text, 20) == "mail"  # not "mail jan.jansen@exam"
    assert clip("woord woord", 5) == "woord"  # the cut falls on the space
    assert clip("x" * 30, 10) == "x" * 10  # one long word: cut anyway


@pytest.mark.parametrize(
    "identifier",
    [
        "3512ab",
        "3512 ab",
        "(030) 345 67 89",
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "jan at gmail dot com",
        "jan[at]gmail.com",
        "jan (at) gmail (punt) nl",
        "jan apenstaartje hotmail punt com",
    ],
)
def test_identifiers_written_to_dodge_filters_are_removed(identifier):
    cleaned = redact(f"Mijn gegevens: {identifier}, groet")
    assert identifier not in cleaned and PLACEHOLDER in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Sinds 2023 al wachten we.",
        "In 2024 is het beter",
        "I was at school dot then",
        "In schooljaar 2023-2024 ging het mis",
        "Op 12-03-2024 belde ik",
        "We reden 1500 km en kregen 1000 mg",
        "2022 ok, 2024 bv slechter, 2023 tm 2024",
        "Cijfers: 8 9 10 10 7 8",
    ],
)
def test_years_and_words_that_look_alike_stay(text):
    assert redact(text) == text


def test_identifiers_lists_what_could_show_the_writer_for_them_to_choose():
    text = (
        "Mijn naam is Jan de Vries. Ik woon Kerkstraat 12a, 3512 AB. Bel (030) 345 67 89 "
        "of mail jan[at]gmail.com. IBAN NL91 ABNA 0417 1643 00."
    )
    assert identifiers(text) == [
        "Jan de Vries",
        "Kerkstraat 12a",
        "3512 AB",
        "(030) 345 67 89",
        "jan[at]gmail.com",
        "NL91 ABNA 0417 1643 00",
    ]
    assert identifiers("Ik ben 15 jaar en wacht al 3 maanden.") == []

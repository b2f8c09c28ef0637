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

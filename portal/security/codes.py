"""Codes people type on a phone: Crockford base32 with a check character.

Case-insensitive, grouped in fives, look-alikes folded (O→0, I/L→1), and a
Luhn mod 32 check character so a typo is told apart from an unknown code.
Codes are stored only as keyed digests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INDEX = {char: i for i, char in enumerate(ALPHABET)}
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})
GROUP = 5


def _check_character(payload: str) -> str:
    factor, total, base = 2, 0, len(ALPHABET)
    for char in reversed(payload):
        addend = factor * _INDEX[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def generate(random_length: int) -> str:
    """A new code of ``random_length`` random characters plus one check character."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(random_length))
    return group(with_check_character(payload))


def with_check_character(payload: str) -> str:
    return payload + _check_character(payload)


def group(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize(raw: str) -> str:
    """Upper-case, without spaces or dashes, look-alikes folded."""
    return "".join(ch for ch in raw.upper() if ch not in " -\t").translate(_FOLD)


def is_well_formed(normalized: str, total_length: int) -> bool:
    """Right length, right characters and a matching check character."""
    if len(normalized) != total_length or any(ch not in _INDEX for ch in normalized):
        return False
    return _check_character(normalized[:-1]) == normalized[-1]


def derive_key(secret_key: str, purpose: str) -> bytes:
    """A separate key per purpose, so one digest can never stand in for another."""
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).digest()


def digest(normalized: str, key: bytes) -> str:
    return hmac.new(key, normalized.encode(), hashlib.sha256).hexdigest()

"""Receipt codes: 65 random bits, typed on a phone, stored only as a keyed slow hash."""

from __future__ import annotations

import hashlib
import hmac

from portal.security import codes

RANDOM_CHARACTERS = 13  # 13 × 5 bits = 65 bits of entropy
LENGTH = RANDOM_CHARACTERS + 1  # plus the check character


def digest(raw_code: str, secret_key: str) -> str | None:
    """The stored form of a code, or None when it cannot be a code (a typo)."""
    normalized = codes.normalize(raw_code)
    if not codes.is_well_formed(normalized, LENGTH):
        return None
    # scrypt with a secret salt: deterministic (so it can be looked up) and slow,
    # so a stolen database does not give the codes away cheaply.
    salt = codes.derive_key(secret_key, "complaint-receipt")
    return hashlib.scrypt(normalized.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex()


def code_for_submission(token: str, secret_key: str) -> str:
    """The receipt code that belongs to a form's one-time token.

    A double-clicked send must show the same code again, so the code follows
    from the token (random, in the complainant's page only) and the secret key.
    """
    key = codes.derive_key(secret_key, "complaint-receipt-code")
    number = int.from_bytes(hmac.new(key, token.encode(), hashlib.sha256).digest()[:9], "big")
    payload = "".join(codes.ALPHABET[(number >> (5 * i)) & 31] for i in range(RANDOM_CHARACTERS))
    return codes.group(codes.with_check_character(payload))

"""E-mail addresses: one check for forms and the outbox, and a masked form for screens."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

MAX_LENGTH = 254  # what fits in SMTP's forward path, and in our columns


def valid_email(text: str) -> bool:
    """Whether ``text`` is a deliverable-looking address (syntax only, no DNS lookup).

    Checked by email-validator rather than a home-made pattern: it knows the
    rules for quoting, internationalised domains and reserved names.
    """
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return False
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def mask(address: str) -> str:
    """``j***@example.org``: enough for an administrator to recognise, no more."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local:
        return "***"
    return f"{local[0]}***@{domain}"

"""Settings for running the portal: how the outbox retries and how long it waits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def operations_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    return {
        # Like a mail server's queue lifetime: temporary failures (4xx, refused,
        # timeouts) are retried with back-off this many days, then the mail is failed.
        "MAIL_RETRY_DAYS": int(environ.get("KLANKBORD_MAIL_RETRY_DAYS", "5")),
        # Seconds for every SMTP step (connect, each reply), so a hanging server
        # ends a sender's run in bounded time.
        "MAIL_SMTP_TIMEOUT": float(environ.get("KLANKBORD_MAIL_SMTP_TIMEOUT", "30")),
    }

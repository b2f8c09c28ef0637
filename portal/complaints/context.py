"""The complaint domain's context, taken from the running app's configuration."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from portal.timeutil import utcnow

from .clock import Terms
from .service import Context


def from_app(now: datetime | None = None) -> Context:
    config = current_app.config
    return Context(
        Terms.from_config(config),
        config["CODE_PEPPER"],
        config["PUBLIC_BASE_URL"],
        now or utcnow(),
        config["DIGEST_TIMES"],
    )

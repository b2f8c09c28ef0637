"""The family domain's context: the terms and keys it needs, taken from the app's settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app

from portal.timeutil import dutch_day, utcnow


@dataclass(frozen=True)
class Terms:
    change_request_days: int = 10
    dispute_days: int = 14
    retention_months: int = 12
    stale_months: int = 24  # an arrangement never ended goes this long after its last change

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Terms:
        return cls(
            config["FAMILY_CHANGE_REQUEST_DAYS"],
            config["FAMILY_DISPUTE_DAYS"],
            config["FAMILY_RETENTION_MONTHS"],
            config["FAMILY_STALE_MONTHS"],
        )


@dataclass(frozen=True)
class Context:
    terms: Terms
    code_key: str  # keys the family codes' digests (the code pepper)
    base_url: str
    now: datetime

    @property
    def today(self) -> date:
        return dutch_day(self.now)


def from_app(now: datetime | None = None) -> Context:
    config = current_app.config
    return Context(
        Terms.from_config(config),
        config.get("CODE_PEPPER") or config["SECRET_KEY"],
        config["PUBLIC_BASE_URL"],
        now or utcnow(),
    )

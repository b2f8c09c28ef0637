"""What every page's header and footer need: the organisation that runs the
portal (settings in config/branding.py), whether the page is public (the footer
then shows "Need help now?") and whether it gets the "leave this site quickly"
button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, has_request_context, request

# A neutral site that says nothing about what the visitor was reading. Only a link:
# nothing is loaded from it (CSP default-src 'none').
QUICK_EXIT_URL = "https://www.google.nl/"
# Where someone may be reading about violence at home, or be watched while doing so.
QUICK_EXIT_BLUEPRINTS = frozenset({"survey", "complaints", "confidant", "family"})
# Signed-in work: no help block in the footer, no quick exit.
STAFF_BLUEPRINTS = frozenset({"staff", "committee", "desk", "admin", "families", "platform"})


@dataclass(frozen=True)
class Organisation:
    name: str
    phone: str
    email: str
    opens: str
    closes: str
    has_logo: bool
    statement_date: date

    @property
    def phone_href(self) -> str:
        """tel: wants digits only (a leading + stays)."""
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")


def organisation(config: dict[str, Any]) -> Organisation:
    opens, _, closes = (config.get("ORGANISATION_HOURS") or "").partition("-")
    return Organisation(
        name=config.get("ORGANISATION_NAME", ""),
        phone=config.get("ORGANISATION_PHONE", ""),
        email=config.get("ORGANISATION_EMAIL", ""),
        opens=opens,
        closes=closes,
        has_logo=bool(config.get("ORGANISATION_LOGO")),
        statement_date=date.fromisoformat(
            config.get("ACCESSIBILITY_STATEMENT_DATE") or "2026-12-01"
        ),
    )


def init_app(app: Flask) -> None:
    @app.context_processor
    def branding_context() -> dict[str, object]:
        blueprint = request.blueprint if has_request_context() else None
        return {
            "organisation": organisation(app.config),
            # A page outside every blueprint (a 404) may be met by anyone: public.
            "public_page": blueprint not in STAFF_BLUEPRINTS,
            "quick_exit_url": QUICK_EXIT_URL if blueprint in QUICK_EXIT_BLUEPRINTS else None,
        }

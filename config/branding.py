"""Settings for the organisation that runs this portal: its name, logo, phone,
opening hours and e-mail, shown in the header and footer of every page (issue 8:
a service people recognise), and the date of the accessibility statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

# Served from the portal's own address, so the CSP (img-src 'self') allows it.
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}
_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def branding_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    def setting(name: str, default: str) -> str:
        return environ.get(f"KLANKBORD_{name}", default).strip()

    return {
        "ORGANISATION_NAME": setting("ORGANISATION_NAME", "Stichting Klankbord (demo)"),
        # A file path; empty shows the name only. Use an image with the name in it
        # only if the name is also written beside it (the logo's alt text is empty).
        "ORGANISATION_LOGO": setting("ORGANISATION_LOGO", ""),
        "ORGANISATION_PHONE": setting("ORGANISATION_PHONE", "030 123 4567"),
        # Working days, Dutch time; shown as "Monday to Friday, 09:00 to 17:00".
        "ORGANISATION_HOURS": setting("ORGANISATION_HOURS", "09:00-17:00"),
        "ORGANISATION_EMAIL": setting("ORGANISATION_EMAIL", "contact@klankbord.example"),
        # When the accessibility statement was last checked (ISO date).
        "ACCESSIBILITY_STATEMENT_DATE": setting("ACCESSIBILITY_STATEMENT_DATE", "2026-12-01"),
    }


def branding_problems(settings: Mapping[str, Any]) -> list[str]:
    """Settings that would show something broken on every page."""
    problems = []
    if "ORGANISATION_NAME" in settings and not settings["ORGANISATION_NAME"]:
        problems.append("KLANKBORD_ORGANISATION_NAME must not be empty")
    hours = settings.get("ORGANISATION_HOURS", "")
    if hours and not _HOURS.match(hours):
        problems.append(f"KLANKBORD_ORGANISATION_HOURS={hours!r} (like 09:00-17:00)")
    phone = settings.get("ORGANISATION_PHONE", "")
    if phone and not _PHONE.match(phone):
        problems.append(f"KLANKBORD_ORGANISATION_PHONE={phone!r} (digits, spaces, dashes)")
    email = settings.get("ORGANISATION_EMAIL", "")
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        problems.append(f"KLANKBORD_ORGANISATION_EMAIL={email!r}")
    logo = settings.get("ORGANISATION_LOGO", "")
    if logo and (Path(logo).suffix.lower() not in LOGO_TYPES or not Path(logo).is_file()):
        problems.append(f"KLANKBORD_ORGANISATION_LOGO={logo!r} (an existing .svg, .png or .webp)")
    statement = settings.get("ACCESSIBILITY_STATEMENT_DATE", "")
    try:
        date.fromisoformat(statement or "2000-01-01")
    except ValueError:
        problems.append(f"KLANKBORD_ACCESSIBILITY_STATEMENT_DATE={statement!r} (like 2026-12-01)")
    return problems

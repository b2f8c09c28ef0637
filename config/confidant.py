"""Settings for confidant (vertrouwenspersoon) requests: the first-contact promise,
its reminder, and how long requests are kept.

No law sets a term for a confidant's first contact: it is the service's own
promise ("usually within 3 working days", issue 9), kept per service in the
database; the setting here is the default a new service starts with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Setting -> (smallest, largest) accepted value; the app refuses to start outside.
BOUNDS: dict[str, tuple[int, int]] = {
    # A first contact later than two working weeks is no confidant function at all.
    "CONFIDANT_FIRST_CONTACT_DAYS": (1, 10),
    # Working days before the first-contact target that the reminder goes out.
    "CONFIDANT_REMINDER_DAYS": (0, 5),
    # Days after closing (or the last activity) before texts and contact details go.
    # At least a month, so a requester can still read the last answer; at most the
    # complaints' longest practical term (AVG art. 5 lid 1 e: no longer than needed).
    "CONFIDANT_RETENTION_DAYS": (30, 3650),
}


def confidant_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    def number(name: str, default: str) -> int:
        return int(environ.get(f"KLANKBORD_{name}", default))

    return {
        "CONFIDANT_FIRST_CONTACT_DAYS": number("CONFIDANT_FIRST_CONTACT_DAYS", "3"),
        "CONFIDANT_REMINDER_DAYS": number("CONFIDANT_REMINDER_DAYS", "1"),
        "CONFIDANT_RETENTION_DAYS": number("CONFIDANT_RETENTION_DAYS", "730"),
    }


def confidant_problems(settings: Mapping[str, Any]) -> list[str]:
    """Settings outside their bounds, named with the bounds."""
    return [
        f"{name}={settings[name]} (between {least} and {most})"
        for name, (least, most) in BOUNDS.items()
        if name in settings and not least <= int(settings[name]) <= most
    ]

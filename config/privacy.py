"""Settings for anonymity and retention: when staff hear news, when survey answers
enter the results, how long data is kept, and who answers for it (AVG art. 13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MIN_CODE_PEPPER_LENGTH = 32


def _times(value: str) -> tuple[tuple[int, int], ...]:
    """Parse "08:00,13:00" into ((8, 0), (13, 0)); refuses a malformed time."""
    times = []
    for part in value.split(","):
        hour, _, minute = part.strip().partition(":")
        moment = (int(hour), int(minute or "0"))
        if not (0 <= moment[0] < 24 and 0 <= moment[1] < 60):
            raise ValueError(f"Not a time of day: {part!r}")
        times.append(moment)
    return tuple(sorted(set(times)))


def privacy_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    def number(name: str, default: str) -> int:
        return int(environ.get(f"KLANKBORD_{name}", default))

    return {
        # Staff hear of complainants' actions only at these Dutch times, in one
        # digest mail, so no mail or outbox row dates an anonymous action.
        "DIGEST_TIMES": _times(environ.get("KLANKBORD_DIGEST_TIMES", "08:00,13:00")),
        # Survey answers wait, then enter the results in a shuffled batch once a day:
        # when at least SMALL_GROUP_THRESHOLD wait, or the oldest waited this long.
        "ANSWER_RELEASE_TIME": _times(environ.get("KLANKBORD_ANSWER_RELEASE_TIME", "02:30"))[0],
        "ANSWER_RELEASE_MAX_WAIT_DAYS": number("ANSWER_RELEASE_MAX_WAIT_DAYS", "14"),
        # Survey comments are emptied after this many days (the reports keep the counts).
        "COMMENT_RETENTION_DAYS": number("COMMENT_RETENTION_DAYS", "730"),
        "AUDIT_RETENTION_DAYS": number("AUDIT_RETENTION_DAYS", "730"),
        # The administrator's home lists complaints open for longer than this.
        "COMPLAINT_LONG_OPEN_DAYS": number("COMPLAINT_LONG_OPEN_DAYS", "180"),
        # Keys receipt and invitation codes; separate from SECRET_KEY, so rotating the
        # session secret leaves every code working. Empty: derived from SECRET_KEY
        # (development only; production refuses it).
        "CODE_PEPPER": environ.get("KLANKBORD_CODE_PEPPER", ""),
        # The privacy statement names who is responsible (AVG art. 13 lid 1 a-b).
        "PRIVACY_CONTROLLER": environ.get(
            "KLANKBORD_PRIVACY_CONTROLLER", "Stichting Klankbord (demo), Utrecht"
        ),
        "PRIVACY_CONTACT": environ.get("KLANKBORD_PRIVACY_CONTACT", "privacy@klankbord.example"),
        "PRIVACY_OFFICER": environ.get(
            "KLANKBORD_PRIVACY_OFFICER", "Functionaris gegevensbescherming, fg@klankbord.example"
        ),
    }

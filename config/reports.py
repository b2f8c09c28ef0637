"""Settings for the reports: small groups, and when the annual report goes out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Below this a "small group" identifies people too easily; production refuses it.
MIN_PRODUCTION_THRESHOLD = 5


def _month_day(value: str) -> tuple[int, int]:
    month, _, day = value.strip().partition("-")
    parsed = (int(month), int(day))
    if not (1 <= parsed[0] <= 12 and 1 <= parsed[1] <= 28):
        raise ValueError(f"Not a month and day (MM-DD, day 1-28): {value!r}")
    return parsed


def _time(value: str) -> tuple[int, int]:
    hour, _, minute = value.strip().partition(":")
    parsed = (int(hour), int(minute or "0"))
    if not (0 <= parsed[0] < 24 and 0 <= parsed[1] < 60):
        raise ValueError(f"Not a time of day: {value!r}")
    return parsed


def report_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    return {
        # The annual report of the previous calendar year goes to every municipality
        # on this day and time (Dutch time): after the terms of December's formal
        # complaints (6 + 4 weeks, Jeugdwet art. 4.2.2) have run.
        "ANNUAL_REPORT_DATE": _month_day(environ.get("KLANKBORD_ANNUAL_REPORT_DATE", "04-01")),
        "ANNUAL_REPORT_TIME": _time(environ.get("KLANKBORD_ANNUAL_REPORT_TIME", "06:00")),
        # The year is frozen and the drafts are ready this many days before, so the
        # client platform can read them and add a comment.
        "ANNUAL_REPORT_REVIEW_DAYS": int(environ.get("KLANKBORD_ANNUAL_REPORT_REVIEW_DAYS", "14")),
    }


def report_problems(settings: Mapping[str, Any], production: bool) -> list[str]:
    threshold = settings.get("SMALL_GROUP_THRESHOLD", 10)
    problems = []
    if threshold < 2:
        problems.append("KLANKBORD_SMALL_GROUP_THRESHOLD must be at least 2")
    if production and threshold < MIN_PRODUCTION_THRESHOLD:
        problems.append(
            f"KLANKBORD_SMALL_GROUP_THRESHOLD must be at least {MIN_PRODUCTION_THRESHOLD} "
            "in production: smaller groups identify people"
        )
    if not 0 <= settings.get("ANNUAL_REPORT_REVIEW_DAYS", 14) <= 60:
        problems.append("KLANKBORD_ANNUAL_REPORT_REVIEW_DAYS must be between 0 and 60")
    return problems

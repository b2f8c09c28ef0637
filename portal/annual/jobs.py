"""The scheduler's annual-report step, run daily at ANNUAL_REPORT_TIME (Dutch time).

Daily rather than once a year: a day claimed once (portal/operations/scheduler.py), and a
run that finds nothing due does nothing, so a report due while the scheduler was
down goes out at the first run after it comes back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app
from sqlmodel import Session

from portal.reporting import comments
from portal.reporting.cube import Settings
from portal.timeutil import dutch_day, utcnow

from . import render, service


def schedule_from(config: Mapping[str, Any]) -> service.Schedule:
    month, day = config["ANNUAL_REPORT_DATE"]
    return service.Schedule(month, day, config["ANNUAL_REPORT_REVIEW_DAYS"])


def settings_from(config: Mapping[str, Any]) -> Settings:
    return Settings(config["SMALL_GROUP_THRESHOLD"], config["COMPLAINT_ACKNOWLEDGE_DAYS"])


def annual_reports(session: Session) -> str:
    config = current_app.config
    now = utcnow()
    today = dutch_day(now)
    schedule = schedule_from(config)
    year = today.year - 1
    made = 0
    if today >= schedule.draft_day(year):
        service.ensure_frozen(session, year, settings_from(config), now)
        made = service.prepare_drafts(session, year, now)
        comments.share_batches(session, year, config["SMALL_GROUP_THRESHOLD"])
    queued = service.send_due(session, today, schedule, render.render_report, now)
    sent, failed = service.follow_mail(session, now)
    return f"drafts {made}, queued {queued}, sent {sent}, failed {failed}"


def follow_mail(session: Session) -> str:
    """After each outbox run: reports take the state of their mails."""
    sent, failed = service.follow_mail(session, utcnow())
    return f"reports sent {sent}, failed {failed}" if sent or failed else ""

"""The scheduler process (`flask scheduler run`): never inside a web worker.

Each job runs in its own app context and session, records a JobRun, and is
idempotent, so a restart or a second scheduler does no harm.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from sqlmodel import Session

from portal import mail
from portal.complaints import jobs
from portal.complaints.context import from_app as context
from portal.db import engine_for
from portal.housekeeping import purge
from portal.models import JobRun
from portal.timeutil import utcnow

log = logging.getLogger(__name__)


def send_outbox(session: Session) -> str:
    config = current_app.config
    transport = mail.transport_from_config(config, current_app.instance_path)
    sent = mail.deliver_due(session, transport, config["MAIL_SENDER"], utcnow())
    return f"sent {sent}"


def deadline_reminders(session: Session) -> str:
    return f"reminders {jobs.send_deadline_reminders(session, context())}"


def retention(session: Session) -> str:
    return f"emptied {jobs.apply_retention(session, context())}"


def housekeeping(session: Session) -> str:
    counts = purge(session, utcnow())
    return ", ".join(f"{name} {count}" for name, count in counts.items())


JOBS: dict[str, tuple[Callable[[Session], str], object]] = {
    "send_outbox": (send_outbox, IntervalTrigger(minutes=1)),
    "deadline_reminders": (deadline_reminders, CronTrigger(hour=7, minute=0)),
    "retention": (retention, CronTrigger(hour=3, minute=30)),
    "housekeeping": (housekeeping, CronTrigger(hour=3, minute=45)),
}


def run_job(app: Flask, name: str) -> str:
    """Run one job now and record what it did."""
    function, _trigger = JOBS[name]
    with app.app_context(), Session(engine_for(app), expire_on_commit=False) as session:
        run = JobRun(job=name, started_at=utcnow())
        session.add(run)
        session.commit()
        try:
            run.result = function(session)
        except Exception as error:  # recorded, then re-raised for the scheduler's log
            session.rollback()
            run.result = f"failed: {type(error).__name__}"[:500]
            raise
        finally:
            run.finished_at = utcnow()
            session.add(run)
            session.commit()
        return run.result


def build(app: Flask) -> BlockingScheduler:
    scheduler = BlockingScheduler(job_defaults={"coalesce": True, "max_instances": 1})
    for name, (_function, trigger) in JOBS.items():
        scheduler.add_job(run_job, trigger, args=(app, name), id=name, name=name)
    # A restart must not wait a day for reminders it may have missed.
    scheduler.add_job(run_job, args=(app, "deadline_reminders"), id="reminders_at_start")
    return scheduler

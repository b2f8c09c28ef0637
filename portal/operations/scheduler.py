"""The scheduler process (`flask scheduler run`): never inside a web worker.

Each job runs in its own app context and session, records a JobRun, and is
idempotent, so a restart or a second scheduler does no harm. Triggers keep
Dutch time (Europe/Amsterdam), also across the change to and from summer time.

- A daily job claims its Dutch day (a unique (job, scheduled_day) pair on its
  JobRun), so of several schedulers only one runs it; a failed or interrupted
  run gives its day back.
- At start, runs left without an end by a killed process are closed as
  "interrupted", and every daily job whose last successful run is older than a
  day runs once to catch up.
- SIGTERM (or Ctrl-C) stops taking new runs and waits for the running one.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.annual import jobs as annual_jobs
from portal.complaints import jobs
from portal.complaints.context import from_app as context
from portal.confidant import jobs as confidant_jobs
from portal.confidant.context import from_app as confidant_context
from portal.db import engine_for
from portal.families import jobs as family_jobs
from portal.messaging import digest, mail
from portal.models import JobRun
from portal.operations.housekeeping import purge
from portal.privacy.erasure import erase_traces
from portal.privacy.retention import run as retention_run
from portal.survey import release
from portal.timeutil import DUTCH_TIME, dutch_day, utcnow

log = logging.getLogger(__name__)

FAILED = "failed"
INTERRUPTED = "interrupted"
SKIPPED = "skipped: another scheduler has this day's run"


def send_outbox(session: Session) -> str:
    config = current_app.config
    transport = mail.transport_from_config(config, current_app.instance_path)
    delivery = mail.deliver_due(
        session, transport, config["MAIL_SENDER"], utcnow(), config["MAIL_RETRY_DAYS"]
    )
    reports = annual_jobs.follow_mail(session)
    return f"{delivery}; {reports}" if reports else str(delivery)


def deadline_reminders(session: Session) -> str:
    return f"reminders {jobs.send_deadline_reminders(session, context())}"


def retention(session: Session) -> str:
    return retention_run(session, context(), current_app.config)


def confidant_reminders(session: Session) -> str:
    return f"reminders {confidant_jobs.send_first_contact_reminders(session, confidant_context())}"


def confidant_retention(session: Session) -> str:
    return confidant_jobs.nightly_retention(session, confidant_context())


def housekeeping(session: Session) -> str:
    outbox = mail.outbox_folder(current_app.config, current_app.instance_path)
    counts = purge(session, utcnow(), outbox)
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def send_digests(session: Session) -> str:
    sent = digest.send_digests(session, current_app.config["PUBLIC_BASE_URL"], utcnow())
    return f"digests {sent}"


def release_answers(session: Session) -> str:
    config = current_app.config
    released = release.release(
        session,
        dutch_day(utcnow()),
        config["SMALL_GROUP_THRESHOLD"],
        config["ANSWER_RELEASE_MAX_WAIT_DAYS"],
    )
    if not released:
        return "released 0"
    return f"released {released}; {erase_traces(session.get_bind(), release.TABLES)}"


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[[Session], str]
    # A trigger, or a function of the settings that makes one (times from config).
    trigger: BaseTrigger | Callable[[Mapping[str, Any]], BaseTrigger]
    # Seconds a run may start late (process busy or suspended) before it is
    # dropped; None: however late. Coalesce: missed runs become one.
    misfire_grace_time: int | None
    coalesce: bool
    daily: bool = False  # claims its Dutch day, and catches up at start


def _daily(hour: int, minute: int) -> CronTrigger:
    return CronTrigger(hour=hour, minute=minute, timezone=DUTCH_TIME)


def _digest_trigger(config: Mapping[str, Any]) -> CronTrigger:
    """At each of DIGEST_TIMES; one cron expression needs one minute for all of them."""
    times = config["DIGEST_TIMES"]
    minutes = {minute for _hour, minute in times}
    if len(minutes) != 1:
        raise ValueError("KLANKBORD_DIGEST_TIMES: give every time the same minutes")
    hours = ",".join(str(hour) for hour, _minute in times)
    return CronTrigger(hour=hours, minute=minutes.pop(), timezone=DUTCH_TIME)


def _release_trigger(config: Mapping[str, Any]) -> CronTrigger:
    return _daily(*config["ANSWER_RELEASE_TIME"])


def _annual_report_trigger(config: Mapping[str, Any]) -> CronTrigger:
    return _daily(*config["ANNUAL_REPORT_TIME"])


def trigger_of(job: Job, config: Mapping[str, Any]) -> BaseTrigger:
    return job.trigger if isinstance(job.trigger, BaseTrigger) else job.trigger(config)


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        # Every run sends all that is due, so a missed minute is simply the next
        # one's work: one run for a backlog, and none that starts a minute late.
        Job("send_outbox", send_outbox, IntervalTrigger(minutes=1, timezone=DUTCH_TIME), 50, True),
        # Reminders name days left; late the same day is still right, twice never.
        Job("deadline_reminders", deadline_reminders, _daily(7, 0), 12 * 3600, True, daily=True),
        # Nightly clean-ups: late is harmless, once is enough.
        Job("retention", retention, _daily(3, 30), 20 * 3600, True, daily=True),
        Job("housekeeping", housekeeping, _daily(3, 45), 20 * 3600, True, daily=True),
        # Confidant requests (portal/confidant/jobs.py): the same rules as above.
        Job("confidant_reminders", confidant_reminders, _daily(7, 5), 12 * 3600, True, daily=True),
        Job("confidant_retention", confidant_retention, _daily(3, 35), 20 * 3600, True, daily=True),
        # Family arrangements (portal/families/jobs.py): deadlines, closed accounts, 18th
        # birthdays, then retention; each step is recorded, so twice a day does no harm.
        Job("family_rules", family_jobs.family_rules, _daily(7, 10), 12 * 3600, True, daily=True),
        Job("family_retention", family_jobs.retention, _daily(3, 40), 20 * 3600, True, daily=True),
        # Staff news at fixed times only: a late digest still dates nothing. Each run
        # takes what is noted in one DELETE ... RETURNING, so two schedulers send once.
        Job("send_digests", send_digests, _digest_trigger, 3 * 3600, True),
        # Survey answers enter the results in a shuffled batch (portal/survey/release.py).
        Job("release_answers", release_answers, _release_trigger, 20 * 3600, True, daily=True),
        # Annual reports (portal/annual): checked daily, so one due while the scheduler
        # was down goes out when it is back; each report is queued once (its state).
        Job(
            "annual_reports",
            annual_jobs.annual_reports,
            _annual_report_trigger,
            20 * 3600,
            True,
            daily=True,
        ),
    )
}
PERIOD = timedelta(days=1)  # of every daily job


def run_job(app: Flask, name: str) -> str:
    """Run one job now and record what it did (`flask jobs run NAME`; claims nothing)."""
    return run(app, JOBS[name])


def run(app: Flask, job: Job, scheduled_day: date | None = None) -> str:
    """Run ``job`` and record it; with ``scheduled_day``, only if that day is unclaimed."""
    with app.app_context(), Session(engine_for(app), expire_on_commit=False) as session:
        record = JobRun(job=job.name, started_at=utcnow(), scheduled_day=scheduled_day)
        session.add(record)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # the (job, day) pair is taken: nothing to do
            return SKIPPED
        try:
            record.result = job.function(session)
        except Exception as error:  # recorded, then re-raised for the scheduler's log
            session.rollback()
            record.result = f"{FAILED}: {type(error).__name__}"[:500]
            record.scheduled_day = None  # give the day back: a restart may try again
            raise
        finally:
            record.finished_at = utcnow()
            session.add(record)
            session.commit()
        return record.result


def run_scheduled(app: Flask, name: str) -> str:
    """What the trigger calls: a daily job claims today's Dutch day."""
    job = JOBS[name]
    return run(app, job, dutch_day(utcnow()) if job.daily else None)


def close_interrupted(app: Flask) -> int:
    """Close runs a killed process left open, and give back the days they claimed."""
    with Session(engine_for(app)) as session:
        closed = session.exec(
            update(JobRun)
            .where(JobRun.finished_at.is_(None))
            .values(finished_at=utcnow(), result=INTERRUPTED, scheduled_day=None)
        ).rowcount
        session.commit()
    return closed


def catch_up(app: Flask, name: str) -> str | None:
    """Run a daily job whose last successful run is older than a day (None: not needed)."""
    job = JOBS[name]
    with Session(engine_for(app)) as session:
        last_success = session.exec(
            select(func.max(JobRun.started_at)).where(
                JobRun.job == name,
                JobRun.finished_at.is_not(None),
                JobRun.result != INTERRUPTED,
                JobRun.result.not_like(f"{FAILED}%"),
            )
        ).one()
    now = utcnow()
    if last_success is not None and last_success > now - PERIOD:
        return None
    return run(app, job, dutch_day(now))


def _catch_up_logged(app: Flask, name: str) -> None:
    result = catch_up(app, name)
    log.info("catch-up %s: %s", name, "not needed" if result is None else result)


def build(app: Flask, jobs: Mapping[str, Job] | None = None) -> BlockingScheduler:
    """The scheduler with every job's trigger, and a catch-up run for each daily job."""
    jobs = JOBS if jobs is None else jobs
    scheduler = BlockingScheduler(timezone=DUTCH_TIME)
    for name, job in jobs.items():
        scheduler.add_job(
            run_scheduled,
            trigger_of(job, app.config),
            args=(app, name),
            id=name,
            name=name,
            misfire_grace_time=job.misfire_grace_time,
            coalesce=job.coalesce,
            max_instances=1,  # a slow run is never overtaken by the next
        )
        if job.daily:
            # A restart must not wait a day for runs it missed while down.
            scheduler.add_job(_catch_up_logged, args=(app, name), id=f"catch_up_{name}")
    return scheduler


def stop_on_signals(scheduler: BlockingScheduler) -> Callable[[], None]:
    """SIGTERM and SIGINT stop the scheduler once the running jobs finish.

    Returns a function that puts the previous handlers back.
    """

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping after the running jobs finish", signum)
        if scheduler.running:
            scheduler.shutdown(wait=True)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def serve(app: Flask) -> None:
    """`flask scheduler run`: close what a killed run left open, then run until stopped."""
    closed = close_interrupted(app)
    if closed:
        log.warning("closed %d job run(s) left open by a stopped scheduler", closed)
    scheduler = build(app)
    restore = stop_on_signals(scheduler)
    try:
        scheduler.start()
    finally:
        restore()

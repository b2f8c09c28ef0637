"""The scheduler keeps Dutch time, catches up once after downtime, survives a
second scheduler, closes runs a killed process left open, and stops gracefully."""

from __future__ import annotations

import os
import signal
import threading
import time
from datetime import UTC, datetime

import pytest
from apscheduler.schedulers.base import STATE_STOPPED
from sqlmodel import select

from portal.models import JobRun
from portal.operations import scheduler
from portal.timeutil import DUTCH_TIME

DAILY = ["deadline_reminders", "retention", "housekeeping"]


def runs(db, job: str | None = None) -> list[JobRun]:
    db.expire_all()
    statement = select(JobRun).order_by(JobRun.id)
    if job:
        statement = statement.where(JobRun.job == job)
    return list(db.exec(statement))


def test_every_trigger_keeps_dutch_time_across_summer_time(app):
    built = scheduler.build(app)
    for name, job in scheduler.JOBS.items():
        trigger = built.get_job(name).trigger
        assert str(trigger.timezone) == "Europe/Amsterdam", name
        assert built.get_job(name).misfire_grace_time == job.misfire_grace_time
        assert built.get_job(name).coalesce is job.coalesce
    reminders = built.get_job("deadline_reminders").trigger
    # The night of 28 to 29 March 2026 the clocks go forward: still 07:00 in Utrecht.
    before = reminders.get_next_fire_time(None, datetime(2026, 3, 28, 0, 0, tzinfo=UTC))
    after = reminders.get_next_fire_time(None, datetime(2026, 3, 29, 0, 0, tzinfo=UTC))
    assert before.astimezone(DUTCH_TIME).hour == after.astimezone(DUTCH_TIME).hour == 7
    assert before.astimezone(UTC).hour == 6 and after.astimezone(UTC).hour == 5
    assert {f"catch_up_{name}" for name in DAILY} <= {job.id for job in built.get_jobs()}


def test_daily_jobs_catch_up_once_across_two_schedulers(app, db, clock):
    first = {name: scheduler.catch_up(app, name) for name in DAILY}
    second = {name: scheduler.catch_up(app, name) for name in DAILY}  # a second scheduler
    assert all(result and not result.startswith("skipped") for result in first.values())
    assert set(second.values()) == {None}  # the first one's runs are less than a day old
    for name in DAILY:
        (only,) = runs(db, name)
        assert only.scheduled_day == clock.now.astimezone(DUTCH_TIME).date()
    clock.advance(hours=23)
    assert scheduler.catch_up(app, "retention") is None  # its period has not passed
    clock.advance(hours=2)
    assert scheduler.catch_up(app, "retention").startswith("emptied")


def test_a_day_claimed_by_another_scheduler_is_skipped(app, db, clock):
    day = clock.now.astimezone(DUTCH_TIME).date()
    job = scheduler.JOBS["housekeeping"]
    assert scheduler.run(app, job, day) != scheduler.SKIPPED
    assert scheduler.run(app, job, day) == scheduler.SKIPPED  # same day, other process
    assert len(runs(db, "housekeeping")) == 1
    assert scheduler.run(app, job) != scheduler.SKIPPED  # a manual run claims nothing


def test_a_failed_run_gives_its_day_back(app, db, clock):
    def broken(_session):
        raise RuntimeError("database away")

    job = scheduler.Job("retention", broken, scheduler.JOBS["retention"].trigger, 60, True, True)
    day = clock.now.astimezone(DUTCH_TIME).date()
    with pytest.raises(RuntimeError):
        scheduler.run(app, job, day)
    (failed,) = runs(db, "retention")
    assert failed.result == "failed: RuntimeError" and failed.scheduled_day is None
    assert scheduler.catch_up(app, "retention").startswith("emptied")  # tried again today


def test_a_run_left_open_is_closed_as_interrupted_and_its_day_freed(app, db, clock):
    day = clock.now.astimezone(DUTCH_TIME).date()
    db.add(JobRun(job="deadline_reminders", started_at=clock.now, scheduled_day=day))
    db.commit()
    clock.advance(minutes=5)
    assert scheduler.close_interrupted(app) == 1
    (closed,) = runs(db, "deadline_reminders")
    assert closed.result == "interrupted" and closed.finished_at is not None
    assert closed.scheduled_day is None
    # Not a success, so the restart catches up, claiming the freed day.
    assert scheduler.catch_up(app, "deadline_reminders").startswith("reminders")
    assert runs(db, "deadline_reminders")[-1].scheduled_day == day


def test_sigterm_lets_the_running_job_finish(app, db):
    order: list[str] = []
    started = threading.Event()
    built = scheduler.build(app, jobs={})

    def slow(_session) -> str:
        started.set()
        # Keeps running after the stop began; a stop that did not wait would
        # return while this job is still busy.
        for _ in range(1000):
            if built.state == STATE_STOPPED:
                break
            time.sleep(0.01)
        time.sleep(0.2)
        order.append("job finished")
        return "done"

    job = scheduler.Job("slow", slow, scheduler.JOBS["retention"].trigger, 60, True)
    built.add_job(scheduler.run, args=(app, job), id="slow_now")

    def terminate() -> None:
        if started.wait(20):
            os.kill(os.getpid(), signal.SIGTERM)

    restore = scheduler.stop_on_signals(built)
    threading.Thread(target=terminate, daemon=True).start()
    try:
        built.start()  # returns once the signal handler has stopped the scheduler
    finally:
        restore()
    order.append("scheduler stopped")
    assert order == ["job finished", "scheduler stopped"]
    (record,) = runs(db, "slow")
    assert record.result == "done" and record.finished_at is not None


def test_job_runs_hold_no_per_mail_times(app, db, clock):
    from portal.messaging import mail

    mail.queue(db, "ouder@example.nl", "Klankbord", "Nieuws", clock.now)
    db.commit()
    result = scheduler.run_job(app, "send_outbox")
    assert result == "sent 1"  # counts only
    (record,) = runs(db, "send_outbox")
    assert record.started_at == clock.now and record.scheduled_day is None

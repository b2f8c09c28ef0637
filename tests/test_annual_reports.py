"""The annual report: built from the frozen year, sent once per municipality through a
real SMTP server on loopback (aiosmtpd), across restarts and two schedulers."""

from __future__ import annotations

import csv
import io
import threading
from datetime import UTC, datetime
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from portal.db import engine_for
from portal.models import (
    AnnualReport,
    Audience,
    JobRun,
    Municipality,
    MunicipalityReportRecipient,
    OutboxMail,
    ReportState,
)
from portal.models.operations import OutboxState
from portal.operations.scheduler import JOBS, run, run_job
from tests.conftest import add_provider
from tests.reporting_helpers import answers, complaint
from tests.test_outbox import free_port
from tests.test_outbox_delivery import SENDER, Scripted

SEND_MOMENT = datetime(2026, 4, 1, 4, 0, tzinfo=UTC)  # 06:00 in Amsterdam (summer time)


@pytest.fixture
def smtp_server(app):
    handler = Scripted()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(
        MAIL_TRANSPORT="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=controller.port,
        MAIL_SMTP_TIMEOUT=5.0,
        MAIL_SENDER=SENDER,
    )
    yield handler
    controller.stop()


@pytest.fixture
def municipality(db: Session) -> Municipality:
    provider = add_provider(db, "Aanbieder A", "a", municipality="Utrecht")
    utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
    db.add(MunicipalityReportRecipient(municipality_id=utrecht.id, email="jeugd@utrecht.example"))
    db.commit()
    answers(db, provider.id, Audience.YOUTH, [5] * 8 + [2] * 4)
    answers(db, provider.id, Audience.PARENT, [3, 4])
    for _ in range(3):
        complaint(db, provider.id, municipality_id=utrecht.id)
    return utrecht


def draft_day(app, clock) -> None:
    """The daily job on 18 March: the year frozen, the drafts made for review."""
    clock.now = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)
    run_job(app, "annual_reports")


def reports(db: Session) -> list[AnnualReport]:
    db.expire_all()
    return list(db.exec(select(AnnualReport).order_by(AnnualReport.version)))


def test_drafts_in_the_review_period_then_one_mail_on_the_send_date(
    app, db, clock, municipality, smtp_server
):
    clock.now = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)  # the draft day: 14 review days
    assert run_job(app, "annual_reports").startswith("drafts 1, queued 0")
    (draft,) = reports(db)
    assert draft.state is ReportState.DRAFT and draft.year == 2025

    clock.now = SEND_MOMENT
    assert "queued 1" in run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    (sent,) = reports(db)
    assert sent.state is ReportState.SENT and sent.sent_on.isoformat() == "2026-04-01"
    (delivered,) = smtp_server.delivered
    assert delivered[0] == ["jeugd@utrecht.example"]
    message = message_from_bytes(delivered[1])
    assert "2025" in message["Subject"] and "Utrecht" in message["Subject"]
    parts = {part.get_content_type(): part for part in message.walk()}
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "Aanbieder A" in html and "Utrecht" in html
    # Parents: 2 answers, fewer than K; youths 12 shown, so youths' share is hidden too.
    assert "minder dan 10" in html or "fewer than 10" in html
    pdf = parts["application/pdf"].get_payload(decode=True)
    assert pdf.startswith(b"%PDF")
    table = parts["text/csv"].get_payload(decode=True).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    assert rows[0] == ["section", "provider", "figure", "group", "value"]
    assert ["complaints", "Aanbieder A", "total", "", "3"] in rows
    assert ["survey_percent_positive", "Aanbieder A", "fit_question", "parent", "hidden"] in rows

    # A restart, a second run the same day and the next days: nothing goes twice.
    clock.advance(hours=1)
    run_job(app, "annual_reports")
    clock.advance(days=1)
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    assert len(smtp_server.delivered) == 1


def test_two_schedulers_at_once_send_once(app, db, clock, municipality, smtp_server):
    clock.now = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)
    run_job(app, "annual_reports")
    clock.now = SEND_MOMENT
    results: list[str] = []
    job = JOBS["annual_reports"]

    def scheduler() -> None:
        results.append(run(app, job))  # no day claim: both really run

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run_job(app, "send_outbox")
    assert len(smtp_server.delivered) == 1, results
    assert [r.state for r in reports(db)] == [ReportState.SENT]


def test_a_report_missed_while_the_scheduler_was_down_goes_when_it_is_back(
    app, db, clock, municipality, smtp_server
):
    from portal.operations.scheduler import catch_up

    clock.now = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)
    assert "drafts 1" in run_job(app, "annual_reports")
    clock.now = datetime(2026, 4, 9, 8, 0, tzinfo=UTC)  # down from 19 March until 9 April
    assert "queued 1" in catch_up(app, "annual_reports")
    run_job(app, "send_outbox")
    assert len(smtp_server.delivered) == 1


def test_a_permanent_rejection_fails_the_report_and_a_resend_is_a_new_version(
    app, db, clock, municipality, smtp_server
):
    from portal.annual import service

    smtp_server.rcpt_replies["jeugd@utrecht.example"] = "550 no such user"
    draft_day(app, clock)
    clock.now = SEND_MOMENT
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    (failed,) = reports(db)
    assert failed.state is ReportState.FAILED and "550" in failed.problem
    mails = db.exec(select(OutboxMail)).all()
    assert [m.state for m in mails] == [OutboxState.FAILED]

    del smtp_server.rcpt_replies["jeugd@utrecht.example"]
    again = service.resend(db, failed, staff_id=None, now=clock.now)
    assert again.version == 2 and again.state is ReportState.APPROVED
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    assert [r.state for r in reports(db)] == [ReportState.FAILED, ReportState.SENT]
    assert len(smtp_server.delivered) == 1


def test_a_server_that_is_down_defers_and_nothing_is_marked_sent(app, db, clock, municipality):
    app.config.update(MAIL_TRANSPORT="smtp", MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=free_port())
    draft_day(app, clock)
    clock.now = SEND_MOMENT
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    (report,) = reports(db)
    assert report.state is ReportState.QUEUED
    (mail,) = db.exec(select(OutboxMail)).all()
    assert mail.state is OutboxState.QUEUED and mail.attempts == 1


def test_a_municipality_without_address_is_a_warning_and_a_year_without_data_still_reports(
    app, db, clock, smtp_server
):
    from portal.annual.service import problems

    db.add(Municipality(name="Leeg", cbs_code="GM9999"))
    quiet = Municipality(name="Stil", cbs_code="GM9998")
    db.add(quiet)
    db.flush()
    db.add(MunicipalityReportRecipient(municipality_id=quiet.id, email="stil@example.nl"))
    db.commit()
    draft_day(app, clock)
    clock.now = SEND_MOMENT
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    states = {r.municipality_id: r for r in reports(db)}
    assert states[quiet.id].state is ReportState.SENT
    empty = next(r for r in states.values() if r.municipality_id != quiet.id)
    assert empty.state is ReportState.DRAFT and "no report address" in empty.problem
    with app.app_context():
        assert "Leeg has no report address" in problems(db, 2025)
    html = message_from_bytes(smtp_server.delivered[0][1])
    body = next(p for p in html.walk() if p.get_content_type() == "text/html")
    assert "geen antwoorden" in body.get_payload(decode=True).decode() or "no answers" in (
        body.get_payload(decode=True).decode()
    )


def test_a_broken_pdf_fails_that_report_only(app, db, clock, municipality, monkeypatch):
    from portal.annual import render

    def broken(page: str) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setattr(render, "pdf", broken)
    draft_day(app, clock)
    clock.now = SEND_MOMENT
    result = run_job(app, "annual_reports")
    assert "queued 0" in result
    (report,) = reports(db)
    assert report.state is ReportState.FAILED and "OSError" in report.problem
    assert not db.exec(select(OutboxMail)).all()
    runs = db.exec(select(JobRun).where(JobRun.job == "annual_reports")).all()
    assert all(not r.result.startswith("failed") for r in runs)


def test_cli_build_preview_status(app, db, municipality, tmp_path, clock):
    clock.now = SEND_MOMENT
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["reports", "build", "--year", "2025", "--dry-run"])
    assert "nothing written" in dry.output
    assert not reports(db)
    built = runner.invoke(args=["reports", "build", "--year", "2025"])
    assert "frozen as v1" in built.output and "drafts made: 1" in built.output
    out = tmp_path / "utrecht.pdf"
    code = municipality.cbs_code
    shown = runner.invoke(
        args=["reports", "preview", "--year", "2025", "--municipality", code, "--out", str(out)]
    )
    assert shown.exit_code == 0, shown.output
    assert out.read_bytes().startswith(b"%PDF")
    status = runner.invoke(args=["reports", "status", "--year", "2025"])
    assert "frozen v1" in status.output and "Utrecht: v1 draft" in status.output
    with engine_for(app).connect():
        pass


def test_a_draft_made_late_still_gets_its_review_days(app, db, clock, municipality, smtp_server):
    clock.now = SEND_MOMENT  # the first run ever is on the send day itself
    assert run_job(app, "annual_reports").startswith("drafts 1, queued 0")
    clock.now = datetime(2026, 4, 15, 4, 0, tzinfo=UTC)
    assert "queued 1" in run_job(app, "annual_reports")


def test_resend_twice_makes_one_new_version(app, db, clock, municipality, smtp_server):
    from portal.annual import service

    smtp_server.rcpt_replies["jeugd@utrecht.example"] = "550 no such user"
    clock.now = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)
    run_job(app, "annual_reports")
    clock.now = SEND_MOMENT
    run_job(app, "annual_reports")
    run_job(app, "send_outbox")
    (failed,) = reports(db)
    service.resend(db, failed, staff_id=None, now=clock.now)
    with pytest.raises(service.NotAllowed):
        service.resend(db, failed, staff_id=None, now=clock.now)
    assert [r.version for r in reports(db)] == [1, 2]

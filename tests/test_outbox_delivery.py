"""The outbox against a real SMTP server (aiosmtpd on loopback) that misbehaves:
451 and 550 replies, a server that hangs, one that closes mid-message, a day-long
outage on a frozen clock, and addresses or mails that cannot be sent at all."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from portal.messaging import mail
from portal.models import JobRun, OutboxMail
from portal.models.operations import OutboxState
from portal.operations.scheduler import run_job
from tests.test_outbox import free_port

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SENDER = "Klankbord <noreply@klankbord.example>"


class Scripted:
    """An aiosmtpd handler whose answers each test chooses."""

    def __init__(self) -> None:
        self.delivered: list[tuple[list[str], bytes]] = []
        self.sessions: list[object] = []  # one per connection that sent a recipient
        self.rcpt_replies: dict[str, str] = {}
        self.data_replies: list[str] = []  # answers for the next DATA commands, then 250
        self.close_at_data = 0  # close the connection at this many next DATA commands
        self.hang = False
        self.data_seen = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not any(known is session for known in self.sessions):
            self.sessions.append(session)
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_seen += 1
        if self.hang:
            await asyncio.sleep(3600)  # cancelled when the server stops
        if self.close_at_data:
            self.close_at_data -= 1
            server.transport.close()
            return "421 closing"  # never reaches the client
        if self.data_replies:
            return self.data_replies.pop(0)
        self.delivered.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def server():
    handler = Scripted()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def smtp(controller: Controller, timeout: float = 5.0) -> mail.SmtpTransport:
    return mail.SmtpTransport("127.0.0.1", controller.port, timeout=timeout)


def queue(db, *recipients: str, subject: str = "Klankbord", at: datetime = NOW) -> None:
    for recipient in recipients:
        mail.queue(db, recipient, subject, "Er is nieuws.", at)
    db.commit()


def rows(db) -> dict[str, OutboxMail]:
    db.expire_all()  # the runs changed them in their own sessions
    return {row.recipient: row for row in db.exec(select(OutboxMail).order_by(OutboxMail.id))}


def message_ids(handler: Scripted) -> list[str]:
    return [message_from_bytes(content)["Message-ID"] for _, content in handler.delivered]


def test_all_mails_of_a_run_share_one_connection_and_keep_their_message_id(db, server):
    controller, handler = server
    queue(db, "a@example.nl", "b@example.nl", "c@example.nl")
    assert str(mail.deliver_due(db, smtp(controller), SENDER, NOW)) == "sent 3"
    assert len(handler.sessions) == 1
    stored = [row.message_id for row in rows(db).values()]
    assert message_ids(handler) == stored and len(set(stored)) == 3
    assert all(row.state is OutboxState.SENT for row in rows(db).values())


def test_451_is_retried_later_with_the_same_message_id(db, server):
    controller, handler = server
    queue(db, "ouder@example.nl")
    handler.data_replies = ["451 4.3.0 Try again later"]
    assert mail.deliver_due(db, smtp(controller), SENDER, NOW).deferred == 1
    row = rows(db)["ouder@example.nl"]
    assert row.state is OutboxState.QUEUED and row.attempts == 1
    assert row.last_error.startswith("451") and row.next_attempt_at > NOW
    assert mail.deliver_due(db, smtp(controller), SENDER, row.next_attempt_at).sent == 1
    assert message_ids(handler) == [row.message_id]


def test_550_fails_that_mail_at_once_and_the_run_goes_on(db, server):
    controller, handler = server
    queue(db, "weg@example.nl", "ouder@example.nl")
    handler.rcpt_replies["weg@example.nl"] = "550 5.1.1 <weg@example.nl>: no such user"
    delivery = mail.deliver_due(db, smtp(controller), SENDER, NOW)
    assert (delivery.sent, delivery.failed) == (1, 1)
    gone = rows(db)["weg@example.nl"]
    assert gone.state is OutboxState.FAILED and gone.attempts == 0
    assert gone.last_error.startswith("550") and "weg@example.nl" not in gone.last_error
    assert "w***@example.nl" in gone.last_error  # the admin page shows errors, masked
    assert [to for to, _ in handler.delivered] == [["ouder@example.nl"]]
    assert len(handler.sessions) == 1  # the refusal did not cost the connection


def test_a_hanging_server_ends_the_run_after_one_timeout(db, server):
    controller, handler = server
    handler.hang = True
    queue(db, "a@example.nl", "b@example.nl", "c@example.nl")
    delivery = mail.deliver_due(db, smtp(controller, timeout=0.5), SENDER, NOW)
    assert delivery.deferred == 3
    # Bounded: only the first mail waited for the server; the others were not tried.
    assert handler.data_seen == 1
    for row in rows(db).values():
        assert row.state is OutboxState.QUEUED and row.attempts == 1
        assert row.last_error == "timed out" and row.claimed_by is None


def test_a_server_closing_mid_message_costs_one_try_and_the_next_mail_reconnects(db, server):
    controller, handler = server
    handler.close_at_data = 1
    queue(db, "a@example.nl", "b@example.nl")
    delivery = mail.deliver_due(db, smtp(controller), SENDER, NOW)
    assert (delivery.sent, delivery.deferred) == (1, 1)
    assert len(handler.sessions) == 2  # a new connection for the second mail
    # Mail ids are random, so either mail may go first: the one cut off waits.
    (first,) = [row for row in rows(db).values() if row.state is OutboxState.QUEUED]
    assert "Disconnected" in first.last_error
    assert mail.deliver_due(db, smtp(controller), SENDER, first.next_attempt_at).sent == 1
    assert sorted(to[0] for to, _ in handler.delivered) == ["a@example.nl", "b@example.nl"]


def test_a_poison_address_and_a_broken_mail_fail_alone(db, server):
    controller, handler = server
    queue(db, "eerst@example.nl", "x@[example.org", "daarna@example.nl")
    queue(db, "kapot@example.nl", subject="Regel\nBcc: iedereen@example.nl")
    delivery = mail.deliver_due(db, smtp(controller), SENDER, NOW)
    assert (delivery.sent, delivery.failed) == (2, 2)
    found = rows(db)
    assert found["x@[example.org"].state is OutboxState.FAILED
    assert found["x@[example.org"].last_error == "invalid recipient address"
    # A header with a line break is refused when the message is built: an
    # unexpected error that fails only that row.
    assert found["kapot@example.nl"].state is OutboxState.FAILED
    assert found["kapot@example.nl"].last_error.startswith("unexpected error")
    assert sorted(to[0] for to, _ in handler.delivered) == ["daarna@example.nl", "eerst@example.nl"]


def test_a_run_whose_claim_lapsed_does_not_mark_the_mail(db):
    queue(db, "ouder@example.nl")
    mail_id = db.exec(select(OutboxMail.id)).one()
    slow = mail._Run(db, "slow", NOW, 5)
    assert slow.claim(mail_id)
    later = NOW + mail.CLAIM + timedelta(seconds=1)
    other = mail._Run(db, "other", later, 5)
    assert other.claim(mail_id)
    slow.finish(mail_id, OutboxState.SENT, sent_at=NOW)  # too late: not its row any more
    row = db.get(OutboxMail, mail_id, populate_existing=True)
    assert row.state is OutboxState.QUEUED and row.claimed_by == "other"
    other.finish(mail_id, OutboxState.SENT, sent_at=later)
    assert db.get(OutboxMail, mail_id, populate_existing=True).state is OutboxState.SENT


def _smtp_app(app, port: int) -> None:
    app.config.update(MAIL_TRANSPORT="smtp", MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=port)
    app.config.update(MAIL_SMTP_TIMEOUT=5.0, MAIL_SENDER=SENDER)


def _run_every(app, clock, minutes: int, hours: float) -> None:
    for _ in range(int(hours * 60 / minutes)):
        clock.advance(minutes=minutes)
        run_job(app, "send_outbox")


def test_a_day_long_outage_delays_the_mail_and_it_goes_once_the_server_is_back(app, db, clock):
    port = free_port()  # nothing listens here yet: connection refused
    _smtp_app(app, port)
    queue(db, "ouder@example.nl", at=clock.now)
    _run_every(app, clock, minutes=15, hours=24)
    row = rows(db)["ouder@example.nl"]
    assert row.state is OutboxState.QUEUED and row.attempts > 20  # back-off: about hourly
    assert "ConnectionRefused" in row.last_error
    handler = Scripted()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _run_every(app, clock, minutes=15, hours=1)
    finally:
        controller.stop()
    assert rows(db)["ouder@example.nl"].state is OutboxState.SENT
    assert len(handler.delivered) == 1
    results = [run.result for run in db.exec(select(JobRun).where(JobRun.job == "send_outbox"))]
    assert "sent 1" in results and "sent 0, deferred 1" in results


def test_after_the_retry_days_the_mail_is_failed_and_kept(app, db, clock):
    _smtp_app(app, free_port())
    app.config["MAIL_RETRY_DAYS"] = 5
    queue(db, "ouder@example.nl", at=clock.now)
    _run_every(app, clock, minutes=60, hours=4 * 24 + 23)
    assert rows(db)["ouder@example.nl"].state is OutboxState.QUEUED  # still trying
    _run_every(app, clock, minutes=60, hours=2)
    row = rows(db)["ouder@example.nl"]
    assert row.state is OutboxState.FAILED and row.last_error.startswith("gave up after 5 days")
    clock.advance(days=60)
    run_job(app, "housekeeping")
    assert rows(db)["ouder@example.nl"].state is OutboxState.FAILED  # kept for the admin

"""The outbox: written with the change, sent over real SMTP, retried, never twice."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from portal.messaging import mail
from portal.models import OutboxMail
from portal.models.operations import OutboxState

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_queued_mail_is_delivered_over_smtp_once(db, smtp_server):
    controller, inbox = smtp_server
    mail.queue(db, "ouder@example.nl", "Klankbord", "Er is nieuws.", NOW)
    db.commit()
    transport = mail.SmtpTransport("127.0.0.1", controller.port)
    assert mail.deliver_due(db, transport, "Klankbord <noreply@klankbord.test>", NOW).sent == 1
    assert mail.deliver_due(db, transport, "Klankbord <noreply@klankbord.test>", NOW).sent == 0
    assert len(inbox.messages) == 1
    sender, recipients, content = inbox.messages[0]
    assert "noreply@klankbord.test" in sender
    assert recipients == ["ouder@example.nl"] and b"Er is nieuws." in content


def test_nothing_is_sent_when_the_change_is_rolled_back(db, smtp_server):
    controller, inbox = smtp_server
    mail.queue(db, "ouder@example.nl", "Klankbord", "Er is nieuws.", NOW)
    db.rollback()
    transport = mail.SmtpTransport("127.0.0.1", controller.port)
    assert mail.deliver_due(db, transport, "k@x", NOW).sent == 0
    assert inbox.messages == []


def test_a_failing_server_means_a_retry_later(db, smtp_server):
    controller, inbox = smtp_server
    mail.queue(db, "ouder@example.nl", "Klankbord", "Er is nieuws.", NOW)
    db.commit()
    down = mail.SmtpTransport("127.0.0.1", free_port())
    assert mail.deliver_due(db, down, "k@x", NOW).deferred == 1
    row = db.exec(select(OutboxMail)).one()
    assert row.attempts == 1 and row.sent_at is None and row.last_error
    assert row.state is OutboxState.QUEUED
    up = mail.SmtpTransport("127.0.0.1", controller.port)
    assert mail.deliver_due(db, up, "k@x", NOW + timedelta(seconds=30)).sent == 0  # backing off
    assert mail.deliver_due(db, up, "k@x", NOW + timedelta(minutes=3)).sent == 1
    assert len(inbox.messages) == 1


def test_a_claimed_mail_is_not_taken_by_a_second_sender(db):
    mail.queue(db, "ouder@example.nl", "Klankbord", "Er is nieuws.", NOW)
    db.commit()
    mail_id = db.exec(select(OutboxMail.id)).one()
    assert mail._Run(db, "first", NOW, 5).claim(mail_id)
    assert not mail._Run(db, "second", NOW + timedelta(seconds=10), 5).claim(mail_id)
    # A crashed sender's claim lapses.
    assert mail._Run(db, "third", NOW + mail.CLAIM + timedelta(seconds=1), 5).claim(mail_id)


def test_housekeeping_forgets_sent_mail_old_throttles_and_sessions(db):
    from portal.models import ThrottleWindow
    from portal.operations.housekeeping import purge

    mail.queue(db, "ouder@example.nl", "Klankbord", "Er is nieuws.", NOW)
    mail.queue(db, "nog@example.nl", "Klankbord", "Nog niet verstuurd.", NOW)
    db.add(ThrottleWindow(key="receipt:abc", window_start=NOW, count=3))
    db.commit()
    first = db.exec(select(OutboxMail).where(OutboxMail.recipient == "ouder@example.nl")).one()
    first.sent_at, first.state = NOW, OutboxState.SENT
    db.add(first)
    db.commit()
    assert purge(db, NOW + timedelta(days=2))["throttles"] == 1
    counts = purge(db, NOW + timedelta(days=31))
    assert counts["mail"] == 1
    assert [m.recipient for m in db.exec(select(OutboxMail))] == ["nog@example.nl"]  # unsent stays

"""Outgoing mail through an outbox table.

A change and the mail that reports it commit together (``queue``); a sender
(`flask jobs run send_outbox`, or the scheduler every minute) claims due rows,
delivers them over one connection and records what happened per row:

- sent: done; the row is forgotten after a month (housekeeping);
- a temporary failure (4xx, refused, dropped, timed out): tried again with
  back-off until MAIL_RETRY_DAYS after it was queued, then failed;
- a permanent failure (5xx about the mail, an invalid address): failed at once;
- failed rows stay until an administrator resends them or marks them resolved.

Every mail has a Message-ID fixed when it was queued, so a receiver can drop a
second copy if a reply got lost and the mail went again.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from portal.messaging.addresses import mask, valid_email
from portal.messaging.mail_transport import (
    FileTransport,
    SmtpTransport,
    Transport,
    judge,
    outbox_folder,
    transport_from_config,
)
from portal.models.operations import OutboxAttachment, OutboxMail, OutboxState

__all__ = [
    "FileTransport",
    "SmtpTransport",
    "Transport",
    "deliver_due",
    "outbox_folder",
    "queue",
    "transport_from_config",
]

log = logging.getLogger(__name__)

RETRY_DAYS = 5
BATCH = 200
FIRST_BACKOFF_MINUTES = 2  # then 4, 8, 16, 32, and every hour from then on
MAX_BACKOFF = timedelta(hours=1)
# Long enough for one mail at the worst SMTP timeouts; a crashed sender's claim lapses.
CLAIM = timedelta(minutes=10)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf"
    content: bytes


def queue(
    session: Session,
    recipient: str,
    subject: str,
    body: str,
    now: datetime,
    html: str | None = None,
    attachments: tuple[Attachment, ...] = (),
    annual_report_id: int | None = None,
) -> OutboxMail:
    """Add a mail to the caller's transaction; nothing is sent before it commits."""
    mail = OutboxMail(
        recipient=recipient,
        subject=subject,
        body=body,
        html_body=html,
        annual_report_id=annual_report_id,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(mail)
    if attachments:
        session.flush()
        session.add_all(
            OutboxAttachment(
                mail_id=mail.id, filename=a.filename, content_type=a.content_type, content=a.content
            )
            for a in attachments
        )
    return mail


@dataclass
class Delivery:
    """What one sender run did."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0

    def __str__(self) -> str:
        # "sent 2", or "sent 2, deferred 1, failed 1": the scheduler's JobRun result.
        counts = {"sent": self.sent, "deferred": self.deferred, "failed": self.failed}
        return ", ".join(f"{k} {n}" for k, n in counts.items() if n or k == "sent")

    def count(self, state: OutboxState) -> None:
        if state is OutboxState.SENT:
            self.sent += 1
        elif state is OutboxState.FAILED:
            self.failed += 1
        else:
            self.deferred += 1


def deliver_due(
    session: Session,
    transport: Transport,
    sender: str,
    now: datetime,
    retry_days: int = RETRY_DAYS,
) -> Delivery:
    """Send what is due over one connection. Safe to run in several processes at once."""
    due = session.exec(
        select(OutboxMail.id)
        .where(
            OutboxMail.state == OutboxState.QUEUED,
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(BATCH)
    ).all()
    run = _Run(session, uuid.uuid4().hex, now, retry_days)
    delivery = Delivery()
    try:
        for mail_id in due:
            if not run.claim(mail_id):
                continue  # another sender has it
            try:
                state = run.deliver(mail_id, transport, sender)
            except Exception as error:  # one bad row must never stop the others
                session.rollback()
                log.error("outbox mail %s failed unexpectedly: %s", mail_id, type(error).__name__)
                state = run.fail(mail_id, f"unexpected error: {type(error).__name__}")
            delivery.count(state)
    finally:
        transport.close()
    return delivery


@dataclass
class _Run:
    session: Session
    run_id: str
    now: datetime
    retry_days: int
    server_down: str | None = None  # set after the first sign that the server is down

    def claim(self, mail_id: int) -> bool:
        result = self.session.exec(
            update(OutboxMail)
            .where(
                OutboxMail.id == mail_id,
                OutboxMail.state == OutboxState.QUEUED,
                or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < self.now),
            )
            .values(claimed_until=self.now + CLAIM, claimed_by=self.run_id)
        )
        self.session.commit()
        return result.rowcount == 1

    def deliver(self, mail_id: int, transport: Transport, sender: str) -> OutboxState:
        mail = self.session.get(OutboxMail, mail_id, populate_existing=True)
        if mail is None:
            return OutboxState.QUEUED
        if self.server_down is not None:
            # Trying would only wait for the same timeout again: count it as tried.
            return self.temporary(mail, self.server_down)
        if not valid_email(mail.recipient):
            return self.fail(mail_id, "invalid recipient address")
        try:
            transport.send(message(mail, sender, self.now, attachments_of(self.session, mail_id)))
        except Exception as error:
            verdict = judge(error)
            if verdict is None:
                raise
            reason = verdict.reason.replace(mail.recipient, mask(mail.recipient))
            if not verdict.temporary:
                return self.fail(mail_id, reason)
            if verdict.server_down:
                self.server_down = reason
            return self.temporary(mail, reason)
        return self.finish(
            mail_id,
            OutboxState.SENT,
            sent_at=self.now,
            attempts=mail.attempts + 1,
            last_error=None,
        )

    def temporary(self, mail: OutboxMail, reason: str) -> OutboxState:
        attempts = mail.attempts + 1
        give_up = mail.created_at + timedelta(days=self.retry_days)
        if self.now >= give_up:
            return self.fail(mail.id, f"gave up after {self.retry_days} days: {reason}", attempts)
        doubling = FIRST_BACKOFF_MINUTES * 2 ** min(attempts - 1, 10)  # capped: no overflow
        backoff = min(timedelta(minutes=doubling), MAX_BACKOFF)
        return self.finish(
            mail.id,
            OutboxState.QUEUED,
            attempts=attempts,
            next_attempt_at=min(self.now + backoff, give_up),  # a last try at the limit
            last_error=reason[:500],
        )

    def fail(self, mail_id: int, reason: str, attempts: int | None = None) -> OutboxState:
        values: dict[str, Any] = {"last_error": reason[:500]}
        if attempts is not None:
            values["attempts"] = attempts
        return self.finish(mail_id, OutboxState.FAILED, **values)

    def finish(self, mail_id: int, state: OutboxState, **values: Any) -> OutboxState:
        """Record the outcome only while this run still holds the claim."""
        result = self.session.exec(
            update(OutboxMail)
            .where(
                OutboxMail.id == mail_id,
                OutboxMail.claimed_by == self.run_id,
                OutboxMail.state == OutboxState.QUEUED,
            )
            .values(state=state, claimed_until=None, claimed_by=None, **values)
        )
        self.session.commit()
        if result.rowcount != 1:
            # Our claim lapsed and another sender took the row: it may go twice,
            # which the stable Message-ID lets the receiver notice.
            log.warning("outbox mail %s: claim lost before it could be marked %s", mail_id, state)
        return state


def attachments_of(session: Session, mail_id: int) -> list[OutboxAttachment]:
    return list(session.exec(select(OutboxAttachment).where(OutboxAttachment.mail_id == mail_id)))


def message(
    mail: OutboxMail, sender: str, now: datetime, attachments: list[OutboxAttachment] | None = None
) -> EmailMessage:
    built = EmailMessage()
    built["From"] = sender
    built["To"] = mail.recipient
    built["Subject"] = mail.subject
    built["Date"] = format_datetime(now.astimezone())
    built["Message-ID"] = mail.message_id
    built.set_content(mail.body)
    if mail.html_body:
        built.add_alternative(mail.html_body, subtype="html")
    for attachment in attachments or ():
        maintype, subtype = attachment.content_type.split("/", 1)
        built.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return built


# -- for the administrator ---------------------------------------------------------

STALE_QUEUE = timedelta(hours=1)


@dataclass(frozen=True)
class OutboxHealth:
    failed: int
    oldest_queued: datetime | None
    now: datetime

    @property
    def stale(self) -> bool:
        return self.oldest_queued is not None and self.oldest_queued < self.now - STALE_QUEUE

    @property
    def warning(self) -> bool:
        return self.failed > 0 or self.stale


def outbox_health(session: Session, now: datetime) -> OutboxHealth:
    """What the admin home warns about: failed mail, or mail queued for over an hour."""
    failed = session.exec(select(func.count()).where(OutboxMail.state == OutboxState.FAILED)).one()
    oldest = session.exec(
        select(func.min(OutboxMail.created_at)).where(OutboxMail.state == OutboxState.QUEUED)
    ).one()
    return OutboxHealth(failed, oldest, now)


def resend(session: Session, mail_id: int, now: datetime) -> bool:
    """Queue a failed mail again, with a new retry window and the same Message-ID."""
    return _change(
        session,
        mail_id,
        OutboxState.FAILED,
        state=OutboxState.QUEUED,
        attempts=0,
        created_at=now,
        next_attempt_at=now,
        claimed_until=None,
        claimed_by=None,
    )


def resolve(session: Session, mail_id: int) -> bool:
    """An administrator dealt with a failed mail; housekeeping may forget it now."""
    return _change(session, mail_id, OutboxState.FAILED, state=OutboxState.RESOLVED)


def _change(session: Session, mail_id: int, expected: OutboxState, **values: Any) -> bool:
    # Adds to the caller's transaction (with its audit entry); the caller commits.
    result = session.exec(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, OutboxMail.state == expected)
        .values(**values)
    )
    return result.rowcount == 1

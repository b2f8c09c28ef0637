"""Outgoing mail through an outbox table.

A change and the mail that reports it commit together (``queue``); a sender
(`flask outbox send`, or the scheduler every minute) claims due rows, delivers
them and retries with back-off. Transports: .eml files in a folder (the
embedded default) or SMTP.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import or_, update
from sqlmodel import Session, select

from portal.models import OutboxMail

MAX_ATTEMPTS = 8
CLAIM_SECONDS = 120


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


@dataclass
class FileTransport:
    """Writes each message as an .eml file: the embedded default and for tests."""

    folder: Path

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
        temporary = self.folder / (name + ".tmp")
        temporary.write_bytes(bytes(message))
        temporary.rename(self.folder / name)  # a reader never sees half a file


@dataclass
class SmtpTransport:
    host: str
    port: int
    user: str = ""
    password: str = ""
    starttls: bool = False

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(message)


def transport_from_config(config: Mapping[str, Any], instance_path: str) -> Transport:
    if config["MAIL_TRANSPORT"] == "smtp":
        return SmtpTransport(
            config["MAIL_SMTP_HOST"],
            config["MAIL_SMTP_PORT"],
            config["MAIL_SMTP_USER"],
            config["MAIL_SMTP_PASSWORD"],
            config["MAIL_SMTP_STARTTLS"],
        )
    return FileTransport(Path(config["OUTBOX_DIR"] or Path(instance_path) / "outbox"))


def queue(session: Session, recipient: str, subject: str, body: str, now: datetime) -> None:
    """Add a mail to the caller's transaction; nothing is sent before it commits."""
    session.add(
        OutboxMail(
            recipient=recipient, subject=subject, body=body, created_at=now, next_attempt_at=now
        )
    )


def deliver_due(session: Session, transport: Transport, sender: str, now: datetime) -> int:
    """Send what is due; return how many were sent. Safe to run in several processes."""
    due = session.exec(
        select(OutboxMail.id)
        .where(
            OutboxMail.sent_at.is_(None),
            OutboxMail.attempts < MAX_ATTEMPTS,
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.id)
        .limit(200)
    ).all()
    sent = 0
    for mail_id in due:
        if not _claim(session, mail_id, now):
            continue
        mail = session.get(OutboxMail, mail_id)
        try:
            transport.send(_message(mail, sender, now))
        except (OSError, smtplib.SMTPException) as error:
            mail.attempts += 1
            mail.next_attempt_at = now + timedelta(minutes=2**mail.attempts)
            mail.last_error = str(error)[:500]
        else:
            mail.attempts += 1
            mail.sent_at = now
        mail.claimed_until = None
        session.commit()
        sent += mail.sent_at is not None
    return sent


def _claim(session: Session, mail_id: int, now: datetime) -> bool:
    result = session.exec(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    session.commit()
    return result.rowcount == 1


def _message(mail: OutboxMail, sender: str, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = make_msgid(domain="klankbord.invalid")
    message.set_content(mail.body)
    return message

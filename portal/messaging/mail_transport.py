"""How outbox mail leaves: .eml files in a folder, or one SMTP connection per run.

A transport is used for one sender's run and closed at its end. Failures are
sorted here into temporary (try again later) and permanent (give up now), the
way a mail server sorts them: 4xx replies, refused or dropped connections and
timeouts are temporary; a 5xx reply about the message or its recipient is not.
"""

from __future__ import annotations

import smtplib
import ssl
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from portal.timeutil import utcnow


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


class ConnectionFailure(Exception):
    """The server could not be reached or talked to: nothing about one mail."""


@dataclass
class FileTransport:
    """Writes each message as an .eml file: the embedded default and for tests."""

    folder: Path

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{utcnow():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
        temporary = self.folder / (name + ".tmp")
        temporary.write_bytes(bytes(message))
        temporary.rename(self.folder / name)  # a reader never sees half a file

    def close(self) -> None:
        pass


@dataclass
class SmtpTransport:
    """One connection for all mails of a run; every step waits at most ``timeout``."""

    host: str
    port: int
    user: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 30.0
    _smtp: smtplib.SMTP | None = field(default=None, init=False, repr=False)

    def send(self, message: EmailMessage) -> None:
        reused = self._smtp is not None
        try:
            self._send(message)
        except smtplib.SMTPServerDisconnected as error:
            if not reused or timed_out(error):
                raise
            # A server may drop a connection that waited between two mails: one
            # more try on a new connection (the Message-ID covers a lost reply).
            self._send(message)

    def _send(self, message: EmailMessage) -> None:
        smtp = self._connection()
        try:
            smtp.send_message(message)
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused):
            raise  # smtplib reset the transaction; the connection is still good
        except (OSError, smtplib.SMTPException):
            self._drop()  # dropped, timed out or broken: its state is unknown
            raise

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except (OSError, smtplib.SMTPException) as error:
            raise ConnectionFailure(describe(error)) from error
        try:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password)
        except (OSError, smtplib.SMTPException) as error:
            smtp.close()
            raise ConnectionFailure(describe(error)) from error
        self._smtp = smtp
        return smtp

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None


def transport_from_config(config: Mapping[str, Any], instance_path: str) -> Transport:
    if config["MAIL_TRANSPORT"] == "smtp":
        return SmtpTransport(
            config["MAIL_SMTP_HOST"],
            config["MAIL_SMTP_PORT"],
            config["MAIL_SMTP_USER"],
            config["MAIL_SMTP_PASSWORD"],
            config["MAIL_SMTP_STARTTLS"],
            config.get("MAIL_SMTP_TIMEOUT", 30.0),
        )
    return FileTransport(outbox_folder(config, instance_path))


def outbox_folder(config: Mapping[str, Any], instance_path: str) -> Path:
    """Where the file transport writes, and where housekeeping deletes old files."""
    return Path(config["OUTBOX_DIR"] or Path(instance_path) / "outbox")


@dataclass(frozen=True)
class Verdict:
    temporary: bool
    # The server is unreachable or hanging: the other mails of the run would
    # only wait for the same timeout, so the run stops trying.
    server_down: bool
    reason: str


def judge(error: Exception) -> Verdict | None:
    """Sort a sending error; None for an error no mail server would give (a bug)."""
    if isinstance(error, ConnectionFailure):
        return Verdict(True, True, str(error))
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min((reply[0] for reply in error.recipients.values()), default=550)
        return Verdict(400 <= code < 500, False, describe(error))
    if isinstance(error, smtplib.SMTPSenderRefused):
        # Our own sender address refused is a configuration matter for every mail:
        # keep them all queued (the admin page warns) instead of failing each one.
        return Verdict(True, True, describe(error))
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return Verdict(False, False, describe(error))  # e.g. an address needing SMTPUTF8
    if isinstance(error, smtplib.SMTPResponseException):
        return Verdict(400 <= error.smtp_code < 500, False, describe(error))
    if isinstance(error, smtplib.SMTPServerDisconnected) and not timed_out(error):
        return Verdict(True, False, describe(error))  # the next mail reconnects
    if isinstance(error, (OSError, smtplib.SMTPException)):
        # Timeouts, refused and reset connections, name lookups: the server, not the mail.
        return Verdict(True, True, describe(error))
    return None


def describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = [f"{code} {_text(message)}" for code, message in error.recipients.values()]
        return "; ".join(replies) or "recipient refused"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if timed_out(error):
        return "timed out"
    return f"{type(error).__name__}: {error}".strip(": ")


def timed_out(error: BaseException) -> bool:
    # smtplib reports a reply that never came as a disconnection; the timeout
    # is the exception it was raised from.
    return isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError)


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else message

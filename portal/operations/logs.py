"""One JSON line per log record on stderr, with anything identifying taken out.

Each line has ``level``, ``logger``, ``message`` and the event fields a caller
passes with ``extra={...}``. It has no time: the service manager adds its own,
and a line must never date an anonymous action more finely than it already is.
``RedactingFilter`` removes e-mail addresses, receipt and invitation codes and
IP addresses from the message and from string event fields, whatever logged them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

from flask import Flask

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Receipt codes XXXXX-XXXXX-XXXX and invitation codes XXXXX-XXXXX (any case, as typed).
CODE = re.compile(r"(?<![\w-])[0-9A-Za-z]{5}-[0-9A-Za-z]{5}(?:-[0-9A-Za-z]{4})?(?![\w-])")
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
# Hex groups with at least three colons or a "::" (a clock time such as 10:00:00 is not one).
IPV6 = re.compile(
    r"(?<![\w:])(?=[0-9A-Fa-f:.]*::|(?:[0-9A-Fa-f]{1,4}:){3})[0-9A-Fa-f:.]{2,45}(?![\w:])"
)
REDACTED = "[redacted]"

# Requests worth an access-log line: staff areas only. A line for a public route
# would date what a youth or parent did (the log collector adds the time).
LOGGED_PREFIXES = ("/staff", "/committee", "/admin", "/desk", "/healthz")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_REQUEST_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>/[^ "?]*)[^ "]* HTTP/[\d.]+" (?P<status>\d{3})'
)


def is_logged_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in LOGGED_PREFIXES)


class AccessLogFilter(logging.Filter):
    """The development server's request lines: none for public routes; for staff
    routes only method, path and status (its own line has the address and time)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name != "werkzeug":
            return True
        # The development server colours its lines on a terminal: read them without.
        message = _ANSI.sub("", record.getMessage())
        match = _REQUEST_LINE.search(message)
        if match is None:
            # Start-up messages pass; anything else shaped like a request (an absolute
            # URI, a malformed line) is dropped rather than logged with its time.
            return " HTTP/" not in message
        if not is_logged_path(match["path"]):
            return False
        record.msg, record.args = '"%s %s" %s', (match["method"], match["path"], match["status"])
        return True


# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def redact(text: str) -> str:
    for pattern in (EMAIL, CODE, IPV6, IPV4):
        text = pattern.sub(REDACTED, text)
    return text


class RedactingFilter(logging.Filter):
    """Replace the formatted message (and string extras) by a redacted copy."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        for name, value in list(vars(record).items()):
            if name not in _STANDARD and isinstance(value, str):
                setattr(record, name, redact(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                line[name] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: a traceback's text can hold what a user typed.
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (so a test's capture sees it)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def install(level: str = "INFO") -> logging.Handler:
    """Add the JSON handler to the root logger once; later calls only set the level."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        handler.addFilter(AccessLogFilter())
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    return handler


def init_app(app: Flask) -> None:
    install(app.config.get("LOG_LEVEL", "INFO"))

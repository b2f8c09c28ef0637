"""What Klankbord promises about anonymity, enforced for every response.

- The development server's access log loses the client address and query string.
- Production answers carry HSTS, so the browser never falls back to plain HTTP.
- Every response forbids third-party resources through a strict CSP and sends
  no referrer, so a provider's site never learns who came from Klankbord.
"""

from __future__ import annotations

import logging
import re

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

# werkzeug formats "<address> - - [<date>] <message>"; the query string can carry
# an invitation code, so it goes too.
_ADDRESS_PREFIX = re.compile(r"^\S+ - - \[")
_QUERY = re.compile(r"\?[^\s\"]*")


class AnonymousAccessLogFilter(logging.Filter):
    """Remove the client address and any query string from werkzeug's log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", _ADDRESS_PREFIX.sub("- - - [", record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in args)
        return True


def install_log_filter() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, AnonymousAccessLogFilter) for f in logger.filters):
        logger.addFilter(AnonymousAccessLogFilter())


def secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config.get("HSTS"):
        # Only ever over HTTPS, so no visit can be downgraded and watched on the way.
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if response.mimetype == "text/html":
        # A shared family phone must not show a previous respondent's answers.
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    install_log_filter()
    app.after_request(secure_headers)

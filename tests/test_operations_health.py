"""Health check, oversized bodies, a database that is away, and the JSON log lines."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from flask import Flask

from portal import create_app
from portal.db import engine_for
from portal.operations.logs import RedactingFilter, redact
from tests.conftest import make_settings

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"


def test_healthz_answers_ok_without_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "ok"
    assert not response.headers.getlist("Set-Cookie")


def test_healthz_needs_no_csrf_token_and_ignores_a_query(client):
    assert client.get("/healthz?x=%ff").get_data(as_text=True) == "ok"
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def unreachable_app(tmp_path: Path) -> Flask:
    app = create_app(make_settings(UNREACHABLE, tmp_path / "instance"))
    yield app
    engine_for(app).dispose()


def test_healthz_says_only_database_unavailable(unreachable_app):
    response = unreachable_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "database unavailable"
    assert not response.headers.getlist("Set-Cookie")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Try again in a minute; what you sent before is not lost."),
        ("nl", '<html lang="nl"'),
    ],
)
def test_database_away_gives_friendly_page(unreachable_app, language, text):
    client = unreachable_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.get("/survey/")  # the provider search queries the database
    body = page.get_data(as_text=True)
    assert page.status_code == 503
    assert text in body
    assert "Traceback" not in body and "psycopg" not in body and "127.0.0.1" not in body


def test_oversized_body_is_413_in_the_users_language(app, english_client, client):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    page = english_client.post("/complaints/follow", data={"code": "x" * size})
    assert page.status_code == 413
    assert "What you sent is too large" in page.get_data(as_text=True)
    dutch = client.post("/complaints/follow", data={"code": "x" * size})
    assert dutch.status_code == 413
    assert '<html lang="nl"' in dutch.get_data(as_text=True)


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_log_line_is_json_and_redacted(app, capsys):
    logging.getLogger("portal.test").warning(
        "sent to jan.jansen@example.nl from 198.51.100.4 and 2001:db8::1 with 7KQ2M-XH4TD-9ABC",
        extra={"event": "probe", "detail": "code 7kq2m-xh4td", "count": 3},
    )
    err = capsys.readouterr().err
    lines = [line for line in _json_lines(err) if line["logger"] == "portal.test"]
    assert len(lines) == 1
    line = lines[0]
    assert line["level"] == "WARNING" and line["event"] == "probe" and line["count"] == 3
    text = json.dumps(line)
    for secret in ("jan.jansen", "example.nl", "198.51.100.4", "2001:db8", "7KQ2M", "7kq2m"):
        assert secret not in text
    assert line["message"].startswith("sent to [redacted] from [redacted]")


def test_redaction_keeps_clock_times_and_paths():
    kept = '"GET /complaints/new/provider HTTP/1.1" 200 - [22/Nov/2026 10:00:00]'
    assert redact(kept) == kept


def test_filter_formats_arguments_before_redacting():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "to %s", ("a@b.nl",), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == "to [redacted]"


def test_development_server_request_line_stays_address_and_time_free(app, capsys):
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.info(
        '198.51.100.4 - - [22/Nov/2026 10:00:00] "GET /survey/?code=ABCDE-FGHJK HTTP/1.1" 200 -'
    )
    werkzeug.info('198.51.100.4 - - [22/Nov/2026 10:00:00] "GET /staff/?page=2 HTTP/1.1" 200 -')
    lines = [line for line in _json_lines(capsys.readouterr().err) if line["logger"] == "werkzeug"]
    # No line at all for the public route; the staff line without address, time or query.
    assert [line["message"] for line in lines] == ['"GET /staff/" 200']


def test_nul_character_is_a_400_not_a_500(client):
    assert client.get("/survey/p/%00").status_code == 400
    assert client.get("/survey/?q=a%00b").status_code == 400
    assert client.post("/complaints/follow", data={"code": "AB\x00CD"}).status_code == 400

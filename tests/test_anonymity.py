"""Anonymity promises: no address, user agent, tracking cookie or third-party resource."""

from __future__ import annotations

import logging
import re
import threading
import urllib.request
from html.parser import HTMLParser

from werkzeug.serving import make_server

from portal.privacy.responses import AnonymousAccessLogFilter
from portal.web.branding import QUICK_EXIT_URL
from tests.complaint_helpers import file_complaint, open_with_code
from tests.survey_helpers import complete_survey, step

MARKER_IP = "203.0.113.77"
MARKER_AGENT = "MarkerAgent/9.9 (tracking-probe-5f3a)"
PUBLIC_PAGES = [
    "/",
    "/privacy",
    "/survey/",
    "/survey/?q=vlinder",
    "/survey/p/vlinderboom",
    "/complaints/",
    "/complaints/new/provider",
    "/complaints/follow",
]


def test_marker_address_and_agent_end_up_nowhere(app, client, provider, database_path, caplog):
    caplog.set_level(logging.DEBUG)
    client.environ_base.update(REMOTE_ADDR=MARKER_IP, HTTP_USER_AGENT=MARKER_AGENT)
    client.environ_base["HTTP_X_FORWARDED_FOR"] = MARKER_IP
    check = complete_survey(client, comment="alles goed")
    assert step(client, check, action="send").status_code == 303
    open_with_code(client, file_complaint(client, provider.id))
    assert client.get("/complaints/mine").status_code == 200
    with app.app_context():
        from portal.db import engine_for

        with engine_for(app).connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            dump = "\n".join(connection.connection.dbapi_connection.iterdump())
    stored = b"".join(p.read_bytes() for p in database_path.parent.glob("klankbord.sqlite3*"))
    for marker in (MARKER_IP, MARKER_AGENT, "MarkerAgent"):
        assert marker not in dump
        assert marker.encode() not in stored
        assert marker not in caplog.text
    assert "alles goed" in dump  # the dump is real: the answer is in it


def test_only_the_session_cookie_is_set_and_it_expires_with_the_browser(client, provider):
    page = client.get("/survey/p/vlinderboom")
    cookies = page.headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    assert cookies[0].startswith("klankbord=")
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    assert "Expires" not in cookies[0] and "Max-Age" not in cookies[0]
    assert not client.get("/").headers.getlist("Set-Cookie")  # no cookie without a form


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag == "a" and value == QUICK_EXIT_URL:
                continue  # "leave this site quickly": a link to follow, nothing is loaded
            if name in {"src", "href", "action", "srcset", "poster", "data"} and value:
                self.urls.append(value)


def test_no_third_party_resource_on_any_public_page(client, provider):
    css = client.get("/static/klankbord.css").get_data(as_text=True)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css) and "@import" not in css
    for path in PUBLIC_PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        parser = _Resources()
        parser.feed(page.get_data(as_text=True))
        for url in parser.urls:
            assert not re.match(r"^(https?:)?//", url), (path, url)
        policy = page.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "http" not in policy
        assert page.headers["Referrer-Policy"] == "no-referrer"


def test_public_pages_weigh_at_most_50_kb_with_their_css(client, provider):
    css = len(client.get("/static/klankbord.css").data)
    check = complete_survey(client)
    pages = [client.get(path).data for path in PUBLIC_PAGES] + [check.data]
    for body in pages:
        assert len(body) + css <= 50 * 1024


def test_development_server_log_has_no_address_and_no_query(app, provider):
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("werkzeug")
    handler = Collect()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/survey/?code=SECRT-CODE1"
        with urllib.request.urlopen(url) as page:
            assert page.status == 200
    finally:
        server.shutdown()
        logger.removeHandler(handler)
    access = [line for line in records if "GET /survey/" in line]
    assert access, records
    for line in access:
        assert "127.0.0.1" not in line and "SECRT" not in line and "code=" not in line


def test_log_filter_handles_werkzeug_format():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '198.51.100.4 - - [22/Nov/2026 10:00:00] "%s" %s %s',
        ("GET /survey/?code=ABCDE-FGHJK HTTP/1.1", "200", "-"),
        None,
    )
    AnonymousAccessLogFilter().filter(record)
    message = record.getMessage()
    assert "198.51.100.4" not in message and "ABCDE" not in message
    assert "GET /survey/ HTTP/1.1" in message

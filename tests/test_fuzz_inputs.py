"""Hostile input on every route, anonymous and signed in: a clear 4xx, never a 500.

Walks ``app.url_map``, fills each converter with hostile ids and strings, reads
the forms every page shows (field names and where they post to), and sends
each form empty, huge, with a NUL, with a 40-digit number, and as a raw body
with bytes that are not UTF-8. Query strings get the same treatment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine
from sqlmodel import Session, select
from werkzeug.routing import IntegerConverter, Rule

from portal import create_app
from portal.db import engine_for
from portal.models import Complaint, StaffRole
from portal.operations import migrate
from portal.survey.questionnaires import sync_questionnaires
from tests.complaint_helpers import file_complaint, open_with_code
from tests.conftest import add_provider, add_staff, log_in, make_settings
from tests.postgres import running_server

HOSTILE_IDS = ("0", "-1", "99999999999999999999", "x")
HOSTILE_WORDS = ("x", "%FF%FE", "9" * 40)
HOSTILE_VALUES = ("", "x" * 10 * 1024, "\x00", "9" * 40, "\udcff")
HOSTILE_QUERIES = ("?page=%ff%fe&q=%ff", "?page=" + "9" * 40, "?page=-1&q=%00", "?next=%ff")
SKIP_POST = {"/staff/logout"}  # would end the very session being tested


class Forms(HTMLParser):
    """Where each form posts to and the names of its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.forms.append((a.get("action", ""), set()))
        elif tag in {"input", "select", "textarea", "button"} and a.get("name") and self.forms:
            self.forms[-1][1].add(a["name"])
        elif tag == "a" and a.get("href", "").startswith("/"):
            self.links.add(a["href"])


def _paths(rule: Rule) -> list[str]:
    paths = [rule.rule]
    for name, converter in rule._converters.items():
        values = HOSTILE_IDS if isinstance(converter, IntegerConverter) else HOSTILE_WORDS
        paths = [re.sub(rf"<[^>]*\b{name}>", value, p) for p in paths for value in values]
    return paths


@pytest.fixture(params=["sqlite", "postgresql"])
def fuzz_app(request, tmp_path) -> Iterator[Flask]:
    """The same walk on SQLite and on PostgreSQL (which refuses NUL in text)."""
    if request.param == "sqlite":
        url = f"sqlite:///{request.getfixturevalue('database_path')}"
        yield from _app(url, tmp_path)
        return
    with running_server() as server_url:
        migrate.upgrade(server_url)
        engine = create_engine(server_url)
        with Session(engine) as session:
            sync_questionnaires(session)
        engine.dispose()
        yield from _app(server_url, tmp_path)


def _app(url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(make_settings(url, tmp_path / "instance", RATE_LIMIT_ENABLED=False))
    yield app
    engine_for(app).dispose()


def _check(response, what: str, failures: list[str]) -> None:
    if response.status_code >= 500:
        failures.append(f"{response.status_code} {what}")


def _walk(app: Flask, client: FlaskClient, extra_paths: set[str], failures: list[str]) -> None:
    forms: dict[str, set[str]] = {}
    get_paths: set[str] = set(extra_paths)
    post_paths: set[str] = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for path in _paths(rule):
            if "GET" in rule.methods:
                get_paths.add(path)
            if "POST" in rule.methods:
                post_paths.add(path)
    for path in sorted(get_paths):
        page = client.get(path)
        _check(page, f"GET {path}", failures)
        for query in HOSTILE_QUERIES:
            _check(client.get(path + query), f"GET {path}{query}", failures)
        if page.status_code == 200 and page.mimetype == "text/html":
            parser = Forms()
            parser.feed(page.get_data(as_text=True))
            for action, names in parser.forms:
                target = urlsplit(action).path or urlsplit(path).path
                forms.setdefault(target, set()).update(names)
    token = _csrf_token(client)
    for path in sorted((post_paths | set(forms)) - SKIP_POST):
        names = forms.get(path, set()) | {"action", "confirmed"}
        for value in HOSTILE_VALUES:
            data = {name: value for name in names}
            # A valid token on the token fields, so validation goes past the CSRF check.
            data.update({n: token for n in names if n.endswith("csrf_token")})
            response = client.post(path, data={k: _wire(v) for k, v in data.items()})
            _check(response, f"POST {path} {value[:10]!r}", failures)
        for name in sorted(names)[:8]:
            raw = f"{name}=%ff%fe&csrf_token={token}".encode()
            response = client.post(path, data=raw, content_type="application/x-www-form-urlencoded")
            _check(response, f"POST {path} raw {name}", failures)
            response = client.post(
                path, data=b"\xff\xfe=\xff", content_type="application/x-www-form-urlencoded"
            )
            _check(response, f"POST {path} raw bytes", failures)


def _wire(value: str) -> str | bytes:
    """A lone surrogate stands for a byte that is not UTF-8 (0xff) on the wire."""
    return value.encode("utf-8", "surrogateescape") if "\udcff" in value else value


def _csrf_token(client: FlaskClient) -> str:
    page = client.get("/complaints/follow")
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    return match.group(1) if match else ""


def test_no_route_answers_500_to_hostile_input(fuzz_app):
    with Session(engine_for(fuzz_app), expire_on_commit=False) as db:
        provider = add_provider(db, "De Vlinderboom Jeugdhulp", "vlinderboom", "Utrecht")
        staff = add_staff(db, "medewerker@vlinderboom.example", provider)
        admin = add_staff(db, "admin@klankbord.example", None, StaffRole.ADMINISTRATOR)
        youth = fuzz_app.test_client()
        code = file_complaint(youth, provider.id)
        complaint_key = db.exec(select(Complaint.key)).one()
        real = {
            f"/staff/complaints/{complaint_key}",
            f"/admin/providers/{provider.id}",
            f"/survey/p/{provider.slug}",
        }
    failures: list[str] = []
    open_with_code(youth, code)
    _walk(fuzz_app, youth, real, failures)  # anonymous, following a complaint
    _walk(fuzz_app, fuzz_app.test_client(), real, failures)  # anonymous, nothing yet
    for member in (staff, admin):
        client = fuzz_app.test_client()
        log_in(client, member)
        _walk(fuzz_app, client, real, failures)
    assert failures == []

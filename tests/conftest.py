"""Fixtures built with the real app factory, on a migrated SQLite file per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select
from werkzeug.test import TestResponse

from config import load_settings
from portal import create_app, timeutil
from portal.db import engine_for, make_engine
from portal.models import Municipality, Provider, ProviderMunicipality, StaffMember, StaffRole
from portal.operations import migrate
from portal.security import accounts
from portal.survey.questionnaires import sync_questionnaires

TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"
STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head with the questionnaire; copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        sync_questionnaires(session)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def make_settings(database_url: str, instance: Path, **overrides: Any) -> dict[str, Any]:
    settings = load_settings({"KLANKBORD_SECRET_KEY": TEST_SECRET})
    settings.update(
        TESTING=True,
        DATABASE_URL=database_url,
        INSTANCE_PATH=str(instance),
        OUTBOX_DIR=str(instance / "outbox"),
        PUBLIC_BASE_URL="https://klankbord.test",
    )
    settings.update(overrides)
    return settings


@pytest.fixture
def database_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "klankbord.sqlite3"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def app(tmp_path: Path, database_path: Path) -> Iterator[Flask]:
    app = create_app(make_settings(f"sqlite:///{database_path}", tmp_path / "instance"))
    yield app
    engine_for(app).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def english_client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    with Session(engine_for(app), expire_on_commit=False) as session:
        yield session


@pytest.fixture
def provider(db: Session) -> Provider:
    return add_provider(db, "De Vlinderboom Jeugdhulp", "vlinderboom", municipality="Utrecht")


def add_provider(
    db: Session, name: str, slug: str, municipality: str | None = None, open_link: bool = True
) -> Provider:
    provider = Provider(name=name, slug=slug, open_link=open_link)
    db.add(provider)
    db.flush()
    if municipality:
        place = db.exec(select(Municipality).where(Municipality.name == municipality)).first()
        if place is None:
            place = Municipality(
                name=municipality, cbs_code=f"GM{abs(hash(municipality)) % 9999:04d}"
            )
            db.add(place)
            db.flush()
        db.add(ProviderMunicipality(provider_id=provider.id, municipality_id=place.id))
    db.commit()
    return provider


class FormReader(HTMLParser):
    """What a browser would send for a form: hidden inputs, checked radios, textareas."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = form_id is None
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.form_id is not None:
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"hidden", "text", "search"} or (kind == "radio" and "checked" in a):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self.fields:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            if self._textarea:
                self.fields[self._textarea] = (
                    self.fields[self._textarea].removeprefix("\r\n").removeprefix("\n")
                )
            self._textarea = None
        if tag == "form" and self.form_id is not None:
            self.inside = False


def form_fields(html: str | bytes, form_id: str | None = None) -> dict[str, str]:
    reader = FormReader(form_id)
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    return reader.fields


class FrozenClock:
    """Replaces portal.timeutil's time source; move it with ``advance``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(timeutil, "source", frozen)
    return frozen


@pytest.fixture
def outbox(app: Flask) -> Path:
    return Path(app.config["OUTBOX_DIR"])


def add_staff(
    db: Session,
    email: str,
    provider: Provider | None,
    role: StaffRole = StaffRole.PROVIDER,
    organisation_id: int | None = None,
) -> StaffMember:
    return accounts.create_staff(
        db,
        email,
        email.split("@")[0],
        role,
        STAFF_PASSWORD,
        datetime(2026, 1, 1, tzinfo=UTC),
        provider.id if provider else None,
        organisation_id,
    )


def log_in(client: FlaskClient, staff: StaffMember, moment: datetime | None = None) -> TestResponse:
    """Password, then the TOTP code of ``moment`` (default: now); returns the last response."""
    page = client.get("/staff/login")
    client.post(
        "/staff/login",
        data={
            "csrf_token": form_fields(page.data)["csrf_token"],
            "email": staff.email,
            "password": STAFF_PASSWORD,
        },
    )
    page = client.get("/staff/login/code")
    code = pyotp.TOTP(staff.totp_secret).at(moment or timeutil.utcnow())
    return client.post(
        "/staff/login/code", data={"csrf_token": form_fields(page.data)["csrf_token"], "code": code}
    )


def submit_password(client: FlaskClient, email: str, password: str) -> TestResponse:
    page = client.get("/staff/login")
    token = form_fields(page.data)["csrf_token"]
    return client.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": password}
    )

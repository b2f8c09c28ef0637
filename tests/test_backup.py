"""`flask backup create` and `restore` on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, text
from sqlmodel import Session, select

from portal import create_app
from portal.db import engine_for
from portal.models import Complaint, WaitingResponse
from portal.operations import migrate
from portal.survey.questionnaires import sync_questionnaires
from tests.complaint_helpers import file_complaint
from tests.conftest import add_provider, make_settings
from tests.postgres import running_server
from tests.survey_helpers import complete_survey, step


def _fill(app: Flask) -> None:
    """One complaint and one survey response, sent the way a browser does."""
    with Session(engine_for(app)) as db:
        provider = add_provider(db, "De Vlinderboom Jeugdhulp", "vlinderboom", "Utrecht")
        provider_id = provider.id
    client = app.test_client()
    file_complaint(client, provider_id)
    assert step(client, complete_survey(client), action="send").status_code == 303


def _counts(app: Flask) -> tuple[int, int]:
    with Session(engine_for(app)) as db:
        complaints = db.exec(select(func.count()).select_from(Complaint)).one()
        # a sent answer waits for release: a backup must carry it too
        responses = db.exec(select(func.count()).select_from(WaitingResponse)).one()
    return complaints, responses


def _cli(app: Flask, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output


def _round_trip(source_url: str, target_url: str, tmp_path: Path) -> tuple[int, int]:
    source = create_app(make_settings(source_url, tmp_path / "a"))
    _fill(source)
    assert _counts(source) == (1, 1)
    file = tmp_path / "klankbord.backup"
    _cli(source, "backup", "create", str(file))
    engine_for(source).dispose()
    target = create_app(make_settings(target_url, tmp_path / "b"))
    _cli(target, "backup", "restore", "--yes", str(file))
    try:
        return _counts(target)
    finally:
        engine_for(target).dispose()


def test_sqlite_backup_restores_into_a_fresh_file(tmp_path, database_path):
    fresh = tmp_path / "restored" / "klankbord.sqlite3"
    assert not fresh.exists()
    assert _round_trip(f"sqlite:///{database_path}", f"sqlite:///{fresh}", tmp_path) == (1, 1)


def test_restore_refuses_without_confirmation(app, tmp_path, database_path):
    backup = tmp_path / "copy.sqlite3"
    _cli(app, "backup", "create", str(backup))
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(backup)], input="n\n")
    assert result.exit_code != 0


@pytest.fixture(scope="module")
def server_url():
    with running_server() as url:
        yield url


def test_postgres_backup_restores_into_another_database(server_url, tmp_path):
    base = server_url.rsplit("/", 1)[0]
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in ("klankbord_source", "klankbord_restored"):
            connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    source_url = f"{base}/klankbord_source"
    migrate.upgrade(source_url)
    engine = create_engine(source_url)
    with Session(engine) as session:
        sync_questionnaires(session)
    engine.dispose()
    counts = _round_trip(source_url, f"{base}/klankbord_restored", tmp_path)
    assert counts == (1, 1)

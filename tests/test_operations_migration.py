"""The outbox/job-run migration on SQLite and PostgreSQL: existing mail gets a state
and its own Message-ID; a daily run's (job, day) claim holds on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from portal.operations import migrate
from tests.postgres import running_server

REVISION = "09bc091b776f"  # outbox states, message ids and claims


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migration.sqlite3'}"
        return
    server_url = request.getfixturevalue("postgres_server")
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS klankbord_ops"))
        connection.execute(text("CREATE DATABASE klankbord_ops"))
    admin.dispose()
    yield server_url.rsplit("/", 1)[0] + "/klankbord_ops"


def test_existing_mail_gets_a_state_and_its_own_message_id(database_url):
    script = ScriptDirectory.from_config(migrate.alembic_config(database_url))
    migrate.upgrade(database_url, script.get_revision(REVISION).down_revision)
    engine = create_engine(database_url)
    moment = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        old_rows = [("sent@x.nl", 1, moment), ("gaveup@x.nl", 8, None), ("waiting@x.nl", 2, None)]
        for recipient, attempts, sent in old_rows:
            connection.execute(
                text(
                    "INSERT INTO outboxmail (recipient, subject, body, created_at, attempts, "
                    "next_attempt_at, sent_at) VALUES (:r, 's', 'b', :m, :a, :m, :s)"
                ),
                {"r": recipient, "m": moment, "a": attempts, "s": sent},
            )
    engine.dispose()
    migrate.upgrade(database_url)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT recipient, state, message_id FROM outboxmail ORDER BY id")
        ).all()
    assert [(r.recipient, r.state) for r in rows] == [
        ("sent@x.nl", "sent"),
        ("gaveup@x.nl", "failed"),  # the old sender stopped after 8 attempts
        ("waiting@x.nl", "queued"),
    ]
    assert len({r.message_id for r in rows}) == 3
    assert all(r.message_id.startswith("<") and r.message_id.endswith(">") for r in rows)

    insert = text(
        "INSERT INTO jobrun (job, started_at, result, scheduled_day) "
        "VALUES ('retention', :m, '', :d)"
    )
    with engine.begin() as connection:
        connection.execute(insert, {"m": moment, "d": None})
        connection.execute(insert, {"m": moment, "d": None})  # unclaimed runs never clash
        connection.execute(insert, {"m": moment, "d": date(2026, 11, 1)})
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert, {"m": moment, "d": date(2026, 11, 1)})  # a second scheduler
    engine.dispose()
    migrate.downgrade(database_url, script.get_revision(REVISION).down_revision)

"""Alembic: `upgrade head` builds exactly the models' schema, and every step goes back down."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import portal.models  # noqa: F401
from portal.db import make_engine
from portal.operations import migrate


def test_upgrade_head_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'schema.sqlite3'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_every_revision_downgrades_and_upgrades_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'walk.sqlite3'}"
    script = ScriptDirectory.from_config(migrate.alembic_config(url))
    revisions = list(script.walk_revisions())  # head first
    migrate.upgrade(url)
    for revision in revisions:
        migrate.downgrade(url, revision.down_revision or "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    migrate.upgrade(url)
    engine = create_engine(url)
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_runs_with_wal_busy_timeout_and_full_sync(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'pragmas.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_constraints_follow_the_naming_convention(tmp_path):
    url = f"sqlite:///{tmp_path / 'names.sqlite3'}"
    migrate.upgrade(url)
    inspector = inspect(create_engine(url))
    for table in SQLModel.metadata.tables:
        for fk in inspector.get_foreign_keys(table):
            assert fk["name"].startswith(f"fk_{table}_")
        for unique in inspector.get_unique_constraints(table):
            assert unique["name"].startswith(f"uq_{table}_")

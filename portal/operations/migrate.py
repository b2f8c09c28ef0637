"""Alembic, driven from the Flask CLI and from tests. A deploy step, never run by create_app."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# A built wheel carries a copy of the top-level migrations/ here (setup.py).
PACKAGED_MIGRATIONS = Path(__file__).resolve().parents[1] / "_migrations"
FILE_TEMPLATE = "%(rev)s_%(slug)s"  # as [tool.alembic] in pyproject.toml


def _escape(value: str) -> str:
    return value.replace("%", "%%")  # alembic's options go through ConfigParser interpolation


def alembic_config(database_url: str) -> Config:
    """The checkout's [tool.alembic] when there is one, else the migrations in the package."""
    pyproject = PROJECT_ROOT / "pyproject.toml"
    if pyproject.is_file() and (PROJECT_ROOT / "migrations" / "env.py").is_file():
        config = Config(toml_file=str(pyproject))
    elif (PACKAGED_MIGRATIONS / "env.py").is_file():
        config = Config()
        config.set_main_option("script_location", _escape(str(PACKAGED_MIGRATIONS)))
        config.set_main_option("file_template", _escape(FILE_TEMPLATE))
    else:
        raise RuntimeError("No migrations found: neither migrations/ nor portal/_migrations/.")
    config.set_main_option("sqlalchemy.url", _escape(database_url))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)

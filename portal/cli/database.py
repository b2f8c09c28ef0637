from __future__ import annotations

import click
from alembic import command
from flask import current_app
from flask.cli import AppGroup

from portal.db import get_session
from portal.operations import migrate
from portal.survey.questionnaires import sync_questionnaires

db_group = AppGroup("db", help="Database migrations (a deploy step).")
questionnaires_group = AppGroup("questionnaires", help="Questionnaire versions.")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Revert migrations down to REVISION."""
    migrate.downgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def revision(message: str) -> None:
    """Generate a migration from the difference between models and database."""
    config = migrate.alembic_config(current_app.config["DATABASE_URL"])
    command.revision(config, message=message, autogenerate=True)


@questionnaires_group.command("sync")
def sync() -> None:
    """Create the questionnaire versions defined in code; activate the current one."""
    questionnaire = sync_questionnaires(get_session())
    click.echo(f"Active questionnaire: version {questionnaire.version}")

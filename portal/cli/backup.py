from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.operations import backup

backup_group = AppGroup("backup", help="Back up and restore the database.")


@backup_group.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def create(file: Path) -> None:
    """Write a backup of the database to FILE (SQLite copy or pg_dump custom format)."""
    try:
        backup.create(current_app.config["DATABASE_URL"], file)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {file}")


@backup_group.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def restore(file: Path, yes: bool) -> None:
    """Replace the database's contents by the backup in FILE. Stop the portal first."""
    if not yes:
        click.confirm("This replaces everything in the database. Continue?", abort=True)
    try:
        backup.restore(current_app.config["DATABASE_URL"], file)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored from {file}")

"""Back up and restore the portal's database: SQLite through its backup API,
PostgreSQL with pg_dump / pg_restore in the custom format.

The SQLite copy is consistent while the portal runs (the backup API copies
through a connection, WAL included). The PostgreSQL password, if any, travels
in the environment (PGPASSWORD), never on a command line that ``ps`` shows.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    """The database kind is not supported, or a tool is missing or failed."""


def postgres_binary(name: str) -> str:
    """The newest installed PostgreSQL tool (Debian keeps them per version), else PATH."""
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    found = versions[-1] if versions else shutil.which(name)
    if not found:
        raise BackupError(f"PostgreSQL's {name} is missing; install the postgresql-client package.")
    return found


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None, query={})
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    # The command is a PostgreSQL tool found above, with our own arguments.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-500:]}")


def create(database_url: str, file: Path) -> None:
    """Write a backup of the database at ``database_url`` to ``file``."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if file.exists():
            file.unlink()
        _sqlite_copy(_sqlite_path(url), file)
    elif url.get_backend_name() == "postgresql":
        dsn, env = _libpq(url)
        _run([postgres_binary("pg_dump"), "--format=custom", "--file", str(file), dsn], env)
    else:
        raise BackupError(f"No backup for {url.get_backend_name()} databases.")


def restore(database_url: str, file: Path) -> None:
    """Replace the contents of the database at ``database_url`` by the backup in ``file``."""
    if not file.is_file():
        raise BackupError(f"No backup file at {file}.")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(file, _sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        dsn, env = _libpq(url)
        command = [postgres_binary("pg_restore"), "--clean", "--if-exists", "--no-owner"]
        _run([*command, "--single-transaction", "--dbname", dsn, str(file)], env)
    else:
        raise BackupError(f"No restore for {url.get_backend_name()} databases.")

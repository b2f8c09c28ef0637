"""Make erased values really gone from the database files.

A DELETE or UPDATE leaves the old bytes behind: in SQLite's free pages and its
`-wal` file, in PostgreSQL's dead rows. Every SQLite connection runs with
`secure_delete` on (portal/db.py), so freed space is zeroed; after a job that
erases, `erase_traces` empties the write-ahead log (checkpoint TRUNCATE) on
SQLite, or rewrites the tables involved (VACUUM FULL) on PostgreSQL.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

CHECKPOINT_TRIES = 20
LOCK_TIMEOUT = "30s"
_TABLE_NAME = re.compile(r"^[a-z_]+$")


def erase_traces(engine: Engine, tables: Iterable[str]) -> str:
    """Run after the erasing transaction committed; returns what was done, for the job log."""
    names = sorted(set(tables))
    for name in names:
        if not _TABLE_NAME.match(name):
            raise ValueError(f"Not a table name: {name!r}")
    if engine.dialect.name == "sqlite":
        return _checkpoint(engine)
    done, busy = [], []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # A long transaction elsewhere must not stall the job: give up on that table
        # and let the next run erase it.
        connection.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
        for name in names:
            try:
                # FULL rewrites the table into a new file: dead rows are not kept
                # anywhere in it. It locks the table briefly; these jobs run at night.
                connection.execute(text(f'VACUUM FULL "{name}"'))
                done.append(name)
            except OperationalError:
                busy.append(name)
    if busy:
        log.warning("VACUUM FULL waited too long for %s; the next run tries again", busy)
    return "vacuumed " + ", ".join(done) + (f" (busy: {', '.join(busy)})" if busy else "")


def _checkpoint(engine: Engine) -> str:
    """Copy the WAL into the database and truncate it to zero bytes.

    A reader in another process can hold the WAL for a moment; try again briefly.
    """
    with engine.connect() as connection:
        for _ in range(CHECKPOINT_TRIES):
            busy, _pages, _done = connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            ).one()
            if not busy:
                return "checkpointed"
            time.sleep(0.25)
    log.warning("WAL checkpoint stayed busy; erased values wait for the next one")
    return "checkpoint busy"

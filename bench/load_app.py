"""The portal plus two baseline endpoints, served by the same gunicorn in a load run.

    gunicorn 'bench.load_app:build()'

``/bench/bare`` answers without touching anything; ``/bench/insert`` does one
durable INSERT (its own transaction, the portal's engine settings: on SQLite
WAL with synchronous=FULL). They are the floor a survey send is compared with.
"""

from __future__ import annotations

import secrets

from flask import Flask
from sqlalchemy import text
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from portal import create_app
from portal.db import engine_for

BASELINE_TABLE = "bench_baseline"


def build() -> DispatcherMiddleware:
    portal = create_app()
    engine = engine_for(portal)
    baseline = Flask("baseline")

    @baseline.get("/bare")
    def bare() -> str:
        return "ok"

    @baseline.post("/insert")
    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(
                text(f"INSERT INTO {BASELINE_TABLE} (id, body) VALUES (:id, :body)"),
                {"id": secrets.token_hex(16), "body": "x" * 200},
            )
        return "stored"

    return DispatcherMiddleware(portal, {"/bench": baseline})

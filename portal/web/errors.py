"""Friendly error pages in the user's language."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, abort, g, render_template, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

LARGEST_ID = 2**31 - 1
log = logging.getLogger(__name__)


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: an id beyond what the database holds is a 404, not a 500."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def _roll_back_request_session() -> None:
    session = g.get("db_session")
    if session is None:
        return
    try:
        session.rollback()
    except Exception:  # the connection may be gone; the page must still show
        log.warning("rollback after a database error failed", extra={"event": "db_rollback"})


def refuse_nul_characters() -> None:
    """No browser sends a NUL character; PostgreSQL cannot store one. A 400, not a 500."""
    if "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.values.lists()
    ):
        abort(400)


def init_app(app: Flask) -> None:
    """Before the blueprints are registered: their routes use the bounded converter."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_template("error.html", error=error), error.code or 500

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(error: DBAPIError) -> tuple[str, int]:
        if not isinstance(error, OperationalError | InterfaceError) and not (
            error.connection_invalidated
        ):
            raise error  # bad data or a bug, not an outage: the ordinary 500
        # The exception text can hold the statement's parameters: log its class only.
        log.error(
            "database unavailable",
            extra={"event": "database_unavailable", "error": type(error).__name__},
        )
        _roll_back_request_session()
        return render_template("error.html", error=None, database_unavailable=True), 503

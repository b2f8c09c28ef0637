"""Friendly error pages in the user's language."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

LARGEST_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: an id beyond what the database holds is a 404, not a 500."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Before the blueprints are registered: their routes use the bounded converter."""
    app.url_map.converters["int"] = IdConverter

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_template("error.html", error=error), error.code or 500

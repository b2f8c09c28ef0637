"""Public pages: home, privacy statement and the language switch."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.access import public
from portal.db import get_session
from portal.i18n import choose_language
from portal.safe_redirect import local_path

blueprint = Blueprint("public", __name__, template_folder="templates")


@blueprint.get("/")
@public
def home():
    return render_template("public/home.html")


@blueprint.get("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@blueprint.get("/language/<code>")
@public
def language(code: str):
    if not choose_language(code):
        abort(404)
    return redirect(local_path(request.args.get("next", "")) or url_for("public.home"), code=303)


@blueprint.get("/healthz")
@public
def healthz() -> Response:
    """For the proxy and monitoring: the database answers, or not. Says nothing else."""
    try:
        get_session().exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        get_session().rollback()
        return Response("database unavailable", status=503, mimetype="text/plain")
    return Response("ok", status=200, mimetype="text/plain")

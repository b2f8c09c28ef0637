"""Public pages: home, privacy statement, help, accessibility statement, the
organisation's logo and the language switch."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from config.branding import LOGO_TYPES
from portal.db import get_session
from portal.i18n.languages import choose_language
from portal.security.access import public
from portal.security.safe_redirect import local_path

blueprint = Blueprint("public", __name__, template_folder="templates")


@blueprint.get("/")
@public
def home():
    return render_template("public/home.html")


@blueprint.get("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@blueprint.get("/help", endpoint="help")
@public
def help_page():
    return render_template("public/help.html")


@blueprint.get("/accessibility")
@public
def accessibility():
    """The accessibility statement (toegankelijkheidsverklaring), as Dutch public-sector
    sites publish one (Besluit digitale toegankelijkheid overheid)."""
    return render_template("public/accessibility.html")


@blueprint.get("/organisation/logo")
@public
def logo() -> Response:
    """The logo of the organisation that runs the portal (config/branding.py), from this
    site's own address: the CSP allows no image from elsewhere."""
    path = current_app.config.get("ORGANISATION_LOGO") or ""
    if not path:
        abort(404)
    mimetype = LOGO_TYPES.get(Path(path).suffix.lower()) or abort(404)
    return send_file(path, mimetype=mimetype, max_age=86400)


@blueprint.get("/language/<code>")
@public
def language(code: str):
    choose_language(code)  # an unknown code chooses Dutch: an old link still works
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

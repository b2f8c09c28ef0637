"""Public pages: home, privacy statement and the language switch."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from portal.access import public
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


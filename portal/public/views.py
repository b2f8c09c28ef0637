"""Public pages: home, privacy statement and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for

blueprint = Blueprint("public", __name__, template_folder="templates")


@blueprint.get("/")
def home():
    return render_template("public/home.html")


@blueprint.get("/privacy")
def privacy():
    return render_template("public/privacy.html")


@blueprint.get("/language/<code>")
def language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    return redirect(_local_path(request.args.get("next", "")) or url_for("public.home"), code=303)


def _local_path(target: str) -> str:
    """Only a path on this site: never send a youth on to another host."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return ""
    return target

"""The two blueprints: professionals at /staff/families/, families at /family/."""

from __future__ import annotations

from flask import Blueprint

staff = Blueprint("families", __name__, url_prefix="/staff/families", template_folder="templates")
public = Blueprint("family", __name__, url_prefix="/family", template_folder="templates")

"""Klankbord: feedback and complaints portal for Dutch youth care."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(settings: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. Never runs migrations and never starts the scheduler."""
    from flask_wtf.csrf import generate_csrf

    from config import ConfigurationError, load_settings, validate_settings

    from . import cli, db
    from .admin import blueprint as admin_blueprint
    from .committee import blueprint as committee_blueprint
    from .complaints import blueprint as complaints_blueprint
    from .confidant import blueprint as confidant_blueprint
    from .desk import blueprint as desk_blueprint
    from .families import public_blueprint as family_blueprint
    from .families import staff_blueprint as families_blueprint
    from .i18n import languages as i18n
    from .operations import logs
    from .platform import blueprint as platform_blueprint
    from .privacy import responses as privacy
    from .public import blueprint as public_blueprint
    from .results import blueprint as results_blueprint
    from .security import honeypot, ratelimit
    from .staff import blueprint as staff_blueprint
    from .survey import blueprint as survey_blueprint
    from .web import branding, errors, static_assets

    settings = load_settings() if settings is None else settings
    validate_settings(settings)
    app = Flask(__name__, instance_path=settings.get("INSTANCE_PATH") or None)
    app.config.update(settings)
    # Settings passed by a tool skip the environment, and `flask --debug` sets
    # FLASK_DEBUG before the factory but app.debug only after it: check both here.
    flask_debug = os.environ.get("FLASK_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
    if app.config.get("KLANKBORD_ENV") == "production" and (app.debug or flask_debug):
        raise ConfigurationError("Debug mode (FLASK_DEBUG) must be off in production.")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # Development may leave the code pepper out (production refuses that, see config).
    app.config["CODE_PEPPER"] = app.config.get("CODE_PEPPER") or app.config["SECRET_KEY"]
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'klankbord.sqlite3'}"

    logs.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    branding.init_app(app)
    privacy.init_app(app)
    ratelimit.init_app(app)
    honeypot.init_app(app)
    static_assets.init_app(app)
    errors.init_app(app)
    cli.init_app(app)

    # Every form is a FlaskForm with its own CSRF check; bare buttons use this token.
    app.jinja_env.globals["csrf_token"] = generate_csrf
    app.register_blueprint(public_blueprint)
    app.register_blueprint(survey_blueprint)
    app.register_blueprint(complaints_blueprint)
    app.register_blueprint(confidant_blueprint)
    app.register_blueprint(desk_blueprint)
    app.register_blueprint(staff_blueprint)
    app.register_blueprint(committee_blueprint)
    app.register_blueprint(admin_blueprint)
    app.register_blueprint(families_blueprint)
    app.register_blueprint(family_blueprint)
    app.register_blueprint(platform_blueprint)
    app.register_blueprint(results_blueprint)
    return app

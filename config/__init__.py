"""Settings for Klankbord, read from environment variables when the app is built.

Nothing here runs at import time: ``load_settings()`` is called by the app
factory, so tests and tools can pass their own mapping instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from config.branding import branding_problems, branding_settings
from config.confidant import confidant_problems, confidant_settings
from config.families import family_setting_problems, family_settings
from config.limits import limit_settings
from config.operations import operations_settings
from config.privacy import MIN_CODE_PEPPER_LENGTH, privacy_settings
from config.reports import report_problems, report_settings
from config.serving import serving_settings

DEVELOPMENT_SECRET_KEY = "klankbord-development-key-not-for-production"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """Raised when the settings are unsafe for the chosen environment."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask settings from ``KLANKBORD_*`` environment variables."""
    env = os.environ if environ is None else environ
    environment = env.get("KLANKBORD_ENV", "development")
    secure_cookie = environment == "production"
    settings: dict[str, Any] = {
        "KLANKBORD_ENV": environment,
        # `flask --debug` sets FLASK_DEBUG: refused in production like KLANKBORD_DEBUG.
        "DEBUG": _bool(env.get("KLANKBORD_DEBUG")) or _bool(env.get("FLASK_DEBUG")),
        "SECRET_KEY": env.get("KLANKBORD_SECRET_KEY", DEVELOPMENT_SECRET_KEY),
        # Empty means: SQLite file under the instance folder (set by the factory).
        "DATABASE_URL": env.get("KLANKBORD_DATABASE_URL", ""),
        # Empty means the default: instance/ beside the portal package.
        "INSTANCE_PATH": env.get("KLANKBORD_INSTANCE_PATH", ""),
        "SMALL_GROUP_THRESHOLD": int(env.get("KLANKBORD_SMALL_GROUP_THRESHOLD", "10")),
        "PUBLIC_BASE_URL": env.get("KLANKBORD_PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        # Public pages; staff pages speak only Dutch and English (portal/i18n/languages.py).
        "LANGUAGES": ("nl", "en", "ar", "tr", "pl", "uk"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookie,
        # __Host-: the browser keeps it to this host, over HTTPS, for the whole site.
        "SESSION_COOKIE_NAME": "__Host-klankbord" if secure_cookie else "klankbord",
        # Strict-Transport-Security (portal/privacy/responses.py); on by default in production.
        "HSTS": _bool(env.get("KLANKBORD_HSTS"), default=environment == "production"),
        # Answers travel in the form itself, so an expired token costs nothing;
        # two hours covers a slow respondent on a bad connection.
        "WTF_CSRF_TIME_LIMIT": 7200,
        "MAX_CONTENT_LENGTH": 256 * 1024,
        **complaint_settings(env),
        **branding_settings(env),
        **confidant_settings(env),
        **operations_settings(env),
        **family_settings(env),
        **privacy_settings(env),
        **report_settings(env),
        **limit_settings(env),
        **serving_settings(env),
    }
    validate_settings(settings)
    return settings


def validate_settings(settings: Mapping[str, Any]) -> None:
    """Refuse terms beyond the law anywhere; in production also a default or short
    secret, or debug on."""
    # Imported here: the portal package is not needed to read settings.
    from portal.complaints.clock import terms_beyond_the_law

    if "COMPLAINT_DECISION_DAYS" in settings and (beyond := terms_beyond_the_law(settings)):
        raise ConfigurationError(
            "A setting may shorten a legal term, never lengthen it: " + "; ".join(beyond)
        )
    if problems := confidant_problems(settings):
        raise ConfigurationError("Confidant settings out of bounds: " + "; ".join(problems))
    if family_problems := family_setting_problems(settings):
        raise ConfigurationError("; ".join(family_problems))
    if brand_problems := branding_problems(settings):
        raise ConfigurationError("Organisation settings: " + "; ".join(brand_problems))
    production = settings.get("KLANKBORD_ENV") == "production"
    if "ANNUAL_REPORT_DATE" in settings and (problems := report_problems(settings, production)):
        raise ConfigurationError("; ".join(problems))
    if settings.get("KLANKBORD_ENV") != "production":
        return
    secret = settings.get("SECRET_KEY") or ""
    if secret == DEVELOPMENT_SECRET_KEY or len(secret) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            "KLANKBORD_SECRET_KEY must be set to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters in production."
        )
    pepper = settings.get("CODE_PEPPER") or ""
    if len(pepper) < MIN_CODE_PEPPER_LENGTH or pepper == secret:
        raise ConfigurationError(
            "KLANKBORD_CODE_PEPPER must be set in production: a random value of at least "
            f"{MIN_CODE_PEPPER_LENGTH} characters, different from KLANKBORD_SECRET_KEY."
        )
    if settings.get("DEBUG"):
        raise ConfigurationError("Debug mode must be off in production.")
    if not settings.get("DATABASE_URL"):
        raise ConfigurationError("KLANKBORD_DATABASE_URL must be set in production.")


def complaint_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Terms of the complaints procedure (Jeugdwet art. 4.2.1-4.2.2, Awb ch. 9) and the
    limits around it; portal.complaints.clock.LEGAL_MAXIMA names each term's article."""

    def number(name: str, default: str) -> int:
        return int(environ.get(f"KLANKBORD_{name}", default))

    return {
        "COMPLAINT_COMMITTEE_DAYS": number("COMPLAINT_COMMITTEE_DAYS", "42"),
        "COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS": number(
            "COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS", "28"
        ),
        "COMPLAINT_ESCALATION_MONTHS": number("COMPLAINT_ESCALATION_MONTHS", "12"),
        "COMPLAINT_ACKNOWLEDGE_DAYS": int(environ.get("KLANKBORD_COMPLAINT_ACKNOWLEDGE_DAYS", "7")),
        "COMPLAINT_DECISION_DAYS": int(environ.get("KLANKBORD_COMPLAINT_DECISION_DAYS", "42")),
        "COMPLAINT_EXTENSION_MAX_DAYS": int(
            environ.get("KLANKBORD_COMPLAINT_EXTENSION_MAX_DAYS", "28")
        ),
        "COMPLAINT_MEASURES_MONTHS": int(environ.get("KLANKBORD_COMPLAINT_MEASURES_MONTHS", "1")),
        "COMPLAINT_REMINDER_DAYS": int(environ.get("KLANKBORD_COMPLAINT_REMINDER_DAYS", "3")),
        "COMPLAINT_RETENTION_DAYS": int(environ.get("KLANKBORD_COMPLAINT_RETENTION_DAYS", "730")),
        "RECEIPT_LOOKUPS_PER_SESSION": int(environ.get("KLANKBORD_RECEIPT_LOOKUPS", "10")),
        "STAFF_IDLE_MINUTES": int(environ.get("KLANKBORD_STAFF_IDLE_MINUTES", "30")),
        "STAFF_ABSOLUTE_HOURS": int(environ.get("KLANKBORD_STAFF_ABSOLUTE_HOURS", "10")),
        "LOGIN_MAX_FAILURES": int(environ.get("KLANKBORD_LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(environ.get("KLANKBORD_LOGIN_LOCK_MINUTES", "15")),
        # "file" writes .eml files to OUTBOX_DIR; "smtp" sends through MAIL_SMTP_*.
        "MAIL_TRANSPORT": environ.get("KLANKBORD_MAIL_TRANSPORT", "file"),
        "MAIL_SENDER": environ.get(
            "KLANKBORD_MAIL_SENDER", "Klankbord <noreply@klankbord.example>"
        ),
        "MAIL_SMTP_HOST": environ.get("KLANKBORD_MAIL_SMTP_HOST", "localhost"),
        "MAIL_SMTP_PORT": int(environ.get("KLANKBORD_MAIL_SMTP_PORT", "25")),
        "MAIL_SMTP_USER": environ.get("KLANKBORD_MAIL_SMTP_USER", ""),
        "MAIL_SMTP_PASSWORD": environ.get("KLANKBORD_MAIL_SMTP_PASSWORD", ""),
        "MAIL_SMTP_STARTTLS": _bool(environ.get("KLANKBORD_MAIL_SMTP_STARTTLS")),
        "OUTBOX_DIR": environ.get("KLANKBORD_OUTBOX_DIR", ""),
    }

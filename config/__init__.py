"""Settings for Klankbord, read from environment variables when the app is built.

Nothing here runs at import time: ``load_settings()`` is called by the app
factory, so tests and tools can pass their own mapping instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

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
    settings: dict[str, Any] = {
        "KLANKBORD_ENV": environment,
        "DEBUG": _bool(env.get("KLANKBORD_DEBUG")),
        "SECRET_KEY": env.get("KLANKBORD_SECRET_KEY", DEVELOPMENT_SECRET_KEY),
        # Empty means: SQLite file under the instance folder (set by the factory).
        "DATABASE_URL": env.get("KLANKBORD_DATABASE_URL", ""),
        # Empty means the default: instance/ beside the portal package.
        "INSTANCE_PATH": env.get("KLANKBORD_INSTANCE_PATH", ""),
        "SMALL_GROUP_THRESHOLD": int(env.get("KLANKBORD_SMALL_GROUP_THRESHOLD", "10")),
        "PUBLIC_BASE_URL": env.get("KLANKBORD_PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "LANGUAGES": ("nl", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": environment == "production",
        "SESSION_COOKIE_NAME": "klankbord",
        # Answers travel in the form itself, so an expired token costs nothing;
        # two hours covers a slow respondent on a bad connection.
        "WTF_CSRF_TIME_LIMIT": 7200,
        "MAX_CONTENT_LENGTH": 256 * 1024,
    }
    validate_settings(settings)
    return settings


def validate_settings(settings: Mapping[str, Any]) -> None:
    """Refuse to run production with a default or short secret, or with debug on."""
    if settings.get("KLANKBORD_ENV") != "production":
        return
    secret = settings.get("SECRET_KEY") or ""
    if secret == DEVELOPMENT_SECRET_KEY or len(secret) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            "KLANKBORD_SECRET_KEY must be set to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters in production."
        )
    if settings.get("DEBUG"):
        raise ConfigurationError("Debug mode must be off in production.")
    if not settings.get("DATABASE_URL"):
        raise ConfigurationError("KLANKBORD_DATABASE_URL must be set in production.")

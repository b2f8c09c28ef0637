"""Language choice: the session's explicit choice, else Accept-Language, else Dutch."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale, refresh

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
# Public pages (and mails to youths and parents) speak these; staff pages only STAFF_LANGUAGES.
PUBLIC_LANGUAGES: tuple[str, ...] = ("nl", "en")
STAFF_LANGUAGES: tuple[str, ...] = ("nl", "en")


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI rendering (e.g. invitation sheets) picks its own
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def choose_language(code: str) -> bool:
    """Remember the user's language for this browser session; False if not offered."""
    if code not in current_app.config["LANGUAGES"]:
        return False
    session["lang"] = code
    refresh()  # flask-babel caches the locale per request
    return True


def translation_directories(root_path: str) -> str:
    """Compiled catalogs: in the package (a built wheel), then the checkout's translations/.

    The wheel's build compiles them into portal/translations/ (setup.py); a checkout gets its
    .mo files from `make compile-translations`.
    """
    package = Path(root_path)
    candidates = [package / "translations", package.parent / "translations"]
    found = [str(path) for path in candidates if path.is_dir()]
    return ";".join(found or [str(candidates[-1])])


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=translation_directories(app.root_path),
    )

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"language_names": LANGUAGE_NAMES, "current_locale": str(get_locale())}

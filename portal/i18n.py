"""Language choice: the session's explicit choice, else Accept-Language, else Dutch."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale, refresh

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


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


def init_app(app: Flask) -> None:
    translations = str(app.root_path + "/../translations")
    Babel(app, locale_selector=select_locale, default_translation_directories=translations)

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"language_names": LANGUAGE_NAMES, "current_locale": str(get_locale())}

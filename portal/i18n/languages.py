"""Language choice: the session's explicit choice, else Accept-Language, else Dutch.

Public pages (and the mails youths and parents receive) speak PUBLIC_LANGUAGES; staff pages
only STAFF_LANGUAGES, whatever the visitor chose on a public page: the Arabic, Turkish, Polish
and Ukrainian catalogs are made from translations/public.pot and hold no staff strings
(babel-public.cfg). An unknown language code means Dutch.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale, refresh

DEFAULT_LANGUAGE = "nl"
# Each language in its own name: a reader who needs the switch may not read the others.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
}
PUBLIC_LANGUAGES: tuple[str, ...] = ("nl", "en", "ar", "tr", "pl", "uk")
STAFF_LANGUAGES: tuple[str, ...] = ("nl", "en")
RIGHT_TO_LEFT = frozenset({"ar"})
# Everything under these is for signed-in staff, also its error pages and login.
STAFF_PATHS = ("/staff", "/committee", "/desk", "/admin", "/platform")


def is_staff_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in STAFF_PATHS)


def _staff_request() -> bool:
    # Imported here: portal.security.access imports the models, which need not load for the CLI.
    from portal.security.access import PUBLIC, declared_access

    if is_staff_path(request.path):
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    access = declared_access(view) if view is not None else PUBLIC
    return access not in (None, PUBLIC)  # a staff route outside the usual prefixes


def offered_languages() -> tuple[str, ...]:
    """The languages of the page being served, in the order of the switch."""
    allowed = STAFF_LANGUAGES if has_request_context() and _staff_request() else PUBLIC_LANGUAGES
    return tuple(code for code in current_app.config["LANGUAGES"] if code in allowed)


def select_locale() -> str:
    if not has_request_context():  # CLI rendering (e.g. invitation sheets) picks its own
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = offered_languages()
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    # A staff page after an Arabic public page: Dutch or English as the browser prefers.
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def choose_language(code: str) -> bool:
    """Remember the user's language for this browser session; False if none was asked for.

    An unknown code (an old link, a typing error) chooses Dutch rather than failing.
    """
    if not code:
        return False
    known = code in current_app.config["LANGUAGES"] and code in PUBLIC_LANGUAGES
    session["lang"] = code if known else DEFAULT_LANGUAGE
    refresh()  # flask-babel caches the locale per request
    return True


def text_direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


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
        locale = str(get_locale())
        return {
            # The switch offers only what this page speaks: staff pages never show Arabic.
            "language_names": {code: LANGUAGE_NAMES[code] for code in offered_languages()},
            "current_locale": locale,
            "text_direction": text_direction(locale),
        }

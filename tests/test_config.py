"""Settings come from the environment; production refuses unsafe ones."""

from __future__ import annotations

import pytest

from config import DEVELOPMENT_SECRET_KEY, ConfigurationError, load_settings
from portal import create_app

GOOD = {
    "KLANKBORD_ENV": "production",
    "KLANKBORD_SECRET_KEY": "x" * 48,
    "KLANKBORD_CODE_PEPPER": "p" * 40,
    "KLANKBORD_DATABASE_URL": "sqlite:///:memory:",
}


def test_production_refuses_the_development_secret():
    with pytest.raises(ConfigurationError):
        load_settings({**GOOD, "KLANKBORD_SECRET_KEY": DEVELOPMENT_SECRET_KEY})
    without_secret = {k: v for k, v in GOOD.items() if k != "KLANKBORD_SECRET_KEY"}
    with pytest.raises(ConfigurationError):
        load_settings(without_secret)


def test_production_refuses_a_short_secret_and_debug():
    with pytest.raises(ConfigurationError):
        load_settings({**GOOD, "KLANKBORD_SECRET_KEY": "short"})
    with pytest.raises(ConfigurationError):
        load_settings({**GOOD, "KLANKBORD_DEBUG": "1"})


def test_create_app_checks_settings_passed_directly(tmp_path):
    settings = load_settings(GOOD)
    settings["DEBUG"] = True
    with pytest.raises(ConfigurationError):
        create_app(settings)


def test_production_settings_are_strict_about_cookies(tmp_path):
    settings = load_settings({**GOOD, "KLANKBORD_INSTANCE_PATH": str(tmp_path)})
    app = create_app(settings)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.debug is False


def test_settings_are_read_when_asked_not_at_import(monkeypatch):
    monkeypatch.setenv("KLANKBORD_SMALL_GROUP_THRESHOLD", "15")
    assert load_settings()["SMALL_GROUP_THRESHOLD"] == 15


def test_create_app_neither_migrates_nor_starts_a_scheduler(tmp_path):
    import threading

    from sqlalchemy import inspect

    from portal.db import engine_for
    from tests.conftest import make_settings

    before = {thread.name for thread in threading.enumerate()}
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "i"))
    assert inspect(engine_for(app)).get_table_names() == []
    assert {thread.name for thread in threading.enumerate()} == before
    engine_for(app).dispose()


@pytest.mark.parametrize(
    "pepper",
    ["", "short", "x" * 48],  # missing, too short, equal to the session secret
)
def test_production_refuses_a_missing_short_or_shared_code_pepper(pepper):
    with pytest.raises(ConfigurationError, match="CODE_PEPPER"):
        load_settings({**GOOD, "KLANKBORD_CODE_PEPPER": pepper})


def test_rotating_the_session_secret_keeps_receipt_codes_working():
    from portal.complaints import receipts

    code = receipts.code_for_submission("form-token", "p" * 40)
    before = load_settings({**GOOD, "KLANKBORD_SECRET_KEY": "a" * 48})
    after = load_settings({**GOOD, "KLANKBORD_SECRET_KEY": "b" * 48})
    assert receipts.digest(code, before["CODE_PEPPER"]) == receipts.digest(
        code, after["CODE_PEPPER"]
    )

"""Production refuses debug and demo data, hardens the cookie and transport, and no
state-changing POST works without its CSRF token."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel, select

from config import ConfigurationError, load_settings
from portal import create_app
from portal.db import engine_for
from portal.models import Complaint, StaffRole
from portal.security.access import PUBLIC, declared_access
from tests.complaint_helpers import file_complaint
from tests.conftest import add_staff, form_fields, log_in

GOOD = {
    "KLANKBORD_ENV": "production",
    "KLANKBORD_SECRET_KEY": "x" * 48,
    "KLANKBORD_CODE_PEPPER": "p" * 40,
    "KLANKBORD_DATABASE_URL": "sqlite:///:memory:",
}


def production_app(tmp_path):
    return create_app(load_settings({**GOOD, "KLANKBORD_INSTANCE_PATH": str(tmp_path)}))


def test_production_refuses_flask_debug_in_the_settings_and_the_environment(tmp_path, monkeypatch):
    with pytest.raises(ConfigurationError):
        load_settings({**GOOD, "FLASK_DEBUG": "1"})
    settings = load_settings({**GOOD, "KLANKBORD_INSTANCE_PATH": str(tmp_path)})
    monkeypatch.setenv("FLASK_DEBUG", "true")
    with pytest.raises(ConfigurationError):
        create_app(settings)
    monkeypatch.setenv("FLASK_DEBUG", "0")
    assert create_app(settings).debug is False


def test_production_cookie_is_host_only_and_hsts_is_on(tmp_path):
    app = production_app(tmp_path)
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-klankbord"
    headers = app.test_client().get("/", base_url="https://klankbord.test").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    off = create_app(
        load_settings({**GOOD, "KLANKBORD_HSTS": "off", "KLANKBORD_INSTANCE_PATH": str(tmp_path)})
    )
    assert "Strict-Transport-Security" not in off.test_client().get("/").headers


def test_development_keeps_a_plain_cookie_and_no_hsts(client, app):
    assert app.config["SESSION_COOKIE_NAME"] == "klankbord"
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_demo_load_refuses_in_production(tmp_path):
    result = production_app(tmp_path).test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "not available in production" in result.output


def test_logout_without_a_token_ends_nothing(app, db, provider, clock):
    handler = add_staff(db, "handler@vlinderboom.example", provider)
    client = app.test_client()
    log_in(client, handler, clock.now)
    assert client.post("/staff/logout").status_code == 400
    assert client.post("/staff/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/staff/").status_code == 200  # still signed in
    token = form_fields(client.get("/staff/").data)["csrf_token"]
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/staff/").status_code == 302


# Signed-in requests move a session's last-seen time; that is not a change of state.
SEEN_ONLY = {"last_seen_at"}


def database_state(app) -> dict[str, list[tuple]]:
    """Every row of every table, to compare before and after."""
    with engine_for(app).connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(select(*columns)).all()), key=repr)
            for name, table in SQLModel.metadata.tables.items()
            if (columns := [c for c in table.columns if c.name not in SEEN_ONLY])
        }


# Refused (400, 403, 404, 409, 410, 422) or sent back to a page (302, 303); the
# database comparison proves that nothing happened either way.
REFUSED = {302, 303, 400, 403, 404, 409, 410, 422}


def post_urls(app, complaint_key: str) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.rule.replace("<key>", complaint_key)
        url = url.replace("<action>", "reply").replace("<name>", "about")
        url = url.replace("<slug>", "vlinderboom")
        url = url.replace("<response_id>", "x")
        for name in (
            "member_id",
            "provider_id",
            "municipality_id",
            "organisation_id",
            "mail_id",
            "request_id",
            "arrangement_id",
            "report_id",
        ):
            url = url.replace(f"<int:{name}>", "1")
        assert "<" not in url, url
        urls.append((url, declared_access(app.view_functions[rule.endpoint])))
    return urls


def test_no_post_without_a_csrf_token_changes_anything(app, db, provider, clock):
    file_complaint(app.test_client(), provider.id)
    complaint_key = db.exec(select(Complaint.key)).one()
    admin = add_staff(db, "admin@klankbord.example", None, StaffRole.ADMINISTRATOR)
    handler = add_staff(db, "handler@vlinderboom.example", provider)
    signed_in = {}
    for staff in (admin, handler):
        signed_in[staff.role] = app.test_client()
        clock.advance(seconds=30)
        log_in(signed_in[staff.role], staff, clock.now)
    before = database_state(app)
    anonymous = app.test_client()
    for url, access in post_urls(app, complaint_key):
        response = anonymous.post(url, data={"confirmed": "yes", "action": "send"})
        if access == PUBLIC:
            assert response.status_code in REFUSED, url
        else:
            assert response.status_code == 302, url
            assert "/staff/login" in response.headers["Location"], url
        for client in signed_in.values():
            answered = client.post(url, data={"confirmed": "yes", "action": "send"})
            assert answered.status_code in REFUSED, url
        assert database_state(app) == before, url
    for client in signed_in.values():
        assert client.get("/staff/password").status_code == 200  # nobody was signed out

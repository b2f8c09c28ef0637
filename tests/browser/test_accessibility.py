"""WCAG 2.1 A and AA rules checked by axe-core on the pages people meet."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']}: {node['target']}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


def test_public_pages_meet_wcag_21_aa(page, live_url, provider):
    for path in [
        "/",
        "/privacy",
        "/survey/",
        "/survey/?q=bestaatniet",
        "/complaints/",
        "/complaints/follow",
        "/staff/login",
    ]:
        page.goto(live_url + path)
        assert violations(page) == [], path


def test_forms_with_errors_meet_wcag_21_aa(page, live_url, provider):
    page.goto(live_url + "/survey/p/vlinderboom")
    page.locator("main form .button").click()  # "start the survey" on its start page
    page.get_by_role("button", name="Volgende").click()  # an error summary and a marked field
    assert page.get_by_text("Er is een probleem").is_visible()
    assert violations(page) == []
    page.get_by_label("Ik ben ouder of verzorger").check()
    page.get_by_role("button", name="Volgende").click()
    assert violations(page) == []
    page.goto(live_url + "/complaints/new")
    page.get_by_role("button", name="Volgende").click()
    assert page.get_by_text("Kies de organisatie.").first.is_visible()
    assert violations(page) == []


def test_the_checker_does_find_a_violation(page):
    page.set_content('<html lang="nl"><title>x</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt") for v in violations(page))


def test_staff_pages_meet_wcag_21_aa(page, live_url, app, db, provider):
    import pyotp

    from tests.complaint_helpers import file_complaint
    from tests.conftest import STAFF_PASSWORD, add_staff

    handler = add_staff(db, "klachten@vlinderboom.example", provider)
    file_complaint(app.test_client(), provider.id)
    page.goto(live_url + "/staff/login")
    page.get_by_label("E-mailadres").fill(handler.email)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(handler.totp_secret).now())
    page.get_by_role("button", name="Inloggen").click()
    assert violations(page) == []
    page.get_by_role("link", name=re.compile(r"Klacht \d{4}-0001")).click()
    assert violations(page) == []
    page.get_by_role("button", name="Verstuur antwoord").click()  # empty: an error
    assert violations(page) == []

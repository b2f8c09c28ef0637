"""axe (WCAG 2.1 A and AA) on every public page, in every public language, on a
320 px phone, on a desktop and on a phone with the text at 200 %; no sideways
scrolling on a phone; tap targets of at least 44 px. New public pages: add them to
PAGES (or to a walk below) and they are checked the same way."""

from __future__ import annotations

import pytest

from portal.i18n.languages import PUBLIC_LANGUAGES
from tests.browser.test_accessibility import violations
from tests.browser.test_complaint_browser import shot
from tests.conftest import add_provider

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/privacy",
    "/help",
    "/accessibility",
    "/survey/",
    "/survey/?q=bestaatniet",
    "/survey/p/vlinderboom",
    "/survey/p/horizon",  # codes only
    "/survey/step/care",  # no draft (any more): the friendly notice
    "/survey/thanks",
    "/complaints/",
    "/complaints/follow",
    "/confidant/",
    "/family/",
    "/no-such-page",
]
MODES = {
    "phone": {"width": 320, "height": 640, "text": 1},
    "desktop": {"width": 1280, "height": 900, "text": 1},
    "large-text": {"width": 320, "height": 640, "text": 2},
}
# Every standalone link, button and answer; a link inside a sentence may be smaller.
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input[type=radio], .choice')]
  .filter(e => e.offsetParent !== null)
  .map(e => e.closest('label.choice') || e)
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.height < 44 && !e.closest('p, li, dd, dt'); })
  .map(e => e.outerHTML.slice(0, 80))"""


def large_text(page, factor: int) -> None:
    """The phone's large-text setting: the root font size, which every rem follows.
    (Set through the CSS object model, which the page's CSP allows.)"""
    if factor != 1:
        page.evaluate(f"document.documentElement.style.fontSize = '{factor * 100}%'")


def look(page, mode: str, where: str, problems: list[str]) -> None:
    settings = MODES[mode]
    page.wait_for_load_state()  # after a click, the next page has arrived
    large_text(page, settings["text"])
    if settings["width"] <= 360:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > settings["width"]:
            problems.append(f"{where}: {width} px wide")
    if mode == "phone" and (small := page.evaluate(SMALL_TARGETS)):
        problems.append(f"{where}: small targets {small}")
    problems.extend(f"{where}: {found}" for found in violations(page))


def answer_everything(page) -> None:
    for question in page.locator("fieldset.question").all():
        if not question.locator("input:checked").count():
            question.locator("input[type=radio]").first.check()


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_every_public_page_passes_axe_and_fits(browser, live_url, db, provider, language, mode):
    add_provider(db, "Horizon Jeugdzorg", "horizon", open_link=False)
    settings = MODES[mode]
    context = browser.new_context(
        viewport={"width": settings["width"], "height": settings["height"]}, locale=language
    )
    page = context.new_page()
    page.goto(f"{live_url}/language/{language}")
    problems: list[str] = []
    for path in PAGES:
        page.goto(live_url + path)
        look(page, mode, path, problems)

    # The survey, step by step, with an error on the first step.
    page.goto(live_url + "/survey/p/vlinderboom")
    page.locator("main form .button").click()
    page.locator(".actions .button").first.click()
    look(page, mode, "survey error", problems)
    while "/step/check" not in page.url:
        answer_everything(page)
        page.locator(".actions .button").first.click()
        look(page, mode, page.url.split("/survey")[1], problems)
    if mode == "large-text":
        shot(page, f"survey-check-{language}-320-200pct")

    # The first steps of a complaint and of a question to a confidant, with errors.
    for start in ("/complaints/new", "/confidant/new"):
        page.goto(live_url + start)
        look(page, mode, start, problems)
        page.locator(".actions .button").first.click()
        look(page, mode, start + " error", problems)
    context.close()
    assert not problems, "\n".join(problems)


def test_the_quick_exit_replaces_the_page_in_the_history(browser, live_url, provider):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    # The neutral site, answered locally: the test needs no internet.
    page.route("https://www.google.nl/**", lambda route: route.fulfill(body="<title>x</title>"))
    page.goto(live_url + "/")
    page.goto(live_url + "/confidant/")
    page.locator("a.quick-exit").click()
    page.wait_for_url("https://www.google.nl/")
    page.go_back()
    assert page.url == live_url + "/"  # the confidant page is gone from the history
    context.close()


def test_the_quick_exit_works_without_javascript(browser, live_url, provider):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.route("https://www.google.nl/**", lambda route: route.fulfill(body="<title>x</title>"))
    page.goto(live_url + "/survey/")
    page.locator("a.quick-exit").click()
    page.wait_for_url("https://www.google.nl/")
    context.close()


def test_the_audit_log_fits_a_phone(browser, live_url, db, provider):
    from datetime import UTC, datetime

    import pyotp

    from portal import audit
    from portal.models import StaffRole
    from tests.conftest import STAFF_PASSWORD, add_staff

    admin = add_staff(db, "beheer@klankbord.example", None, StaffRole.ADMINISTRATOR)
    for action in ("create_staff", "create_invitations", "a_rather_long_action_name_here"):
        audit.record(db, admin.id, action, datetime(2026, 11, 23, 9, tzinfo=UTC))
    db.commit()
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = context.new_page()
    page.goto(live_url + "/staff/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(admin.totp_secret).now())
    page.get_by_role("button", name="Inloggen").click()
    page.goto(live_url + "/admin/audit")
    assert page.get_by_text("a_rather_long_action_name_here").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    large_text(page, 2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shot(page, "audit-log-320-200pct")
    assert violations(page) == []
    context.close()

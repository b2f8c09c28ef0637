"""On a 360 px phone with JavaScript off: a youth asks for a trusted contact person
anonymously from their complaint, the confidant replies from the desk, and the youth
reads the reply with the code. The Dutch and English pages pass axe."""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlmodel import select

from portal.models import Municipality
from tests.browser.test_accessibility import violations
from tests.browser.test_complaint_browser import checked, fits, shot
from tests.confidant_helpers import add_confidant, add_service
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def sign_in(browser, live_url, member):
    """The desk in English: the Dutch words of this feature arrive with the catalogs."""
    context = browser.new_context(**PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(live_url + "/staff/login")
    page.get_by_label("E-mail address").fill(member.email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(member.totp_secret).now())
    page.get_by_role("button", name="Log in").click()
    return context, page


def dutch_twin_passes_axe(browser, live_url, page, name: str) -> list[str]:
    """The same page in Dutch, with the same cookies, in a context that runs axe."""
    context = browser.new_context(
        storage_state=page.context.storage_state(), viewport={"width": 360, "height": 740}
    )
    twin = context.new_page()
    twin.goto(live_url + "/language/nl")
    twin.goto(page.url)
    found = violations(twin)
    assert twin.locator("html").get_attribute("lang") == "nl"
    shot(twin, f"confidant-{name}-nl-360")
    context.close()
    return found


def test_youth_asks_from_complaint_confidant_replies_youth_reads_with_code(
    browser, live_url, db, provider
):
    utrecht = db.exec(select(Municipality.id).where(Municipality.name == "Utrecht")).one()
    service = add_service(db, "AKJ Vertrouwenspersonen", [utrecht], national=True)
    confidant = add_confidant(db, service, "vertrouwenspersoon@akj.example")

    context = browser.new_context(**PHONE, locale="en-GB", java_script_enabled=False)
    youth = context.new_page()
    youth.goto(live_url + "/complaints/new")
    youth.get_by_label(provider.name).check()
    youth.get_by_label("I get the help myself").check()
    youth.get_by_role("button", name="Next").click()
    youth.get_by_label("Waiting for help to start").check()
    youth.get_by_role("button", name="Next").click()
    youth.get_by_label("What happened?").fill("Al twaalf weken geen afspraak.")
    youth.get_by_role("button", name="Next").click()
    youth.get_by_label("No, I stay anonymous", exact=False).check()
    youth.get_by_role("button", name="Next").click()
    youth.get_by_role("button", name="Send my complaint").click()
    complaint_code = youth.locator(".receipt-code").inner_text().strip()
    youth.get_by_label("I have saved my code").check()
    youth.get_by_role("button", name="Continue").click()
    youth.get_by_label("Your receipt code").fill(complaint_code)
    youth.get_by_role("button", name="Open my complaint").click()

    assert youth.get_by_text("not the organisation", exact=False).is_visible()
    youth.get_by_role("button", name="Ask a trusted contact person").click()
    assert youth.get_by_label("I get the help myself").is_checked()  # from the complaint
    shot(youth, "confidant-step-you-en-360")
    youth.get_by_role("button", name="Next").click()
    assert youth.get_by_label("No. The trusted contact person", exact=False).is_checked()
    assert youth.get_by_label("A complaint about a care organisation").is_checked()
    assert fits(youth)
    shot(youth, "confidant-step-about-en-360")
    assert checked(browser, youth) == []
    youth.get_by_role("button", name="Next").click()
    youth.get_by_label("What would you like to talk about?").fill(
        "Kan iemand met mij mee naar het gesprek?"
    )
    youth.get_by_role("button", name="Next").click()
    youth.get_by_label("Only here in Klankbord", exact=False).check()
    youth.get_by_role("button", name="Next").click()
    assert youth.get_by_text(
        "Your question goes to AKJ Vertrouwenspersonen", exact=False
    ).is_visible()
    shot(youth, "confidant-check-en-360")
    assert checked(browser, youth) == []
    assert dutch_twin_passes_axe(browser, live_url, youth, "check") == []
    youth.get_by_role("button", name="Send my question").click()
    code = youth.locator(".receipt-code").inner_text().strip()
    assert len(code.replace("-", "")) == 14 and code != complaint_code
    assert youth.locator(".receipt-code").evaluate("e => e.getClientRects().length") == 1
    shot(youth, "confidant-receipt-en-360")
    assert checked(browser, youth) == [] and fits(youth)
    youth.get_by_label("I have saved my code").check()
    youth.get_by_role("button", name="Continue").click()

    desk_context, desk = sign_in(browser, live_url, confidant)
    desk.get_by_role("link", name=re.compile(r"Request \d{4}-0001")).click()
    assert desk.get_by_text("did not allow you to read it", exact=False).is_visible()
    desk.get_by_role("button", name="I take this request").click()
    desk.get_by_label("Message (the requester reads this)").fill(
        "Ja, ik ga graag met je mee. Wanneer is het gesprek?"
    )
    desk.get_by_role("button", name="Send message").click()
    assert desk.get_by_role("status").is_visible() and fits(desk)
    shot(desk, "confidant-desk-request-en-360")
    assert violations(desk) == []
    assert dutch_twin_passes_axe(browser, live_url, desk, "desk-request") == []
    desk.goto(live_url + "/desk/")
    assert violations(desk) == []
    desk_context.close()

    youth.get_by_label("Your receipt code").fill(code.lower())
    youth.get_by_role("button", name="Open my question").click()
    assert youth.get_by_text("Ja, ik ga graag met je mee.", exact=False).is_visible()
    assert youth.get_by_text("In contact").is_visible() and fits(youth)
    shot(youth, "confidant-mine-en-360")
    assert checked(browser, youth) == []
    assert dutch_twin_passes_axe(browser, live_url, youth, "mine") == []
    context.close()


def test_public_confidant_pages_pass_axe_in_dutch_and_english(browser, live_url, db, provider):
    add_service(db, "AKJ Vertrouwenspersonen", national=True)  # no accounts: contact only
    for locale in ("nl-NL", "en-GB"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
        page = context.new_page()
        for path in ("/confidant/", "/confidant/follow", "/confidant/new/you"):
            page.goto(live_url + path)
            assert violations(page) == [], (locale, path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.goto(live_url + "/confidant/")
        shot(page, f"confidant-index-{locale[:2]}-360")
        page.goto(live_url + "/confidant/new")
        page.get_by_role("button").filter(has_text="Next").or_(
            page.get_by_role("button").filter(has_text="Volgende")
        ).first.click()  # nothing chosen: the error summary
        assert violations(page) == [], locale
        context.close()

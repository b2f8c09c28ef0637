"""Arabic on a 360 px phone with JavaScript off: chosen with the switch (a plain link), laid
out right to left without sideways scrolling; the screenshots stay as test artifacts in
instance/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.test_complaint_browser import checked, fits, shot

pytestmark = pytest.mark.browser


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


def test_arabic_pages_read_right_to_left_on_a_phone(browser, phone, live_url, provider):
    phone.goto(live_url + "/")
    phone.get_by_role("link", name="العربية").click()  # the switch works without JavaScript
    html = phone.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert phone.url == live_url + "/"

    # Right to left: the heading starts at the right edge, the back link points right.
    heading = box(phone, "h1")
    assert heading["x"] + heading["width"] > 360 - 24
    assert fits(phone)
    shot(phone, "arabic-home-360")

    phone.goto(live_url + "/complaints/new")
    phone.get_by_label(provider.name).check()
    phone.get_by_label("أنا من يحصل على المساعدة").check()  # "I get the help myself"
    phone.get_by_role("button", name="التالي").click()
    assert phone.locator("html").get_attribute("dir") == "rtl"
    back = box(phone, ".back-link")
    assert back["x"] + back["width"] > 360 - 24, "the back link sits at the start: the right"
    assert fits(phone)
    shot(phone, "arabic-complaint-step-360")

    # The help block's phone numbers keep their order inside Arabic text.
    phone.goto(live_url + "/confidant/")
    akj = phone.locator('a[href="tel:0885551000"]').first
    assert akj.inner_text() == "088-555 1000"
    assert akj.evaluate("a => getComputedStyle(a).unicodeBidi") == "plaintext"
    assert fits(phone)
    shot(phone, "arabic-confidant-360")
    assert checked(browser, phone) == []

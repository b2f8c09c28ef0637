"""A youth files an anonymous complaint on a phone; staff answer with TOTP; the youth reads it."""

from __future__ import annotations

import pyotp
import pytest

from tests.conftest import STAFF_PASSWORD, add_staff

pytestmark = pytest.mark.browser


def test_anonymous_complaint_answered_by_staff_and_read_with_the_code(
    browser, phone, live_url, db, provider
):
    handler = add_staff(db, "klachten@vlinderboom.example", provider)
    youth = phone
    youth.goto(live_url + "/")
    youth.get_by_role("link", name="Een klacht indienen").click()
    youth.get_by_role("link", name="Dien een klacht in").click()
    youth.get_by_label("Over welke organisatie gaat je klacht?").select_option(label=provider.name)
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wachttijd").check()
    youth.get_by_label("Informeel: de aanbieder lost het samen met je op").check()
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wat is er gebeurd?").fill("Al twaalf weken geen afspraak gekregen.")
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_role("button", name="Volgende").click()  # forgot to choose: an error, nothing lost
    assert (
        youth.get_by_role("alert")
        .get_by_text("Kies of we contact met je mogen opnemen.")
        .is_visible()
    )
    youth.get_by_label("Nee, ik blijf anoniem").check()
    youth.get_by_role("button", name="Volgende").click()
    assert youth.get_by_text("Al twaalf weken geen afspraak gekregen.").is_visible()
    assert youth.get_by_text(
        "Zonder de code kun je je klacht niet volgen", exact=False
    ).is_visible()
    youth.get_by_role("button", name="Verstuur mijn klacht").click()
    code = youth.locator(".receipt-code").inner_text().strip()
    assert len(code.replace("-", "")) == 14
    assert youth.evaluate("document.documentElement.scrollWidth") <= 360

    staff_context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    staff = staff_context.new_page()
    staff.goto(live_url + "/staff/login")
    staff.get_by_label("E-mailadres").fill(handler.email)
    staff.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name="Volgende").click()
    staff.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(handler.totp_secret).now())
    staff.get_by_role("button", name="Inloggen").click()
    staff.get_by_role("link", name="Klacht 1", exact=False).click()
    staff.get_by_role("button", name="Ontvangst bevestigen").click()
    assert staff.get_by_text("Opgeslagen.").is_visible()
    assert staff.evaluate("document.documentElement.scrollWidth") <= 360
    staff.get_by_label("Bericht", exact=True).fill(
        "Sorry voor het wachten. We bellen je deze week."
    )
    staff.get_by_role("button", name="Verstuur antwoord").click()
    staff_context.close()

    youth.goto(live_url + "/complaints/follow")
    youth.get_by_label("Je ontvangstcode").fill(code.lower())
    youth.get_by_role("button", name="Open mijn klacht").click()
    assert youth.get_by_text("Sorry voor het wachten. We bellen je deze week.").is_visible()
    assert youth.get_by_text("Ontvangst bevestigd").is_visible()

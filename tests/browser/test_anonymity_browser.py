"""On a 360 px phone with JavaScript off: an anonymous complainant sees what in their
text could give them away, and chooses; the privacy statement opens in one tap."""

from __future__ import annotations

import pytest

from tests.browser.test_complaint_browser import checked, fits, shot

pytestmark = pytest.mark.browser


def test_anonymous_complainant_sees_identifiers_and_removes_them(
    browser, phone, live_url, provider, capfd
):
    youth = phone
    youth.goto(live_url + "/complaints/new")
    youth.get_by_label(provider.name).check()
    youth.get_by_label("Ik krijg zelf de hulp").check()
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wachten tot de hulp begint").check()
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wat is er gebeurd?").fill(
        "Ik heet Sanne Bakker. Bel mij op 06-12345678, al tien weken wacht ik."
    )
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Nee, ik blijf anoniem").check()
    youth.get_by_role("button", name="Volgende").click()

    warning = youth.locator("#identifiers")
    assert warning.get_by_text("Hieraan kunnen ze zien wie je bent").is_visible()
    assert youth.locator("mark", has_text="Sanne Bakker").count() == 2  # listed and in the text
    assert youth.locator("mark", has_text="06-12345678").count() == 2
    assert fits(youth)
    shot(youth, "complaint-identifiers-nl-360")
    assert checked(browser, youth) == []

    youth.get_by_role("link", name="Ja, mijn tekst aanpassen").click()
    story = youth.get_by_label("Wat is er gebeurd?")
    assert story.input_value().startswith("Ik heet Sanne Bakker")  # nothing changed for them
    story.fill("Al tien weken wacht ik op een afspraak.")
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_role("button", name="Volgende").click()
    assert youth.locator("#identifiers").count() == 0
    assert youth.get_by_text("Al tien weken wacht ik op een afspraak.").is_visible()
    # The live server's log has no line for any of these public requests.
    assert "/complaints/new" not in capfd.readouterr().err


def test_privacy_statement_plain_first_full_text_one_tap_away(browser, phone, live_url):
    phone.goto(live_url + "/privacy")
    assert phone.get_by_text("In het kort").is_visible()
    assert not phone.get_by_text("Autoriteit Persoonsgegevens").first.is_visible()
    phone.get_by_text("Lees de volledige privacyverklaring").click()  # <details>, no script
    assert phone.get_by_text("Autoriteit Persoonsgegevens").first.is_visible()
    assert phone.get_by_text("730 dagen").first.is_visible()  # read from the settings
    assert fits(phone)
    shot(phone, "privacy-full-nl-360")
    assert checked(browser, phone) == []

"""On a 360 px phone with JavaScript off: a youth files an anonymous complaint, keeps the
receipt code through a reload and a language switch, the provider answers, the youth takes
it to the complaints committee, which judges; the provider states its measures."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp
import pytest

from portal.models import Organisation, OrganisationKind, StaffRole
from portal.timeutil import dutch_day, utcnow
from tests.browser.test_accessibility import violations
from tests.conftest import STAFF_PASSWORD, add_staff

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "instance" / "screenshots"


def sign_in(browser, live_url, member, button="Inloggen"):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(live_url + "/staff/login")
    page.get_by_label("E-mailadres").fill(member.email)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(member.totp_secret).now())
    page.get_by_role("button", name=button).click()
    return context, page


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def checked(browser, page) -> list[str]:
    """axe needs JavaScript, which the youth's phone has off: open the same address
    with the same cookies in a context that runs it."""
    context = browser.new_context(
        storage_state=page.context.storage_state(), viewport={"width": 360, "height": 740}
    )
    twin = context.new_page()
    twin.goto(page.url)
    found = violations(twin)
    context.close()
    return found


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_informal_answer_then_committee_judgement_then_measures(
    browser, phone, live_url, db, provider
):
    body = Organisation(kind=OrganisationKind.COMMITTEE, name="Klachtencommissie Utrecht")
    db.add(body)
    db.flush()
    provider.committee_id = body.id
    db.add(provider)
    db.commit()
    handler = add_staff(db, "klachten@vlinderboom.example", provider)
    secretary = add_staff(
        db, "secretaris@commissie.example", None, StaffRole.COMMITTEE_SECRETARY, body.id
    )

    youth = phone
    youth.goto(live_url + "/")
    youth.get_by_role("link", name="Een klacht indienen").click()
    youth.get_by_role("link", name="Dien een klacht in").click()
    youth.get_by_label(provider.name).check()
    youth.get_by_label("Ik krijg zelf de hulp").check()
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wachten tot de hulp begint").check()
    youth.get_by_label("Informeel: de organisatie lost het samen met jou op").check()
    youth.get_by_role("button", name="Volgende").click()
    youth.get_by_label("Wat is er gebeurd?").fill("Al twaalf weken geen afspraak gekregen.")
    youth.get_by_role("button", name="Volgende").click()
    youth.wait_for_url("**/complaints/new/contact")  # the redirect landed before going back
    youth.go_back()  # the phone's back gesture: the story is still there
    assert youth.get_by_label("Wat is er gebeurd?").input_value().startswith("Al twaalf")
    youth.go_forward()
    youth.get_by_role("button", name="Volgende").click()  # forgot to choose: an error
    assert youth.get_by_role("alert").get_by_text("Kies of we contact met je mogen").is_visible()
    assert youth.title().startswith("Fout:")
    youth.get_by_label("Nee, ik blijf anoniem").check()
    youth.get_by_role("button", name="Volgende").click()
    assert youth.get_by_text("Al twaalf weken geen afspraak gekregen.").is_visible()
    youth.get_by_role("button", name="Verstuur mijn klacht").click()
    code = youth.locator(".receipt-code").inner_text().strip()
    assert len(code.replace("-", "")) == 14
    assert youth.locator(".receipt-code").evaluate("e => e.getClientRects().length") == 1
    shot(youth, "receipt-nl-360")
    assert checked(browser, youth) == []
    youth.reload()
    assert youth.locator(".receipt-code").inner_text().strip() == code
    youth.get_by_role("link", name="English").click()
    assert youth.locator(".receipt-code").inner_text().strip() == code
    assert fits(youth)
    youth.get_by_label("I have saved my code").check()
    youth.get_by_role("button", name="Continue").click()
    assert youth.get_by_text("Fill in your code here", exact=False).is_visible()

    staff_context, staff = sign_in(browser, live_url, handler)
    staff.get_by_role("link", name=re.compile(r"Klacht \d{4}-0001")).click()
    staff.get_by_role("button", name="Markeer als gelezen").click()
    assert staff.get_by_role("status").get_by_text("gelezen", exact=False).is_visible()
    assert fits(staff)
    staff.get_by_label("Ongegrond").check()
    staff.get_by_label("Onderbouwing (de indiener leest dit)").fill("We zien geen fout.")
    staff.get_by_role("button", name="Antwoord versturen en sluiten").click()
    shot(staff, "staff-complaint-decided-360")
    assert violations(staff) == []

    youth.get_by_label("Your receipt code").fill(code.lower())
    youth.get_by_role("button", name="Open my complaint").click()
    assert youth.get_by_text("We zien geen fout.").is_visible()
    youth.get_by_role("link", name="Go to the complaints committee").click()
    assert checked(browser, youth) == []
    youth.get_by_label("Your name").fill("Sam")
    youth.get_by_label("Your e-mail address").fill("sam@example.nl")
    youth.get_by_role("button", name="Send my complaint to the committee").click()
    assert youth.get_by_text("now with the complaints committee", exact=False).is_visible()

    committee_context, desk = sign_in(browser, live_url, secretary)
    desk.get_by_role("link", name=re.compile(r"Klacht \d{4}-0001")).click()
    desk.get_by_role("button", name="Ontvangst bevestigen aan de indiener").click()
    # The hearing took place today: not before the committee received it, not in the future.
    desk.get_by_label("Datum van de hoorzitting").fill(dutch_day(utcnow()).isoformat())
    desk.get_by_label("Zowel de indiener als de organisatie is gehoord").check()
    desk.get_by_role("button", name="Hoorzitting opslaan").click()
    desk.get_by_label("Waar dit deel van de klacht over gaat").first.fill("De wachttijd")
    desk.get_by_label("Oordeel", exact=True).first.select_option("upheld")
    desk.get_by_label("Motivering (de indiener en de organisatie lezen dit)").fill(
        "Twaalf weken zonder bericht is te lang."
    )
    desk.get_by_role("button", name="Oordeel versturen").click()
    assert desk.get_by_role("status").is_visible() and fits(desk)
    shot(desk, "committee-judged-360")
    assert violations(desk) == []
    committee_context.close()

    staff.goto(live_url + "/staff/")
    staff.get_by_role("link", name=re.compile(r"Klacht \d{4}-0001")).click()
    assert staff.get_by_text("Twaalf weken zonder bericht is te lang.").is_visible()
    staff.get_by_label("Verklaring over maatregelen (de indiener leest dit)").fill(
        "We bellen iedereen op de wachtlijst elke maand."
    )
    staff.get_by_role("button", name="Maatregelen versturen").click()
    staff_context.close()

    youth.reload()
    assert youth.get_by_text("We bellen iedereen op de wachtlijst elke maand.").is_visible()
    assert youth.get_by_text("Founded: the complaint is right").is_visible()
    assert fits(youth)
    shot(youth, "mine-concluded-en-360")
    assert checked(browser, youth) == []

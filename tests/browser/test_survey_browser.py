"""A youth completes the Dutch survey on a phone-sized screen, JavaScript off."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.models import SurveyAnswer, SurveyResponse
from tests.survey_helpers import released

pytestmark = pytest.mark.browser


def test_youth_completes_the_dutch_survey_on_a_phone(phone, live_url, db, provider, tmp_path):
    page = phone
    page.goto(live_url + "/")
    page.get_by_role("link", name="Vul de vragenlijst in").click()
    page.get_by_label("Naam van de organisatie of je gemeente").fill("vlinder")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="De Vlinderboom Jeugdhulp").click()

    assert page.get_by_text("Stap 1 van 5").is_visible()
    page.get_by_role("button", name="Volgende").click()
    assert page.get_by_role("alert").get_by_text("Kies wie deze vragenlijst invult.").is_visible()
    page.get_by_label("Ik ben een jongere (12 jaar of ouder) en krijg hulp").check()
    page.get_by_role("button", name="Volgende").click()

    for question in page.locator("fieldset.question").all():
        question.get_by_label("Eens", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    page.locator("fieldset.question").first.get_by_label("Helemaal eens").check()
    page.get_by_role("button", name="Volgende").click()  # one still open: an error
    assert page.get_by_text("Kies een antwoord").first.is_visible()
    assert page.locator("fieldset.question").first.get_by_label("Helemaal eens").is_checked()
    for question in page.locator("fieldset.question").all():
        if not question.locator("input:checked").count():
            question.get_by_label("Weet ik niet").check()
    page.get_by_role("button", name="Volgende").click()

    page.get_by_label("Heel goed").check()
    page.get_by_label("Wil je ons nog iets vertellen? (mag je overslaan)").fill(
        "Fijne begeleider! Bel me op 0612345678"
    )
    page.get_by_role("button", name="Volgende").click()
    assert page.get_by_role("heading", name="Controleer je antwoorden").is_visible()
    assert "0612345678" not in page.locator("dl.summary").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing sticks out sideways on a phone
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()

    assert page.get_by_role("heading", name="Bedankt, je antwoorden zijn verstuurd").is_visible()
    response = released(db, SurveyResponse).one()  # after the nightly release
    assert response.comment.startswith("Fijne begeleider!") and "0612345678" not in response.comment
    assert len(db.exec(select(SurveyAnswer)).all()) == 8


def test_pages_fit_a_320_pixel_screen_with_large_touch_targets(browser, live_url, provider):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = context.new_page()
    for path in ["/", "/survey/", "/survey/p/vlinderboom", "/privacy"]:
        page.goto(live_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        small = page.evaluate(
            """() => [...document.querySelectorAll('a, button, input[type=radio], label.choice')]
                 .filter(e => e.offsetParent !== null)
                 .map(e => e.closest('label.choice') || e)
                 .filter(e => { const r = e.getBoundingClientRect();
                                return r.height < 44 && !e.closest('p, li, dd'); })
                 .map(e => e.outerHTML.slice(0, 80))"""
        )
        assert not small, (path, small)
    context.close()

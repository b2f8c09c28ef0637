"""A youth completes the survey on a 360 px phone with JavaScript off, in every public
language, using only the labels a screen reader reads out. At every step the back
gesture and a reload keep the answers."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext
from sqlmodel import select

from portal.i18n.languages import PUBLIC_LANGUAGES
from portal.models import AgeBand, CareType, Municipality, SurveyAnswer, SurveyResponse
from tests.browser.test_complaint_browser import checked, fits, shot
from tests.survey_helpers import released

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
# Per question, the first of these labels that the question offers.
ANSWER_LABELS = ("Agree", "Yes", "Two")


def words(app, language: str):
    """The page's words in ``language``, straight from the catalog (English where a
    catalog does not have them yet, as on the page itself)."""

    def t(message: str, **values: object) -> str:
        with app.test_request_context(), force_locale(language):
            return gettext(message, **values)

    return t


def answered(page) -> list[bool]:
    return [q.locator("input:checked").count() == 1 for q in page.locator("fieldset").all()]


def next_step(page, t, url_part: str) -> None:
    """Press "Next", land on the next step, then go back and forward with the phone's
    gesture and reload: the answers of both steps are still there."""
    before = answered(page)
    previous = page.url.split("?")[0]  # an error address turns plain once answered
    page.get_by_role("button", name=t("Next"), exact=True).click()
    page.wait_for_url(f"**/step/{url_part}")  # the redirect landed before going back
    page.go_back()
    assert page.url.split("?")[0] == previous and answered(page) == before, url_part
    page.go_forward()
    page.reload()
    assert page.url.endswith(f"/step/{url_part}")


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_youth_completes_the_survey_on_a_phone_with_labels_only(
    browser, live_url, app, db, provider, language
):
    t = words(app, language)
    zeist = Municipality(name="Zeist", cbs_code="GM0355")
    db.add(zeist)
    db.commit()
    context = browser.new_context(**PHONE, locale=language, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url + "/")
    page.get_by_role("link", name=t("Fill in the survey")).click()
    page.get_by_label(t("Name of the organisation or your municipality")).fill("vlinder")
    page.get_by_role("button", name=t("Search")).click()
    page.get_by_role("link", name="De Vlinderboom Jeugdhulp").click()
    page.get_by_role("button", name=t("Start the survey")).click()

    assert page.get_by_text(t("Step %(number)d of %(total)d", number=1, total=7)).is_visible()
    page.get_by_role("button", name=t("Next"), exact=True).click()  # nothing chosen
    alert = page.get_by_role("alert")
    assert alert.get_by_text(t("Choose who is filling in this survey.")).is_visible()
    assert page.title().startswith(t("Error:"))
    page.get_by_label(t("I am a young person (12 years or older) getting help")).check()
    next_step(page, t, "care")

    chosen = page.get_by_label(t("Which municipality do you live in? (optional)"))
    assert chosen.locator("option").all_inner_texts()[1:] == ["Utrecht"]  # where it works
    # Another municipality is found by typing part of its name; Enter searches.
    search = page.get_by_label(t("Not in the list? Type the name of your municipality"))
    search.fill("Súdwest")
    search.press("Enter")
    page.wait_for_url("**/step/care?place=*")
    assert page.get_by_role("status").is_visible()  # nothing fits "Súdwest"
    search.fill("zeist")
    page.get_by_role("button", name=t("Search"), exact=True).click()
    assert chosen.input_value() == str(zeist.id)  # the one that fits is chosen for them
    assert fits(page)
    shot(page, f"survey-municipality-search-{language}-360")
    page.get_by_label(t("Living in a group or institution")).check()
    page.get_by_label(t("16 or 17 years")).check()
    next_step(page, t, "page1")
    assert page.get_by_role("link", name=t("Back")).get_attribute("href").endswith("/care")

    page.get_by_label("8", exact=True).check()
    next_step(page, t, "page2")
    first, *_others = page.locator("fieldset.question").all()
    first.get_by_label(t("Totally agree"), exact=True).check()
    page.get_by_role("button", name=t("Next"), exact=True).click()  # the others still open
    question = t("My helpers listen to me.").rstrip(".?")
    named = t("Choose an answer for ‘%(question)s’.", question=question)
    assert page.get_by_role("alert").get_by_text(named).is_visible()
    assert page.title().startswith(t("Error:"))
    assert first.get_by_label(t("Totally agree"), exact=True).is_checked()
    for page_name in ("page3", "page4", "check"):
        for fieldset in page.locator("fieldset.question").all():
            if fieldset.locator("input:checked").count():
                continue
            offered = [t(name) for name in ANSWER_LABELS]
            label = next(x for x in offered if fieldset.get_by_label(x, exact=True).count())
            fieldset.get_by_label(label, exact=True).check()
        if page_name == "check":
            page.get_by_label(t("Anything else you want to tell us? (optional)")).fill(
                "Fijne begeleider! Bel me op 0612345678"
            )
        next_step(page, t, page_name)

    assert page.get_by_role("heading", name=t("Check your answers")).is_visible()
    assert "0612345678" not in page.locator("dl.summary").inner_text()
    assert page.get_by_role("term").filter(has_text=t("I feel safe where I live.")).is_visible()
    assert fits(page)
    shot(page, f"survey-check-{language}-360")
    assert checked(browser, page) == []
    page.get_by_role("button", name=t("Send my answers")).click()

    thanks = t("Thank you, your answers have been sent")
    assert page.get_by_role("heading", name=thanks).is_visible()
    assert page.locator("#help-first").count() == 0  # nothing worrying was said
    context.close()
    response = released(db, SurveyResponse).one()  # after the nightly release
    assert response.comment.startswith("Fijne begeleider!") and "0612345678" not in response.comment
    assert (response.municipality_id, response.care_type, response.age_band) == (
        zeist.id,
        CareType.RESIDENTIAL,
        AgeBand.AGE_16_17,
    )
    assert len(db.exec(select(SurveyAnswer)).all()) == 16


def test_a_youth_who_is_not_safe_gets_help_first_on_the_thank_you_page(
    browser, live_url, app, provider
):
    t = words(app, "nl")
    context = browser.new_context(**PHONE, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url + "/survey/p/vlinderboom")
    page.get_by_role("button", name=t("Start the survey")).click()
    page.get_by_label(t("I am a young person (12 years or older) getting help")).check()
    page.get_by_role("button", name=t("Next"), exact=True).click()
    page.get_by_role("button", name=t("Next"), exact=True).click()
    while "/step/check" not in page.url:
        for fieldset in page.locator("fieldset.question").all():
            unsafe = fieldset.get_by_label(t("Disagree"), exact=True)
            (unsafe if unsafe.count() else fieldset.locator("input[type=radio]").first).check()
        page.get_by_role("button", name=t("Next"), exact=True).click()
    page.get_by_role("button", name=t("Send my answers")).click()
    help_first = page.locator("main .help-block")
    assert help_first.is_visible()
    assert re.search(r"0800-0432", help_first.inner_text())
    shot(page, "survey-thanks-help-nl-360")
    assert fits(page)
    context.close()

"""On a 360 px phone with JavaScript off: a parent opens the family page with the code from
the card and confirms the contact person; during an absence the deputy comes first. axe
checks the pages in Dutch and English; the professional's pages are checked too.

Elements are found by id and address, not by their words, so the test holds whatever the
catalogs say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.families import workflow
from portal.families.facts import load
from portal.models import FamilyArrangement, FamilyMember, MemberAnswer
from portal.timeutil import dutch_day, utcnow
from tests.browser.test_complaint_browser import checked, fits, shot, sign_in
from tests.test_family_fixtures import (  # noqa: F401  (fixtures)
    arrange,
    code_of,
    context,
    region_fixture,
)

pytestmark = pytest.mark.browser


def cards_in_order(page) -> list[str]:
    return page.locator("section.card").evaluate_all("cards => cards.map(c => c.id)")


def test_a_parent_confirms_on_a_phone_and_sees_the_deputy_first_during_an_absence(
    browser, phone, live_url, app, db, region
):
    with app.app_context():
        arrangement, handle = arrange(db, region, ctx=context())
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    code = code_of(handle, mama)

    parent = phone
    parent.goto(live_url + "/family/")
    assert parent.locator("html").get_attribute("lang") == "nl"
    parent.locator("#code").fill(code.lower().replace("-", " "))
    parent.locator("main form button[type=submit]").click()
    assert parent.url.endswith("/family/mine")
    assert cards_in_order(parent) == ["contact-card", "deputy-card"]
    assert parent.locator("#contact-card").get_by_text(region.worker.name, exact=True).is_visible()
    assert fits(parent)
    shot(parent, "family-page-nl-360")
    assert checked(browser, parent) == []
    parent.locator("#confirm").click()
    assert parent.get_by_role("status").is_visible()
    db.expire_all()
    assert db.get(FamilyMember, mama.id).answer is MemberAnswer.CONFIRMED

    with app.app_context():
        facts = load(db, db.get(FamilyArrangement, arrangement.id))
        today = dutch_day(utcnow())  # the live server judges absence by the real clock
        away = (today, today + timedelta(days=10))
        workflow.record_absence(db, region.worker, facts, *away, "", context())
        youth = db.exec(select(FamilyMember).where(FamilyMember.name == "J.")).one()
        facts = load(db, db.get(FamilyArrangement, arrangement.id))
        workflow.new_code(db, region.worker, facts, youth.id, context())
    parent.reload()
    assert cards_in_order(parent) == ["deputy-card", "contact-card"]
    assert parent.locator("#new-cards").is_visible()  # the family sees a card was made
    assert (
        parent.locator("#deputy-card")
        .get_by_text(region.kompas_worker.name, exact=True)
        .is_visible()
    )
    shot(parent, "family-page-absence-nl-360")
    assert checked(browser, parent) == []

    parent.get_by_role("link", name="English").click()
    assert parent.locator("html").get_attribute("lang") == "en"
    assert cards_in_order(parent) == ["deputy-card", "contact-card"]
    assert parent.locator("#new-cards").is_visible()
    assert fits(parent)
    shot(parent, "family-page-absence-en-360")
    assert checked(browser, parent) == []
    parent.goto(live_url + "/family/mine/change")
    assert checked(browser, parent) == []


def test_the_professionals_pages_fit_a_phone_and_pass_axe(browser, live_url, app, db, region):
    with app.app_context():
        arrangement, _ = arrange(db, region, ctx=context())
    context_, staff = sign_in(browser, live_url, region.worker)
    for path, name in [
        ("/staff/families/", "families-list"),
        (f"/staff/families/{arrangement.id}", "families-arrangement"),
        ("/staff/families/new", "families-wizard-start"),
    ]:
        staff.goto(live_url + path)
        assert fits(staff), path
        shot(staff, f"{name}-nl-360")
        assert checked(browser, staff) == [], path
    staff.locator("button[value=next]").click()  # nothing chosen: errors
    assert staff.locator(".error-summary").is_visible()
    assert checked(browser, staff) == []
    context_.close()

"""The pages: the wizard, the cards, the arrangement page and the family page, as a
browser uses them (every step redirects; back and reload keep what was typed)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from portal.families import workflow
from portal.families.facts import load
from portal.models import (
    AuditEntry,
    FamilyArrangement,
    FamilyMember,
    FamilyRequest,
    MemberAnswer,
    MemberRole,
)
from tests.complaint_helpers import form_action
from tests.conftest import form_fields, log_in
from tests.test_family_fixtures import (  # noqa: F401  (fixtures)
    arrange,
    code_of,
    context,
    family,
    region_fixture,
)


@pytest.fixture
def client(english_client):
    return english_client


def signed_in(app, staff, clock):
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert log_in(browser, staff, clock.now).status_code == 303
    return browser


def step(client, page, action="next", **fields):
    data = form_fields(page.data, "arrangement")
    data.update(fields)
    data["action"] = action
    response = client.post(form_action(page, "arrangement"), data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return client.get(response.headers["Location"])


def codes_on(page) -> dict[str, str]:
    html = page.get_data(as_text=True)
    names = re.findall(r"<p><strong>([^<]+)</strong>", html)
    codes = re.findall(r'<p class="code">([^<]+)</p>', html)
    return dict(zip(names, codes, strict=True))


def walk_wizard(browser, region, contact_id):
    page = browser.get(browser.get("/staff/families/new").headers["Location"])
    page = step(browser, page, municipality=str(region.utrecht.id), label="Gezin B.")
    assert "De Vlinderboom" in page.get_data(as_text=True)
    rows = form_fields(page.data, "arrangement")
    helpers = {
        key.replace("provider", "helpers"): {
            str(region.vlinder.id): "2",
            str(region.kompas.id): "1",
        }.get(value, "0")
        for key, value in rows.items()
        if key.endswith("-provider")
    }
    page = step(browser, page, **helpers)
    page = step(
        browser,
        page,
        **{
            "members-0-name": "B.",
            "members-0-role": "youth",
            "members-0-born_on": "2014-03-02",
            "members-1-name": "Mama",
            "members-1-role": "parent_with_authority",
            "members-2-name": "Papa",
            "members-2-role": "parent_without_authority",
        },
    )
    return step(
        browser,
        page,
        contact=str(contact_id),
        deputy=str(region.kompas_worker.id),
        absence_rule="",
    )


def test_the_wizard_makes_an_arrangement_and_prints_cards_once(app, db, region, clock):
    browser = signed_in(app, region.worker, clock)
    page = walk_wizard(browser, region, region.outsider.id)  # not in the team
    assert page.status_code == 422
    assert "works at one of the organisations involved" in page.get_data(as_text=True)
    page = step(browser, page, contact=str(region.worker.id), deputy=str(region.kompas_worker.id))
    html = page.get_data(as_text=True)
    assert "Check the arrangement" in html and "decides" in html and "reads along" in html
    back = browser.get("/staff/families/new/family")  # back: everything typed is there
    assert 'value="Papa"' in back.get_data(as_text=True)
    cards = step(browser, page, action="send")
    codes = codes_on(cards)
    assert set(codes) == {"B.", "Mama", "Papa"}
    again = browser.get(cards.request.path)  # reload: the same sheet
    assert codes_on(again) == codes
    arrangement = db.exec(select(FamilyArrangement)).one()
    token = form_fields(cards.data)["csrf_token"]
    unticked = browser.post(cards.request.path, data={"csrf_token": token})
    assert "unticked" in unticked.headers["Location"]
    done = browser.post(cards.request.path, data={"csrf_token": token, "printed": "yes"})
    assert done.headers["Location"].endswith(f"/staff/families/{arrangement.id}")
    assert browser.get(cards.request.path).status_code == 303  # never shown again
    assert browser.get(f"/staff/families/{arrangement.id}").status_code == 200
    actions = {
        e.action for e in db.exec(select(AuditEntry).where(AuditEntry.subject_id == arrangement.id))
    }
    assert {"create_family_arrangement", "family_view", "family_cards"} <= actions


def test_a_youth_under_16_without_a_parent_with_authority_is_a_clear_error(app, region, clock):
    browser = signed_in(app, region.worker, clock)
    page = browser.get(browser.get("/staff/families/new").headers["Location"])
    page = step(browser, page, municipality=str(region.utrecht.id), label="Gezin C.")
    helpers = {
        k.replace("provider", "helpers"): "1"
        for k in form_fields(page.data, "arrangement")
        if k.endswith("-provider")
    }
    page = step(browser, page, **helpers)
    page = step(
        browser,
        page,
        **{
            "members-0-name": "Jan Jansen",
            "members-0-role": "youth",
            "members-0-born_on": "2015-01-01",
        },
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "never a full name" in html and "parent with authority" in html
    more = step(browser, page, action="more", **{"members-0-name": "J."})
    assert 'name="members-5-name"' in more.get_data(as_text=True)


def test_the_wizard_asks_the_date_of_birth_of_every_youth(app, region, clock):
    browser = signed_in(app, region.worker, clock)
    page = browser.get(browser.get("/staff/families/new").headers["Location"])
    page = step(browser, page, municipality=str(region.utrecht.id), label="Gezin D.")
    helpers = {
        k.replace("provider", "helpers"): "1"
        for k in form_fields(page.data, "arrangement")
        if k.endswith("-provider")
    }
    page = step(browser, page, **helpers)
    page = step(
        browser,
        page,
        **{
            "members-0-name": "D.",
            "members-0-role": "youth",
            "members-0-born_on": "2015-01-01",
            "members-1-name": "E.",
            "members-1-role": "youth",
            "members-2-name": "Mama",
            "members-2-role": "parent_with_authority",
        },
    )
    assert page.status_code == 422
    assert "Fill in the date of birth of every youth" in page.get_data(as_text=True)


def test_another_organisations_arrangement_is_not_found(app, db, region, clock):
    arrangement, _ = arrange(db, region)
    path = f"/staff/families/{arrangement.id}"
    outsider = signed_in(app, region.outsider, clock)
    assert outsider.get(path).status_code == 404
    assert outsider.post(f"{path}/end").status_code == 404
    assert outsider.get(f"{path}/cards").status_code == 404
    assert "Gezin J." not in outsider.get("/staff/families/").get_data(as_text=True)
    # the maker and contact person, the deputy, and the local-team coordinator
    for allowed in (region.worker, region.kompas_worker, region.coordinator):
        browser = signed_in(app, allowed, clock)
        assert browser.get(path).status_code == 200, allowed.email
        assert "Gezin J." in browser.get("/staff/families/").get_data(as_text=True)


def test_a_professional_sees_only_the_arrangements_they_are_part_of(app, db, region, clock):
    """Need to know: a colleague at the same organisation, or a local-team professional
    who is not the coordinator, sees neither the page nor the list entry."""
    arrangement, _ = arrange(db, region)
    path = f"/staff/families/{arrangement.id}"
    browsers = {s.id: signed_in(app, s, clock) for s in (region.colleague, region.team_worker)}
    browsers[region.kompas_worker.id] = signed_in(app, region.kompas_worker, clock)
    for nosy in (region.colleague, region.team_worker):
        browser = browsers[nosy.id]
        assert browser.get(path).status_code == 404, nosy.email
        assert browser.get(f"{path}/cards").status_code == 404, nosy.email
        listed = browser.get("/staff/families/").get_data(as_text=True)
        assert "Gezin J." not in listed, nosy.email
    facts = load(db, arrangement)
    # a new deputy sees it from now on; the deputy who was replaced no longer does
    workflow.set_deputy(db, region.worker, facts, region.colleague.id, context())
    assert browsers[region.colleague.id].get(path).status_code == 200
    assert browsers[region.kompas_worker.id].get(path).status_code == 404
    # whoever was contact person or deputy when it ended keeps seeing it
    workflow.end(db, region.worker, load(db, db.get(FamilyArrangement, arrangement.id)), context())
    assert browsers[region.colleague.id].get(path).status_code == 200
    views = db.exec(select(AuditEntry).where(AuditEntry.action == "family_list")).all()
    assert views  # looking at the list is audited


def test_only_the_making_organisation_or_the_coordinator_makes_a_new_card(
    app, client, db, region, clock
):
    arrangement, handle = arrange(db, region)
    path = f"/staff/families/{arrangement.id}"
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    youth = db.exec(select(FamilyMember).where(FamilyMember.name == "J.")).one()
    old_digest = mama.code_digest
    # the deputy works at another organisation: they see the arrangement, not the button
    deputy = signed_in(app, region.kompas_worker, clock)
    page = deputy.get(path)
    assert "New card for" not in page.get_data(as_text=True)
    token = form_fields(page.data)["csrf_token"]
    refused = deputy.post(
        f"{path}/code", data={"code-csrf_token": token, "code-member": str(mama.id)}
    )
    assert refused.status_code == 409
    assert "Only the organisation that made this arrangement" in refused.get_data(as_text=True)
    db.expire_all()
    assert db.get(FamilyMember, mama.id).code_digest == old_digest
    # Mama has her page open with her own card
    open_family_page(client, code_of(handle, mama))
    assert client.get("/family/mine").status_code == 200
    # the coordinator may
    coordinator = signed_in(app, region.coordinator, clock)
    token = form_fields(coordinator.get(path).data)["csrf_token"]
    made = coordinator.post(
        f"{path}/code", data={"code-csrf_token": token, "code-member": str(mama.id)}
    )
    assert made.status_code == 303 and made.headers["Location"].endswith(f"{path}/cards")
    db.expire_all()
    assert db.get(FamilyMember, mama.id).code_digest != old_digest
    # the old card no longer works, and the page opened with it closes too
    assert client.get("/family/mine").status_code == 302
    assert open_family_page(client, code_of(handle, mama)).status_code == 422
    # the rest of the family sees that a new card was made for Mama, and when
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    open_family_page(other, code_of(handle, youth))
    html = other.get("/family/mine").get_data(as_text=True)
    assert "a new card was made for Mama" in html and 'id="new-cards"' in html


def open_family_page(client, code):
    page = client.get(f"/family/?code={code}")
    assert code in page.get_data(as_text=True)  # the QR code fills in the form
    token = form_fields(page.data)["csrf_token"]
    return client.post("/family/", data={"csrf_token": token, "code": code.lower()})


def test_a_parent_opens_the_page_with_the_card_and_confirms(client, db, region, clock):
    _arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    opened = open_family_page(client, code_of(handle, mama))
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/family/mine")
    page = client.get("/family/mine")
    html = page.get_data(as_text=True)
    assert "sanne" in html and "De Vlinderboom" in html and "petra" in html
    assert "Gezin J." not in html  # the staff's label stays with the staff
    token = form_fields(page.data)["csrf_token"]
    done = client.post("/family/mine/confirm", data={"csrf_token": token})
    assert done.status_code == 303
    db.expire_all()
    assert db.get(FamilyMember, mama.id).answer is MemberAnswer.CONFIRMED
    change = client.get("/family/mine/change")
    token = form_fields(change.data)["csrf_token"]
    client.post("/family/mine/change", data={"csrf_token": token, "reason": "Liever Ahmed."})
    assert db.exec(select(FamilyRequest)).one().reason == "Liever Ahmed."


def test_unknown_and_revoked_codes_get_the_same_answer_and_typos_their_own(client, db, region):
    arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    old = code_of(handle, mama)
    facts = load(db, arrangement)
    workflow.new_code(db, region.worker, facts, mama.id, context())
    revoked = open_family_page(client, old)
    unknown = open_family_page(client, code_of("another-handle", mama))
    assert revoked.status_code == unknown.status_code == 422
    message = "We could not open a family page with this code"
    assert message in revoked.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    typo = open_family_page(client, old[:-1] + ("0" if old[-1] != "0" else "1"))
    assert "typing error" in typo.get_data(as_text=True)


def test_code_lookups_are_throttled_per_session(client, db, region):
    _arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    for _ in range(10):
        assert open_family_page(client, code_of("guess", mama)).status_code == 422
    assert open_family_page(client, code_of(handle, mama)).status_code == 429


def test_a_parent_without_authority_reads_but_cannot_confirm(client, db, region):
    _arrangement, handle = arrange(
        db, region, members=family(Papa=MemberRole.PARENT_WITHOUT_AUTHORITY)
    )
    papa = db.exec(select(FamilyMember).where(FamilyMember.name == "Papa")).one()
    open_family_page(client, code_of(handle, papa))
    page = client.get("/family/mine")
    assert "Yes, this person" not in page.get_data(as_text=True)
    token = form_fields(page.data)["csrf_token"]
    refused = client.post("/family/mine/confirm", data={"csrf_token": token})
    assert refused.status_code == 409
    assert db.get(FamilyMember, papa.id).answer is None
    assert client.get("/family/mine/change").status_code == 409


def test_during_an_absence_the_family_sees_the_deputy_first(app, client, db, region, clock):
    arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    open_family_page(client, code_of(handle, mama))
    before = client.get("/family/mine").get_data(as_text=True)
    assert before.index('id="contact-card"') < before.index('id="deputy-card"')
    browser = signed_in(app, region.worker, clock)
    page = browser.get(f"/staff/families/{arrangement.id}")
    token = form_fields(page.data)["csrf_token"]
    today = clock.now.date()
    saved = browser.post(
        f"/staff/families/{arrangement.id}/absence",
        data={
            "absence-csrf_token": token,
            "absence-starts_on": today.isoformat(),
            "absence-ends_on": (today + timedelta(days=14)).isoformat(),
        },
    )
    assert saved.status_code == 303
    during = client.get("/family/mine").get_data(as_text=True)
    assert during.index('id="deputy-card"') < during.index('id="contact-card"')
    assert "is away until" in during


def test_staff_answer_a_change_request_and_the_family_reads_it(app, client, db, region, clock):
    arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    open_family_page(client, code_of(handle, mama))
    change = client.get("/family/mine/change")
    client.post("/family/mine/change", data={"csrf_token": form_fields(change.data)["csrf_token"]})
    request_id = db.exec(select(FamilyRequest.id)).one()
    browser = signed_in(app, region.worker, clock)
    page = browser.get(f"/staff/families/{arrangement.id}")
    assert "10 days left" in page.get_data(as_text=True)
    token = form_fields(page.data)["csrf_token"]
    empty = browser.post(
        f"/staff/families/{arrangement.id}/answer",
        data={"answer-csrf_token": token, "answer-request": str(request_id), "answer-text": ""},
    )
    assert empty.status_code == 422 and "Write your answer" in empty.get_data(as_text=True)
    answered = browser.post(
        f"/staff/families/{arrangement.id}/answer",
        data={
            "answer-csrf_token": token,
            "answer-request": str(request_id),
            "answer-text": "We bellen u morgen.",
        },
    )
    assert answered.status_code == 303
    assert "We bellen u morgen." in client.get("/family/mine").get_data(as_text=True)


HOSTILE = ("", "x" * 10_000, "9" * 40, "-1", "2026-02-30", "\udcff")


def _wire(value: str) -> str | bytes:
    return value.encode("utf-8", "surrogateescape") if "\udcff" in value else value


def test_hostile_input_on_every_family_form_is_a_4xx_never_a_500(app, client, db, region, clock):
    from portal.families.staff_views import ACTIONS

    arrangement, handle = arrange(db, region)
    mama = db.exec(select(FamilyMember).where(FamilyMember.name == "Mama")).one()
    browser = signed_in(app, region.worker, clock)
    token = form_fields(browser.get(f"/staff/families/{arrangement.id}").data)["csrf_token"]
    fields = {
        "person",
        "on",
        "keep_current",
        "reason",
        "request",
        "text",
        "reach",
        "member",
        "starts_on",
        "ends_on",
        "rule",
        "absence_rule",
    }
    failures = []
    for value in HOSTILE:
        for action in [*ACTIONS, "nonsense"]:
            data = {f"{action}-{name}": _wire(value) for name in fields}
            data[f"{action}-csrf_token"] = token
            answer = browser.post(f"/staff/families/{arrangement.id}/{action}", data=data)
            if answer.status_code >= 500:
                failures.append((action, value[:10], answer.status_code))
        for name in ("start", "organisations", "family", "contact", "check"):
            browser.get("/staff/families/new")
            data = {
                "csrf_token": token,
                "action": "send" if name == "check" else "next",
                "municipality": _wire(value),
                "label": _wire(value),
                "organisations-0-provider": _wire(value),
                "organisations-0-helpers": _wire(value),
                "members-0-name": _wire(value),
                "members-0-role": _wire(value),
                "members-0-born_on": _wire(value),
                "contact": _wire(value),
                "deputy": _wire(value),
            }
            answer = browser.post(f"/staff/families/new/{name}", data=data)
            if answer.status_code >= 500:
                failures.append((name, value[:10], answer.status_code))
    open_family_page(client, code_of(handle, mama))
    family_token = form_fields(client.get("/family/mine").data)["csrf_token"]
    for value in HOSTILE:
        for path in ("confirm", "change", "disagree", "email", "parents"):
            data = {"csrf_token": family_token, "reason": _wire(value), "email": _wire(value)}
            data.update(allow=_wire(value), action=_wire(value))
            answer = client.post(f"/family/mine/{path}", data=data)
            if answer.status_code >= 500:
                failures.append((path, value[:10], answer.status_code))
        answer = client.post("/family/", data={"csrf_token": family_token, "code": _wire(value)})
        if answer.status_code >= 500:
            failures.append(("code", value[:10], answer.status_code))
    assert failures == []

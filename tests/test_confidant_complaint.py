"""The confidant inside a complaint: asked from the complaint page, reading it only with
consent, writing in it only with consent to write, consent withdrawn; and providers
never seeing a request or its existence."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from portal.models import (
    Complaint,
    ComplaintConsent,
    ConfidantRequest,
    DigestItem,
    Municipality,
    Organisation,
    OrganisationKind,
    OutboxMail,
    StaffRole,
)
from tests.complaint_helpers import STORY, file_complaint, open_with_code, post_mine
from tests.confidant_helpers import (
    add_confidant,
    add_service,
    desk_act,
    open_request,
    request_step,
    send,
)
from tests.conftest import add_staff, form_fields, log_in

SERVICE = "Vertrouwenswerk Utrecht"
QUESTION = "Kan iemand met mij mee naar het gesprek?"
MARKERS = (SERVICE, QUESTION, "trusted contact", "vertrouwenspersoon", "confidant")


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def service(db, provider):
    """National: the complaints filed here name no municipality."""
    utrecht = db.exec(select(Municipality.id).where(Municipality.name == "Utrecht")).one()
    return add_service(db, SERVICE, [utrecht], national=True)


@pytest.fixture
def confidant(db, service):
    return add_confidant(db, service, "sam@vertrouwenswerk.example")


def english(app, member):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    log_in(client, member)
    return client


def ask_from_complaint(client, consent: str = "none") -> str:
    """On the complaint page: ask a confidant; walk the request; return its code."""
    started = post_mine(client, "confidant")
    assert started.status_code == 303, started.get_data(as_text=True)
    page = client.get(started.headers["Location"])
    assert form_fields(page.data, "request")["role"] == "youth"
    page = request_step(client, page)
    html = page.get_data(as_text=True)
    assert "May the trusted contact person read your complaint?" in html
    assert form_fields(page.data, "request")["consent"] == "none"  # the default is no
    assert form_fields(page.data, "request")["topic"] == "complaint"
    page = request_step(client, page, consent=consent)
    page = request_step(client, page, question=QUESTION)
    page = request_step(client, page, contact="portal")
    return send(client, page)


def test_asked_from_a_complaint_the_page_says_who_was_told_and_when(
    app, db, client, provider, confidant, clock
):
    open_with_code(client, file_complaint(client, provider.id))
    mine = client.get("/complaints/mine").get_data(as_text=True)
    assert f"Only {SERVICE} hears about your question, not the organisation" in mine
    assert "within 3 working days" in mine
    code = ask_from_complaint(client)
    request = db.exec(select(ConfidantRequest)).one()
    complaint = db.exec(select(Complaint)).one()
    assert request.complaint_id == complaint.id and request.provider_id == provider.id
    assert request.complaint_consent is ComplaintConsent.NONE
    db.refresh(complaint)
    assert complaint.confidant_requested_on == request.received_on
    mine = client.get("/complaints/mine").get_data(as_text=True)
    assert f"Only {SERVICE} was told. The organisation was not told." in mine
    assert "Nov 26, 2026" in mine and "Ask a trusted contact person" not in mine
    again = post_mine(client, "confidant")  # a second open question: not from the page
    page = client.get(again.headers["Location"])
    for _ in range(4):
        page = request_step(client, page, question="Nog een", contact="portal")
    sent = request_step(client, page, action="send", follow=False)
    assert sent.status_code == 409 and "already asked" in sent.get_data(as_text=True)
    assert len(db.exec(select(ConfidantRequest)).all()) == 1
    assert code


def test_without_consent_the_confidant_only_knows_there_is_a_complaint(
    app, db, client, provider, confidant, clock
):
    open_with_code(client, file_complaint(client, provider.id))
    ask_from_complaint(client, consent="none")
    request_id = db.exec(select(ConfidantRequest.key)).one()
    desk = english(app, confidant)
    page = desk.get(f"/desk/requests/{request_id}").get_data(as_text=True)
    assert "did not allow you to read it" in page and STORY not in page
    desk_act(desk, request_id, "claim")
    assert desk_act(desk, request_id, "complaint_message", body="Hallo").status_code == 409


def test_consent_to_read_then_to_write_then_withdrawn(app, db, client, provider, confidant, clock):
    complaint_code = file_complaint(client, provider.id)
    open_with_code(client, complaint_code)
    request_code = ask_from_complaint(client, consent="read")
    request_id = db.exec(select(ConfidantRequest.key)).one()
    desk = english(app, confidant)
    desk_act(desk, request_id, "claim")
    page = desk.get(f"/desk/requests/{request_id}").get_data(as_text=True)
    assert STORY in page and "Write in the complaint" not in page
    assert desk_act(desk, request_id, "complaint_message", body="Hoi").status_code == 409

    youth = app.test_client()
    youth.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    open_request(youth, request_code)
    changed = post_mine_request(youth, "consent", consent="write")
    assert changed.status_code == 303
    written = desk_act(desk, request_id, "complaint_message", body="Ik help deze jongere.")
    assert written.status_code == 303
    open_with_code(client, complaint_code)
    mine = client.get("/complaints/mine").get_data(as_text=True)
    assert "Your trusted contact person" in mine and "Ik help deze jongere." in mine

    assert post_mine_request(youth, "consent", consent="none").status_code == 303
    page = desk.get(f"/desk/requests/{request_id}").get_data(as_text=True)
    assert STORY not in page and "did not allow you to read it" in page
    assert desk_act(desk, request_id, "complaint_message", body="Nog").status_code == 409
    assert post_mine_request(youth, "consent").status_code == 422  # nothing chosen


def post_mine_request(client, path: str, **fields: str):
    page = client.get("/confidant/mine")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    return client.post(f"/confidant/mine/{path}", data={"csrf_token": token, **fields})


@pytest.mark.parametrize("consent", ["none", "read", "write"])
def test_providers_never_see_a_request_or_its_existence(
    app, db, client, provider, confidant, clock, consent
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
    formal = {"kind": "formal", "contact": "email", "email": "sam@example.nl", "name": "Sam"}
    open_with_code(client, file_complaint(client, provider.id, **formal))
    before = {(d.recipient, d.subject_ref) for d in db.exec(select(DigestItem))}
    ask_from_complaint(client, consent=consent)
    complaint_key = db.exec(select(Complaint.key)).one()
    after = {(d.recipient, d.subject_ref) for d in db.exec(select(DigestItem))}
    assert {r for r, _ in after - before} == {confidant.email}
    assert not [m for m in db.exec(select(OutboxMail)) if m.recipient == handler.email]
    opened: set[str] = set()
    for member, areas in ((handler, ("staff",)), (secretary, ("committee",))):
        seen = english(app, member)
        for rule in app.url_map.iter_rules():
            if rule.endpoint.split(".")[0] not in areas or "GET" not in rule.methods:
                continue
            url = rule.rule.replace("<key>", complaint_key)
            if "<" in url:
                continue
            response = seen.get(url)
            assert response.status_code in (200, 302, 303), url
            html = response.get_data(as_text=True)
            html = html[html.find("<main") : html.find("</main>")]  # the footer links /confidant/
            opened.add(url)
            for marker in MARKERS:
                assert marker.lower() not in html.lower(), (url, marker)
    assert {
        f"/staff/complaints/{complaint_key}",
        f"/committee/complaints/{complaint_key}",
    } <= opened

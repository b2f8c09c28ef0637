"""Asking a trusted contact person (confidant): the public page, the request wizard,
routing by municipality, the receipt code and the anonymous thread."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from portal.confidant import routing
from portal.models import (
    ConfidantRequest,
    DigestItem,
    Municipality,
    OutboxMail,
    RequestOutcome,
    RequestStatus,
)
from tests.confidant_helpers import (
    QUESTION,
    add_confidant,
    add_service,
    ask,
    desk_act,
    fill_request,
    open_request,
    post_mine,
    request_step,
    send,
)
from tests.conftest import form_fields, log_in
from tests.test_page_weight import LIMIT, weight
from tests.test_page_weight import national as national_scale  # noqa: F401  (a fixture)


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def utrecht(db, provider) -> int:
    return db.exec(select(Municipality.id).where(Municipality.name == "Utrecht")).one()


@pytest.fixture
def zeist(db) -> int:
    place = Municipality(name="Zeist", cbs_code="GM0355")
    db.add(place)
    db.commit()
    return place.id


@pytest.fixture
def regional(db, utrecht):
    service = add_service(db, "Vertrouwenswerk Utrecht", [utrecht], phone="030-111 2222")
    add_confidant(db, service, "vp@utrecht.example")
    return service


@pytest.fixture
def national(db):
    service = add_service(db, "AKJ Vertrouwenspersonen", national=True)
    add_confidant(db, service, "vp@akj.example")
    return service


def test_public_page_explains_and_names_the_service_of_the_municipality(
    client, regional, national, utrecht, zeist
):
    page = client.get("/confidant/").get_data(as_text=True)
    assert "Listen to your story" in page and "0800-2000" in page and "0800-0432" in page
    assert "AKJ Vertrouwenspersonen" in page  # no municipality chosen: the national service
    mine = client.get(f"/confidant/?municipality={utrecht}").get_data(as_text=True)
    assert "Vertrouwenswerk Utrecht" in mine and "030-111 2222" in mine and "ma-vr 9-17" in mine
    assert "within 3 working days" in mine and f"/confidant/new?municipality={utrecht}" in mine
    uncovered = client.get(f"/confidant/?municipality={zeist}").get_data(as_text=True)
    assert "AKJ Vertrouwenspersonen" in uncovered
    assert client.get("/confidant/?municipality=x%ff").status_code == 200
    assert "/confidant/" in client.get("/").get_data(as_text=True)  # linked from every page


def test_routing_by_municipality_with_the_national_fallback(db, app, regional, utrecht, zeist):
    assert routing.service_for(db, utrecht).id == regional.id
    assert routing.service_for(db, zeist) is None  # no national service yet
    assert routing.service_for(db, None) is None
    akj = add_service(db, "AKJ", national=True)
    assert routing.service_for(db, zeist).id == akj.id
    assert routing.service_for(db, None).id == akj.id
    assert routing.service_for(db, utrecht).id == regional.id
    other = add_service(db, "Ander", national=True)  # one national service at a time
    assert routing.service_for(db, None).id == other.id


def test_anonymous_request_read_and_answered_with_the_code(
    app, db, client, regional, utrecht, clock
):
    check = fill_request(client, utrecht, topic="local_team")
    assert "Vertrouwenswerk Utrecht" in check.get_data(as_text=True)
    code = send(client, check)
    stored = db.exec(select(ConfidantRequest)).one()
    assert stored.service_id == regional.id and stored.status is RequestStatus.NEW
    assert stored.received_on == date(2026, 11, 23)  # a Monday
    assert stored.first_contact_due_on == date(2026, 11, 26)  # three working days
    assert stored.contact_email is None and stored.contact_phone is None
    assert code.replace("-", "") not in str(stored.model_dump())

    assert open_request(client, code.lower()).status_code == 303
    mine = client.get("/confidant/mine").get_data(as_text=True)
    assert QUESTION in mine and "No answer yet" in mine and "Nov 26, 2026" in mine
    assert post_mine(client, "write", body="Ik ben 15.").status_code == 303

    confidant = add_confidant(db, regional, "tweede@utrecht.example")
    desk = app.test_client()
    log_in(desk, confidant)
    assert desk_act(desk, stored.key, "claim").status_code == 303
    assert desk_act(desk, stored.key, "reply", body="Ik bel je morgen.").status_code == 303
    mine = client.get("/confidant/mine").get_data(as_text=True)
    assert "Ik ben 15." in mine and "Ik bel je morgen." in mine and "In contact" in mine

    assert client.get("/confidant/mine/withdraw").status_code == 200  # are you sure?
    done = post_mine(client, "withdraw", confirmed="yes")
    assert done.status_code == 303
    db.refresh(stored)
    assert stored.status is RequestStatus.CLOSED and stored.outcome is RequestOutcome.WITHDRAWN
    assert post_mine(client, "write", body="Nog iets").status_code == 409


def test_the_requester_is_never_timed_and_the_desk_hears_only_in_the_digest(
    db, client, regional, utrecht, clock
):
    code = ask(client, municipality=utrecht)
    open_request(client, code)
    post_mine(client, "write", body="Nog een vraag.")
    for table in ("confidantrequest", "confidantmessage", "confidantaccess"):
        columns = SQLModel.metadata.tables[table].columns
        assert not any(isinstance(c.type, sa.DateTime) for c in columns), table
    assert db.exec(select(OutboxMail)).all() == []  # nothing mailed at the moment of asking
    news = db.exec(select(DigestItem)).all()
    assert {(n.recipient, n.area) for n in news} == {("vp@utrecht.example", "desk")}


def test_the_cookie_holds_neither_the_code_nor_the_request(app, client, regional, utrecht):
    code = ask(client, municipality=utrecht)
    open_request(client, code)
    cookie = client.get_cookie("klankbord").value
    data = app.session_interface.get_signing_serializer(app).loads(cookie)
    text = str(data)
    assert code not in text and code.replace("-", "") not in text
    assert "id" not in data.get("confidant_access", {})
    token = form_fields(client.get("/confidant/mine").data)["csrf_token"]
    assert client.post("/confidant/leave", data={"csrf_token": token}).status_code == 303
    assert client.get("/confidant/mine").status_code == 302  # the token is gone on the server


def test_contact_choices_each_ask_what_they_need(client, regional, utrecht):
    check = fill_request(client, utrecht)  # only in the portal: allowed
    page = client.get("/confidant/new/contact")
    wrong = request_step(client, page, contact="email", email="geen-adres")
    assert wrong.status_code == 422 and "e-mail address like" in wrong.get_data(as_text=True)
    wrong = request_step(client, page, contact="callback", phone="0612345678")
    assert wrong.status_code == 422 and "Choose when they may call" in wrong.get_data(as_text=True)
    ok = request_step(client, page, contact="callback", phone="0612345678", window="morning")
    assert "In the morning" in ok.get_data(as_text=True) and check.status_code == 200


def test_back_reload_and_a_replayed_form_lose_nothing_and_show_no_code_twice(
    client, regional, utrecht
):
    check = fill_request(client, utrecht, question="Eerste versie")
    back = client.get("/confidant/new/question")
    assert "Eerste versie" in back.get_data(as_text=True)
    code = send(client, check, save=False)
    assert code in client.get("/confidant/receipt").get_data(as_text=True)  # a reload
    assert code in client.get("/language/nl?next=/confidant/receipt", follow_redirects=True).text
    text = client.get("/confidant/receipt.txt")
    assert (
        code in text.get_data(as_text=True) and "attachment" in text.headers["Content-Disposition"]
    )
    page = client.get("/confidant/receipt")
    client.post("/confidant/receipt", data={**form_fields(page.data), "saved": "y"})
    assert client.get("/confidant/receipt").status_code == 303
    replay = request_step(client, check, action="send", follow=False)
    assert replay.status_code == 410


def test_a_service_without_accounts_shows_its_contact_details_only(db, client, utrecht):
    add_service(db, "Vertrouwenswerk zonder accounts", [utrecht], phone="030-999 0000")
    page = client.get(f"/confidant/?municipality={utrecht}").get_data(as_text=True)
    assert "030-999 0000" in page and "does not answer questions in Klankbord" in page
    assert "/confidant/new" not in page
    started = client.get(client.get("/confidant/new").headers["Location"])
    about = request_step(client, started, role="parent", municipality=str(utrecht))
    html = about.get_data(as_text=True)
    assert "030-999 0000" in html and 'value="next"' not in html
    back = request_step(client, about, action="back")
    assert form_fields(back.data, "request")["role"] == "parent"  # nothing typed is lost


def test_no_service_at_all_gives_the_national_phone_number(client, provider, utrecht):
    page = client.get("/confidant/").get_data(as_text=True)
    assert "088-555 1000" in page and "/confidant/new" not in page


def test_unknown_and_mistyped_codes_get_one_clear_message(client, regional, utrecht):
    ask(client, municipality=utrecht)
    for wrong in ("ABCDE-FGHJK-MNPQ", "nonsense", "7KQ2M-XH4TD-9PW3"):
        page = open_request(client, wrong)
        assert page.status_code == 422
        assert "could not open a question with this code" in page.get_data(as_text=True)
    assert client.get("/confidant/mine").status_code == 302


@pytest.mark.usefixtures("national_scale")
def test_public_confidant_pages_stay_light_at_national_scale(db, client):
    add_confidant(db, add_service(db, "AKJ", national=True), "vp@akj.example")
    pages = {path: client.get(path) for path in ("/confidant/", "/confidant/?municipality=17")}
    started = client.get(client.get("/confidant/new").headers["Location"])
    pages["/confidant/new/you"] = started
    pages["/confidant/new/about"] = request_step(client, started, role="parent", municipality="17")
    for path, response in pages.items():
        assert response.status_code == 200, path
        assert weight(client, response) <= LIMIT, (path, weight(client, response))

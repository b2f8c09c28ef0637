"""The confidant desk (/desk/): the queue of the own service, taking and (re)assigning,
messages, closing, the audit log, reminders once per target, and another service's
request being not found."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from portal.confidant import jobs
from portal.confidant.context import from_app
from portal.models import (
    AuditEntry,
    ConfidantRequest,
    Municipality,
    OutboxMail,
    RequestOutcome,
    RequestStatus,
    StaffRole,
)
from portal.security import accounts
from tests.confidant_helpers import add_confidant, add_service, ask, desk_act, open_request
from tests.conftest import add_staff, log_in


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def utrecht(db, provider) -> int:
    return db.exec(select(Municipality.id).where(Municipality.name == "Utrecht")).one()


@pytest.fixture
def service(db, utrecht):
    return add_service(db, "Vertrouwenswerk Utrecht", [utrecht])


@pytest.fixture
def confidant(db, service):
    return add_confidant(db, service, "sam@vertrouwenswerk.example")


@pytest.fixture
def coordinator(db, service):
    return add_confidant(db, service, "co@vertrouwenswerk.example", StaffRole.CONFIDANT_COORDINATOR)


def asked(app, utrecht, **options) -> ConfidantRequest:
    ask(app.test_client(), municipality=utrecht, **options)
    from sqlmodel import Session

    from portal.db import engine_for

    with Session(engine_for(app), expire_on_commit=False) as db:
        return db.exec(select(ConfidantRequest).order_by(ConfidantRequest.id.desc())).first()


def signed_in(app, member):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    log_in(client, member)
    return client


def test_sign_in_leads_to_the_queue_new_first_then_by_target(app, db, confidant, utrecht, clock):
    first = asked(app, utrecht)
    clock.advance(days=1)
    second = asked(app, utrecht, topic="safety")
    desk = app.test_client()
    desk.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    done = log_in(desk, confidant)
    assert done.headers["Location"].endswith("/desk/")
    page = desk.get("/desk/").get_data(as_text=True)
    first_at, second_at = (page.index(f"Request {r.reference}") for r in (first, second))
    assert first_at < second_at  # by target
    db.get(ConfidantRequest, first.id).status = RequestStatus.ASSIGNED
    db.commit()
    page = desk.get("/desk/").get_data(as_text=True)
    first_at, second_at = (page.index(f"Request {r.reference}") for r in (first, second))
    assert second_at < first_at  # new first
    assert "I do not feel safe" in page and page.count('class="badge"') == 1


def test_claim_reply_note_contact_and_close_each_audited(app, db, confidant, utrecht, clock):
    req = asked(app, utrecht, contact="email", email="ouder@example.nl")
    desk = signed_in(app, confidant)
    page = desk.get(f"/desk/requests/{req.key}").get_data(as_text=True)
    assert "ouder@example.nl" in page and "I take this request" in page
    assert "Write to the requester" not in page  # a confidant works on their own requests
    assert desk_act(desk, req.key, "reply", body="Hallo").status_code == 409
    assert desk_act(desk, req.key, "claim").status_code == 303
    assert desk_act(desk, req.key, "note", body="Intern: eerst bellen").status_code == 303
    assert desk_act(desk, req.key, "reply", body="").status_code == 422
    clock.advance(days=2)
    desk = signed_in(app, confidant)  # a new day, a new sign-in
    assert desk_act(desk, req.key, "reply", body="Ik help je graag.").status_code == 303
    stored = db.get(ConfidantRequest, req.id)
    db.refresh(stored)
    assert stored.status is RequestStatus.IN_CONTACT and stored.days_to_first_contact == 2
    mail = db.exec(select(OutboxMail).where(OutboxMail.recipient == "ouder@example.nl")).one()
    assert "Ik help" not in mail.body and "/confidant/follow" in mail.body
    assert desk_act(desk, req.key, "contact").status_code == 409  # first contact was made
    assert desk_act(desk, req.key, "close", outcome="information").status_code == 303
    db.refresh(stored)
    assert stored.outcome is RequestOutcome.INFORMATION and stored.closed_on == date(2026, 11, 25)
    entries = db.exec(select(AuditEntry).where(AuditEntry.subject_type == "confidantrequest"))
    assert [(e.action, e.subject_id, e.staff_id) for e in entries] == [
        (action, req.id, confidant.id) for action in ("claim", "note", "reply", "close")
    ]
    youth = app.test_client()
    assert "Intern: eerst bellen" not in youth.get("/confidant/mine").get_data(as_text=True)


def test_another_services_request_is_not_found(app, db, confidant, utrecht, clock):
    other = add_service(db, "Elders", national=True)
    stranger = add_confidant(db, other, "vp@elders.example")
    req = asked(app, utrecht)
    desk = signed_in(app, stranger)
    assert desk.get(f"/desk/requests/{req.key}").status_code == 404
    assert desk.post("/desk/requests/0/claim").status_code == 404
    response = desk.post(f"/desk/requests/{req.key}/claim", data={})
    assert response.status_code == 404
    assert f"Request {req.reference}" not in desk.get("/desk/").get_data(as_text=True)
    assert desk.get("/desk/requests/99999999999999999999").status_code == 404


def test_provider_staff_and_the_public_cannot_open_the_desk(app, db, provider, confidant):
    assert app.test_client().get("/desk/").status_code == 302
    handler = signed_in(app, add_staff(db, "klachten@vlinderboom.example", provider))
    assert handler.get("/desk/").status_code == 403
    assert handler.get("/desk/services").status_code == 403


def test_a_confidant_who_left_gives_the_request_back_to_the_coordinator(
    app, db, confidant, coordinator, utrecht, clock
):
    req = asked(app, utrecht)
    desk = signed_in(app, confidant)
    desk_act(desk, req.key, "claim")
    admin = add_staff(db, "beheer@klankbord.example", None, StaffRole.ADMINISTRATOR)
    accounts.deactivate(db, admin, confidant.id, clock.now)
    lead = signed_in(app, coordinator)
    queue = lead.get("/desk/?show=unassigned").get_data(as_text=True)
    assert f"Request {req.reference}" in queue and "Needs a new trusted contact person" in queue
    page = lead.get(f"/desk/requests/{req.key}").get_data(as_text=True)
    assert "has left" in page
    colleague = add_confidant(
        db, coordinator_service(db, coordinator), "kim@vertrouwenswerk.example"
    )
    assert desk_act(lead, req.key, "assign", assignee=str(confidant.id)).status_code == 422
    assert desk_act(lead, req.key, "assign", assignee=str(colleague.id)).status_code == 303
    handed = db.exec(select(OutboxMail).where(OutboxMail.recipient == colleague.email)).one()
    assert f"/desk/requests/{req.key}" in handed.body
    unassigned = lead.get("/desk/?show=unassigned").get_data(as_text=True)
    assert f"Request {req.reference}" not in unassigned


def coordinator_service(db, coordinator):
    from portal.models import Organisation

    return db.get(Organisation, coordinator.organisation_id)


def test_a_first_contact_reminder_goes_once_per_target(
    app, db, confidant, coordinator, utrecht, clock
):
    req = asked(app, utrecht)  # Monday 23 November: target Thursday 26 November
    with app.app_context():
        assert jobs.send_first_contact_reminders(db, from_app()) == 0
        clock.advance(days=2)  # Wednesday: one working day before the target
        assert jobs.send_first_contact_reminders(db, from_app()) == 1
        assert jobs.send_first_contact_reminders(db, from_app()) == 0
        clock.advance(days=3)
        assert jobs.send_first_contact_reminders(db, from_app()) == 0
    reminders = db.exec(select(OutboxMail).where(OutboxMail.body.contains(req.key)))
    assert [m.recipient for m in reminders] == [coordinator.email]  # nobody took it yet
    desk = signed_in(app, confidant)
    desk_act(desk, req.key, "claim")
    desk_act(desk, req.key, "contact")
    stored = db.get(ConfidantRequest, req.id)
    db.refresh(stored)
    assert stored.status is RequestStatus.IN_CONTACT and stored.first_contact_on


def test_the_requester_reads_the_reply_and_the_desk_never_sees_the_code(
    app, db, client, confidant, utrecht, clock
):
    from tests.confidant_helpers import fill_request, send

    code = send(client, fill_request(client, utrecht))
    req = db.exec(select(ConfidantRequest)).one()
    desk = signed_in(app, confidant)
    desk_act(desk, req.key, "claim")
    page = desk.get(f"/desk/requests/{req.key}").get_data(as_text=True)
    assert code not in page and code.replace("-", "") not in page
    desk_act(desk, req.key, "reply", body="Bel me gerust.")
    open_request(client, code)
    assert "Bel me gerust." in client.get("/confidant/mine").get_data(as_text=True)


def test_the_administrator_sets_coverage_national_and_target(app, db, utrecht, service, clock):
    admin = add_staff(db, "beheer@klankbord.example", None, StaffRole.ADMINISTRATOR)
    lead = signed_in(app, admin)
    listing = lead.get("/desk/services").get_data(as_text=True)
    assert "Vertrouwenswerk Utrecht" in listing and "No active trusted contact people" in listing
    from tests.conftest import form_fields

    page = lead.get(f"/desk/services/{service.id}")
    data = {**form_fields(page.data), "first_contact_days": "12"}
    assert lead.post(f"/desk/services/{service.id}", data=data).status_code == 422
    data.update(first_contact_days="5", national="y", municipalities=[])
    assert lead.post(f"/desk/services/{service.id}", data=data).status_code == 303
    from portal.confidant import routing

    settings = routing.settings_of(db, service.id, 3)
    db.refresh(settings)
    assert settings.national and settings.first_contact_days == 5
    assert routing.covered(db, service.id) == []
    audit = db.exec(select(AuditEntry).where(AuditEntry.action == "edit_confidant_service")).one()
    assert audit.staff_id == admin.id
    assert lead.get("/desk/services/99999").status_code == 404


def test_the_rules_table_per_status_and_role():
    from portal.confidant.rules import Action as A
    from portal.confidant.rules import Actor, Situation, allowed
    from portal.models import ComplaintConsent

    new = ConfidantRequest(status=RequestStatus.NEW, complaint_consent=ComplaintConsent.NONE)
    me = Situation(staff_id=7)
    assert allowed(new, Actor.CONFIDANT, me) == {A.CLAIM, A.NOTE}
    assert allowed(new, Actor.COORDINATOR, me) == {
        A.CLAIM,
        A.ASSIGN,
        A.CONTACT,
        A.REPLY,
        A.NOTE,
        A.CLOSE,
    }
    assert allowed(new, Actor.REQUESTER, Situation()) == {A.WRITE, A.WITHDRAW}
    mine = ConfidantRequest(
        status=RequestStatus.ASSIGNED,
        assigned_to=7,
        complaint_id=3,
        complaint_consent=ComplaintConsent.WRITE,
    )
    working = Situation(staff_id=7, assignee_active=True, complaint_open=True)
    assert allowed(mine, Actor.CONFIDANT, working) == {
        A.CONTACT,
        A.REPLY,
        A.NOTE,
        A.COMPLAINT_MESSAGE,
        A.CLOSE,
    }
    colleague = Situation(staff_id=8, assignee_active=True, complaint_open=True)
    assert allowed(mine, Actor.CONFIDANT, colleague) == {A.NOTE}
    left = Situation(staff_id=8, assignee_active=False, complaint_open=True)
    assert A.CLAIM in allowed(mine, Actor.CONFIDANT, left)
    mine.status = RequestStatus.CLOSED
    assert allowed(mine, Actor.REQUESTER, Situation()) == {A.CONSENT}
    assert allowed(mine, Actor.CONFIDANT, working) == {A.NOTE}


def test_a_coordinator_answering_a_request_nobody_had_takes_it(
    app, db, coordinator, utrecht, clock
):
    req = asked(app, utrecht)
    lead = signed_in(app, coordinator)
    assert desk_act(lead, req.key, "reply", body="Ik pak dit op.").status_code == 303
    stored = db.get(ConfidantRequest, req.id)
    db.refresh(stored)
    assert stored.assigned_to == coordinator.id and stored.status is RequestStatus.IN_CONTACT

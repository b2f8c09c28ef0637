"""The administrator's outbox page: states, masked addresses and errors, never the
mail's text; resend and mark resolved (CSRF-protected, audited); the home's banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.messaging import mail
from portal.models import AuditEntry, OutboxMail, StaffRole
from portal.models.operations import OutboxState
from tests.conftest import add_staff, form_fields, log_in

BODY = "Geheime inhoud van de klacht"


@pytest.fixture
def admin_client(client, db, clock):
    admin = add_staff(db, "admin@klankbord.example", None, StaffRole.ADMINISTRATOR)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # independent of the catalogs
    log_in(client, admin, clock.now)
    return client


def add_mail(db, recipient: str, state: OutboxState, at, error: str | None = None) -> int:
    mail.queue(db, recipient, "Onderwerp dat niet getoond wordt", BODY, at)
    db.commit()
    row = db.exec(select(OutboxMail).where(OutboxMail.recipient == recipient)).one()
    row.state, row.last_error = state, error
    if state is OutboxState.FAILED:
        row.attempts = 3
    db.add(row)
    db.commit()
    return row.id


def outbox_actions(db) -> list[str]:
    actions = [entry.action for entry in db.exec(select(AuditEntry).order_by(AuditEntry.id))]
    return [action for action in actions if action.endswith("_mail")]


def test_the_list_shows_state_and_error_but_no_content_and_a_masked_address(
    admin_client, db, clock
):
    add_mail(db, "jan@example.org", OutboxState.FAILED, clock.now, "550 5.1.1 j***@example.org")
    add_mail(db, "piet@example.org", OutboxState.QUEUED, clock.now)
    html = admin_client.get("/admin/outbox").get_data(as_text=True)
    assert "j***@example.org" in html and "p***@example.org" in html
    assert "jan@example.org" not in html and "piet@example.org" not in html
    assert BODY not in html and "Onderwerp" not in html
    assert "550 5.1.1" in html and "Failed" in html and "Waiting" in html
    assert html.index("j***@example.org") < html.index("p***@example.org")  # failed first
    assert "Send again" in html  # only for the failed one
    assert html.count('name="mail_id"') == 2  # resend and resolve of the failed mail


def test_resend_queues_the_mail_again_with_the_same_message_id_and_is_audited(
    admin_client, db, clock
):
    failed = add_mail(db, "jan@example.org", OutboxState.FAILED, clock.now - timedelta(days=6))
    message_id = db.get(OutboxMail, failed).message_id
    token = form_fields(admin_client.get("/admin/outbox").data)["csrf_token"]
    assert admin_client.post("/admin/outbox/resend", data={"mail_id": failed}).status_code == 400
    done = admin_client.post("/admin/outbox/resend", data={"mail_id": failed, "csrf_token": token})
    assert done.status_code == 303
    db.expire_all()
    row = db.get(OutboxMail, failed)
    assert row.state is OutboxState.QUEUED and row.attempts == 0
    assert row.message_id == message_id and row.created_at == clock.now  # a new retry window
    assert outbox_actions(db) == ["resend_mail"]
    # A second click finds nothing failed: no change, no second audit entry.
    admin_client.post("/admin/outbox/resend", data={"mail_id": failed, "csrf_token": token})
    assert outbox_actions(db) == ["resend_mail"]


def test_mark_resolved_moves_it_out_of_the_open_list(admin_client, db, clock):
    failed = add_mail(db, "jan@example.org", OutboxState.FAILED, clock.now)
    token = form_fields(admin_client.get("/admin/outbox").data)["csrf_token"]
    admin_client.post("/admin/outbox/resolve", data={"mail_id": failed, "csrf_token": token})
    db.expire_all()
    assert db.get(OutboxMail, failed).state is OutboxState.RESOLVED
    assert "j***@example.org" not in admin_client.get("/admin/outbox").get_data(as_text=True)
    resolved = admin_client.get("/admin/outbox?show=resolved").get_data(as_text=True)
    assert "j***@example.org" in resolved
    assert outbox_actions(db) == ["resolve_mail"]


def test_the_list_is_paginated(admin_client, db, clock):
    for n in range(55):
        add_mail(db, f"ouder{n}@example.org", OutboxState.FAILED, clock.now)
    first = admin_client.get("/admin/outbox").get_data(as_text=True)
    assert "Page 1 of 2" in first and first.count('name="mail_id"') == 2 * 50
    second = admin_client.get("/admin/outbox?page=2").get_data(as_text=True)
    assert second.count('name="mail_id"') == 2 * 5


def test_the_admin_home_warns_about_failed_or_long_waiting_mail(admin_client, db, clock):
    assert "Mail needs attention" not in admin_client.get("/admin/").get_data(as_text=True)
    add_mail(db, "jan@example.org", OutboxState.QUEUED, clock.now - timedelta(minutes=59))
    assert "Mail needs attention" not in admin_client.get("/admin/").get_data(as_text=True)
    add_mail(db, "kees@example.org", OutboxState.QUEUED, clock.now - timedelta(minutes=61))
    home = admin_client.get("/admin/").get_data(as_text=True)
    assert "Mail needs attention" in home and "more than an hour" in home
    add_mail(db, "piet@example.org", OutboxState.FAILED, clock.now)
    assert "1 mail could not be sent" in admin_client.get("/admin/").get_data(as_text=True)


def test_provider_staff_cannot_open_the_outbox(client, db, provider, clock):
    handler = add_staff(db, "h@vlinderboom.example", provider)
    log_in(client, handler, clock.now)
    assert client.get("/admin/outbox").status_code == 403
    assert client.post("/admin/outbox/resend", data={"mail_id": 1}).status_code == 403

"""Confidant requests over time: retention, the counts for the reports, the settings,
and the scheduler's jobs delivering through a real SMTP server."""

from __future__ import annotations

import secrets

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from config import ConfigurationError, load_settings
from portal.confidant import desk, figures, jobs, service
from portal.confidant.context import add_working_days, from_app
from portal.models import (
    ConfidantAccess,
    ConfidantMessage,
    ConfidantRequest,
    ContactMethod,
    Municipality,
    Provider,
    RequesterRole,
    RequestOutcome,
    RequestStatus,
    RequestTopic,
)
from portal.operations.scheduler import JOBS, run_job
from tests.confidant_helpers import add_confidant, add_service
from tests.test_outbox import free_port
from tests.test_outbox_delivery import Scripted


@pytest.fixture
def places(db, provider) -> list[int]:
    zeist = Municipality(name="Zeist", cbs_code="GM0355")
    db.add(zeist)
    db.commit()
    return list(db.exec(select(Municipality.id).order_by(Municipality.name)))  # Utrecht, Zeist


@pytest.fixture
def confidant(db, places):
    akj = add_service(db, "AKJ", places, national=True)
    return add_confidant(db, akj, "vp@akj.example")


def file(app, db, municipality, topic=RequestTopic.RIGHTS, role=RequesterRole.YOUTH, **extra):
    draft = service.RequestDraft(
        role, topic, "Een vraag", ContactMethod.PORTAL, municipality, **extra
    )
    with app.test_request_context():
        filed = service.file_request(db, draft, secrets.token_urlsafe(12), from_app())
    return db.get(ConfidantRequest, filed.request_id)


def test_retention_empties_closed_and_untouched_requests_but_keeps_the_counts(
    app, db, confidant, places, clock
):
    closed = file(app, db, places[0], contact_email=None)
    untouched = file(app, db, places[1])
    with app.test_request_context():
        desk.claim(db, closed, confidant, from_app())
        desk.reply(db, closed, confidant, "Antwoord", from_app())
        desk.close(db, closed, confidant, RequestOutcome.INFORMATION, from_app())
        token = service.open_access(db, closed, from_app().today)
        clock.advance(days=729)
        assert jobs.apply_retention(db, from_app()) == 0
        assert service.request_for_access(db, token, from_app().today) is None  # a day old
        clock.advance(days=2)
        assert jobs.nightly_retention(db, from_app()).startswith("emptied 2")
        assert jobs.apply_retention(db, from_app()) == 0  # once
    for request in (closed, untouched):
        db.refresh(request)
        assert request.question is None and request.texts_deleted_on is not None
    assert closed.outcome is RequestOutcome.INFORMATION and closed.days_to_first_contact == 0
    assert untouched.status is RequestStatus.CLOSED
    assert untouched.outcome is RequestOutcome.NO_CONTACT
    assert db.exec(select(ConfidantMessage)).all() == []
    assert db.exec(select(ConfidantAccess)).all() == []
    assert sum(c.count for c in figures.by_topic(db)) == 2


def test_counts_per_municipality_and_year_in_sql(app, db, confidant, places, clock):
    utrecht, zeist = places
    provider_id = db.exec(select(Provider.id)).one()
    first = file(app, db, utrecht, RequestTopic.COMPLAINT, provider_id=provider_id)
    file(app, db, utrecht, RequestTopic.COMPLAINT, RequesterRole.PARENT)
    file(app, db, zeist, RequestTopic.SAFETY)
    file(app, db, None, RequestTopic.RIGHTS)
    with app.test_request_context():
        desk.claim(db, first, confidant, from_app())
        clock.advance(days=2)
        desk.record_contact(db, first, confidant, from_app())
        desk.close(db, first, confidant, RequestOutcome.REFERRED, from_app())
    topics = {(c.year, c.municipality_id, c.key): c.count for c in figures.by_topic(db, 2026)}
    assert topics == {
        (2026, None, "rights"): 1,
        (2026, utrecht, "complaint"): 2,
        (2026, zeist, "safety"): 1,
    }
    roles = {(c.municipality_id, c.key): c.count for c in figures.by_requester_role(db)}
    assert roles[(utrecht, "youth")] == 1 and roles[(utrecht, "parent")] == 1
    assert [(c.key, c.count) for c in figures.by_outcome(db)] == [("referred", 1)]
    assert [(c.municipality_id, c.key) for c in figures.by_provider(db)] == [(utrecht, provider_id)]
    assert figures.median_days_to_first_contact(db, 2026) == {(2026, utrecht): 2.0}
    assert figures.by_topic(db, 2025) == []


def test_median_of_grouped_days():
    assert figures._median([(1, 1), (3, 1)]) == 2.0
    assert figures._median([(0, 2), (5, 1)]) == 0.0
    assert figures._median([(2, 3), (4, 3)]) == 3.0


def test_settings_are_bounded():
    assert load_settings({})["CONFIDANT_FIRST_CONTACT_DAYS"] == 3
    for name, value in [
        ("KLANKBORD_CONFIDANT_FIRST_CONTACT_DAYS", "0"),
        ("KLANKBORD_CONFIDANT_FIRST_CONTACT_DAYS", "30"),
        ("KLANKBORD_CONFIDANT_RETENTION_DAYS", "5"),
    ]:
        with pytest.raises(ConfigurationError, match="CONFIDANT"):
            load_settings({name: value})


def test_working_days_skip_the_weekend():
    from datetime import date

    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)
    assert add_working_days(friday, 3) == date(2026, 12, 2)


def test_scheduled_reminder_reaches_a_real_mail_server_without_the_question(
    app, db, confidant, places, clock
):
    assert {"confidant_reminders", "confidant_retention"} <= set(JOBS)
    handler = Scripted()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        app.config.update(
            MAIL_TRANSPORT="smtp", MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=controller.port
        )
        request = file(app, db, places[0])
        clock.advance(days=3)
        assert run_job(app, "confidant_reminders") == "reminders 1"
        assert run_job(app, "confidant_reminders") == "reminders 0"
        assert run_job(app, "send_outbox").startswith("sent 1")
    finally:
        controller.stop()
    [(recipients, content)] = handler.delivered
    assert recipients == ["vp@akj.example"]
    text = content.decode()
    assert f"/desk/requests/{request.key}" in text and "Een vraag" not in text

"""Hostile input on every route (tests/test_fuzz_inputs.py's walk), on SQLite and on
PostgreSQL, as a confidant coordinator who also has a request open with its code: a
clear 4xx, never a 500. The counts for the reports run on both databases too."""

from __future__ import annotations

from sqlmodel import Session, select

from portal.confidant import figures
from portal.db import engine_for
from portal.models import ConfidantRequest, StaffRole
from tests.complaint_helpers import file_complaint, open_with_code
from tests.confidant_helpers import add_confidant, add_service, ask, desk_act, open_request
from tests.conftest import add_provider, log_in
from tests.test_fuzz_inputs import _walk
from tests.test_fuzz_inputs import fuzz_app as fuzz_app  # a fixture, on both databases


def test_no_confidant_route_answers_500_to_hostile_input(fuzz_app):
    with Session(engine_for(fuzz_app), expire_on_commit=False) as db:
        provider = add_provider(db, "De Vlinderboom Jeugdhulp", "vlinderboom", "Utrecht")
        service = add_service(db, "AKJ", [1], national=True)
        lead = add_confidant(db, service, "co@akj.example", StaffRole.CONFIDANT_COORDINATOR)
        client = fuzz_app.test_client()
        open_with_code(client, file_complaint(client, provider.id))
        code = ask(client, municipality=1)
        request_id = db.exec(select(ConfidantRequest.key)).one()
        log_in(client, lead)
        desk_act(client, request_id, "reply", body="Hallo")
        desk_act(client, request_id, "close", outcome="information")
        assert sum(c.count for c in figures.by_topic(db)) == 1
        assert len(figures.median_days_to_first_contact(db)) == 1
    open_request(client, code)
    failures: list[str] = []
    real = {f"/desk/requests/{request_id}", f"/desk/services/{service.id}", "/confidant/mine"}
    _walk(fuzz_app, client, real, failures)
    assert failures == []

"""A hidden field that only form-filling programs fill in: such a form is refused
before anything is stored or mailed (portal/security/honeypot.py)."""

from __future__ import annotations

import re

from sqlmodel import select

from portal.models import Complaint, OutboxMail, WaitingResponse
from tests.complaint_helpers import complaint_step, fill_complaint, start_complaint
from tests.survey_helpers import complete_survey, start_survey, step

TRAP = re.compile(r'<div class="hp"><label for="hp-website">[^<]+</label><input id="hp-website"')


def test_every_public_form_that_stores_or_checks_a_code_has_the_trap(client, provider):
    pages = {
        "/complaints/follow": client.get("/complaints/follow"),
        "/confidant/follow": client.get("/confidant/follow"),
        "/family/": client.get("/family/"),
        "/survey/": client.get("/survey/"),
        "/survey/p/vlinderboom": client.get("/survey/p/vlinderboom"),
        "complaint step": start_complaint(client),
        "survey step": start_survey(client),
    }
    started = client.get("/confidant/new")
    pages["confidant step"] = client.get(started.headers["Location"])
    for name, page in pages.items():
        assert TRAP.search(page.get_data(as_text=True)), name
    assert ".hp { display: none; }" in client.get(_stylesheet(pages["/family/"])).get_data(
        as_text=True
    )


def test_a_complaint_with_the_trap_filled_in_is_neither_stored_nor_mailed(client, db, provider):
    check = fill_complaint(client, provider.id)
    refused = complaint_step(client, check, action="send", follow=False, website="http://x.example")
    assert refused.status_code == 400
    assert db.exec(select(Complaint)).first() is None
    assert db.exec(select(OutboxMail)).first() is None
    sent = complaint_step(client, check, action="send", follow=False)  # a person: no trap
    assert sent.status_code == 303 and db.exec(select(Complaint)).one()


def test_a_survey_with_the_trap_filled_in_is_not_stored(client, db, provider):
    check = complete_survey(client)
    assert step(client, check, action="send", website="spam").status_code == 400
    assert db.exec(select(WaitingResponse)).first() is None
    assert step(client, check, action="send").status_code == 303


def _stylesheet(page) -> str:
    return re.search(r'href="(/static/[^"]+\.css)"', page.get_data(as_text=True)).group(1)

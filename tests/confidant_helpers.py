"""Confidant services and requests, set up and walked the way a browser does."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from sqlmodel import Session
from werkzeug.test import TestResponse

from portal.confidant import routing
from portal.models import Organisation, OrganisationKind, StaffMember, StaffRole
from tests.conftest import add_staff, form_fields

QUESTION = "Mijn begeleider stopt en niemand zegt wat er nu gebeurt."


def add_service(
    db: Session,
    name: str = "AKJ Vertrouwenspersonen",
    municipalities: list[int] | None = None,
    national: bool = False,
    days: int = 3,
    phone: str = "088-555 1000",
) -> Organisation:
    service = Organisation(
        kind=OrganisationKind.CONFIDANT_SERVICE,
        name=name,
        phone=phone,
        hours="ma-vr 9-17 uur",
        email=f"info@{name.split()[0].lower()}.example",
    )
    db.add(service)
    db.flush()
    routing.save_service(db, service, national, days, municipalities or [])
    db.commit()
    return service


def add_confidant(
    db: Session, service: Organisation, email: str, role: StaffRole = StaffRole.CONFIDANT
) -> StaffMember:
    return add_staff(db, email, None, role, service.id)


def form_action(page: TestResponse) -> str:
    match = re.search(r'action="([^"]+)" id="request"', page.get_data(as_text=True))
    assert match, page.get_data(as_text=True)
    return match.group(1)


def request_step(
    client: FlaskClient, page: TestResponse, action: str = "next", follow: bool = True, **fields
) -> TestResponse:
    data = form_fields(page.data, "request")
    data.update(fields)
    data["action"] = action
    response = client.post(form_action(page), data=data)
    if follow and response.status_code == 303:
        return client.get(response.headers["Location"])
    return response


def fill_request(
    client: FlaskClient,
    municipality: int | None = None,
    role: str = "youth",
    topic: str = "rights",
    question: str = QUESTION,
    contact: str = "portal",
    **contact_fields: Any,
) -> TestResponse:
    """Walk every page and stop on the check page."""
    started = client.get("/confidant/new")
    assert started.status_code == 303
    page = client.get(started.headers["Location"])
    page = request_step(client, page, role=role, municipality=str(municipality or 0))
    page = request_step(client, page, topic=topic)
    page = request_step(client, page, question=question)
    page = request_step(client, page, contact=contact, **contact_fields)
    assert 'value="send"' in page.get_data(as_text=True), page.get_data(as_text=True)
    return page


def send(client: FlaskClient, check: TestResponse, save: bool = True) -> str:
    """Send from the check page; return the code shown on the receipt page."""
    sent = request_step(client, check, action="send", follow=False)
    assert sent.status_code == 303, sent.get_data(as_text=True)
    page = client.get(sent.headers["Location"])
    match = re.search(r'class="receipt-code"[^>]*>([0-9A-Z-]+)<', page.get_data(as_text=True))
    assert match, page.get_data(as_text=True)
    if save:
        saved = client.post("/confidant/receipt", data={**form_fields(page.data), "saved": "y"})
        assert saved.status_code == 303
    return match.group(1)


def ask(client: FlaskClient, **options: Any) -> str:
    return send(client, fill_request(client, **options))


def open_request(client: FlaskClient, code: str) -> TestResponse:
    page = client.get("/confidant/follow")
    return client.post(
        "/confidant/follow",
        data={"csrf_token": form_fields(page.data)["csrf_token"], "code": code},
    )


def post_mine(client: FlaskClient, path: str, **fields: str) -> TestResponse:
    page = client.get("/confidant/mine")
    data = {"csrf_token": form_fields(page.data)["csrf_token"], **fields}
    return client.post(f"/confidant/mine/{path}", data=data)


def desk_act(client: FlaskClient, key: str, action: str, **fields: str) -> TestResponse:
    page = client.get(f"/desk/requests/{key}")
    token = form_fields(page.data)["csrf_token"]
    data = {f"{action}-csrf_token": token, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"/desk/requests/{key}/{action}", data=data)

"""File and follow complaints the way a browser does."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import form_fields

STORY = "De begeleider kwam drie keer niet opdagen en belde niet af."


def form_action(page: TestResponse, form_id: str = "complaint") -> str:
    html = page.get_data(as_text=True)
    match = re.search(rf'<form method="post" action="([^"]+)" id="{form_id}"', html)
    assert match, html
    return match.group(1)


def complaint_step(
    client: FlaskClient,
    page: TestResponse,
    action: str = "next",
    follow: bool = True,
    **fields: Any,
) -> TestResponse:
    """Post one step as a browser does; follow the redirect to the next step's address."""
    data = form_fields(page.data, "complaint")
    data.update(fields)
    data["action"] = action
    response = client.post(form_action(page), data=data)
    if follow and response.status_code == 303:
        return client.get(response.headers["Location"])
    return response


def start_complaint(client: FlaskClient) -> TestResponse:
    started = client.get("/complaints/new")
    assert started.status_code == 303, started.status_code
    return client.get(started.headers["Location"])


def fill_complaint(
    client: FlaskClient,
    provider_id: int,
    contact: str = "none",
    email: str = "",
    kind: str = "informal",
    what_happened: str = STORY,
    theme: str = "waiting_time",
    name: str = "",
    role: str = "youth",
) -> TestResponse:
    """Walk every page and stop on the check page."""
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider_id), role=role)
    page = complaint_step(client, page, theme=theme, kind=kind)
    page = complaint_step(client, page, what_happened=what_happened, desired_outcome="Excuses")
    page = complaint_step(client, page, contact=contact, email=email, name=name)
    assert 'value="send"' in page.get_data(as_text=True), page.get_data(as_text=True)
    return page


def file_complaint(client: FlaskClient, provider_id: int, save: bool = True, **options: Any) -> str:
    """File a complaint; return the receipt code shown on the receipt page.

    ``save``: tick "I have saved my code" afterwards, as a complainant would.
    """
    check = fill_complaint(client, provider_id, **options)
    sent = complaint_step(client, check, action="send", follow=False)
    assert sent.status_code == 303, sent.get_data(as_text=True)
    page = client.get(sent.headers["Location"])
    code = receipt_code(page)
    if save:
        saved = client.post("/complaints/receipt", data={**form_fields(page.data), "saved": "y"})
        assert saved.status_code == 303
    return code


def receipt_code(page: TestResponse) -> str:
    match = re.search(r'class="receipt-code"[^>]*>([0-9A-Z-]+)<', page.get_data(as_text=True))
    assert match, page.get_data(as_text=True)
    return match.group(1)


def open_with_code(client: FlaskClient, code: str) -> TestResponse:
    page = client.get("/complaints/follow")
    return client.post(
        "/complaints/follow",
        data={"csrf_token": form_fields(page.data)["csrf_token"], "code": code},
    )


def post_mine(
    client: FlaskClient, action: str, confirmed: bool = True, **fields: str
) -> TestResponse:
    """Post an action from the complaint page; ``confirmed`` answers the "are you sure?"."""
    page = client.get("/complaints/mine")
    data = {"csrf_token": form_fields(page.data)["csrf_token"], **fields}
    if confirmed:
        data["confirmed"] = "yes"
    url = "/complaints/mine/reply" if action == "reply" else f"/complaints/mine/{action}"
    return client.post(url, data=data)

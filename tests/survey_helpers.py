"""Walk the survey like a browser: send back every field the page holds."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import form_fields

ALL_AGREE = {
    "q_fit_question": "5",
    "q_involvement_listen": "4",
    "q_speed_start": "2",
    "q_cooperation_helpers": "dk",
    "q_participation_decide": "4",
    "q_result_better": "3",
    "q_safety_home": "5",
    "q_overall": "4",
}


def step(
    client: FlaskClient, page: TestResponse, action: str = "next", **answers: Any
) -> TestResponse:
    data = form_fields(page.data, "survey")
    data.update({k: v for k, v in answers.items() if k != "headers"})
    data["action"] = action
    return client.post("/survey/answers", data=data, headers=answers.get("headers"))


def complete_survey(
    client: FlaskClient,
    slug: str = "vlinderboom",
    audience: str = "youth",
    comment: str = "",
    headers: dict[str, str] | None = None,
) -> TestResponse:
    """Answer every step and stop on the check page (not yet sent)."""
    page = client.get(f"/survey/p/{slug}", headers=headers)
    return answer_from_about(client, page, audience, comment, headers)


def answer_from_about(
    client: FlaskClient,
    page: TestResponse,
    audience: str = "youth",
    comment: str = "",
    headers: dict[str, str] | None = None,
) -> TestResponse:
    """Give each page the answers it asks for, until the check page."""
    page = step(client, page, audience=audience, headers=headers)
    for _ in range(10):
        html = page.get_data(as_text=True)
        if 'name="step" type="hidden" value="check"' in html:
            return page
        asked = {k: v for k, v in ALL_AGREE.items() if f'name="{k}" required type="radio"' in html}
        if "<textarea" in html:
            asked["comment"] = comment
        page = step(client, page, headers=headers, **asked)
        assert page.status_code == 200, page.get_data(as_text=True)
    raise AssertionError("the survey never reached the check page")


def released(db, *columns):
    """Release every waiting answer now (as the nightly job would), then select."""
    from datetime import date

    from sqlmodel import select

    from portal.survey import release

    release.release(db, date(2100, 1, 1), threshold=1, max_wait_days=0)
    return db.exec(select(*columns))

"""Walk the survey like a browser: post what the page holds to the page's own
address, follow the redirect to the next step."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import form_fields

# An answer for every item of questionnaire version 2 (safety_home only for care
# one lives in): numbers, "dk" (don't know) and "na" (does not apply).
ALL_AGREE = {
    "q_overall_mark": "8",
    "q_fit_question": "5",
    "q_involvement_listen": "4",
    "q_speed_start": "2",
    "q_goals_reached": "na",
    "q_result_better": "3",
    "q_participation_decide": "4",
    "q_cooperation_helpers": "dk",
    "q_organisations_count": "2",
    "q_contact_fixed": "1",
    "q_contact_deputy": "0",
    "q_contact_say": "na",
    "q_safety_helpers": "5",
    "q_safety_home": "5",
    "q_complaint_where": "1",
    "q_confidant_known": "0",
}


def form_action(page: TestResponse, form_id: str = "survey") -> str:
    html = page.get_data(as_text=True)
    match = re.search(rf'<form method="post" action="([^"]+)" id="{form_id}"', html)
    assert match, html
    return match.group(1)


def step(
    client: FlaskClient, page: TestResponse, action: str = "next", **answers: Any
) -> TestResponse:
    """Post one step; follow the redirect to the step it leads to. "send" is not
    followed, so its 303 can be checked."""
    headers = answers.pop("headers", None)
    data = form_fields(page.data, "survey")
    data.update(answers)
    data["action"] = action
    sent = client.post(form_action(page), data=data, headers=headers)
    if action == "send" or sent.status_code != 303:
        return sent
    return client.get(sent.headers["Location"], headers=headers)


def start_survey(
    client: FlaskClient, slug: str = "vlinderboom", headers: dict[str, str] | None = None
) -> TestResponse:
    """Open the provider's link and press "Start the survey": the first step."""
    intro = client.get(f"/survey/p/{slug}", headers=headers)
    token = form_fields(intro.data)["csrf_token"]
    started = client.post(f"/survey/p/{slug}", data={"csrf_token": token}, headers=headers)
    assert started.status_code == 303, started.get_data(as_text=True)
    return client.get(started.headers["Location"], headers=headers)


def complete_survey(
    client: FlaskClient,
    slug: str = "vlinderboom",
    audience: str = "youth",
    comment: str = "",
    headers: dict[str, str] | None = None,
    **facts: str,
) -> TestResponse:
    """Answer every step and stop on the check page (not yet sent)."""
    page = start_survey(client, slug, headers)
    return answer_from_about(client, page, audience, comment, headers, **facts)


def asked(page: TestResponse) -> list[str]:
    """The questions (radio groups) on this page, in order."""
    html = page.get_data(as_text=True)
    return list(dict.fromkeys(re.findall(r'name="(q_[a-z_]+)"[^>]*type="radio"', html)))


def answer_from_about(
    client: FlaskClient,
    page: TestResponse,
    audience: str = "youth",
    comment: str = "",
    headers: dict[str, str] | None = None,
    answers: dict[str, str] | None = None,
    **facts: str,
) -> TestResponse:
    """Give each page the answers it asks for, until the check page. ``facts`` are
    the optional municipality, care_type and age_band."""
    chosen = {**ALL_AGREE, **(answers or {})}
    page = step(client, page, audience=audience, headers=headers)
    page = step(client, page, headers=headers, **facts)
    for _ in range(10):
        if form_action(page).endswith("/step/check"):
            return page
        given = {name: chosen[name] for name in asked(page)}
        if "<textarea" in page.get_data(as_text=True):
            given["comment"] = comment
        page = step(client, page, headers=headers, **given)
        assert page.status_code == 200, page.get_data(as_text=True)
    raise AssertionError("the survey never reached the check page")


def released(db, *columns):
    """Release every waiting answer now (as the nightly job would), then select."""
    from datetime import date

    from sqlmodel import select

    from portal.survey import release

    release.release(db, date(2100, 1, 1), threshold=1, max_wait_days=0)
    return db.exec(select(*columns))

"""Per-client limits held only in memory, the global slow-down, and the survey's
open-link switch on every route."""

from __future__ import annotations

import pytest

from config import load_settings
from portal.models import SurveyResponse
from portal.security import ratelimit
from tests.complaint_helpers import complaint_step, fill_complaint
from tests.conftest import add_provider, add_staff, form_fields, log_in
from tests.survey_helpers import complete_survey, released, step

ADDRESS = "203.0.113.77"


def visitor(app, address: str = ADDRESS):
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    return client


def failed_login(client) -> int:
    token = form_fields(client.get("/staff/login").data)["csrf_token"]
    data = {"csrf_token": token, "email": "nobody@example.org", "password": "a guess"}
    return client.post("/staff/login", data=data).status_code


def test_limits_are_settings():
    settings = load_settings({"KLANKBORD_RATE_LIMIT_SURVEY_CODE": "7"})
    assert settings["RATE_LIMITS"]["survey_code"] == 7
    assert settings["RATE_LIMIT_GLOBAL_DELAY"] <= 1.0
    slow = load_settings({"KLANKBORD_RATE_LIMIT_GLOBAL_DELAY": "30"})
    assert slow["RATE_LIMIT_GLOBAL_DELAY"] == 1.0


def test_failed_logins_from_one_client_get_429_in_its_language(app, clock):
    app.config["RATE_LIMITS"]["staff_login"] = 3
    client = visitor(app)
    assert [failed_login(client) for _ in range(3)] == [422, 422, 422]
    over = client.post("/staff/login", data={"email": "x@example.org", "password": "y"})
    assert over.status_code == 429 and "Too many tries" in over.get_data(as_text=True)
    dutch = visitor(app)
    dutch.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nl"
    assert 'lang="nl"' in dutch.post("/staff/login").get_data(as_text=True)
    assert failed_login(visitor(app, "198.51.100.9")) == 422  # another client is not held up
    clock.advance(minutes=10)
    assert failed_login(client) == 422  # the window is over


def test_successful_sign_ins_do_not_count(app, db, provider, clock):
    app.config["RATE_LIMITS"]["staff_login"] = 2
    handler = add_staff(db, "handler@vlinderboom.example", provider)
    for _ in range(4):  # an office behind one address, signing in at nine
        clock.advance(seconds=30)
        assert log_in(visitor(app), handler, clock.now).status_code == 303


def test_the_address_is_held_only_as_a_digest_in_memory(app):
    failed_login(visitor(app))
    counters = app.extensions[ratelimit.EXTENSION]
    held = repr(counters._windows)
    assert ADDRESS not in held and counters.client(ADDRESS) in held


def test_receipt_lookups_and_invitation_codes_are_limited(app, clock):
    app.config["RATE_LIMITS"].update(receipt_lookup=2, survey_code=2)
    client = visitor(app)
    token = form_fields(client.get("/complaints/follow").data)["csrf_token"]
    lookups = [
        client.post("/complaints/follow", data={"csrf_token": token, "code": "ABCDE-FGHJK-MNPQ"})
        for _ in range(3)
    ]
    assert [r.status_code for r in lookups][2] == 429
    assert client.get("/complaints/follow").status_code == 200  # reading is never limited
    codes = [client.post("/survey/code", data={"code": "7KQ2M-XH4TD"}) for _ in range(3)]
    assert [r.status_code for r in codes] == [422, 422, 429]


def test_only_sending_a_complaint_counts(app, db, provider, clock):
    app.config["RATE_LIMITS"]["complaint_send"] = 1
    first = visitor(app)
    check = fill_complaint(first, provider.id)
    assert complaint_step(first, check, action="send", follow=False).status_code == 303
    second = visitor(app)
    check = fill_complaint(second, provider.id)  # five pages: not counted
    refused = complaint_step(second, check, action="send", follow=False)
    assert refused.status_code == 429


def test_only_sending_a_survey_counts(app, db, provider, clock):
    app.config["RATE_LIMITS"]["survey_send"] = 1
    client = visitor(app)
    assert step(client, complete_survey(client), action="send").status_code == 303
    assert step(client, complete_survey(client), action="send").status_code == 429
    assert len(released(db, SurveyResponse).all()) == 1


def test_a_flood_slows_everyone_down_but_refuses_no_one(app, monkeypatch, clock):
    pauses: list[float] = []
    monkeypatch.setattr(ratelimit, "sleep", pauses.append)
    app.config.update(RATE_LIMIT_GLOBAL=2, RATE_LIMIT_GLOBAL_DELAY=1.0)
    codes = [failed_login(visitor(app, f"198.51.100.{n}")) for n in range(5)]
    assert codes == [422] * 5
    assert pauses == [1.0, 1.0, 1.0]


def test_answers_for_a_closed_open_link_are_never_stored(app, db, clock):
    add_provider(db, "Open Huis", "open-huis")
    closed = add_provider(db, "Dicht Huis", "dicht-huis", open_link=False)
    client = visitor(app)
    # Walk the open provider's survey, then send its answers as the closed provider's:
    # the provider comes from the draft, never from the page.
    check = complete_survey(client, slug="open-huis")
    forged = step(client, check, action="send", provider=closed.slug)
    assert forged.status_code == 303
    stored = released(db, SurveyResponse).one()
    assert stored.provider_id != closed.id
    # Starting the closed provider's survey, or any step of it, asks for a code.
    token = form_fields(client.get("/survey/p/open-huis").data)["csrf_token"]
    refused = client.post("/survey/p/dicht-huis", data={"csrf_token": token})
    assert refused.status_code == 403 and "invitation code" in refused.get_data(as_text=True)
    page = client.get("/survey/p/dicht-huis")
    assert "invitation code" in page.get_data(as_text=True)
    assert len(released(db, SurveyResponse).all()) == 1


def test_the_service_refuses_an_answer_without_a_code_for_a_closed_link(app, db, clock):
    from portal.survey import service
    from portal.survey.questionnaires import active_questionnaire

    closed = add_provider(db, "Dicht Huis", "dicht-huis", open_link=False)
    submission = service.Submission(
        provider_id=closed.id,
        questionnaire_id=active_questionnaire(db).id,
        audience=service.Audience.YOUTH,
        answers={},
        comment="",
        submission_token=service.new_submission_token(),
    )
    outcome = service.submit_response(db, submission, app.config["SECRET_KEY"], clock.now.date())
    assert outcome is service.Outcome.CODE_REQUIRED
    assert released(db, SurveyResponse).all() == []


@pytest.fixture(autouse=True)
def _limits_on(app):
    app.config["RATE_LIMIT_ENABLED"] = True


def test_behind_a_proxy_each_forwarded_client_counts_alone(tmp_path, database_path):
    from portal import create_app
    from portal.db import engine_for
    from tests.conftest import make_settings

    app = create_app(
        make_settings(f"sqlite:///{database_path}", tmp_path / "proxied", PROXY_HOPS=1)
    )
    app.config["RATE_LIMITS"]["staff_login"] = 1

    def behind_proxy(address: str):
        client = visitor(app, "127.0.0.1")
        client.environ_base["HTTP_X_FORWARDED_FOR"] = address
        return client

    assert failed_login(behind_proxy("203.0.113.1")) == 422
    assert failed_login(behind_proxy("203.0.113.2")) == 422
    client = behind_proxy("203.0.113.1")
    token = form_fields(client.get("/staff/login").data)["csrf_token"]
    assert client.post("/staff/login", data={"csrf_token": token}).status_code == 429
    engine_for(app).dispose()

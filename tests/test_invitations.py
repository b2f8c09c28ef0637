"""Single-use invitation codes: typed, consumed once, never linked to the answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from portal.models import Channel, InvitationCode, SurveyResponse
from portal.security import codes
from portal.survey import service
from portal.timeutil import dutch_day, utcnow
from tests.conftest import TEST_SECRET, add_provider, form_fields
from tests.survey_helpers import answer_from_about, released, step

EN = {"Accept-Language": "en"}


@pytest.fixture
def client(english_client):
    return english_client


def make_codes(db, provider, count=3):
    _batch, plain = service.create_invitation_batch(
        db, provider, count, TEST_SECRET, date(2026, 11, 1)
    )
    return plain


def start_with_code(client, code, headers=EN):
    start = client.get("/survey/", headers=headers)
    data = form_fields(start.data)
    return client.post(
        "/survey/code",
        data={"csrf_token": data["csrf_token"], "code": code},
        headers=headers,
        follow_redirects=True,  # a valid code leads to the first step
    )


def test_code_opens_the_survey_for_its_provider_and_is_consumed_on_send(client, db, provider):
    other = add_provider(db, "Horizon Jeugdzorg", "horizon", open_link=False)
    code = make_codes(db, other)[0]
    about = start_with_code(client, code.lower().replace("-", " "))
    assert about.status_code == 200
    assert "Horizon Jeugdzorg" in about.get_data(as_text=True)
    assert not db.exec(select(InvitationCode).where(InvitationCode.used)).first()
    check = answer_from_about(client, about)
    assert step(client, check, action="send").status_code == 303
    response = released(db, SurveyResponse).one()
    assert response.provider_id == other.id and response.channel == Channel.INVITATION
    assert len(db.exec(select(InvitationCode).where(InvitationCode.used)).all()) == 1


def test_used_code_gets_its_own_message(client, db, provider):
    code = make_codes(db, provider)[0]
    check = answer_from_about(client, start_with_code(client, code))
    step(client, check, action="send")
    again = start_with_code(client, code)
    assert again.status_code == 422
    assert "already been used" in again.get_data(as_text=True)


def test_mistyped_and_unknown_codes_have_different_messages_and_consume_nothing(
    client, db, provider
):
    code = make_codes(db, provider)[0]
    flipped = code[:-1] + ("2" if code[-1] != "2" else "3")  # breaks the check character
    mistyped = start_with_code(client, flipped).get_data(as_text=True)
    assert "typing error" in mistyped
    assert flipped in mistyped  # what was typed stays in the field
    unknown = codes.generate(9)
    assert "We do not know this code" in start_with_code(client, unknown).get_data(as_text=True)
    assert "Type the code" in start_with_code(client, "").get_data(as_text=True)
    assert not db.exec(select(InvitationCode).where(InvitationCode.used)).first()


def test_dutch_code_message(app, db, provider):
    page = start_with_code(app.test_client(), "ABC", headers={"Accept-Language": "nl"})
    assert "typefout" in page.get_data(as_text=True)


def test_code_used_on_another_phone_during_the_survey_is_reported_on_send(
    app, client, db, provider
):
    code = make_codes(db, provider)[0]
    other = app.test_client()  # one browser has one draft; another phone has its own
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    first = answer_from_about(other, start_with_code(other, code))
    second = answer_from_about(client, start_with_code(client, code))
    assert step(other, first, action="send").status_code == 303
    refused = step(client, second, action="send")
    assert refused.status_code == 409
    assert "already been used" in refused.get_data(as_text=True)
    assert len(released(db, SurveyResponse).all()) == 1


def test_a_stored_answer_cannot_be_tied_back_to_its_code(app, client, db, provider):
    plain = make_codes(db, provider, count=5)
    for code in (plain[3], plain[0], plain[4]):
        step(client, answer_from_about(client, start_with_code(client, code)), action="send")
    engine_inspector = inspect(db.get_bind())
    for table in ("surveyresponse", "surveyanswer"):
        columns = {c["name"]: c for c in engine_inspector.get_columns(table)}
        foreign = {fk["referred_table"] for fk in engine_inspector.get_foreign_keys(table)}
        assert not foreign & {"invitationcode", "invitationbatch"}
        assert not any("code" in name or "invitation" in name for name in columns)
        assert not any(
            str(c["type"]).upper() in {"DATETIME", "TIMESTAMP"} for c in columns.values()
        )
    code_columns = {c["name"] for c in engine_inspector.get_columns("invitationcode")}
    assert code_columns == {"id", "batch_id", "digest", "used"}  # no time of use
    # No ordering: the tables have no rowid, and ids are keyed hashes of a form token.
    with db.get_bind().connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'surveyresponse'"
        ).scalar()
    assert "WITHOUT ROWID" in sql
    digests = set(db.exec(select(InvitationCode.digest)))
    for response in released(db, SurveyResponse):
        assert response.submitted_on == dutch_day(utcnow())  # the Dutch day
        assert not any(response.id in d or d.startswith(response.id) for d in digests)


def test_cli_writes_a_printable_sheet_whose_codes_work(app, client, db, provider, tmp_path):
    sheet = tmp_path / "cards.html"
    result = app.test_cli_runner().invoke(
        args=[
            "invitations",
            "create",
            "--provider",
            "vlinderboom",
            "--count",
            "4",
            "--sheet",
            str(sheet),
            "--language",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    html = sheet.read_text()
    assert html.count("<svg") == 4
    printed = [
        line.strip()[len('<p class="code">') : -len("</p>")]
        for line in html.splitlines()
        if 'class="code"' in line
    ]
    assert len(printed) == 4
    assert start_with_code(client, printed[2]).status_code == 200
    assert "Scan the QR code" in html


def test_cli_refuses_an_unknown_provider(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["invitations", "create", "--provider", "nobody", "--sheet", str(tmp_path / "x.html")]
    )
    assert result.exit_code != 0 and "no provider" in result.output


def test_code_check_character_catches_every_single_typo():
    code = codes.normalize(codes.generate(9))
    for position in range(len(code)):
        for replacement in codes.ALPHABET:
            if replacement != code[position]:
                typo = code[:position] + replacement + code[position + 1 :]
                assert not codes.is_well_formed(typo, 10)

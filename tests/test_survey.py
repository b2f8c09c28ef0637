"""The anonymous satisfaction survey, end to end, in Dutch and English."""

from __future__ import annotations

from portal.models import Audience, Channel, SurveyAnswer, SurveyResponse
from portal.timeutil import dutch_day, utcnow
from tests.conftest import add_provider, form_fields
from tests.survey_helpers import ALL_AGREE, complete_survey, released, step

NL = {"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}
EN = {"Accept-Language": "en-GB,en;q=0.9"}


def test_dutch_survey_is_stored_with_the_day_only(client, db, provider):
    check = complete_survey(client, comment="Mail me: jan@example.nl of 06-12345678", headers=NL)
    html = check.get_data(as_text=True)
    assert "Controleer je antwoorden" in html
    assert "jan@example.nl" not in html.split("<dl")[1]  # the preview shows what is stored
    done = step(client, check, action="send", headers=NL)
    assert done.status_code == 303
    thanks = client.get(done.headers["Location"], headers=NL)
    assert "Wat we hebben opgeslagen" in thanks.get_data(as_text=True)

    response = released(db, SurveyResponse).one()
    assert response.provider_id == provider.id
    assert response.audience == Audience.YOUTH
    assert response.channel == Channel.OPEN_LINK
    assert response.submitted_on == dutch_day(utcnow())  # the Dutch day, as stored
    assert "jan@example.nl" not in response.comment and "06-12345678" not in response.comment
    answers = released(db, SurveyAnswer).all()
    assert len(answers) == len(ALL_AGREE)
    assert sorted(a.value for a in answers if a.value) == sorted(
        int(v) for v in ALL_AGREE.values() if v != "dk"
    )
    assert [a.value for a in answers].count(None) == 1  # "don't know"


def test_english_survey_uses_parent_wording(client, db, provider):
    check = complete_survey(client, audience="parent", headers=EN)
    html = check.get_data(as_text=True)
    assert "Check your answers" in html
    assert "The help fits the question our family has." in html
    assert step(client, check, action="send", headers=EN).status_code == 303
    assert released(db, SurveyResponse).one().audience == Audience.PARENT


def test_missing_answer_keeps_what_was_typed_with_a_dutch_message(client, provider):
    page = client.get("/survey/p/vlinderboom", headers=NL)
    page = step(client, page, audience="parent", headers=NL)
    again = step(client, page, q_fit_question="5", headers=NL)
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "Er is een probleem" in html
    assert "Kies een antwoord" in html
    assert form_fields(again.data, "survey")["q_fit_question"] == "5"
    assert form_fields(again.data, "survey")["audience"] == "parent"


def test_comment_that_is_too_long_is_kept_and_explained(client, provider):
    page = client.get("/survey/p/vlinderboom", headers=EN)
    page = step(client, page, audience="youth", headers=EN)
    page = step(client, page, headers=EN, **{k: ALL_AGREE[k] for k in list(ALL_AGREE)[:3]})
    page = step(client, page, headers=EN, **{k: ALL_AGREE[k] for k in list(ALL_AGREE)[3:7]})
    long_comment = "a" * 2001
    again = step(client, page, comment=long_comment, q_overall="4", headers=EN)
    assert again.status_code == 422
    assert "under 2000 characters" in again.get_data(as_text=True)
    assert form_fields(again.data, "survey")["comment"] == long_comment


def test_back_and_forth_keeps_answers(client, provider):
    check = complete_survey(client, comment="Goed zo", headers=NL)
    back = step(client, check, action="back", headers=NL)
    fields = form_fields(back.data, "survey")
    assert fields["q_overall"] == ALL_AGREE["q_overall"]
    assert fields["comment"] == "Goed zo"
    first = step(client, back, action="goto:about", headers=NL)
    assert form_fields(first.data, "survey")["audience"] == "youth"
    assert "Over jou" in first.get_data(as_text=True)


def test_switching_language_mid_survey_keeps_answers(client, provider):
    page = client.get("/survey/p/vlinderboom", headers=NL)
    page = step(client, page, audience="youth", headers=NL)
    switched = step(client, page, action="next", lang="en", q_fit_question="4", headers=NL)
    html = switched.get_data(as_text=True)
    assert "Your experience" in html
    assert form_fields(switched.data, "survey")["q_fit_question"] == "4"


def test_double_clicked_send_stores_one_response(client, db, provider):
    check = complete_survey(client)
    first = step(client, check, action="send")
    second = step(client, check, action="send")
    assert first.status_code == second.status_code == 303
    assert len(released(db, SurveyResponse).all()) == 1


def test_expired_csrf_token_keeps_the_answers(client, db, provider):
    check = complete_survey(client, comment="Nog even", headers=NL)
    client.delete_cookie("klankbord")  # the session (and its CSRF secret) is gone
    again = step(client, check, action="send", headers=NL)
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "Je antwoorden zijn er nog" in html
    assert form_fields(again.data, "survey")["comment"] == "Nog even"
    assert released(db, SurveyResponse).first() is None
    assert step(client, again, action="send", headers=NL).status_code == 303
    assert len(released(db, SurveyResponse).all()) == 1


def test_forged_post_without_token_stores_nothing(client, db, provider):
    check = complete_survey(client)
    data = form_fields(check.data, "survey")
    data.pop("csrf_token")
    data["action"] = "send"
    assert client.post("/survey/answers", data=data).status_code == 422
    assert released(db, SurveyResponse).first() is None


def test_provider_search_by_name_and_municipality(client, db, provider):
    add_provider(db, "Kompas Gezinshulp", "kompas", municipality="Zeist")
    by_name = client.get("/survey/?q=vlinder", headers=EN).get_data(as_text=True)
    assert "De Vlinderboom Jeugdhulp" in by_name and "Kompas" not in by_name
    by_place = client.get("/survey/?q=zeist", headers=EN).get_data(as_text=True)
    assert "Kompas Gezinshulp" in by_place and "Vlinderboom" not in by_place
    nothing = client.get("/survey/?q=bestaatniet", headers=NL).get_data(as_text=True)
    assert "We hebben geen organisatie gevonden" in nothing


def test_provider_list_is_paginated(client, db):
    for number in range(20):
        add_provider(db, f"Aanbieder {number:02d}", f"aanbieder-{number:02d}")
    first = client.get("/survey/", headers=EN).get_data(as_text=True)
    assert "Page 1 of 2" in first and "Aanbieder 14" in first and "Aanbieder 15" not in first
    second = client.get("/survey/?page=2", headers=EN).get_data(as_text=True)
    assert "Aanbieder 19" in second and "Aanbieder 00" not in second


def test_codes_only_provider_has_no_open_link(client, db):
    add_provider(db, "Horizon Jeugdzorg", "horizon", open_link=False)
    page = client.get("/survey/p/horizon", headers=EN)
    html = page.get_data(as_text=True)
    assert "invitation code" in html and 'id="survey"' not in html


def test_unknown_provider_is_a_friendly_404(client):
    page = client.get("/survey/p/nobody", headers=NL)
    assert page.status_code == 404
    assert "We kunnen deze pagina niet vinden" in page.get_data(as_text=True)


def test_refreshing_a_form_address_goes_back_to_the_start(client):
    assert client.get("/survey/answers").headers["Location"].endswith("/survey/")

"""The anonymous satisfaction survey (questionnaire version 2), end to end, in Dutch
and English: what is stored, the wording, errors that name the question."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from portal.i18n.languages import PUBLIC_LANGUAGES
from portal.models import (
    AgeBand,
    Audience,
    CareType,
    Channel,
    Municipality,
    QuestionnaireItem,
    SurveyAnswer,
    SurveyResponse,
)
from portal.survey.questionnaires import CURRENT_VERSION
from portal.timeutil import dutch_day, utcnow
from tests.conftest import add_provider, form_fields
from tests.survey_helpers import ALL_AGREE, asked, complete_survey, released, start_survey, step

NL = {"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}
EN = {"Accept-Language": "en-GB,en;q=0.9"}


def stored_answers(db) -> dict[str, SurveyAnswer]:
    released(db, SurveyAnswer)  # as after the nightly release
    rows = db.exec(
        select(SurveyAnswer, QuestionnaireItem).join(
            QuestionnaireItem, QuestionnaireItem.id == SurveyAnswer.item_id
        )
    )
    return {item.key: answer for answer, item in rows}


def test_version_2_is_the_one_asked():
    assert CURRENT_VERSION == 2


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
    assert (response.municipality_id, response.care_type, response.age_band) == (None,) * 3
    assert response.safety_signal is False
    answers = stored_answers(db)
    # No care type chosen: "safety where you live" was not asked, so it has no row.
    assert set(answers) == {key[2:] for key in ALL_AGREE} - {"safety_home"}
    assert answers["overall_mark"].value == 8
    assert answers["contact_fixed"].value == 1 and answers["contact_deputy"].value == 0
    # "Does not apply" and "don't know" are told apart.
    assert (answers["goals_reached"].value, answers["goals_reached"].not_applicable) == (None, True)
    dont_know = answers["cooperation_helpers"]
    assert (dont_know.value, dont_know.not_applicable) == (None, False)


def test_the_mark_comes_first_then_the_questions_of_the_seeds(client, provider):
    page = start_survey(client, headers=EN)
    page = step(client, page, audience="youth", headers=EN)
    assert "municipality" in page.get_data(as_text=True)  # the optional facts first
    page = step(client, page, headers=EN)
    assert asked(page) == ["q_overall_mark"]
    html = page.get_data(as_text=True)
    assert "Like at school: 1 is very bad, 10 is excellent." in html
    assert [f'value="{n}"' in html for n in range(1, 11)] == [True] * 10


def test_english_survey_uses_parent_wording_and_asks_no_age(client, db, provider):
    page = start_survey(client, headers=EN)
    care = step(client, page, audience="parent", headers=EN)
    assert 'name="age_band"' not in care.get_data(as_text=True)
    assert "What kind of help does your child get?" in care.get_data(as_text=True)
    check = complete_survey(client, audience="parent", headers=EN, age_band="12-15")
    html = check.get_data(as_text=True)
    assert "Check your answers" in html
    assert "The help fits the question our family has." in html
    assert step(client, check, action="send", headers=EN).status_code == 303
    response = released(db, SurveyResponse).one()
    assert response.audience == Audience.PARENT and response.age_band is None


def test_facts_for_the_municipal_reports_are_stored(client, db, provider):
    utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
    elsewhere = Municipality(name="Zeist", cbs_code="GM0355")
    db.add(elsewhere)
    db.commit()
    page = start_survey(client, headers=EN)
    care = step(client, page, audience="youth", headers=EN)
    # The provider's municipalities are offered; any other is found by typing its name.
    offered = care.get_data(as_text=True)
    assert f'value="{utrecht.id}">Utrecht' in offered and "Zeist" not in offered
    found = step(client, care, action="find_place", place="  zeïst ", headers=EN)
    assert f'<option selected value="{elsewhere.id}">Zeist' in found.get_data(as_text=True)
    assert "Utrecht" not in found.get_data(as_text=True).split('id="municipality"')[1][:300]
    none = step(client, care, action="find_place", place="Atlantis", headers=EN)
    assert "No municipality matches ‘Atlantis’" in none.get_data(as_text=True)
    check = complete_survey(
        client, headers=EN, municipality=str(utrecht.id), care_type="foster_care", age_band="18+"
    )
    assert "Foster care: living with a foster family" in check.get_data(as_text=True)
    step(client, check, action="send", headers=EN)
    response = released(db, SurveyResponse).one()
    assert response.municipality_id == utrecht.id
    assert (response.care_type, response.age_band) == (CareType.FOSTER_CARE, AgeBand.AGE_18_PLUS)
    assert stored_answers(db)["safety_home"].value == 5  # living with a foster family: asked


def test_a_municipality_that_is_not_in_the_list_is_refused(client, provider):
    page = step(client, start_survey(client, headers=EN), audience="youth", headers=EN)
    again = step(client, page, municipality="99999", headers=EN)
    assert again.status_code == 422
    assert "Choose a municipality from the list." in again.get_data(as_text=True)


@pytest.mark.parametrize(
    ("headers", "message", "title"),
    [
        (EN, "Choose an answer for ‘The helpers listen to me’.", "<title>Error: "),
        (NL, "Kies een antwoord voor ‘De hulpverleners luisteren naar mij’.", "<title>Fout: "),
    ],
)
def test_a_missing_answer_names_its_question(client, provider, headers, message, title):
    page = step(client, start_survey(client, headers=headers), audience="parent", headers=headers)
    page = step(client, step(client, page, headers=headers), q_overall_mark="7", headers=headers)
    again = step(client, page, q_fit_question="5", headers=headers)
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert message in html and html.count(message) == 2  # in the summary and at the question
    assert title in html
    assert '<fieldset class="question has-error" id="q_involvement_listen"' in html
    assert form_fields(again.data, "survey")["q_fit_question"] == "5"


def test_comment_that_is_too_long_is_kept_and_explained(client, provider):
    check = complete_survey(client, headers=EN)
    last = step(client, check, action="back", headers=EN)
    again = step(client, last, comment="a" * 2001, headers=EN)
    assert again.status_code == 422
    assert "under 2000 characters" in again.get_data(as_text=True)
    assert form_fields(again.data, "survey")["comment"] == "a" * 2001


def test_switching_language_mid_survey_keeps_answers(client, provider):
    page = step(client, start_survey(client, headers=NL), audience="youth", headers=NL)
    switched = step(client, page, action="next", lang="en", care_type="residential", headers=NL)
    assert "About your help" in switched.get_data(as_text=True)
    assert form_fields(switched.data, "survey")["care_type"] == "residential"


def test_double_clicked_send_stores_one_response(client, db, provider):
    check = complete_survey(client)
    first = step(client, check, action="send")
    second = step(client, check, action="send")
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert len(released(db, SurveyResponse).all()) == 1


def test_expired_csrf_token_keeps_the_answers(client, db, provider):
    check = complete_survey(client, headers=NL)
    last = step(client, check, action="back", headers=NL)
    client.delete_cookie("klankbord")  # the session (and its CSRF secret) is gone
    again = step(client, last, comment="Nog even", headers=NL)
    assert again.status_code == 400
    html = again.get_data(as_text=True)
    assert "Je antwoorden zijn er nog" in html
    assert form_fields(again.data, "survey")["comment"] == "Nog even"
    assert released(db, SurveyResponse).first() is None


def test_forged_post_without_token_stores_nothing(client, db, provider):
    check = complete_survey(client)
    data = form_fields(check.data, "survey")
    data.pop("csrf_token")
    data["action"] = "send"
    assert client.post("/survey/step/check", data=data).status_code == 400
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


def test_refreshing_an_old_form_address_goes_back_to_the_start(client):
    assert client.get("/survey/answers").headers["Location"].endswith("/survey/")


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_every_question_has_wording_in_every_language(app, language):
    from flask_babel import force_locale

    from portal.survey.questionnaires import VERSIONS
    from portal.survey.wording import item_text

    with app.test_request_context(), force_locale(language):
        for _version, (_day, items) in VERSIONS.items():
            for item in items:
                for audience in Audience:
                    text = str(item_text(item.key, audience))
                    assert text and not re.search(r"%\(", text), (item.key, audience)

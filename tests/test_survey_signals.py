"""Safety signals: not feeling safe, or danger words in the comment, show help first
on the thank-you page and are counted; they never block sending or name anyone."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.i18n.languages import PUBLIC_LANGUAGES
from portal.models import SurveyResponse
from portal.survey import signals
from tests.survey_helpers import complete_survey, released, step

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    "comment",
    [
        "Mijn stiefvader slaat me als hij boos is",
        "Ik ben vorig jaar mishandeld",
        "soms denk ik aan ZELFMOORD",
        "I want to die",
        "There was violence at home",
        "I have been self-harming again",
        "he threatened me",
    ],
)
def test_danger_words_are_found_in_dutch_and_english(comment):
    assert signals.has_danger_words(comment)


@pytest.mark.parametrize(
    "comment",
    ["", "Fijne begeleider, alles gaat goed", "Grapes and drapes", "We sloegen aan het werk"],
)
def test_ordinary_comments_are_no_signal(comment):
    assert not signals.has_danger_words(comment)


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_every_public_language_has_a_word_list(language):
    """ar, tr, pl and uk get their lists with their translations (issue 8 item 6)."""
    assert signals.DANGER_WORDS.get(language)


def test_not_feeling_safe_means_disagree_or_totally_disagree():
    assert signals.feels_unsafe([5, None, 2])
    assert signals.feels_unsafe([1])
    assert not signals.feels_unsafe([3, 4, 5, None])


def send(client, **options) -> str:
    check = complete_survey(client, headers=EN, **options)
    sent = step(client, check, action="send", headers=EN)
    assert sent.status_code == 303  # a signal never stops the answers
    return client.get(sent.headers["Location"], headers=EN).get_data(as_text=True)


def help_first(html: str) -> bool:
    main = html.split('<main id="main">')[1].split("</main>")[0]
    return 'id="help-first"' in main


def test_a_youth_who_does_not_feel_safe_gets_help_first(client, db, provider):
    thanks = send(client, care_type="residential", answers={"q_safety_home": "1"})
    assert help_first(thanks)
    assert "tel:112" in thanks and "tel:08000432" in thanks and "tel:08002000" in thanks
    assert released(db, SurveyResponse).one().safety_signal is True


def test_danger_words_in_the_comment_give_help_first(client, db, provider):
    thanks = send(client, comment="Thuis is er geweld, ik durf niet naar huis")
    assert help_first(thanks)
    stored = released(db, SurveyResponse).one()
    assert stored.safety_signal is True and "geweld" in stored.comment  # kept as written


def test_a_safe_answer_gets_the_ordinary_thank_you(client, db, provider):
    assert not help_first(send(client, comment="Alles goed"))
    assert released(db, SurveyResponse).one().safety_signal is False


def test_the_next_survey_on_the_same_phone_does_not_inherit_the_signal(client, provider):
    assert help_first(send(client, answers={"q_safety_helpers": "2"}))
    assert not help_first(send(client))


def test_the_session_learns_only_a_flag(app: Flask, client, provider):
    send(client, answers={"q_safety_helpers": "1"})
    cookie = client.get_cookie("klankbord")
    assert cookie is not None
    serializer = app.session_interface.get_signing_serializer(app)
    held = serializer.loads(cookie.value)
    assert held["survey_help"] is True
    # The draft's handle stays (its draft is spent), nothing else about the answers.
    assert set(held) <= {"csrf_token", "survey_form", "survey_help", "lang"}

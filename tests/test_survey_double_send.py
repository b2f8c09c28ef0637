"""A send that races its twin to the same response id gets the same confirmation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event
from sqlmodel import Session

from portal.db import engine_for
from portal.models import Audience, SurveyAnswer, SurveyResponse
from portal.survey import service
from portal.survey.questionnaires import active_questionnaire, items_of
from tests.conftest import TEST_SECRET
from tests.survey_helpers import released

DAY = date(2026, 11, 23)


def _submission(db: Session, provider_id: int, token: str) -> service.Submission:
    questionnaire = active_questionnaire(db)
    return service.Submission(
        provider_id=provider_id,
        questionnaire_id=questionnaire.id,
        audience=Audience.YOUTH,
        answers={item.id: 4 for item in items_of(db, questionnaire)},
        comment="Goed geholpen",
        submission_token=token,
    )


def test_a_twin_that_commits_first_makes_the_second_send_already_stored(app, db, provider):
    """Both sends pass the "already stored?" check; the twin commits while the
    second one is about to write, so its insert hits the primary key at the flush."""
    engine = engine_for(app)
    token = service.new_submission_token()
    with Session(engine, expire_on_commit=False) as second:
        twin_outcomes: list[service.Outcome] = []

        def twin_commits_first(session, _context, _instances) -> None:
            with Session(engine, expire_on_commit=False) as twin:
                twin_outcomes.append(
                    service.submit_response(
                        twin, _submission(twin, provider.id, token), TEST_SECRET, DAY
                    )
                )

        event.listen(second, "before_flush", twin_commits_first, once=True)
        outcome = service.submit_response(
            second, _submission(second, provider.id, token), TEST_SECRET, DAY
        )
    assert twin_outcomes == [service.Outcome.STORED]
    assert outcome is service.Outcome.ALREADY_STORED  # not an IntegrityError, not a 500
    assert len(released(db, SurveyResponse).all()) == 1
    answers = released(db, SurveyAnswer).all()
    assert len(answers) == len(items_of(db, active_questionnaire(db)))  # one set, not two


def test_a_resent_form_after_the_first_is_stored_gets_the_same_answer(db, provider):
    token = service.new_submission_token()
    first = service.submit_response(db, _submission(db, provider.id, token), TEST_SECRET, DAY)
    again = service.submit_response(db, _submission(db, provider.id, token), TEST_SECRET, DAY)
    assert (first, again) == (service.Outcome.STORED, service.Outcome.ALREADY_STORED)
    assert len(released(db, SurveyResponse).all()) == 1


def test_a_comment_far_over_the_limit_is_cut_before_it_is_redacted(db, provider):
    token = service.new_submission_token()
    submission = _submission(db, provider.id, token)
    submission.comment = "Bel me op 06-12345678. " + "a" * 300_000 + " jan@example.nl"
    assert service.submit_response(db, submission, TEST_SECRET, DAY) is service.Outcome.STORED
    stored = released(db, SurveyResponse.comment).one()
    assert stored.startswith("Bel me op [\u2026].")
    assert len(stored) <= service.COMMENT_MAX_LENGTH and "example" not in stored

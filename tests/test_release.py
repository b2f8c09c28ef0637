"""The nightly release of survey answers: when, all or nothing, never twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from portal.db import engine_for
from portal.models import Audience, SurveyAnswer, SurveyResponse, WaitingResponse
from portal.survey import release, service
from portal.survey.questionnaires import active_questionnaire, items_of
from tests.conftest import TEST_SECRET

DAY = date(2026, 11, 23)


def send(db: Session, provider, count: int, day: date = DAY) -> None:
    questionnaire = active_questionnaire(db)
    for _ in range(count):
        submission = service.Submission(
            provider_id=provider.id,
            questionnaire_id=questionnaire.id,
            audience=Audience.PARENT,
            answers={item.id: 3 for item in items_of(db, questionnaire)},
            comment="",
            submission_token=service.new_submission_token(),
        )
        assert service.submit_response(db, submission, TEST_SECRET, day) is service.Outcome.STORED


def counts(db: Session) -> tuple[int, int]:
    return (
        len(db.exec(select(WaitingResponse)).all()),
        len(db.exec(select(SurveyResponse)).all()),
    )


def test_answers_wait_for_the_small_group_threshold_or_the_longest_wait(db, provider):
    send(db, provider, 9)
    assert release.release(db, DAY, threshold=10, max_wait_days=14) == 0
    assert counts(db) == (9, 0)  # stored safely, not in the results yet
    assert release.release(db, DAY + timedelta(days=14), threshold=10, max_wait_days=14) == 9
    assert counts(db) == (0, 9)
    send(db, provider, 10, DAY + timedelta(days=15))
    assert release.release(db, DAY + timedelta(days=15), threshold=10, max_wait_days=14) == 10
    released = db.exec(select(SurveyResponse.submitted_on)).all()
    assert sorted(set(released)) == [DAY, DAY + timedelta(days=15)]  # the day, kept


def test_a_release_that_crashes_halfway_leaves_every_answer_waiting(app, db, provider, monkeypatch):
    send(db, provider, 12)
    made = []

    def breaks_after_thirty(**values):
        made.append(values)
        if len(made) > 30:
            raise RuntimeError("disk full")
        return SurveyAnswer(**values)

    monkeypatch.setattr(release, "SurveyAnswer", breaks_after_thirty)
    with pytest.raises(RuntimeError):
        release.release(db, DAY, threshold=10, max_wait_days=14)
    db.rollback()
    with Session(engine_for(app)) as fresh:
        assert counts(fresh) == (12, 0)  # all waiting, none lost, none released


def test_a_second_release_finds_nothing_to_take(db, provider):
    send(db, provider, 10)
    assert release.release(db, DAY, threshold=10, max_wait_days=14) == 10
    assert release.release(db, DAY, threshold=1, max_wait_days=0) == 0
    assert counts(db) == (0, 10)
    assert len(db.exec(select(SurveyAnswer)).all()) == 10 * len(
        items_of(db, active_questionnaire(db))
    )

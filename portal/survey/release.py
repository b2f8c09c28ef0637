"""Answers wait, then enter the results in a shuffled batch.

Stored the moment they are sent (nothing is lost), a response first waits in
WaitingResponse. Once a day (setting ANSWER_RELEASE_TIME) the release job moves
every waiting response into SurveyResponse/SurveyAnswer in a random order, when
at least the small-group threshold is waiting or the oldest has waited
ANSWER_RELEASE_MAX_WAIT_DAYS. Then the traces of the waiting rows are erased
(portal/privacy/erasure.py). So the files show neither the order in which answers were
sent nor which invitation code unlocked which answer: consuming a code happens
when the answer is sent, releasing it happens in another transaction, days later,
among the others.

Trade-off: results lag up to ANSWER_RELEASE_MAX_WAIT_DAYS behind, and an answer
that waits is, until it is released, as exposed as before (README, threat model).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, union_all
from sqlmodel import Session, select

from portal.models import (
    AgeBand,
    Audience,
    CareType,
    Channel,
    CommentReview,
    SurveyAnswer,
    SurveyResponse,
    WaitingResponse,
)

# formdraft too: a survey draft held the answers (and the invitation code) until it
# was sent, and its dead copy must go no later than the answers enter the results.
TABLES = ("waitingresponse", "surveyresponse", "surveyanswer", "formdraft")

# In ``Waiting.answers``: the respondent chose "does not apply" (None is "don't know").
NOT_APPLICABLE = -1


@dataclass(frozen=True)
class Waiting:
    """What a sent response becomes once released."""

    provider_id: int
    questionnaire_id: int
    audience: Audience
    channel: Channel
    comment: str | None
    answers: dict[int, int | None]
    municipality_id: int | None = None
    care_type: CareType | None = None
    age_band: AgeBand | None = None
    safety_signal: bool = False

    def payload(self) -> str:
        return json.dumps(
            {
                "municipality_id": self.municipality_id,
                "care_type": self.care_type.value if self.care_type else None,
                "age_band": self.age_band.value if self.age_band else None,
                "safety_signal": self.safety_signal,
                "provider_id": self.provider_id,
                "questionnaire_id": self.questionnaire_id,
                "audience": self.audience.value,
                "channel": self.channel.value,
                "comment": self.comment,
                "answers": [[item, value] for item, value in sorted(self.answers.items())],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_payload(cls, payload: str) -> Waiting:
        data: dict[str, Any] = json.loads(payload)
        return cls(
            data["provider_id"],
            data["questionnaire_id"],
            Audience(data["audience"]),
            Channel(data["channel"]),
            data["comment"],
            {int(item): value for item, value in data["answers"]},
            data.get("municipality_id"),
            CareType(data["care_type"]) if data.get("care_type") else None,
            AgeBand(data["age_band"]) if data.get("age_band") else None,
            bool(data.get("safety_signal", False)),
        )


def hold(session: Session, response_id: str, waiting: Waiting, today: date) -> None:
    """Add a sent response to the caller's transaction, waiting for release."""
    session.add(WaitingResponse(id=response_id, payload=waiting.payload(), received_on=today))


def is_stored(session: Session, response_id: str) -> bool:
    """Waiting or released: a resent form must not store its answers twice."""
    either = union_all(
        select(WaitingResponse.id).where(WaitingResponse.id == response_id),
        select(SurveyResponse.id).where(SurveyResponse.id == response_id),
    )
    return session.execute(either.limit(1)).first() is not None  # one statement


def due(session: Session, today: date, threshold: int, max_wait_days: int) -> bool:
    waiting, oldest = session.exec(
        select(func.count(), func.min(WaitingResponse.received_on))  # type: ignore[call-overload]
    ).one()
    if not waiting:
        return False
    return waiting >= threshold or oldest <= today - timedelta(days=max_wait_days)


def release(session: Session, today: date, threshold: int, max_wait_days: int) -> int:
    """Release every waiting response in a random order, in one transaction.

    The waiting rows are taken by one DELETE ... RETURNING, so a second job at the
    same time finds nothing to take; a crash before the commit leaves them all
    waiting. Returns how many were released.
    """
    if not due(session, today, threshold, max_wait_days):
        return 0
    taken = list(
        session.exec(  # type: ignore[call-overload]
            delete(WaitingResponse).returning(
                WaitingResponse.id, WaitingResponse.payload, WaitingResponse.received_on
            )
        ).all()
    )
    secrets.SystemRandom().shuffle(taken)
    for response_id, payload, received_on in taken:
        waiting = Waiting.from_payload(payload)
        session.add(
            SurveyResponse(
                id=response_id,
                provider_id=waiting.provider_id,
                questionnaire_id=waiting.questionnaire_id,
                audience=waiting.audience,
                channel=waiting.channel,
                submitted_on=received_on,
                comment=waiting.comment,
                municipality_id=waiting.municipality_id,
                care_type=waiting.care_type,
                age_band=waiting.age_band,
                safety_signal=waiting.safety_signal,
                comment_review=CommentReview.PENDING if waiting.comment else None,
            )
        )
        session.flush()  # the response row first: its answers refer to it
        session.add_all(
            SurveyAnswer(
                response_id=response_id,
                item_id=item,
                value=None if value == NOT_APPLICABLE else value,
                not_applicable=value == NOT_APPLICABLE,
            )
            for item, value in waiting.answers.items()
        )
        session.flush()
    session.commit()
    return len(taken)

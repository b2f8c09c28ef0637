"""Anonymous survey responses.

A response has a random primary key, no time finer than the day and no
reference to the invitation code that unlocked it. On SQLite the tables have
no rowid, so not even storage order hints at when an answer arrived.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type
from .reference import CareType


class Audience(StrEnum):
    YOUTH = "youth"
    PARENT = "parent"
    FOSTER_PARENT = "foster_parent"


class AgeBand(StrEnum):
    """Optional age of a youth who answers; youth care runs to 18, extended to 23."""

    AGE_12_15 = "12-15"
    AGE_16_17 = "16-17"
    AGE_18_PLUS = "18+"


class CommentReview(StrEnum):
    """A comment reaches the provider only after a platform member approved it."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Channel(StrEnum):
    OPEN_LINK = "open_link"
    INVITATION = "invitation"


class SurveyResponse(SQLModel, table=True):
    __table_args__ = {"sqlite_with_rowid": False}

    id: str = Field(primary_key=True, max_length=32)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    questionnaire_id: int = Field(foreign_key="questionnaire.id")
    audience: Audience = Field(sa_type=enum_type(Audience))
    channel: Channel = Field(sa_type=enum_type(Channel))
    submitted_on: date = Field(index=True)
    comment: str | None = Field(default=None, max_length=2000)
    # Questionnaire version 2: optional facts the municipal reports group by.
    municipality_id: int | None = Field(default=None, foreign_key="municipality.id", index=True)
    care_type: CareType | None = Field(default=None, sa_type=enum_type(CareType))
    age_band: AgeBand | None = Field(default=None, sa_type=enum_type(AgeBand))
    # Said they do not feel safe, or the comment held danger words: counted, never traced.
    safety_signal: bool = Field(default=False)
    comment_review: CommentReview | None = Field(default=None, sa_type=enum_type(CommentReview))
    # The year whose batch of approved comments carried this one to the provider.
    comment_shared_year: int | None = None


class SurveyAnswer(SQLModel, table=True):
    """One item's answer; no row means the item was not shown.

    ``value`` NULL means "don't know", unless ``not_applicable`` says "does not apply".
    Values by scale: agree/fft 1-5, mark 1-10, yes_no 1 yes / 0 no, count 1, 2, 3 (3 or more).
    """

    __table_args__ = {"sqlite_with_rowid": False}

    response_id: str = Field(foreign_key="surveyresponse.id", primary_key=True, ondelete="CASCADE")
    item_id: int = Field(foreign_key="questionnaireitem.id", primary_key=True)
    value: int | None = Field(default=None, ge=0, le=10)
    not_applicable: bool = Field(default=False)


class WaitingResponse(SQLModel, table=True):
    """A sent response, stored safely but not yet part of the results.

    The release job moves waiting responses into SurveyResponse/SurveyAnswer in
    a random order and in batches (portal/survey/release.py), so neither the
    order of sending nor the code that unlocked one can be read from the files.
    The id is the one the released response will get (idempotent resends).
    """

    __table_args__ = {"sqlite_with_rowid": False}

    id: str = Field(primary_key=True, max_length=32)
    # Everything the released rows need, as JSON: provider, questionnaire, audience,
    # channel, comment and the answers per item.
    payload: str = Field(max_length=20000)
    received_on: date = Field(index=True)

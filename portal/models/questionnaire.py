"""Versioned satisfaction questionnaires; wording lives in the translation catalogs."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from .base import enum_type


class Dimension(StrEnum):
    """What an item measures (DOMAIN.md "Satisfaction, measured anonymously")."""

    FIT = "fit"  # vraaggerichtheid
    INVOLVEMENT = "involvement"  # betrokkenheid
    SPEED = "speed"  # snelheid
    COOPERATION = "cooperation"  # samenwerking tussen hulpverleners
    RESULT = "result"  # resultaat
    PARTICIPATION = "participation"  # meebeslissen / cliëntparticipatie
    SAFETY = "safety"  # je veilig voelen waar je woont
    OVERALL = "overall"  # headline question, FFT style


class Scale(StrEnum):
    AGREE = "agree"  # totally agree … totally disagree, don't know
    FFT = "fft"  # very good … very poor, don't know


class Questionnaire(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True)
    active: bool = Field(default=False)
    introduced_on: date


class QuestionnaireItem(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("questionnaire_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    questionnaire_id: int = Field(foreign_key="questionnaire.id", index=True)
    key: str = Field(max_length=40)
    dimension: Dimension = Field(sa_type=enum_type(Dimension))
    scale: Scale = Field(sa_type=enum_type(Scale))
    page: int
    position: int

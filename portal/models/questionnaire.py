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
    SAFETY = "safety"  # je veilig voelen bij je hulpverleners en waar je woont (003 §2.8)
    OVERALL = "overall"  # headline question (v1: FFT scale, v2: school mark 1-10)
    GOALS = "goals"  # doelrealisatie (003 §1.2.2 theme 2)
    CONTACT_PERSON = "contact_person"  # één vast aanspreekpunt (000 eis 78, 002 §12)
    RIGHTS = "rights"  # weten waar je kunt klagen, vertrouwenspersoon (003 theme 1)


class Scale(StrEnum):
    AGREE = "agree"  # totally agree … totally disagree, don't know
    FFT = "fft"  # very good … very poor, don't know
    MARK = "mark"  # school mark 1-10, how Dutch youths and parents grade everything
    YES_NO = "yes_no"  # 1 yes, 0 no
    COUNT = "count"  # 1, 2, 3 (= 3 or more), e.g. organisations that help


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

"""Questionnaire versions defined in code and synced into the database.

The database keeps which items a version has (answers refer to them); the
wording comes from the translation catalogs (see ``wording.py``), so adding a
language never touches a questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from sqlmodel import Session, select

from portal.models import CareType, Dimension, Questionnaire, QuestionnaireItem, Scale

# Where a youth lives with or because of the care: only they get the question about
# feeling safe where they live (issue 8; seed 003 §2.8).
LIVING_IN_CARE = frozenset({CareType.RESIDENTIAL, CareType.FOSTER_CARE, CareType.FAMILY_HOME})


@dataclass(frozen=True)
class ItemDefinition:
    """One question. A changed question gets a new key, so a series never mixes scales:
    reports compare versions item by item, on the key."""

    key: str
    dimension: Dimension
    scale: Scale
    page: int
    # Offers "does not apply" beside "don't know".
    not_applicable: bool = False
    # Asked only when the respondent chose one of these care types (None: always).
    care_types: frozenset[CareType] | None = None


VERSIONS: dict[int, tuple[date, tuple[ItemDefinition, ...]]] = {
    1: (
        date(2026, 11, 1),
        (
            ItemDefinition("fit_question", Dimension.FIT, Scale.AGREE, 1),
            ItemDefinition("involvement_listen", Dimension.INVOLVEMENT, Scale.AGREE, 1),
            ItemDefinition("speed_start", Dimension.SPEED, Scale.AGREE, 1),
            ItemDefinition("cooperation_helpers", Dimension.COOPERATION, Scale.AGREE, 2),
            ItemDefinition("participation_decide", Dimension.PARTICIPATION, Scale.AGREE, 2),
            ItemDefinition("result_better", Dimension.RESULT, Scale.AGREE, 2),
            ItemDefinition("safety_home", Dimension.SAFETY, Scale.AGREE, 2),
            ItemDefinition("overall", Dimension.OVERALL, Scale.FFT, 3),
        ),
    ),
    # Version 2 (issue 8): the headline question first as a school mark; goal
    # realisation (003 theme 2); the single contact person (000 eis 78, 002 §12);
    # knowing where to complain and the confidant (003 theme 1); safety with the
    # helpers for everyone, where you live only for care you live in. Unchanged
    # items keep their v1 key, so they stay comparable.
    2: (
        date(2026, 12, 1),
        (
            ItemDefinition("overall_mark", Dimension.OVERALL, Scale.MARK, 1),
            ItemDefinition("fit_question", Dimension.FIT, Scale.AGREE, 2),
            ItemDefinition("involvement_listen", Dimension.INVOLVEMENT, Scale.AGREE, 2),
            ItemDefinition("speed_start", Dimension.SPEED, Scale.AGREE, 2),
            ItemDefinition("goals_reached", Dimension.GOALS, Scale.AGREE, 2, not_applicable=True),
            ItemDefinition("result_better", Dimension.RESULT, Scale.AGREE, 2),
            ItemDefinition("participation_decide", Dimension.PARTICIPATION, Scale.AGREE, 3),
            ItemDefinition(
                "cooperation_helpers", Dimension.COOPERATION, Scale.AGREE, 3, not_applicable=True
            ),
            ItemDefinition("organisations_count", Dimension.CONTACT_PERSON, Scale.COUNT, 3),
            ItemDefinition("contact_fixed", Dimension.CONTACT_PERSON, Scale.YES_NO, 3),
            ItemDefinition(
                "contact_deputy", Dimension.CONTACT_PERSON, Scale.YES_NO, 3, not_applicable=True
            ),
            ItemDefinition(
                "contact_say", Dimension.CONTACT_PERSON, Scale.YES_NO, 3, not_applicable=True
            ),
            ItemDefinition("safety_helpers", Dimension.SAFETY, Scale.AGREE, 4),
            ItemDefinition(
                "safety_home", Dimension.SAFETY, Scale.AGREE, 4, care_types=LIVING_IN_CARE
            ),
            ItemDefinition("complaint_where", Dimension.RIGHTS, Scale.YES_NO, 4),
            ItemDefinition("confidant_known", Dimension.RIGHTS, Scale.YES_NO, 4),
        ),
    ),
}
CURRENT_VERSION = 2  # issue 8: the pages and wording of version 2 exist


def definition(version: int, key: str) -> ItemDefinition:
    return next(item for item in VERSIONS[version][1] if item.key == key)


def sync_questionnaires(session: Session) -> Questionnaire:
    """Create missing versions and items; make the current version the active one."""
    for version, (introduced_on, items) in VERSIONS.items():
        questionnaire = session.exec(
            select(Questionnaire).where(Questionnaire.version == version)
        ).first()
        if questionnaire is None:
            questionnaire = Questionnaire(version=version, introduced_on=introduced_on)
            session.add(questionnaire)
            session.flush()
        known = set(
            session.exec(
                select(QuestionnaireItem.key).where(
                    QuestionnaireItem.questionnaire_id == questionnaire.id
                )
            )
        )
        for position, item in enumerate(items):
            if item.key not in known:
                session.add(
                    QuestionnaireItem(
                        questionnaire_id=questionnaire.id,
                        key=item.key,
                        dimension=item.dimension,
                        scale=item.scale,
                        page=item.page,
                        position=position,
                    )
                )
        questionnaire.active = version == CURRENT_VERSION
    session.commit()
    _QUESTIONS.clear()  # items may have been added: build them again when asked
    return active_questionnaire(session)


def active_questionnaire(session: Session) -> Questionnaire:
    questionnaire = session.exec(select(Questionnaire).where(Questionnaire.active)).first()
    if questionnaire is None:
        raise LookupError("No active questionnaire: run `flask questionnaires sync`.")
    return questionnaire


def items_of(session: Session, questionnaire: Questionnaire) -> list[QuestionnaireItem]:
    return list(
        session.exec(
            select(QuestionnaireItem)
            .where(QuestionnaireItem.questionnaire_id == questionnaire.id)
            .order_by(QuestionnaireItem.position)
        )
    )


@dataclass(frozen=True)
class AskedItem:
    """A questionnaire item as the steps need it: a plain value, safe to share
    between requests (an ORM row belongs to one session)."""

    id: int
    key: str
    dimension: Dimension
    scale: Scale
    page: int


@dataclass(frozen=True)
class Questions:
    """One questionnaire version with its items, in order."""

    questionnaire_id: int
    version: int
    items: tuple[AskedItem, ...]

    @cached_property
    def safety_item_ids(self) -> frozenset[int]:
        return frozenset(item.id for item in self.items if item.dimension is Dimension.SAFETY)


# Built once per database and questionnaire: a version's items never change once
# synced (a changed question gets a new key), so every step and send reuses them.
_QUESTIONS: dict[tuple[str, int], Questions] = {}


def questions(session: Session, questionnaire_id: int | None = None) -> Questions:
    """The questionnaire a draft started with, or the active one."""
    database = str(session.get_bind().url)
    if questionnaire_id is not None and (database, questionnaire_id) in _QUESTIONS:
        return _QUESTIONS[(database, questionnaire_id)]
    questionnaire = session.get(Questionnaire, questionnaire_id) if questionnaire_id else None
    if questionnaire is None:
        questionnaire = active_questionnaire(session)
        if (database, questionnaire.id) in _QUESTIONS:
            return _QUESTIONS[(database, questionnaire.id)]
    items = tuple(
        AskedItem(item.id or 0, item.key, item.dimension, item.scale, item.page)
        for item in items_of(session, questionnaire)
    )
    asked = Questions(questionnaire.id or 0, questionnaire.version, items)
    _QUESTIONS[(database, asked.questionnaire_id)] = asked
    return asked

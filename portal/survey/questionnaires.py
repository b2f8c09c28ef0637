"""Questionnaire versions defined in code and synced into the database.

The database keeps which items a version has (answers refer to them); the
wording comes from the translation catalogs (see ``wording.py``), so adding a
language never touches a questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from portal.models import Dimension, Questionnaire, QuestionnaireItem, Scale


@dataclass(frozen=True)
class ItemDefinition:
    key: str
    dimension: Dimension
    scale: Scale
    page: int


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
}
CURRENT_VERSION = 1


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

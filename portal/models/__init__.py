"""All tables; importing this package registers every model on SQLModel.metadata."""

from .base import NAMING_CONVENTION
from .invitation import InvitationBatch, InvitationCode
from .questionnaire import Dimension, Questionnaire, QuestionnaireItem, Scale
from .reference import (
    CareType,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
)
from .survey import Audience, Channel, SurveyAnswer, SurveyResponse

__all__ = [
    "NAMING_CONVENTION",
    "Audience",
    "CareType",
    "Channel",
    "Dimension",
    "InvitationBatch",
    "InvitationCode",
    "Municipality",
    "MunicipalityReportRecipient",
    "Provider",
    "ProviderCareType",
    "ProviderMunicipality",
    "Questionnaire",
    "QuestionnaireItem",
    "Scale",
    "SurveyAnswer",
    "SurveyResponse",
]

"""All tables; importing this package registers every model on SQLModel.metadata."""

from .base import NAMING_CONVENTION
from .complaint import (
    Complaint,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    MessageAuthor,
    ReminderSent,
)
from .invitation import InvitationBatch, InvitationCode
from .operations import AuditEntry, JobRun, OutboxMail, ThrottleWindow
from .questionnaire import Dimension, Questionnaire, QuestionnaireItem, Scale
from .reference import (
    CareType,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
)
from .staff import StaffMember, StaffRole, StaffSession
from .survey import Audience, Channel, SurveyAnswer, SurveyResponse

__all__ = [
    "NAMING_CONVENTION",
    "Audience",
    "AuditEntry",
    "CareType",
    "Channel",
    "Complaint",
    "ComplaintKind",
    "ComplaintMessage",
    "ComplaintStatus",
    "ComplaintTheme",
    "DecisionOutcome",
    "Dimension",
    "InvitationBatch",
    "InvitationCode",
    "JobRun",
    "MessageAuthor",
    "Municipality",
    "MunicipalityReportRecipient",
    "OutboxMail",
    "Provider",
    "ProviderCareType",
    "ProviderMunicipality",
    "Questionnaire",
    "QuestionnaireItem",
    "ReminderSent",
    "Scale",
    "StaffMember",
    "StaffRole",
    "StaffSession",
    "SurveyAnswer",
    "SurveyResponse",
    "ThrottleWindow",
]

"""All tables; importing this package registers every model on SQLModel.metadata."""

from .base import NAMING_CONVENTION
from .complaint import (
    QUALITY_THEME,
    ComplainantRole,
    Complaint,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    FormDraft,
    JudgementPart,
    MessageAuthor,
    QualityTheme,
    ReminderSent,
)
from .invitation import InvitationBatch, InvitationCode
from .operations import AuditEntry, JobRun, OutboxMail, ThrottleWindow
from .organisation import Organisation, OrganisationKind, Region
from .questionnaire import Dimension, Questionnaire, QuestionnaireItem, Scale
from .reference import (
    CareType,
    ComplaintRegime,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
)
from .staff import COMMITTEE_ROLES, ROLE_ORGANISATION, StaffMember, StaffRole, StaffSession
from .survey import Audience, Channel, SurveyAnswer, SurveyResponse

__all__ = [
    "COMMITTEE_ROLES",
    "NAMING_CONVENTION",
    "QUALITY_THEME",
    "ROLE_ORGANISATION",
    "Audience",
    "AuditEntry",
    "CareType",
    "Channel",
    "ComplainantRole",
    "Complaint",
    "ComplaintKind",
    "ComplaintMessage",
    "ComplaintRegime",
    "ComplaintStatus",
    "ComplaintTheme",
    "DecisionOutcome",
    "Dimension",
    "FormDraft",
    "InvitationBatch",
    "InvitationCode",
    "JobRun",
    "JudgementPart",
    "MessageAuthor",
    "Municipality",
    "MunicipalityReportRecipient",
    "Organisation",
    "OrganisationKind",
    "OutboxMail",
    "Provider",
    "ProviderCareType",
    "ProviderMunicipality",
    "QualityTheme",
    "Questionnaire",
    "QuestionnaireItem",
    "Region",
    "ReminderSent",
    "Scale",
    "StaffMember",
    "StaffRole",
    "StaffSession",
    "SurveyAnswer",
    "SurveyResponse",
    "ThrottleWindow",
]

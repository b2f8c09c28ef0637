"""Words for the complaint states and choices, in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.complaints.clock import DeadlineKind
from portal.models import (
    ComplainantRole,
    ComplaintKind,
    ComplaintRegime,
    ComplaintStatus,
    ComplaintTheme,
    DecisionOutcome,
    QualityTheme,
)

THEME_LABELS = {
    ComplaintTheme.WAITING_TIME: _l("Waiting for help to start"),
    ComplaintTheme.SCREENING: _l("Waiting for a screening or assessment"),
    ComplaintTheme.REFUSAL: _l("I was refused help (also because of money)"),
    ComplaintTheme.TREATMENT: _l("How I was treated"),
    ComplaintTheme.NOT_HEARD: _l("Nobody listens to me"),
    ComplaintTheme.COMMUNICATION: _l("Information and communication"),
    ComplaintTheme.HELP_NOT_WORKING: _l("The help does not help"),
    ComplaintTheme.CONTACT_PERSON: _l("No single contact person"),
    ComplaintTheme.COOPERATION: _l("Helpers do not work together"),
    ComplaintTheme.SAFETY: _l("Safety"),
    ComplaintTheme.PRIVACY: _l("Privacy"),
    ComplaintTheme.OTHER: _l("Something else"),
}

QUALITY_THEME_LABELS = {
    QualityTheme.CLIENT_INVOLVEMENT: _l("Client involvement"),
    QualityTheme.GOAL_REALISATION: _l("Reaching goals"),
    QualityTheme.DECREASE_OF_PROBLEMS: _l("Fewer problems"),
    QualityTheme.SAFETY: _l("Safety"),
    QualityTheme.RESULT_ORIENTATION: _l("Results and waiting times"),
}

ROLE_LABELS = {
    ComplainantRole.YOUTH: _l("I get the help myself"),
    ComplainantRole.PARENT_WITH_AUTHORITY: _l("Parent with parental authority"),
    ComplainantRole.PARENT_WITHOUT_AUTHORITY: _l("Parent without parental authority"),
    ComplainantRole.FOSTER_PARENT: _l("Foster parent"),
    ComplainantRole.GUARDIAN: _l("Guardian"),
    ComplainantRole.ON_BEHALF: _l("I complain on behalf of someone else"),
}

KIND_LABELS = {
    ComplaintKind.INFORMAL: _l("Informal: the organisation solves it with you"),
    ComplaintKind.FORMAL: _l("Formal: the independent complaints committee judges it"),
}

STATUS_LABELS = {
    ComplaintStatus.RECEIVED: _l("Received"),
    ComplaintStatus.ACKNOWLEDGED: _l("Read"),
    ComplaintStatus.IN_PROGRESS: _l("Being worked on"),
    ComplaintStatus.DECIDED: _l("Answered"),
    ComplaintStatus.WITH_COMMITTEE: _l("With the complaints committee"),
    ComplaintStatus.JUDGED: _l("Judged: waiting for the measures"),
    ComplaintStatus.CONCLUDED: _l("Finished"),
    ComplaintStatus.WITHDRAWN: _l("Withdrawn"),
}

OUTCOME_LABELS = {
    DecisionOutcome.UPHELD: _l("Founded: the complaint is right"),
    DecisionOutcome.PARTLY_UPHELD: _l("Partly founded"),
    DecisionOutcome.NOT_UPHELD: _l("Unfounded"),
}

DEADLINE_LABELS = {
    DeadlineKind.ACKNOWLEDGE: _l("Read and confirm (our promise)"),
    DeadlineKind.DECISION: _l("Answer"),
    DeadlineKind.JUDGEMENT: _l("Judgement of the committee"),
    DeadlineKind.MEASURES: _l("Statement of measures"),
}

REGIME_LABELS = {
    ComplaintRegime.JEUGDWET: _l("Youth Act (Jeugdwet), articles 4.2.1 and 4.2.2"),
    ComplaintRegime.AWB: _l("General Administrative Law Act (Awb), chapter 9"),
}

LABELS = {
    "theme": THEME_LABELS,
    "quality": QUALITY_THEME_LABELS,
    "role": ROLE_LABELS,
    "kind": KIND_LABELS,
    "status": STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "deadline": DEADLINE_LABELS,
    "regime": REGIME_LABELS,
}

"""Words for the complaint states and choices, in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.complaints.clock import DeadlineKind
from portal.models import ComplaintKind, ComplaintStatus, ComplaintTheme, DecisionOutcome

THEME_LABELS = {
    ComplaintTheme.WAITING_TIME: _l("Waiting time"),
    ComplaintTheme.TREATMENT: _l("How I was treated"),
    ComplaintTheme.COMMUNICATION: _l("Communication"),
    ComplaintTheme.SAFETY: _l("Safety"),
    ComplaintTheme.PRIVACY: _l("Privacy"),
    ComplaintTheme.REFUSAL: _l("Refusal of care"),
    ComplaintTheme.COOPERATION: _l("Cooperation between helpers"),
    ComplaintTheme.OTHER: _l("Something else"),
}

KIND_LABELS = {
    ComplaintKind.INFORMAL: _l("Informal: the provider solves it with you"),
    ComplaintKind.FORMAL: _l("Formal: the complaints committee judges it"),
}

STATUS_LABELS = {
    ComplaintStatus.RECEIVED: _l("Received"),
    ComplaintStatus.ACKNOWLEDGED: _l("Acknowledged"),
    ComplaintStatus.IN_PROGRESS: _l("In progress"),
    ComplaintStatus.WITH_COMMITTEE: _l("With the complaints committee"),
    ComplaintStatus.DECIDED: _l("Decided"),
    ComplaintStatus.WITHDRAWN: _l("Withdrawn"),
}

OUTCOME_LABELS = {
    DecisionOutcome.UPHELD: _l("Upheld: the complaint is right"),
    DecisionOutcome.PARTLY_UPHELD: _l("Partly upheld"),
    DecisionOutcome.NOT_UPHELD: _l("Not upheld"),
}

DEADLINE_LABELS = {
    DeadlineKind.ACKNOWLEDGE: _l("Acknowledge receipt"),
    DeadlineKind.DECISION: _l("Decision"),
    DeadlineKind.MEASURES: _l("Statement of measures"),
}

LABELS = {
    "theme": THEME_LABELS,
    "kind": KIND_LABELS,
    "status": STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "deadline": DEADLINE_LABELS,
}

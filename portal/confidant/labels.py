"""Words for the confidant request's choices and states, in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.models import (
    CallbackWindow,
    ComplaintConsent,
    ContactMethod,
    RequesterRole,
    RequestOutcome,
    RequestStatus,
    RequestTopic,
)

TOPIC_LABELS = {
    RequestTopic.COMPLAINT: _l("A complaint about a care organisation"),
    RequestTopic.LOCAL_TEAM: _l("I disagree with the local team or a decision of the municipality"),
    RequestTopic.WAITING: _l("Waiting for help or for a screening"),
    RequestTopic.RIGHTS: _l("My rights, or information I need"),
    RequestTopic.SAFETY: _l("I do not feel safe"),
    RequestTopic.OTHER: _l("Something else"),
}

ROLE_LABELS = {
    RequesterRole.YOUTH: _l("I get the help myself"),
    RequesterRole.PARENT: _l("Parent"),
    RequesterRole.FOSTER_PARENT: _l("Foster parent"),
    RequesterRole.GUARDIAN: _l("Guardian"),
    RequesterRole.OTHER: _l("I ask for someone else"),
}

CONTACT_LABELS = {
    ContactMethod.PORTAL: _l("Only here in Klankbord. I read the answer with my code."),
    ContactMethod.EMAIL: _l("By e-mail"),
    ContactMethod.CALLBACK: _l("Call me back"),
}

WINDOW_LABELS = {
    CallbackWindow.MORNING: _l("In the morning (9:00 to 12:00)"),
    CallbackWindow.AFTERNOON: _l("In the afternoon (12:00 to 17:00)"),
    CallbackWindow.ANY: _l("Any time during office hours"),
}

CONSENT_LABELS = {
    ComplaintConsent.NONE: _l(
        "No. The trusted contact person only knows that there is a complaint."
    ),
    ComplaintConsent.READ: _l("Yes, they may read my complaint and the messages."),
    ComplaintConsent.WRITE: _l(
        "Yes, they may read it and also write in it for me. The organisation then sees that a "
        "trusted contact person helps me."
    ),
}

STATUS_LABELS = {
    RequestStatus.NEW: _l("Received"),
    RequestStatus.ASSIGNED: _l("A trusted contact person has your question"),
    RequestStatus.IN_CONTACT: _l("In contact"),
    RequestStatus.CLOSED: _l("Closed"),
}

OUTCOME_LABELS = {
    RequestOutcome.INFORMATION: _l("Information given"),
    RequestOutcome.INFORMAL_SOLUTION: _l("Supported towards an informal solution"),
    RequestOutcome.FORMAL_COMPLAINT: _l("Supported with a formal complaint"),
    RequestOutcome.REFERRED: _l("Referred (for example to Veilig Thuis)"),
    RequestOutcome.NO_CONTACT: _l("No contact possible"),
    RequestOutcome.WITHDRAWN: _l("Withdrawn"),
}

LABELS = {
    "topic": TOPIC_LABELS,
    "role": ROLE_LABELS,
    "contact": CONTACT_LABELS,
    "window": WINDOW_LABELS,
    "consent": CONSENT_LABELS,
    "status": STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
}

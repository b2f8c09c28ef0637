"""Who may do what with a confidant request, per status: one table that the domain
functions (``require``) and the templates (``allowed``) both read.

A request is new until a confidant takes it (claim) or the coordinator assigns it,
then assigned, in contact from the first contact, and closed with an outcome. The
confidant works on the requests assigned to them; the coordinator on every request
of the service, and (re)assigns, also when a confidant has left. The requester
writes back, withdraws, and gives or withdraws consent to read their complaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.models import ComplaintConsent, ConfidantRequest, RequestStatus, StaffRole


class Actor(StrEnum):
    REQUESTER = "requester"
    CONFIDANT = "confidant"
    COORDINATOR = "coordinator"


class Action(StrEnum):
    # The desk.
    CLAIM = "claim"  # take an unassigned request (or one whose confidant left)
    ASSIGN = "assign"  # the coordinator gives it to a confidant of the service
    CONTACT = "contact"  # record the first contact made by phone or e-mail
    REPLY = "reply"  # a message the requester reads
    NOTE = "note"  # an internal note, never shown to the requester
    COMPLAINT_MESSAGE = "complaint_message"  # write in the complaint as "your confidant"
    CLOSE = "close"  # with an outcome
    # The requester.
    WRITE = "write"
    WITHDRAW = "withdraw"
    CONSENT = "consent"


class RequestError(Exception):
    """An action the request's state does not allow, or bad input; ``reason`` names it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


S, A = RequestStatus, Action
_WORK = frozenset({A.CONTACT, A.REPLY, A.NOTE, A.COMPLAINT_MESSAGE, A.CLOSE})
_REQUESTER_OPEN = frozenset({A.WRITE, A.WITHDRAW, A.CONSENT})
_TAKEN = {
    Actor.CONFIDANT: frozenset({A.CLAIM, *_WORK}),
    Actor.COORDINATOR: frozenset({A.CLAIM, A.ASSIGN, *_WORK}),
    Actor.REQUESTER: _REQUESTER_OPEN,
}

RULES: dict[RequestStatus, dict[Actor, frozenset[Action]]] = {
    S.NEW: {
        Actor.CONFIDANT: frozenset({A.CLAIM, A.NOTE}),
        Actor.COORDINATOR: frozenset({A.CLAIM, A.ASSIGN, *_WORK}),
        Actor.REQUESTER: _REQUESTER_OPEN,
    },
    S.ASSIGNED: _TAKEN,
    S.IN_CONTACT: _TAKEN,
    # Consent can always be withdrawn, also after closing.
    S.CLOSED: {
        Actor.CONFIDANT: frozenset({A.NOTE}),
        Actor.COORDINATOR: frozenset({A.NOTE}),
        Actor.REQUESTER: frozenset({A.CONSENT}),
    },
}

# A confidant does these only on the requests assigned to them; a coordinator on all.
_ASSIGNEE_ONLY = frozenset({A.CONTACT, A.REPLY, A.COMPLAINT_MESSAGE, A.CLOSE})


@dataclass(frozen=True)
class Situation:
    """The facts beyond the request's own row that the rules need."""

    staff_id: int | None = None  # the desk member asking; None for the requester
    assignee_active: bool = False  # the assigned confidant still works here
    complaint_open: bool = False  # the linked complaint still takes messages


def actor_of(role: StaffRole) -> Actor:
    return Actor.COORDINATOR if role is StaffRole.CONFIDANT_COORDINATOR else Actor.CONFIDANT


def _holds(request: ConfidantRequest, actor: Actor, action: Action, facts: Situation) -> bool:
    if action is A.CLAIM:
        return request.assigned_to is None or not facts.assignee_active
    mine = request.assigned_to == facts.staff_id
    if actor is Actor.CONFIDANT and action in _ASSIGNEE_ONLY and not mine:
        return False
    if action is A.CONTACT:
        return request.first_contact_on is None
    if action is A.COMPLAINT_MESSAGE:
        return (
            request.complaint_id is not None
            and request.complaint_consent is ComplaintConsent.WRITE
            and facts.complaint_open
        )
    if action is A.CONSENT:
        return request.complaint_id is not None
    return True


def allowed(request: ConfidantRequest, actor: Actor, facts: Situation) -> frozenset[Action]:
    """What ``actor`` may do with the request now; the templates show only these."""
    candidates = RULES[request.status].get(actor, frozenset())
    return frozenset(a for a in candidates if _holds(request, actor, a, facts))


def require(request: ConfidantRequest, actor: Actor, action: Action, facts: Situation) -> None:
    if action not in allowed(request, actor, facts):
        raise RequestError("not_now")

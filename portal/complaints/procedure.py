"""The complaints procedure as one table: per regime and state, who may do what.

Both the domain functions (``require``) and the templates (``allowed``) read
this table, so a rule is written once. Two regimes:

- Jeugdwet (youth-care providers, art. 4.2.1-4.2.2): the provider may first
  handle a complaint informally; the complainant may take it to the provider's
  independent complaints committee at any time, also after an informal answer
  (informal handling never uses up that right). The committee judges, then the
  provider states its measures within a month.
- Awb chapter 9 (a local team run by the municipality): acknowledge in writing
  (art. 9:6), answer within six weeks or ten with an advisory committee
  (art. 9:11), then the Nationale ombudsman / Kinderombudsman (art. 9:12, 9:18).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from portal.models import Complaint, ComplaintRegime, ComplaintStatus
from portal.timeutil import dutch_day

from .clock import Terms, add_months


class Actor(StrEnum):
    COMPLAINANT = "complainant"
    PROVIDER = "provider"
    COMMITTEE = "committee"


class Action(StrEnum):
    # The provider (or the municipality's local team).
    ACKNOWLEDGE = "acknowledge"
    START = "start"
    REPLY = "reply"
    NOTE = "note"
    EXTEND = "extend"
    DECIDE = "decide"
    MEASURES = "measures"
    # The complaints committee.
    CONFIRM_RECEIPT = "confirm_receipt"
    HEARING = "hearing"
    COMMITTEE_EXTEND = "committee_extend"
    JUDGE = "judge"
    # The complainant.
    ADD_INFORMATION = "add_information"
    TO_COMMITTEE = "to_committee"
    WITHDRAW = "withdraw"
    ASK_CONFIDANT = "ask_confidant"
    INFORM_MUNICIPALITY = "inform_municipality"


class ComplaintError(Exception):
    """An action that the complaint's state does not allow; ``reason`` names it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Context:
    """What the domain needs from configuration and the clock."""

    terms: Terms
    code_pepper: str  # keys receipt codes (KLANKBORD_CODE_PEPPER)
    base_url: str
    now: datetime
    # When staff hear of a complainant's action (portal/messaging/digest.py), Dutch time.
    digest_times: tuple[tuple[int, int], ...] = ((8, 0), (13, 0))

    @property
    def today(self) -> date:
        return dutch_day(self.now)


S, A = ComplaintStatus, Action
_COMPLAINANT_OPEN = {
    A.ADD_INFORMATION,
    A.TO_COMMITTEE,
    A.WITHDRAW,
    A.ASK_CONFIDANT,
    A.INFORM_MUNICIPALITY,
}
_COMPLAINANT_CLOSED = {A.ASK_CONFIDANT, A.INFORM_MUNICIPALITY}

JEUGDWET: dict[ComplaintStatus, dict[Actor, frozenset[Action]]] = {
    S.RECEIVED: {
        Actor.PROVIDER: frozenset({A.ACKNOWLEDGE, A.START, A.REPLY, A.NOTE, A.EXTEND}),
        Actor.COMPLAINANT: frozenset(_COMPLAINANT_OPEN),
    },
    S.ACKNOWLEDGED: {
        Actor.PROVIDER: frozenset({A.START, A.REPLY, A.NOTE, A.EXTEND, A.DECIDE}),
        Actor.COMPLAINANT: frozenset(_COMPLAINANT_OPEN),
    },
    S.IN_PROGRESS: {
        Actor.PROVIDER: frozenset({A.REPLY, A.NOTE, A.EXTEND, A.DECIDE}),
        Actor.COMPLAINANT: frozenset(_COMPLAINANT_OPEN),
    },
    S.DECIDED: {
        Actor.PROVIDER: frozenset({A.NOTE}),
        # Informal handling never uses up the right to the committee.
        Actor.COMPLAINANT: frozenset({A.TO_COMMITTEE, *_COMPLAINANT_CLOSED}),
    },
    S.WITH_COMMITTEE: {
        Actor.PROVIDER: frozenset({A.REPLY, A.NOTE}),
        Actor.COMMITTEE: frozenset(
            {A.CONFIRM_RECEIPT, A.HEARING, A.COMMITTEE_EXTEND, A.JUDGE, A.REPLY, A.NOTE}
        ),
        Actor.COMPLAINANT: frozenset(
            {A.ADD_INFORMATION, A.WITHDRAW, A.ASK_CONFIDANT, A.INFORM_MUNICIPALITY}
        ),
    },
    S.JUDGED: {
        Actor.PROVIDER: frozenset({A.MEASURES, A.NOTE}),
        Actor.COMMITTEE: frozenset({A.NOTE}),
        Actor.COMPLAINANT: frozenset(_COMPLAINANT_CLOSED),
    },
    S.CONCLUDED: {
        Actor.PROVIDER: frozenset({A.NOTE}),
        Actor.COMMITTEE: frozenset({A.NOTE}),
        Actor.COMPLAINANT: frozenset(_COMPLAINANT_CLOSED),
    },
    S.WITHDRAWN: {Actor.PROVIDER: frozenset({A.NOTE}), Actor.COMMITTEE: frozenset({A.NOTE})},
}

# Awb ch. 9 has no committee track: after the answer the complainant may turn
# to the Nationale ombudsman or Kinderombudsman (art. 9:18), outside Klankbord.
AWB: dict[ComplaintStatus, dict[Actor, frozenset[Action]]] = {
    status: {
        actor: actions - {A.TO_COMMITTEE}
        for actor, actions in rules.items()
        if actor is not Actor.COMMITTEE
    }
    for status, rules in JEUGDWET.items()
    if status in {S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.DECIDED, S.WITHDRAWN}
}

RULES = {ComplaintRegime.JEUGDWET: JEUGDWET, ComplaintRegime.AWB: AWB}

OPEN_STATUSES = frozenset({S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.WITH_COMMITTEE})


def _condition_holds(complaint: Complaint, action: Action, today: date, terms: Terms) -> bool:
    """The rules beyond the state: once-only steps, deadlines, the escalation window."""
    if action is A.EXTEND:
        # One extension, and only before the term has run out.
        return complaint.extended_on is None and today <= complaint.decision_due_on
    if action is A.COMMITTEE_EXTEND:
        return (
            complaint.committee_extended_on is None
            and complaint.judgement_due_on is not None
            and today <= complaint.judgement_due_on
        )
    if action is A.CONFIRM_RECEIPT:
        return complaint.committee_confirmed_on is None
    if action is A.JUDGE:
        # Both sides must have been heard before the committee judges.
        return complaint.both_sides_heard
    if action is A.TO_COMMITTEE and complaint.status is S.DECIDED:
        decided = complaint.decided_on or today
        return today <= add_months(decided, terms.escalation_months)
    if action is A.INFORM_MUNICIPALITY:
        return complaint.municipality_informed_on is None
    return True


def allowed(
    complaint: Complaint, regime: ComplaintRegime, actor: Actor, today: date, terms: Terms
) -> frozenset[Action]:
    """What ``actor`` may do with the complaint now; the templates show only these."""
    candidates = RULES[regime].get(complaint.status, {}).get(actor, frozenset())
    return frozenset(a for a in candidates if _condition_holds(complaint, a, today, terms))


def require(
    complaint: Complaint, regime: ComplaintRegime, actor: Actor, action: Action, ctx: Context
) -> None:
    if action not in allowed(complaint, regime, actor, ctx.today, ctx.terms):
        raise ComplaintError("not_now")

"""The rules of a family arrangement, in one place; domain code and templates both read them.

No Flask request here: every function takes the facts and the Dutch day.

Who decides (age rules):
- under 12: the parents with authority (or the guardian) decide; the child is heard
  (Jeugdwet art. 7.3.4: consent of the parents with authority);
- 12 to 15: the youth and the parents with authority decide together (art. 7.3.4);
- 16 and 17: the youth decides alone (art. 7.3.5 lid 1); the parents are informed;
- 18 and older: the youth alone; parents read along only with the youth's consent
  (an adult: BW art. 1:233; the youth's data, AVG art. 6). A youth who turns 18
  confirms again, alone.
- A parent without authority is informed and reads only (BW art. 1:377c); a foster
  parent is heard; network members (a grandparent) are named, not clients.
With several children, the rules are applied per youth (``deciders_for``): the
arrangement is agreed only when, for every youth, that youth's own deciders confirmed.
So with a child of 10 and a youth of 19, the parents' "yes" counts for the child, and
only the 19-year-old's own "yes" counts for them. Parents with authority have a say while
one youth is under 16; they read along while one is under 18, or when every adult youth
let them. A youth whose age is unknown (no date of birth; the wizard asks for it) is
treated as 12 to 15: youth and parents decide together, so nobody is left out and the
arrangement can still be agreed.

When an arrangement is agreed (issue 10, seeds 000 eis 78 and 002 point 12): it
involves at least two organisations, every member who decides has confirmed the
current proposal, and there is a deputy or an explicit absence rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.models.family import (
    ArrangementState,
    ContactRole,
    FamilyAbsence,
    FamilyArrangement,
    FamilyContact,
    FamilyMember,
    FamilyRequest,
    MemberAnswer,
    MemberRole,
    RequestKind,
)

MIN_ORGANISATIONS = 2  # "one family, one plan" is about help from more than one organisation
HEARD_UNTIL = 12
TOGETHER_UNTIL = 16
ADULT_AT = 18
OLDEST_YOUTH = 23  # verlengde jeugdhulp runs to 21, in some cases to 23
PARENTS = frozenset({MemberRole.PARENT_WITH_AUTHORITY, MemberRole.GUARDIAN})


class Standing(StrEnum):
    """What a family member may do on the family page."""

    DECIDES = "decides"  # confirms; their "yes" counts
    HEARD = "heard"  # answers; recorded and shown, but not counted
    INFORMED = "informed"  # reads only
    NONE = "none"  # no access (network; parents of an adult without consent)


def age_on(born_on: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (born_on.month, born_on.day)
    return day.year - born_on.year - before_birthday


def birthday(born_on: date, years: int) -> date:
    """The day someone turns ``years``; born on 29 February: 1 March in other years."""
    try:
        return born_on.replace(year=born_on.year + years)
    except ValueError:
        return date(born_on.year + years, 3, 1)


def _age(youth: FamilyMember, today: date) -> int | None:
    return age_on(youth.born_on, today) if youth.born_on else None


def _parents_decide_for(youth: FamilyMember, today: date) -> bool:
    age = _age(youth, today)
    return age is None or age < TOGETHER_UNTIL  # unknown: together, so nobody is left out


def _youth_decides(youth: FamilyMember, today: date) -> bool:
    age = _age(youth, today)
    return age is None or age >= HEARD_UNTIL


def deciders_for(
    youth: FamilyMember, members: Sequence[FamilyMember], today: date
) -> list[FamilyMember]:
    """Who decides for this youth: the age rules applied to this youth alone. Under 12 the
    parents; 12 to 15 the youth and the parents; 16 and older the youth (18 and older
    alone, whatever the parents may read)."""
    own = [youth] if _youth_decides(youth, today) else []
    parents = [m for m in members if m.role in PARENTS] if _parents_decide_for(youth, today) else []
    return own + parents


def _youths(members: Iterable[FamilyMember]) -> list[FamilyMember]:
    return [m for m in members if m.role is MemberRole.YOUTH]


def standing(member: FamilyMember, members: Sequence[FamilyMember], today: date) -> Standing:
    youths = _youths(members)
    if member.role is MemberRole.NETWORK:
        return Standing.NONE
    if member.role is MemberRole.YOUTH:
        return Standing.DECIDES if _youth_decides(member, today) else Standing.HEARD
    if member.role in PARENTS and any(_parents_decide_for(y, today) for y in youths):
        return Standing.DECIDES
    ages = [_age(y, today) for y in youths]
    minors = [a for a in ages if a is None or a < ADULT_AT]
    adults = [y for y, a in zip(youths, ages, strict=True) if a is not None and a >= ADULT_AT]
    if not minors and adults and not all(y.parents_may_read for y in adults):
        return Standing.NONE  # only adults, and not every one of them lets the parents read
    if member.role is MemberRole.FOSTER_PARENT:
        return Standing.HEARD
    return Standing.INFORMED  # a parent without authority; parents of youths of 16 and 17


def deciders(members: Sequence[FamilyMember], today: date) -> list[FamilyMember]:
    """Everyone who decides for at least one youth."""
    return [m for m in members if standing(m, members, today) is Standing.DECIDES]


def answer_counts(member: FamilyMember, arrangement: FamilyArrangement, today: date) -> bool:
    """Whether the member said "yes" to the current proposal in a way that still holds.

    A youth who is 18 now confirms again after the birthday: an earlier "yes" was given
    together with, or under the authority of, the parents.
    """
    if member.answer is not MemberAnswer.CONFIRMED or member.answered_on is None:
        return False
    if member.answer_round != arrangement.proposal_round:
        return False
    if member.role is MemberRole.YOUTH and member.born_on:
        adult_on = birthday(member.born_on, ADULT_AT)
        if today >= adult_on and member.answered_on < adult_on:
            return False
    return True


def needs_to_confirm_as_adult(member: FamilyMember, today: date) -> bool:
    """A youth who turned 18 and has not confirmed since."""
    if member.role is not MemberRole.YOUTH or member.born_on is None:
        return False
    adult_on = birthday(member.born_on, ADULT_AT)
    return today >= adult_on and (member.answered_on is None or member.answered_on < adult_on)


# -- contacts, absence and handover ---------------------------------------------------


def holds_on(contact: FamilyContact, day: date) -> bool:
    return contact.starts_on <= day and (contact.ends_on is None or day < contact.ends_on)


@dataclass(frozen=True)
class Contacts:
    """Who the family turns to on a day, after handovers, absence and deactivation."""

    contacts: list[FamilyContact]  # the contact person(s) holding today
    deputy: FamilyContact | None
    upcoming: list[FamilyContact]  # contacts whose handover date is still ahead
    away: FamilyAbsence | None  # the contact person is away today
    stepped_up: bool  # the contact's account was closed: the deputy takes over

    @property
    def deputy_first(self) -> bool:
        """During an absence (or after a deactivation) the deputy is shown first."""
        return self.deputy is not None and (self.away is not None or self.stepped_up)


def contacts_on(
    contacts: Sequence[FamilyContact],
    absences: Sequence[FamilyAbsence],
    active_staff: set[int],
    day: date,
) -> Contacts:
    current = [c for c in contacts if c.role is ContactRole.CONTACT and holds_on(c, day)]
    deputies = [c for c in contacts if c.role is ContactRole.DEPUTY and holds_on(c, day)]
    deputy = deputies[0] if deputies else None
    upcoming = [c for c in contacts if c.role is ContactRole.CONTACT and c.starts_on > day]
    working = [c for c in current if c.staff_id in active_staff]
    stepped_up = bool(current) and not working
    current_ids = {c.id for c in working}
    away = next(
        (a for a in absences if a.contact_id in current_ids and a.starts_on <= day <= a.ends_on),
        None,
    )
    return Contacts(working, deputy, upcoming, away, stepped_up)


# -- the state of an arrangement --------------------------------------------------------


def has_fallback(arrangement: FamilyArrangement, shown: Contacts) -> bool:
    """A deputy, or what to do instead (000 eis 78: clear agreements on standing in)."""
    return shown.deputy is not None or bool(arrangement.absence_rule.strip())


def all_deciders_confirmed(
    arrangement: FamilyArrangement, members: Sequence[FamilyMember], today: date
) -> bool:
    """For every youth, everyone who decides for that youth said yes."""
    youths = _youths(members)
    per_youth = [deciders_for(y, members, today) for y in youths]
    return (
        bool(youths)
        and all(per_youth)
        and all(answer_counts(m, arrangement, today) for group in per_youth for m in group)
    )


def state_of(
    arrangement: FamilyArrangement,
    members: Sequence[FamilyMember],
    shown: Contacts,
    requests: Sequence[FamilyRequest],
    today: date,
) -> ArrangementState:
    if arrangement.ended_on is not None:
        return ArrangementState.ENDED
    if any(r.disputed_on and r.resolved_on is None for r in requests):
        return ArrangementState.DISPUTED
    if (
        shown.contacts
        and all_deciders_confirmed(arrangement, members, today)
        and has_fallback(arrangement, shown)
    ):
        return ArrangementState.AGREED
    return ArrangementState.PROPOSED


def is_open(request: FamilyRequest) -> bool:
    if request.kind is RequestKind.CHANGE:
        return request.answered_on is None
    return request.resolved_on is None


# -- who may do what, per state ---------------------------------------------------------


class Action(StrEnum):
    # the family, on its page
    CONFIRM = "confirm"  # yes, this person
    ASK_CHANGE = "change"  # we would like someone else
    DISAGREE = "disagree"  # we don't agree with how this goes
    EMAIL = "email"  # leave or remove an address for news
    ALLOW_PARENTS = "parents"  # a youth of 18+ lets the parents read along
    # the proposed professional
    ACCEPT = "accept"
    DISCUSS = "discuss"
    # the team and the local-team coordinator
    ANSWER = "answer"  # answer a change request
    RESOLVE = "resolve"  # close a disagreement after talking it through
    HANDOVER = "handover"  # a new contact person from a date (warm handover)
    DEPUTY = "deputy"
    ABSENCE = "absence"
    RULE = "rule"  # the absence rule, and the reason for more than one contact
    NEW_CODE = "code"  # revoke a card and print a new one
    END = "end"


FAMILY_ACTIONS = {
    Standing.DECIDES: frozenset({Action.CONFIRM, Action.ASK_CHANGE, Action.DISAGREE, Action.EMAIL}),
    Standing.HEARD: frozenset({Action.CONFIRM, Action.ASK_CHANGE, Action.DISAGREE, Action.EMAIL}),
    Standing.INFORMED: frozenset({Action.EMAIL}),
    Standing.NONE: frozenset(),
}
TEAM_ACTIONS = frozenset(
    {
        Action.ANSWER,
        Action.RESOLVE,
        Action.HANDOVER,
        Action.DEPUTY,
        Action.ABSENCE,
        Action.RULE,
        Action.NEW_CODE,
        Action.END,
    }
)
# The state table: what can happen in each state. An ended arrangement is read only.
STATE_ACTIONS: dict[ArrangementState, frozenset[Action]] = {
    ArrangementState.PROPOSED: frozenset(Action),
    ArrangementState.AGREED: frozenset(Action),
    ArrangementState.DISPUTED: frozenset(Action),
    ArrangementState.ENDED: frozenset(),
}


def family_actions(
    state: ArrangementState, member: FamilyMember, members: Sequence[FamilyMember], today: date
) -> frozenset[Action]:
    own = FAMILY_ACTIONS[standing(member, members, today)]
    adult = member.born_on is not None and age_on(member.born_on, today) >= ADULT_AT
    if member.role is MemberRole.YOUTH and adult:
        own = own | {Action.ALLOW_PARENTS}
    return own & STATE_ACTIONS[state]


def team_actions(state: ArrangementState) -> frozenset[Action]:
    return TEAM_ACTIONS & STATE_ACTIONS[state]

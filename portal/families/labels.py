"""Words for the family arrangement's roles, states and history, for pages and mails.

Plain words on purpose: an aanspreekpunt ("contact person") and a vervanger ("deputy");
seed 002 point 12 asks to avoid the word that suggests the professional runs the family.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.models import ArrangementState, ContactAnswer, MemberAnswer, MemberRole

from .rules import Standing

ROLE = {
    MemberRole.YOUTH: _l("Youth"),
    MemberRole.PARENT_WITH_AUTHORITY: _l("Parent with authority"),
    MemberRole.PARENT_WITHOUT_AUTHORITY: _l("Parent without authority"),
    MemberRole.FOSTER_PARENT: _l("Foster parent"),
    MemberRole.GUARDIAN: _l("Guardian or certified institution"),
    MemberRole.NETWORK: _l("Network (for example a grandparent)"),
}
STATE = {
    ArrangementState.PROPOSED: _l("Proposed: waiting for the family"),
    ArrangementState.AGREED: _l("Agreed"),
    ArrangementState.DISPUTED: _l("Disputed"),
    ArrangementState.ENDED: _l("Ended"),
}
STANDING = {
    Standing.DECIDES: _l("decides"),
    Standing.HEARD: _l("is heard"),
    Standing.INFORMED: _l("reads along"),
    Standing.NONE: _l("no access"),
}
ANSWER = {
    MemberAnswer.CONFIRMED: _l("Yes, this person"),
    MemberAnswer.OTHER: _l("Would like someone else"),
    MemberAnswer.DISAGREE: _l("Does not agree with how it goes"),
}
CONTACT_ANSWER = {
    ContactAnswer.PENDING: _l("not answered yet"),
    ContactAnswer.ACCEPTED: _l("accepted"),
    ContactAnswer.DISCUSS: _l("wants to talk it over first"),
}
EVENT = {
    "proposed": _l("Arrangement proposed"),
    "state_proposed": _l("Waiting for the family's answer"),
    "state_agreed": _l("Agreed"),
    "state_disputed": _l("Disputed"),
    "state_ended": _l("Ended"),
    "answer_confirmed": _l("A family member said yes"),
    "answer_other": _l("A family member would like someone else"),
    "answer_disagree": _l("A family member does not agree"),
    "accepted": _l("Accepted by the professional"),
    "discuss": _l("The professional wants to talk it over first"),
    "answered": _l("Request answered"),
    "resolved": _l("Disagreement resolved"),
    "handover": _l("Handover planned"),
    "deputy": _l("Deputy changed"),
    "absence": _l("Absence recorded"),
    "rules": _l("Agreements changed"),
    "new_code": _l("New card made"),
    "code": _l("Old card revoked"),
    "end": _l("Arrangement ended"),
    "escalated": _l("Sent on to the local-team coordinator"),
    "dispute": _l("Disagreement not resolved in time"),
    "contact_left": _l("The contact person's account was closed"),
    "deputy_left": _l("The deputy's account was closed"),
    "stepped_up": _l("The deputy took over"),
    "turned_18": _l("A youth turned 18 and confirms alone"),
    "email": _l("A family member left an e-mail address"),
    "email_removed": _l("A family member removed their e-mail address"),
    "parents_allowed": _l("The youth lets the parents read along"),
    "parents_not_allowed": _l("The youth does not let the parents read along"),
}
ERROR = {
    "municipality": _l("Choose a municipality your organisation works in."),
    "too_few_organisations": _l(
        "An arrangement is for families with help from at least two organisations. Fill in "
        "the number of helpers for at least two."
    ),
    "no_youth": _l("Add the youth the help is for, with the date of birth."),
    "birth_date_required": _l("Fill in the date of birth of every youth: the age rules need it."),
    "birth_date_range": _l("Check the date of birth: a youth is at most 23 years old."),
    "no_parent_with_authority": _l(
        "A youth under 16 does not decide alone. Add a parent with authority or a guardian."
    ),
    "not_in_team": _l("Choose someone who works at one of the organisations involved."),
    "deputy_is_contact": _l("The deputy must be someone else than the contact person."),
    "same_contact": _l("This person is the contact person already."),
    "reason_required": _l("More than one contact person needs a written reason."),
    "no_fallback": _l(
        "Name a deputy, or write down what the family does while the contact person is away."
    ),
    "not_allowed": _l("This is not possible for you. The parents with authority decide."),
    "not_now": _l("This is not possible any more: the arrangement has ended."),
    "not_proposed": _l("You are not proposed in this arrangement."),
    "request_closed": _l("This request was answered or closed already."),
    "handover_date": _l("Choose a handover date from today up to a year ahead."),
    "absence_dates": _l(
        "Check the dates: the absence ends on or after it starts, and not in the past."
    ),
    "no_contact": _l("There is no contact person to be away."),
    "no_member": _l("Choose a family member who has a card."),
    "not_card_maker": _l(
        "Only the organisation that made this arrangement, or the local-team coordinator, can "
        "make a new card."
    ),
}

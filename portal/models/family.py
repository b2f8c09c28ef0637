"""Family arrangements: one family, one contact person (aanspreekpunt) and a deputy.

Seeds: 000 eis 78 (one family, one plan, one helper; a fixed contact person and clear
agreements on who stands in), 002 point 12 (choose one contact person together with
the family, give them a voice), 003 (one contact person and one plan; a warm
handover when the professional changes).

The only identified part of Klankbord, so it stores the least that does the job:
who the contact person and deputy are, which organisations are involved and how
many helpers each, the family members' confirmations and change requests, and the
history. Never plan content, diagnoses, a citizen number (BSN) or full names:
members are initials or a nickname. No table here is shared with the anonymous
survey, complaint or confidant data, and none refers to them.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type

LABEL_MAX = 40
NAME_MAX = 40
TEXT_MAX = 500
RULE_MAX = 300


class ArrangementState(StrEnum):
    PROPOSED = "proposed"  # a contact person is proposed; not every decider has confirmed
    AGREED = "agreed"  # every decider confirmed, and a deputy or an absence rule exists
    DISPUTED = "disputed"  # a disagreement stayed open past its term (seed 002 point 4)
    ENDED = "ended"


class MemberRole(StrEnum):
    YOUTH = "youth"
    PARENT_WITH_AUTHORITY = "parent_with_authority"
    PARENT_WITHOUT_AUTHORITY = "parent_without_authority"
    FOSTER_PARENT = "foster_parent"
    # A guardian (voogd), also a certified institution (gecertificeerde instelling).
    GUARDIAN = "guardian"
    # Network, e.g. a grandparent: named in the arrangement, not a client, no card.
    NETWORK = "network"


class MemberAnswer(StrEnum):
    CONFIRMED = "confirmed"  # "yes, this person"
    OTHER = "other"  # "we would like someone else"
    DISAGREE = "disagree"  # "we don't agree with how this goes"


class ContactRole(StrEnum):
    CONTACT = "contact"  # the aanspreekpunt
    DEPUTY = "deputy"  # stands in during absence (000 eis 78 "vervanging")


class ContactAnswer(StrEnum):
    """The professional's own answer to being proposed (they are told without content)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DISCUSS = "discuss"  # proposes to talk it over first


class RequestKind(StrEnum):
    CHANGE = "change"  # the family would like someone else
    DISAGREE = "disagree"  # the family does not agree with how it goes


class FamilyArrangement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    municipality_id: int = Field(foreign_key="municipality.id", index=True)
    # The organisation that made it; staff of every involved organisation see it.
    provider_id: int = Field(foreign_key="provider.id", index=True)
    # The professional who made it: they keep seeing it (queries.py); emptied by retention.
    made_by_id: int | None = Field(default=None, foreign_key="staffmember.id", index=True)
    # What staff call the family, e.g. "Gezin J.": initials, never a full name.
    label: str = Field(default="", max_length=LABEL_MAX)
    state: ArrangementState = Field(
        default=ArrangementState.PROPOSED, sa_type=enum_type(ArrangementState), index=True
    )
    # Raised with every new proposal: answers given to an earlier one no longer count.
    proposal_round: int = Field(default=1)
    # What the family does while the contact person is away, when there is no deputy.
    absence_rule: str = Field(default="", max_length=RULE_MAX)
    # More than one contact person only with a written reason (000 eis 78 "tenzij").
    multiple_contacts_reason: str = Field(default="", max_length=RULE_MAX)
    proposed_on: date = Field(index=True)
    # The first agreement, kept for the indicators after the records are gone.
    agreed_on: date | None = None
    days_to_agreement: int | None = None
    agreed_with_deputy: bool = Field(default=False)
    family_confirmed: bool = Field(default=False)
    change_requests: int = Field(default=0)
    disputes: int = Field(default=0)
    ended_on: date | None = Field(default=None, index=True)
    # The retention job emptied it: only the counts above remain.
    purged_on: date | None = None


class FamilyOrganisation(SQLModel, table=True):
    """An organisation involved with the family and how many of its helpers."""

    arrangement_id: int = Field(
        foreign_key="familyarrangement.id", primary_key=True, ondelete="CASCADE"
    )
    provider_id: int = Field(foreign_key="provider.id", primary_key=True, index=True)
    helpers: int = Field(default=1)


class FamilyMember(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="familyarrangement.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=NAME_MAX)  # initials or a nickname
    role: MemberRole = Field(sa_type=enum_type(MemberRole))
    # Youth only: the age rules (12, 16, 18) need it.
    born_on: date | None = None
    # Keyed digest of the personal code on the card; None: no card, or revoked.
    code_digest: str | None = Field(default=None, max_length=64, unique=True)
    answer: MemberAnswer | None = Field(default=None, sa_type=enum_type(MemberAnswer))
    answer_round: int = Field(default=0)
    answered_on: date | None = None
    # Only when the member left it: families get no mail otherwise.
    email: str | None = Field(default=None, max_length=254)
    language: str = Field(default="nl", max_length=5)  # of the mails to that address
    # A youth of 18 or older lets the parents read the family page.
    parents_may_read: bool = Field(default=False)


class FamilyContact(SQLModel, table=True):
    """A contact person or deputy over a period: a handover ends one and starts the next."""

    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="familyarrangement.id", index=True, ondelete="CASCADE")
    staff_id: int = Field(foreign_key="staffmember.id", index=True)
    role: ContactRole = Field(sa_type=enum_type(ContactRole))
    starts_on: date
    ends_on: date | None = None  # the first day it no longer holds
    answer: ContactAnswer = Field(default=ContactAnswer.PENDING, sa_type=enum_type(ContactAnswer))
    # How the family reaches them, in their own words, e.g. "06-12345678, ma-do".
    reach: str = Field(default="", max_length=120)


class FamilyAbsence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="familyarrangement.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="familycontact.id", index=True, ondelete="CASCADE")
    starts_on: date
    ends_on: date  # the last day away


class FamilyRequest(SQLModel, table=True):
    """A family member asks for someone else, or says they don't agree with how it goes."""

    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="familyarrangement.id", index=True, ondelete="CASCADE")
    member_id: int | None = Field(
        default=None, foreign_key="familymember.id", index=True, ondelete="SET NULL"
    )
    kind: RequestKind = Field(sa_type=enum_type(RequestKind))
    reason: str = Field(default="", max_length=TEXT_MAX)
    made_on: date
    due_on: date = Field(index=True)  # answer (change) or resolve (disagreement) by
    answered_on: date | None = None
    answer: str = Field(default="", max_length=TEXT_MAX)  # the family reads it
    escalated_on: date | None = None  # sent on to the local-team coordinator
    disputed_on: date | None = None
    resolved_on: date | None = None


class FamilyEvent(SQLModel, table=True):
    """The history of an arrangement: what happened when, by whom; never text."""

    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="familyarrangement.id", index=True, ondelete="CASCADE")
    happened_on: date
    kind: str = Field(max_length=32)
    member_id: int | None = Field(default=None, foreign_key="familymember.id", ondelete="SET NULL")
    staff_id: int | None = Field(default=None, foreign_key="staffmember.id")

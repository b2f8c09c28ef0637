"""Requests to a confidant (vertrouwenspersoon), their thread, and the services that answer.

Seed 003 "Vertrouwensfunctie": youths and parents can call on an independent
confidant, also in a procedure about a municipal decision; municipalities make
one available (nationally the AKJ). A requester may stay anonymous: everything a
requester does is dated by the day only, and no row about a requester carries a
time. Confidants' own actions may be timed (the audit log does).
"""

from __future__ import annotations

import secrets
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection, event, func
from sqlalchemy import select as sa_select
from sqlmodel import Field, SQLModel, UniqueConstraint

from .base import RANDOM_ID_TYPE, enum_type, random_id


class RequestTopic(StrEnum):
    COMPLAINT = "complaint"  # a complaint about a provider
    LOCAL_TEAM = "local_team"  # disagreement with the local team or a municipal decision
    WAITING = "waiting"  # waiting for help or a screening (seed 002 §10)
    RIGHTS = "rights"  # rights and information
    SAFETY = "safety"
    OTHER = "other"


class RequesterRole(StrEnum):
    YOUTH = "youth"
    PARENT = "parent"
    FOSTER_PARENT = "foster_parent"
    GUARDIAN = "guardian"
    OTHER = "other"  # someone asking on their behalf


class ContactMethod(StrEnum):
    PORTAL = "portal"  # only in Klankbord, with the receipt code
    EMAIL = "email"
    CALLBACK = "callback"  # the confidant phones back in a chosen window


class CallbackWindow(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    ANY = "any"


class RequestStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_CONTACT = "in_contact"
    CLOSED = "closed"


class RequestOutcome(StrEnum):
    INFORMATION = "information"  # information given
    INFORMAL_SOLUTION = "informal_solution"  # supported towards an informal solution
    FORMAL_COMPLAINT = "formal_complaint"  # supported with a formal complaint
    REFERRED = "referred"  # e.g. to Veilig Thuis
    NO_CONTACT = "no_contact"  # no contact possible
    WITHDRAWN = "withdrawn"


class ComplaintConsent(StrEnum):
    """What the requester allows the confidant to do with their complaint (default: nothing)."""

    NONE = "none"  # the confidant only knows there is a complaint
    READ = "read"  # read the complaint and its thread
    WRITE = "write"  # also write in it as "your confidant": the organisation then sees that


class ConfidantService(SQLModel, table=True):
    """Klankbord's settings for a confidant service (an Organisation of that kind)."""

    organisation_id: int = Field(
        foreign_key="organisation.id", primary_key=True, ondelete="CASCADE"
    )
    # Takes requests from municipalities no service covers, and without a municipality.
    national: bool = Field(default=False)
    # The service's promise for a first contact, in working days; not a legal term.
    first_contact_days: int = Field(default=3)
    # How many requests it has numbered (see ConfidantRequest.reference).
    requests_numbered: int = Field(default=0)


class ConfidantCoverage(SQLModel, table=True):
    """A municipality whose requests go to this confidant service (by contract)."""

    service_id: int = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")
    municipality_id: int = Field(
        foreign_key="municipality.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class ConfidantRequest(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("service_id", "service_number"),)

    id: int | None = Field(default=None, primary_key=True)
    # What the desk and its URLs use instead of the global id, which would tell one
    # service how many requests the others get (as complaints do).
    key: str = Field(default_factory=lambda: secrets.token_urlsafe(12), max_length=24, unique=True)
    service_number: int = Field(default=0)
    # Keyed slow hash of the receipt code; the code itself is never stored.
    receipt_digest: str = Field(max_length=64, unique=True)
    service_id: int = Field(foreign_key="organisation.id", index=True)
    municipality_id: int | None = Field(default=None, foreign_key="municipality.id", index=True)
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
    # Asked from a complaint: the confidant reads it only with consent.
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    complaint_consent: ComplaintConsent = Field(
        default=ComplaintConsent.NONE, sa_type=enum_type(ComplaintConsent)
    )
    consent_changed_on: date | None = None
    topic: RequestTopic = Field(sa_type=enum_type(RequestTopic))
    requester_role: RequesterRole = Field(sa_type=enum_type(RequesterRole))
    # Texts and contact details: emptied by the retention job, the counts remain.
    question: str | None = Field(default=None, max_length=5000)
    contact_method: ContactMethod = Field(sa_type=enum_type(ContactMethod))
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)
    callback_window: CallbackWindow | None = Field(default=None, sa_type=enum_type(CallbackWindow))
    language: str = Field(default="nl", max_length=8)
    status: RequestStatus = Field(sa_type=enum_type(RequestStatus), index=True)
    outcome: RequestOutcome | None = Field(default=None, sa_type=enum_type(RequestOutcome))
    assigned_to: int | None = Field(default=None, foreign_key="staffmember.id", index=True)
    received_on: date = Field(index=True)
    first_contact_due_on: date
    first_contact_on: date | None = None
    # Calendar days from receipt to first contact, kept for the reports' median.
    days_to_first_contact: int | None = None
    closed_on: date | None = Field(default=None, index=True)
    # The last day anyone acted on the request: retention counts from here too, so a
    # request that is never closed still expires.
    last_activity_on: date = Field(index=True)
    texts_deleted_on: date | None = None

    @property
    def reference(self) -> str:
        """The service's own number for it, e.g. 2026-0012 (year of receipt)."""
        return f"{self.received_on.year}-{self.service_number:04d}"


class ConfidantAuthor(StrEnum):
    REQUESTER = "requester"
    CONFIDANT = "confidant"


class ConfidantMessage(SQLModel, table=True):
    """A message in the request's thread, or a confidant's internal note (never shown).

    The id is random (base.random_id: a sequential one would place a requester's
    message between staff actions whose times are known); the order is `position`.
    """

    id: int = Field(default_factory=random_id, primary_key=True, sa_type=RANDOM_ID_TYPE)
    request_id: int = Field(foreign_key="confidantrequest.id", index=True, ondelete="CASCADE")
    # 1, 2, 3 ... within the request, set when the message is written (below).
    position: int = Field(default=0)
    author: ConfidantAuthor = Field(sa_type=enum_type(ConfidantAuthor))
    staff_id: int | None = Field(default=None, foreign_key="staffmember.id")
    internal: bool = Field(default=False)
    body: str | None = Field(default=None, max_length=5000)
    created_on: date


class ConfidantReminder(SQLModel, table=True):
    """One row per first-contact reminder sent, so the daily job never sends one twice."""

    request_id: int = Field(foreign_key="confidantrequest.id", primary_key=True, ondelete="CASCADE")
    due_on: date = Field(primary_key=True)


class ConfidantAccess(SQLModel, table=True):
    """A browser that opened a request with its code: the session cookie holds only a random
    token, this row (keyed by its hash) says which request it opens. Gone after a day."""

    __table_args__ = {"sqlite_with_rowid": False}  # no insertion order to read

    id: str = Field(primary_key=True, max_length=64)
    request_id: int = Field(foreign_key="confidantrequest.id", index=True, ondelete="CASCADE")
    created_on: date = Field(index=True)


@event.listens_for(ConfidantMessage, "before_insert")
def _next_position(_mapper: object, connection: Connection, message: ConfidantMessage) -> None:
    """Number the message after the ones before it in its request, whoever writes it
    (as complaint messages are numbered)."""
    table = ConfidantMessage.__table__
    stored = connection.execute(
        sa_select(func.coalesce(func.max(table.c.position), 0)).where(
            table.c.request_id == message.request_id
        )
    ).scalar_one()
    # One flush may insert several messages of a request before any is stored.
    handed_out = connection.info.setdefault("confidant_message_positions", {})
    message.position = max(stored, handed_out.get(message.request_id, 0)) + 1
    handed_out[message.request_id] = message.position

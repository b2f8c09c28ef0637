"""Frozen report years and the annual reports sent to municipalities.

A closed calendar year is computed once into a snapshot (already suppressed);
every screen, CSV and report of that year reads the snapshot, so two views of
one year can never be subtracted from each other. A correction is a new version
that says what changed.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from .base import enum_type


class ReportSnapshot(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("year", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    version: int
    created_on: date
    # Why this version exists ("year closed", or the correction an administrator gave).
    reason: str = Field(default="", max_length=500)
    # What differs from the previous version, in plain words (figures that changed).
    changes: str = Field(default="", max_length=20000)
    threshold: int


class SnapshotPart(SQLModel, table=True):
    """The suppressed figures of one scope (a provider, a municipality, a region)."""

    __table_args__ = (UniqueConstraint("snapshot_id", "scope"),)

    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="reportsnapshot.id", index=True, ondelete="CASCADE")
    # "provider:12", "municipality:GM0363", "region:3", "all"
    scope: str = Field(max_length=40)
    content: str  # JSON


class ReportState(StrEnum):
    DRAFT = "draft"  # built; platform members may comment
    HELD = "held"  # an administrator stopped it
    APPROVED = "approved"  # an administrator approved it ahead of the date
    QUEUED = "queued"  # handed to the outbox
    SENT = "sent"  # every recipient's mail delivered
    FAILED = "failed"  # a mail failed for good, or it could not be built


class AnnualReport(SQLModel, table=True):
    """One municipality's report of one year; a resend or correction is a new version."""

    __table_args__ = (UniqueConstraint("municipality_id", "year", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    municipality_id: int = Field(foreign_key="municipality.id", index=True)
    year: int = Field(index=True)
    version: int = Field(default=1)
    snapshot_id: int | None = Field(default=None, foreign_key="reportsnapshot.id")
    state: ReportState = Field(sa_type=enum_type(ReportState), index=True)
    created_on: date
    queued_on: date | None = None
    sent_on: date | None = None
    # The client platform's written comment, printed in the report.
    platform_comment: str = Field(default="", max_length=4000)
    comment_by_id: int | None = Field(default=None, foreign_key="staffmember.id")
    # What went wrong, for administrators (never mail content).
    problem: str = Field(default="", max_length=1000)

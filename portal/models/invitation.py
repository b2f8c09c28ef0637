"""Single-use invitation codes, stored only as keyed digests."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

from . import base  # noqa: F401


class InvitationBatch(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    created_on: date
    size: int
    label: str = Field(default="", max_length=120)


class InvitationCode(SQLModel, table=True):
    # Deliberately no "used at" time: only whether it was used.
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="invitationbatch.id", index=True, ondelete="CASCADE")
    digest: str = Field(max_length=64, unique=True)
    used: bool = Field(default=False)

"""Organisations other than care providers, and the regions that group municipalities.

Providers (including municipal local teams) keep their own table because the
survey and complaints hang off them. Complaints committees, confidant services
and client platforms are all an ``Organisation`` of a kind: they share a name,
contact details and the staff bound to them.
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type


class OrganisationKind(StrEnum):
    PROVIDER = "provider"  # a youth-care provider or a municipal local team (Provider table)
    COMMITTEE = "committee"  # independent complaints committee (Jeugdwet art. 4.2.1)
    CONFIDANT_SERVICE = "confidant_service"  # vertrouwenspersonen, e.g. AKJ
    CLIENT_PLATFORM = "client_platform"  # the region's client platform
    MUNICIPALITY = "municipality"  # receives notices and the annual report (Municipality table)


class Region(SQLModel, table=True):
    """Municipalities that buy youth care together."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: OrganisationKind = Field(sa_type=enum_type(OrganisationKind), index=True)
    name: str = Field(max_length=160, unique=True)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    # Opening hours in plain words, e.g. "ma-vr 9-17 uur".
    hours: str = Field(default="", max_length=120)
    # A client platform advises one region.
    region_id: int | None = Field(default=None, foreign_key="region.id")

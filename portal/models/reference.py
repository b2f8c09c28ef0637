"""Reference data: municipalities and the care providers they buy care from."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import enum_type


class CareType(StrEnum):
    """Kinds of youth care a provider delivers (seeds 000 and 001)."""

    AMBULATORY = "ambulatory"
    DAY_TREATMENT = "day_treatment"
    FOSTER_CARE = "foster_care"
    FAMILY_HOME = "family_home"
    RESIDENTIAL = "residential"
    YOUTH_PROTECTION = "youth_protection"
    YOUTH_PROBATION = "youth_probation"
    LOCAL_TEAM = "local_team"


class ComplaintRegime(StrEnum):
    """Which law a complaint about this organisation follows."""

    # Youth-care providers: Jeugdwet art. 4.2.1-4.2.2 (complaint regulation and committee).
    JEUGDWET = "jeugdwet"
    # A local team run by the municipality itself: Awb chapter 9 (art. 9:1-9:12).
    AWB = "awb"


class Municipality(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    # CBS municipality code, e.g. "GM0363" for Amsterdam.
    cbs_code: str = Field(max_length=6, unique=True)
    region_id: int | None = Field(default=None, foreign_key="region.id")
    # A municipality that merged into another (gemeentelijke herindeling): its history
    # stays, new reports go to the one it merged into.
    merged_into_id: int | None = Field(default=None, foreign_key="municipality.id")


class MunicipalityReportRecipient(SQLModel, table=True):
    """An e-mail address that receives the municipality's annual report."""

    id: int | None = Field(default=None, primary_key=True)
    municipality_id: int = Field(foreign_key="municipality.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)


class Provider(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=160, unique=True)
    slug: str = Field(max_length=80, unique=True)
    # False: the provider hands out invitation codes only, no open link.
    open_link: bool = Field(default=True)
    regime: ComplaintRegime = Field(
        default=ComplaintRegime.JEUGDWET, sa_type=enum_type(ComplaintRegime)
    )
    # Where complainants read the provider's complaint regulation (Jeugdwet art. 4.2.1).
    regulation_url: str = Field(default="", max_length=300)
    # The independent complaints committee that judges its formal complaints.
    # The last per-provider complaint number given out (Complaint.provider_number).
    complaints_numbered: int = Field(default=0)
    committee_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # Awb art. 9:11: ten weeks instead of six when an advisory committee hears complaints.
    awb_advisory_committee: bool = Field(default=False)


class ProviderMunicipality(SQLModel, table=True):
    """A municipality whose youths the provider serves under contract."""

    provider_id: int = Field(foreign_key="provider.id", primary_key=True, ondelete="CASCADE")
    municipality_id: int = Field(
        foreign_key="municipality.id", primary_key=True, ondelete="CASCADE"
    )


class ProviderCareType(SQLModel, table=True):
    provider_id: int = Field(foreign_key="provider.id", primary_key=True, ondelete="CASCADE")
    care_type: CareType = Field(primary_key=True, sa_type=enum_type(CareType))

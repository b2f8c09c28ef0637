"""Reference data kept by administrators: providers and municipalities."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from portal.models import (
    CareType,
    ComplaintRegime,
    Municipality,
    MunicipalityReportRecipient,
    Organisation,
    OrganisationKind,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
    Region,
)


class OrganisationError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ComplaintSetup:
    """Which law a provider's complaints follow, and who judges formal ones."""

    regime: ComplaintRegime = ComplaintRegime.JEUGDWET
    regulation_url: str = ""
    committee_id: int | None = None
    awb_advisory_committee: bool = False


def save_provider(
    session: Session,
    provider: Provider | None,
    name: str,
    slug: str,
    open_link: bool,
    municipality_ids: list[int],
    care_types: list[CareType],
    complaints: ComplaintSetup | None = None,
) -> Provider:
    """Create or update a provider with the municipalities it serves, its care types
    and its complaint regulation and committee."""
    complaints = complaints or ComplaintSetup()
    committee = (
        session.get(Organisation, complaints.committee_id) if complaints.committee_id else None
    )
    if complaints.committee_id and (
        committee is None or committee.kind is not OrganisationKind.COMMITTEE
    ):
        raise OrganisationError("unknown_committee")
    name, slug = name.strip(), slug.strip()
    clash = session.exec(
        select(Provider).where((Provider.slug == slug) | (Provider.name == name))
    ).first()
    if clash is not None and (provider is None or clash.id != provider.id):
        raise OrganisationError("taken")
    provider = provider or Provider(name=name, slug=slug)
    provider.name, provider.slug, provider.open_link = name, slug, open_link
    provider.regime = complaints.regime
    provider.regulation_url = complaints.regulation_url.strip()
    provider.committee_id = committee.id if committee else None
    provider.awb_advisory_committee = complaints.awb_advisory_committee
    session.add(provider)
    session.flush()
    session.exec(
        delete(ProviderMunicipality).where(ProviderMunicipality.provider_id == provider.id)
    )
    session.exec(delete(ProviderCareType).where(ProviderCareType.provider_id == provider.id))
    known = set(session.exec(select(Municipality.id).where(Municipality.id.in_(municipality_ids))))
    session.add_all(
        ProviderMunicipality(provider_id=provider.id, municipality_id=m) for m in sorted(known)
    )
    session.add_all(
        ProviderCareType(provider_id=provider.id, care_type=c) for c in sorted(set(care_types))
    )
    return provider


def provider_links(session: Session, provider: Provider) -> tuple[list[int], list[CareType]]:
    places = session.exec(
        select(ProviderMunicipality.municipality_id).where(
            ProviderMunicipality.provider_id == provider.id
        )
    ).all()
    kinds = session.exec(
        select(ProviderCareType.care_type).where(ProviderCareType.provider_id == provider.id)
    ).all()
    return list(places), list(kinds)


def save_municipality(
    session: Session, municipality: Municipality | None, name: str, cbs_code: str, emails: list[str]
) -> Municipality:
    """Create or update a municipality and the addresses that receive its reports."""
    name, cbs_code = name.strip(), cbs_code.strip().upper()
    clash = session.exec(
        select(Municipality).where(
            (Municipality.name == name) | (Municipality.cbs_code == cbs_code)
        )
    ).first()
    if clash is not None and (municipality is None or clash.id != municipality.id):
        raise OrganisationError("taken")
    municipality = municipality or Municipality(name=name, cbs_code=cbs_code)
    municipality.name, municipality.cbs_code = name, cbs_code
    session.add(municipality)
    session.flush()
    session.exec(
        delete(MunicipalityReportRecipient).where(
            MunicipalityReportRecipient.municipality_id == municipality.id
        )
    )
    session.add_all(
        MunicipalityReportRecipient(municipality_id=municipality.id, email=email)
        for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip())
    )
    return municipality


def report_addresses(session: Session, municipality: Municipality) -> list[str]:
    return list(
        session.exec(
            select(MunicipalityReportRecipient.email).where(
                MunicipalityReportRecipient.municipality_id == municipality.id
            )
        )
    )


def save_organisation(
    session: Session,
    organisation: Organisation | None,
    kind: OrganisationKind,
    name: str,
    email: str,
    phone: str,
    hours: str,
    region_name: str = "",
) -> Organisation:
    """Create or update a committee, confidant service or client platform.

    A client platform advises one region; the region is created on first use.
    """
    name = name.strip()
    clash = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if clash is not None and (organisation is None or clash.id != organisation.id):
        raise OrganisationError("taken")
    organisation = organisation or Organisation(kind=kind, name=name)
    organisation.kind, organisation.name = kind, name
    organisation.email, organisation.phone, organisation.hours = (
        email.strip(),
        phone.strip(),
        hours.strip(),
    )
    organisation.region_id = region_named(session, region_name).id if region_name.strip() else None
    session.add(organisation)
    session.flush()
    return organisation


def region_named(session: Session, name: str) -> Region:
    name = name.strip()
    region = session.exec(select(Region).where(Region.name == name)).first()
    if region is None:
        region = Region(name=name)
        session.add(region)
        session.flush()
    return region

"""Reference data kept by administrators: providers and municipalities."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from portal.models import (
    CareType,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
)


class OrganisationError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def save_provider(
    session: Session,
    provider: Provider | None,
    name: str,
    slug: str,
    open_link: bool,
    municipality_ids: list[int],
    care_types: list[CareType],
) -> Provider:
    """Create or update a provider with the municipalities it serves and its care types."""
    name, slug = name.strip(), slug.strip()
    clash = session.exec(
        select(Provider).where((Provider.slug == slug) | (Provider.name == name))
    ).first()
    if clash is not None and (provider is None or clash.id != provider.id):
        raise OrganisationError("taken")
    provider = provider or Provider(name=name, slug=slug)
    provider.name, provider.slug, provider.open_link = name, slug, open_link
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

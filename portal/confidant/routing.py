"""Which confidant service answers a request, and who works there.

Municipalities must make an independent confidant available (seed 003
"Vertrouwensfunctie"); the administrator records which municipalities each
service covers. A request goes to the service that covers the requester's
municipality; without a municipality, or when none covers it, to the national
service (nationally the AKJ does this for youth care). A service without active
Klankbord accounts shows its contact details only: nobody would read a form.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists
from sqlmodel import Session, select

from portal.models import (
    ConfidantCoverage,
    ConfidantService,
    Municipality,
    Organisation,
    OrganisationKind,
    StaffMember,
    StaffRole,
)

DESK_ROLES = frozenset({StaffRole.CONFIDANT, StaffRole.CONFIDANT_COORDINATOR})
FIRST_CONTACT_DAYS_MAX = 10  # as config/confidant.py BOUNDS


@dataclass(frozen=True)
class ServiceInfo:
    """A service as a requester meets it."""

    organisation: Organisation
    takes_requests: bool  # has active accounts in Klankbord
    first_contact_days: int


def service_for(session: Session, municipality_id: int | None) -> Organisation | None:
    """The service that covers the municipality, else the national one, else None.

    Two services covering one municipality: the first by name, so it is the same
    one every time.
    """
    if municipality_id:
        covering = session.exec(
            select(Organisation)
            .join(ConfidantCoverage, ConfidantCoverage.service_id == Organisation.id)
            .where(
                ConfidantCoverage.municipality_id == municipality_id,
                Organisation.kind == OrganisationKind.CONFIDANT_SERVICE,
            )
            .order_by(Organisation.name)
        ).first()
        if covering is not None:
            return covering
    return session.exec(
        select(Organisation)
        .join(ConfidantService, ConfidantService.organisation_id == Organisation.id)
        .where(ConfidantService.national, Organisation.kind == OrganisationKind.CONFIDANT_SERVICE)
        .order_by(Organisation.name)
    ).first()


def takes_requests(session: Session, service_id: int) -> bool:
    return session.exec(
        select(
            exists().where(
                StaffMember.organisation_id == service_id,
                StaffMember.role.in_(DESK_ROLES),
                StaffMember.active,
            )
        )
    ).one()


def desk_staff(
    session: Session, service_id: int, roles: frozenset[StaffRole] = DESK_ROLES
) -> list[StaffMember]:
    """The service's active confidants and coordinators, by name."""
    return list(
        session.exec(
            select(StaffMember)
            .where(
                StaffMember.organisation_id == service_id,
                StaffMember.role.in_(roles),
                StaffMember.active,
            )
            .order_by(StaffMember.name)
        )
    )


def settings_of(session: Session, service_id: int, default_days: int) -> ConfidantService:
    return session.get(ConfidantService, service_id) or ConfidantService(
        organisation_id=service_id, first_contact_days=default_days
    )


def describe(
    session: Session, service: Organisation | None, default_days: int
) -> ServiceInfo | None:
    if service is None:
        return None
    return ServiceInfo(
        service,
        takes_requests(session, service.id),
        settings_of(session, service.id, default_days).first_contact_days,
    )


def info_for(
    session: Session, municipality_id: int | None, default_days: int
) -> ServiceInfo | None:
    """ServiceInfo of the service a request from this municipality goes to, or None."""
    return describe(session, service_for(session, municipality_id), default_days)


def services(session: Session) -> list[Organisation]:
    return list(
        session.exec(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.CONFIDANT_SERVICE)
            .order_by(Organisation.name)
        )
    )


def covered(session: Session, service_id: int) -> list[int]:
    return list(
        session.exec(
            select(ConfidantCoverage.municipality_id).where(
                ConfidantCoverage.service_id == service_id
            )
        )
    )


def save_service(
    session: Session,
    service: Organisation,
    national: bool,
    first_contact_days: int,
    municipality_ids: list[int],
) -> None:
    """The administrator's setup of a service, in the caller's transaction. One national
    service at a time: choosing another moves the role."""
    if service.kind is not OrganisationKind.CONFIDANT_SERVICE:
        raise ValueError("not a confidant service")
    settings = session.get(ConfidantService, service.id) or ConfidantService(
        organisation_id=service.id
    )
    if national:
        for other in session.exec(
            select(ConfidantService).where(
                ConfidantService.national, ConfidantService.organisation_id != service.id
            )
        ):
            other.national = False
            session.add(other)
    settings.national = national
    settings.first_contact_days = max(1, min(first_contact_days, FIRST_CONTACT_DAYS_MAX))
    session.add(settings)
    session.exec(delete(ConfidantCoverage).where(ConfidantCoverage.service_id == service.id))
    known = session.exec(select(Municipality.id).where(Municipality.id.in_(municipality_ids)))
    session.add_all(
        ConfidantCoverage(service_id=service.id, municipality_id=m) for m in sorted(set(known))
    )

"""Demo confidant service: the national service (as the AKJ is for youth care) covering
the demo municipalities, one confidant account and two requests."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, select

from portal import organisations
from portal.confidant import desk, routing, service
from portal.confidant.context import Context
from portal.demo.complaints import DEMO_PASSWORD
from portal.models import (
    ConfidantRequest,
    ContactMethod,
    Municipality,
    OrganisationKind,
    RequesterRole,
    RequestTopic,
    StaffRole,
)
from portal.security import accounts

CONFIDANT_EMAIL = "vertrouwenspersoon@akj.example"


def load(session: Session, code_pepper: str, now: datetime, base_url: str) -> str:
    akj = organisations.save_organisation(
        session,
        None,
        OrganisationKind.CONFIDANT_SERVICE,
        "AKJ Vertrouwenspersonen (demo)",
        "info@akj.example",
        "088-555 1000",
        "ma-vr 8.30-17 uur",
    )
    places = list(session.exec(select(Municipality.id)))
    routing.save_service(session, akj, True, 3, places)
    session.commit()
    confidant = accounts.create_staff(
        session,
        CONFIDANT_EMAIL,
        "Vertrouwenspersoon AKJ",
        StaffRole.CONFIDANT,
        DEMO_PASSWORD,
        now,
        organisation_id=akj.id,
    )
    asked = now - timedelta(days=6)
    ctx = Context(code_pepper, base_url, asked)
    questions = [
        (RequesterRole.PARENT, RequestTopic.LOCAL_TEAM, "Het wijkteam wil de hulp stoppen."),
        (RequesterRole.YOUTH, RequestTopic.RIGHTS, "Mag ik mijn dossier lezen?"),
    ]
    filed = [
        service.file_request(
            session,
            service.RequestDraft(role, topic, text, ContactMethod.PORTAL, places[0]),
            secrets.token_urlsafe(18),
            ctx,
        )
        for role, topic, text in questions
    ]
    answered = session.get(ConfidantRequest, filed[1].request_id)
    later = Context(code_pepper, base_url, asked + timedelta(days=1))
    desk.claim(session, answered, confidant, later)
    desk.reply(
        session,
        answered,
        confidant,
        "Ja, dat mag. Zal ik uitleggen hoe je het vraagt? Je kunt ook samen met mij gaan.",
        later,
    )
    return f"Demo confidant service: 1 confidant, {len(filed)} requests."

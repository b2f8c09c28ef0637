"""Demo data: a small region with providers and two years of survey answers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session, select

from portal.models import (
    Audience,
    CareType,
    Municipality,
    MunicipalityReportRecipient,
    Provider,
    ProviderCareType,
    ProviderMunicipality,
    QuestionnaireItem,
    Scale,
)
from portal.survey import release, service
from portal.survey.questionnaires import items_of, sync_questionnaires

MUNICIPALITIES = [
    ("Utrecht", "GM0344"),
    ("Zeist", "GM0355"),
    ("Nieuwegein", "GM0356"),
    ("Houten", "GM0321"),
]

PROVIDERS = [
    (
        "De Vlinderboom Jeugdhulp",
        "vlinderboom",
        [CareType.AMBULATORY, CareType.DAY_TREATMENT],
        True,
    ),
    ("Stichting Thuisbasis", "thuisbasis", [CareType.FOSTER_CARE, CareType.FAMILY_HOME], True),
    ("Horizon Jeugdzorg", "horizon", [CareType.RESIDENTIAL, CareType.YOUTH_PROTECTION], False),
    ("Wijkteam Samen Verder", "samen-verder", [CareType.LOCAL_TEAM], True),
    ("Kompas Gezinshulp", "kompas", [CareType.AMBULATORY], True),
]

COMMENTS = [
    "Mijn begeleider luistert echt naar mij.",
    "We moesten lang wachten voordat de hulp begon.",
    "Fijn dat school en de hulpverlener nu samenwerken.",
    "Ik wist niet altijd wie ik moest bellen.",
    "",
    "",
    "",
]


def has_data(session: Session) -> bool:
    return session.exec(select(Provider)).first() is not None


def load(session: Session, secret_key: str, today: date, rng: random.Random, responses: int) -> str:
    """Create the demo region; answers are spread over the two years before ``today``."""
    questionnaire = sync_questionnaires(session)
    items = items_of(session, questionnaire)
    municipalities = []
    for name, cbs_code in MUNICIPALITIES:
        municipality = Municipality(name=name, cbs_code=cbs_code)
        session.add(municipality)
        session.flush()
        slug = name.lower()
        session.add(
            MunicipalityReportRecipient(
                municipality_id=municipality.id, email=f"jeugd@{slug}.example.nl"
            )
        )
        municipalities.append(municipality)
    providers, kinds, places = [], {}, {}
    for name, slug, care_types, open_link in PROVIDERS:
        provider = Provider(name=name, slug=slug, open_link=open_link)
        session.add(provider)
        session.flush()
        session.add_all(ProviderCareType(provider_id=provider.id, care_type=c) for c in care_types)
        served = rng.sample(municipalities, k=rng.randint(2, len(municipalities)))
        for municipality in served:
            session.add(
                ProviderMunicipality(provider_id=provider.id, municipality_id=municipality.id)
            )
        providers.append(provider)
        kinds[provider.id], places[provider.id] = care_types, [m.id for m in served]
    session.commit()

    # Each provider gets its own mood so the aggregates differ visibly.
    mood = {provider.id: rng.uniform(2.6, 4.4) for provider in providers}
    for _ in range(responses):
        provider = rng.choice(providers)
        answers = {
            item.id: None if rng.random() < 0.07 else _value(item, mood[provider.id], rng)
            for item in items
        }
        submission = service.Submission(
            provider_id=provider.id,
            questionnaire_id=questionnaire.id,
            audience=rng.choice(list(Audience)),
            answers=answers,
            comment=rng.choice(COMMENTS),
            submission_token=service.new_submission_token(),
            # The optional facts of questionnaire version 2, left out now and then.
            municipality_id=rng.choice([*places[provider.id], None]),
            care_type=rng.choice([*kinds[provider.id], None]),
        )
        day = today - timedelta(days=rng.randint(0, 729))
        service.submit_response(session, submission, secret_key, day)
    # Demo answers go straight into the results; real ones wait for the nightly release.
    release.release(session, today, threshold=1, max_wait_days=0)
    return (
        f"Demo data: {len(municipalities)} municipalities, {len(providers)} providers, "
        f"questionnaire v{questionnaire.version}, {responses} survey responses."
    )


def _value(item: QuestionnaireItem, mood: float, rng: random.Random) -> int:
    """A demo answer on the item's own scale, around the provider's mood (1-5)."""
    agree = min(5, max(1, round(rng.gauss(mood, 0.9))))
    if item.scale is Scale.MARK:
        return min(10, max(1, round(agree * 2 - rng.random())))
    if item.scale is Scale.YES_NO:
        return int(agree >= 3)
    if item.scale is Scale.COUNT:
        return rng.choice([1, 1, 2, 3])
    return agree

"""Survey domain logic: finding a provider, invitation codes and storing answers.

Plain functions over a database session; no Flask request in here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import exists, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.models import (
    AgeBand,
    Audience,
    CareType,
    Channel,
    Dimension,
    InvitationBatch,
    InvitationCode,
    Municipality,
    Provider,
    ProviderMunicipality,
    QuestionnaireItem,
)
from portal.municipality_search import municipality_by_id
from portal.privacy.redaction import clip, redact
from portal.security import codes
from portal.web import drafts, paging

from . import release, signals

INVITATION_CODE_LENGTH = 10  # 9 random characters (45 bits) + 1 check character
COMMENT_MAX_LENGTH = 2000
PROVIDERS_PER_PAGE = 15


@dataclass(frozen=True)
class ProviderPage:
    providers: list[Provider]
    page: int
    pages: int
    total: int


def search_providers(session: Session, query: str, page: int = 1) -> ProviderPage:
    """Providers whose name, or a municipality they serve, contains ``query``."""
    statement = select(Provider)
    query = query.strip()
    if query:
        pattern = f"%{query}%"
        serves_match = exists().where(
            ProviderMunicipality.provider_id == Provider.id,
            ProviderMunicipality.municipality_id == Municipality.id,
            Municipality.name.ilike(pattern),
        )
        statement = statement.where(or_(Provider.name.ilike(pattern), serves_match))
    shown = paging.window(session, statement, page, PROVIDERS_PER_PAGE)
    providers = session.exec(
        statement.order_by(Provider.name).offset(shown.offset).limit(shown.size)
    ).all()
    return ProviderPage(list(providers), shown.page, shown.pages, shown.total)


def provider_by_slug(session: Session, slug: str) -> Provider | None:
    return session.exec(select(Provider).where(Provider.slug == slug)).first()


class CodeStatus(StrEnum):
    VALID = "valid"
    MISTYPED = "mistyped"
    UNKNOWN = "unknown"
    USED = "used"


@dataclass(frozen=True)
class CodeCheck:
    status: CodeStatus
    provider: Provider | None = None
    normalized: str = ""


def _code_key(secret_key: str) -> bytes:
    return codes.derive_key(secret_key, "invitation-code")


def check_invitation_code(session: Session, raw_code: str, secret_key: str) -> CodeCheck:
    """Tell a valid code from a mistyped, unknown or used one, without consuming it."""
    normalized = codes.normalize(raw_code)
    if not codes.is_well_formed(normalized, INVITATION_CODE_LENGTH):
        return CodeCheck(CodeStatus.MISTYPED)
    row = session.exec(
        select(InvitationCode, Provider)
        .join(InvitationBatch, InvitationBatch.id == InvitationCode.batch_id)
        .join(Provider, Provider.id == InvitationBatch.provider_id)
        .where(InvitationCode.digest == codes.digest(normalized, _code_key(secret_key)))
    ).first()
    if row is None:
        return CodeCheck(CodeStatus.UNKNOWN)
    invitation, provider = row
    if invitation.used:
        return CodeCheck(CodeStatus.USED, provider)
    return CodeCheck(CodeStatus.VALID, provider, normalized)


def create_invitation_batch(
    session: Session, provider: Provider, count: int, secret_key: str, today: date, label: str = ""
) -> tuple[InvitationBatch, list[str]]:
    """Make ``count`` new codes; the plain codes are returned once and never stored."""
    if not 1 <= count <= 5000:
        raise ValueError("A batch holds between 1 and 5000 codes.")
    batch = InvitationBatch(provider_id=provider.id, created_on=today, size=count, label=label)
    session.add(batch)
    session.flush()
    key = _code_key(secret_key)
    plain: list[str] = []
    while len(plain) < count:
        code = codes.generate(INVITATION_CODE_LENGTH - 1)
        if code in plain:
            continue
        plain.append(code)
        session.add(
            InvitationCode(batch_id=batch.id, digest=codes.digest(codes.normalize(code), key))
        )
    session.commit()
    return batch, plain


def new_submission_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Submission:
    provider_id: int
    questionnaire_id: int
    audience: Audience
    # item id -> the value on the item's scale, None for "don't know", or
    # release.NOT_APPLICABLE for "does not apply"
    answers: dict[int, int | None]
    comment: str
    submission_token: str
    invitation_code: str = ""
    # Optional facts the municipal reports group by (questionnaire version 2).
    municipality_id: int | None = None
    care_type: CareType | None = None
    age_band: AgeBand | None = None
    # The server-side draft the answers came from: emptied with the same commit.
    draft_handle: str = ""
    # The questionnaire's safety items, when the caller has them at hand.
    safety_item_ids: frozenset[int] | None = None


class Outcome(StrEnum):
    STORED = "stored"
    ALREADY_STORED = "already_stored"
    CODE_USED = "code_used"
    CODE_INVALID = "code_invalid"
    # The provider's open link is off and no invitation code came with the answers.
    CODE_REQUIRED = "code_required"


def may_answer(provider: Provider, invitation_code: str) -> bool:
    """The open-link switch: without it a provider takes answers only with a code
    (whether the code is valid is checked when the answers are stored)."""
    return provider.open_link or bool(invitation_code.strip())


def safety_signal(session: Session, submission: Submission) -> bool:
    """Said not to feel safe (a safety item answered disagree or totally disagree),
    or danger words in the comment (portal/survey/signals.py). Counted, never traced."""
    safety_items = submission.safety_item_ids
    if safety_items is None:
        safety_items = frozenset(
            session.exec(
                select(QuestionnaireItem.id).where(
                    QuestionnaireItem.questionnaire_id == submission.questionnaire_id,
                    QuestionnaireItem.dimension == Dimension.SAFETY,
                )
            )
        )
    answered = [value for item, value in submission.answers.items() if item in safety_items]
    return signals.safety_signal(answered, submission.comment)


def response_id_for(token: str, secret_key: str) -> str:
    """The response id follows from the form's one-time token: a resent form maps to it."""
    return codes.digest(token, codes.derive_key(secret_key, "survey-submission"))[:32]


def submit_response(
    session: Session, submission: Submission, secret_key: str, today: date
) -> Outcome:
    """Store one anonymous response, consuming the invitation code if there is one.

    Idempotent per submission token, so a double-clicked send stores one response.
    The code row only flips to used: nothing ties it to the response, which waits
    to be released among others (portal/survey/release.py).
    """
    response_id = response_id_for(submission.submission_token, secret_key)
    if release.is_stored(session, response_id):
        return Outcome.ALREADY_STORED
    channel = Channel.OPEN_LINK
    provider = session.get(Provider, submission.provider_id)
    if not submission.invitation_code and (provider is None or not provider.open_link):
        return Outcome.CODE_REQUIRED
    if submission.invitation_code:
        check = check_invitation_code(session, submission.invitation_code, secret_key)
        if check.status is not CodeStatus.VALID or check.provider is None:
            return Outcome.CODE_INVALID
        consumed = session.exec(
            update(InvitationCode)
            .where(
                InvitationCode.digest == codes.digest(check.normalized, _code_key(secret_key)),
                InvitationCode.used.is_(False),
            )
            .values(used=True)
        )
        if consumed.rowcount != 1:
            session.rollback()
            return _already_or(session, response_id, Outcome.CODE_USED)
        submission.provider_id = check.provider.id
        channel = Channel.INVITATION
    comment = redact(clip(submission.comment.strip(), COMMENT_MAX_LENGTH)) or None
    municipality_id = submission.municipality_id
    if municipality_id is not None and municipality_by_id(session, municipality_id) is None:
        municipality_id = None  # a forged or since-merged choice: the fact is optional
    waiting = release.Waiting(
        submission.provider_id,
        submission.questionnaire_id,
        submission.audience,
        channel,
        comment,
        dict(submission.answers),
        municipality_id=municipality_id,
        care_type=submission.care_type,
        age_band=submission.age_band if submission.audience is Audience.YOUTH else None,
        safety_signal=safety_signal(session, submission),
    )
    release.hold(session, response_id, waiting, today)
    if submission.draft_handle:
        drafts.spend(session, submission.draft_handle, today)
    try:
        session.commit()
    except IntegrityError:
        # A second send that raced the first one to the same response id. Same answer.
        session.rollback()
        if not release.is_stored(session, response_id):
            raise
        return Outcome.ALREADY_STORED
    return Outcome.STORED


def _already_or(session: Session, response_id: str, otherwise: Outcome) -> Outcome:
    if release.is_stored(session, response_id):
        return Outcome.ALREADY_STORED
    return otherwise

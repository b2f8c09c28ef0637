"""Survey comments on their way to the provider: approved one by one, shared in batches.

A comment can point at a family ("my son's helper Anna on Tuesday ..."), so it
reaches the provider only after a member of the client platform approved it, and
only in a yearly batch of at least K approved comments, without scores or dates,
in no particular order (the response ids are random). Fewer than K wait for the
next year's batch.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from portal import audit
from portal.models import CommentReview, SurveyResponse
from portal.web import paging

PER_PAGE = 20


def pending(session: Session, provider_ids: list[int], page: int = 1):
    statement = select(SurveyResponse.id, SurveyResponse.provider_id, SurveyResponse.comment).where(
        SurveyResponse.comment_review == CommentReview.PENDING,
        SurveyResponse.provider_id.in_(provider_ids),
        SurveyResponse.comment.is_not(None),
    )
    shown = paging.window(session, statement, page, PER_PAGE)
    rows = session.exec(
        statement.order_by(SurveyResponse.id).offset(shown.offset).limit(shown.size)
    )
    return shown, list(rows)


def decide(
    session: Session,
    response_id: str,
    approve: bool,
    provider_ids: list[int],
    staff_id: int,
    now: datetime,
) -> bool:
    """Approve or reject one pending comment of a provider in the member's region."""
    verdict = CommentReview.APPROVED if approve else CommentReview.REJECTED
    changed = session.exec(
        update(SurveyResponse)
        .where(
            SurveyResponse.id == response_id,
            SurveyResponse.comment_review == CommentReview.PENDING,
            SurveyResponse.provider_id.in_(provider_ids),
        )
        # A rejected comment may point at a family: its text goes at once.
        .values(comment_review=verdict, **({} if approve else {"comment": None}))
    ).rowcount
    if changed != 1:
        session.rollback()
        return False
    # The audit names the decision, not the response: that id must not be linked to a person.
    audit.record(session, staff_id, f"survey_comment_{verdict}", now)
    session.commit()
    return True


def share_batches(session: Session, year: int, threshold: int) -> int:
    """Give each provider its approved, unshared comments of ``year`` and before as the
    batch of ``year`` when there are at least ``threshold``; returns providers served."""
    waiting = session.exec(
        select(SurveyResponse.provider_id, func.count())
        .where(
            SurveyResponse.comment_review == CommentReview.APPROVED,
            SurveyResponse.comment_shared_year.is_(None),
            # Retention may have emptied old texts: they no longer count towards K.
            SurveyResponse.comment.is_not(None),
            SurveyResponse.submitted_on < datetime(year + 1, 1, 1).date(),
        )
        .group_by(SurveyResponse.provider_id)
    ).all()
    served = 0
    for provider_id, count in waiting:
        if count < threshold:
            continue
        session.exec(
            update(SurveyResponse)
            .where(
                SurveyResponse.provider_id == provider_id,
                SurveyResponse.comment_review == CommentReview.APPROVED,
                SurveyResponse.comment_shared_year.is_(None),
                SurveyResponse.submitted_on < datetime(year + 1, 1, 1).date(),
            )
            .values(comment_shared_year=year)
        )
        served += 1
    session.commit()
    return served


def shared(session: Session, provider_id: int, year: int) -> list[str]:
    """The provider's batch of ``year``: texts only, in the order of the random ids."""
    return list(
        session.exec(
            select(SurveyResponse.comment)
            .where(
                SurveyResponse.provider_id == provider_id,
                SurveyResponse.comment_shared_year == year,
                SurveyResponse.comment.is_not(None),
            )
            .order_by(SurveyResponse.id)
        )
    )

"""The nightly retention run: complaints, survey comments and the audit log.

Each term is a setting (config/, COMPLAINT_RETENTION_DAYS, COMMENT_RETENTION_DAYS,
AUDIT_RETENTION_DAYS); the privacy page reads the same settings. After the run the
erased values are made unreadable in the database files too (portal/privacy/erasure.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session

from portal.complaints import jobs
from portal.complaints.procedure import Context
from portal.models import AuditEntry, SurveyResponse
from portal.privacy.erasure import erase_traces


def run(session: Session, ctx: Context, config: Mapping[str, Any]) -> str:
    complaints = jobs.apply_retention(session, ctx)
    comment_cutoff = ctx.today - timedelta(days=config["COMMENT_RETENTION_DAYS"])
    comments = session.exec(
        update(SurveyResponse)
        .where(SurveyResponse.submitted_on <= comment_cutoff, SurveyResponse.comment.is_not(None))
        .values(comment=None)
    ).rowcount
    audit = session.exec(
        delete(AuditEntry).where(
            AuditEntry.at < ctx.now - timedelta(days=config["AUDIT_RETENTION_DAYS"])
        )
    ).rowcount
    session.commit()
    result = f"emptied {complaints}, comments {comments}, audit {audit}"
    if complaints or comments or audit:
        tables = [*jobs.ERASED_TABLES, "complainthandle", "surveyresponse", "auditentry"]
        result += "; " + erase_traces(session.get_bind(), tables)
    return result

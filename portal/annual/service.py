"""Annual reports: from a frozen year to one mail per recipient, exactly once.

States (ReportState): a draft is made for every municipality when the review
period starts; platform members may add a comment; an administrator may hold or
approve it. On the send date every draft or approved report is rendered and
handed to the outbox in one transaction that first moves it to "queued" with a
conditional UPDATE, so of two schedulers (or a restart) only one queues it; the
unique (municipality, year, version) keeps a second draft from existing. The
report's state then follows its mails: sent when all are delivered, failed when
one failed for good (the outbox page can resend it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal import audit
from portal.messaging import mail
from portal.messaging.addresses import mask
from portal.models import (
    AnnualReport,
    Municipality,
    MunicipalityReportRecipient,
    OutboxMail,
    ReportSnapshot,
    ReportState,
)
from portal.models.operations import OutboxState
from portal.reporting import annual, snapshots
from portal.reporting.cube import Settings
from portal.timeutil import dutch_day

log = logging.getLogger(__name__)

SENDABLE = (ReportState.DRAFT, ReportState.APPROVED)
EDITABLE = (ReportState.DRAFT, ReportState.HELD, ReportState.APPROVED)
# What an administrator may do in which state: the service and the page both read this.
ALLOWED = {
    "hold": (ReportState.DRAFT, ReportState.APPROVED),
    "approve": (ReportState.DRAFT, ReportState.HELD),
    "resend": (ReportState.SENT, ReportState.FAILED),
}


@dataclass(frozen=True)
class Schedule:
    month: int
    day: int
    review_days: int

    def send_day(self, year: int) -> date:
        """The report of ``year`` goes out in the year after."""
        return date(year + 1, self.month, self.day)

    def draft_day(self, year: int) -> date:
        return self.send_day(year) - timedelta(days=self.review_days)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    attachments: tuple[mail.Attachment, ...]


Renderer = Callable[[annual.Report], Rendered]


def recipients(session: Session, municipality_id: int) -> list[str]:
    return list(
        session.exec(
            select(MunicipalityReportRecipient.email)
            .where(MunicipalityReportRecipient.municipality_id == municipality_id)
            .order_by(MunicipalityReportRecipient.email)
        )
    )


def ensure_frozen(
    session: Session, year: int, settings: Settings, now: datetime
) -> ReportSnapshot | None:
    snapshot = snapshots.latest(session, year)
    if snapshot is None:
        snapshot = snapshots.freeze(session, year, settings, now, "year closed")
    return snapshot


def prepare_drafts(
    session: Session, year: int, now: datetime, only: Municipality | None = None
) -> int:
    """A first version for every municipality that has none for the year.

    A municipality merged into another gets no report of its own from then on.
    """
    statement = select(Municipality).where(Municipality.merged_into_id.is_(None))
    if only is not None:
        statement = statement.where(Municipality.id == only.id)
    have = set(session.exec(select(AnnualReport.municipality_id).where(AnnualReport.year == year)))
    snapshot = snapshots.latest(session, year)
    made = 0
    for municipality in session.exec(statement).all():
        if municipality.id in have:
            continue
        session.add(
            AnnualReport(
                municipality_id=municipality.id,
                year=year,
                version=1,
                snapshot_id=snapshot.id if snapshot else None,
                state=ReportState.DRAFT,
                created_on=dutch_day(now),
            )
        )
        try:
            session.commit()  # one at a time: a second scheduler's copy just loses
            made += 1
        except IntegrityError:
            session.rollback()
    return made


def document(
    session: Session, report: AnnualReport, years: annual.Year | None = None
) -> annual.Report:
    """The report's content from its snapshot (the latest version of the year)."""
    years = years or annual.Year(session)
    # A report that went out is shown as it was sent; a draft shows the latest version.
    own = session.get(ReportSnapshot, report.snapshot_id) if report.snapshot_id else None
    sent = report.state not in (*SENDABLE, ReportState.HELD)
    snapshot = own if own is not None and sent else years.latest(report.year)
    if snapshot is None:
        raise LookupError(f"{report.year} is not frozen")
    municipality = session.get(Municipality, report.municipality_id)
    return annual.build(session, snapshot, municipality, report.platform_comment, years)


def send(
    session: Session,
    report: AnnualReport,
    render: Renderer,
    now: datetime,
    years: annual.Year | None = None,
) -> bool:
    """Render and queue one report for every recipient; False if not sent now."""
    addresses = recipients(session, report.municipality_id)
    if not addresses:
        _note_problem(session, report, "no report address: add one for this municipality")
        return False
    try:
        rendered = render(document(session, report, years))
    except Exception as error:  # a broken PDF must not stop the other municipalities
        session.rollback()
        log.exception("annual report %s could not be built", report.id)
        _fail(session, report, f"could not be built: {type(error).__name__}")
        return False
    snapshot = snapshots.latest(session, report.year)
    claimed = session.exec(
        update(AnnualReport)
        .where(AnnualReport.id == report.id, AnnualReport.state.in_(SENDABLE))
        .values(
            state=ReportState.QUEUED,
            queued_on=dutch_day(now),
            snapshot_id=snapshot.id if snapshot else None,
            problem="",
        )
    ).rowcount
    if claimed != 1:
        session.rollback()  # another scheduler queued it, or it was held meanwhile
        return False
    for address in addresses:
        mail.queue(
            session,
            address,
            rendered.subject,
            rendered.text,
            now,
            html=rendered.html,
            attachments=rendered.attachments,
            annual_report_id=report.id,
        )
    audit.record(session, None, "annual_report_queued", now, subject=("annualreport", report.id))
    session.commit()
    return True


def send_due(
    session: Session, today: date, schedule: Schedule, render: Renderer, now: datetime
) -> int:
    """Every draft or approved report whose send day has come (also of earlier years)."""
    due = session.exec(
        select(AnnualReport)
        .where(AnnualReport.state.in_(SENDABLE))
        .order_by(AnnualReport.year, AnnualReport.municipality_id, AnnualReport.version)
    ).all()
    sent = 0
    years = annual.Year(session)  # each frozen year read once for all reports
    for report in due:
        # The platform always gets its review days, also for a draft made late (a
        # scheduler that was down, a municipality added); an administrator's approval
        # sends at once.
        reviewed = report.created_on + timedelta(days=schedule.review_days) <= today
        if report.state is ReportState.APPROVED or (
            today >= schedule.send_day(report.year) and reviewed
        ):
            sent += send(session, report, render, now, years)
    return sent


def follow_mail(session: Session, now: datetime) -> tuple[int, int]:
    """Queued reports take the state of their mails: (sent, failed) reports now."""
    rows = session.exec(
        select(
            OutboxMail.annual_report_id,
            func.count(),
            func.sum(case((OutboxMail.state == OutboxState.SENT, 1), else_=0)),
            func.sum(case((OutboxMail.state == OutboxState.FAILED, 1), else_=0)),
            func.max(OutboxMail.sent_at),
        )
        .join(AnnualReport, AnnualReport.id == OutboxMail.annual_report_id)
        # Failed ones too: a mail resent from the outbox page can still deliver it.
        .where(AnnualReport.state.in_([ReportState.QUEUED, ReportState.FAILED]))
        .group_by(OutboxMail.annual_report_id)
    ).all()
    done = failed = 0
    for report_id, total, delivered, lost, last_sent in rows:
        report = session.get(AnnualReport, report_id)
        if lost:
            if report.state is ReportState.FAILED:
                continue
            reason = _failure_of(session, report_id)
            report.state, report.problem = ReportState.FAILED, reason
            failed += 1
        elif delivered == total:
            report.state, report.sent_on = ReportState.SENT, dutch_day(last_sent or now)
            report.problem = ""
            done += 1
        else:
            continue
        audit.record(
            session, None, f"annual_report_{report.state}", now, subject=("annualreport", report_id)
        )
    session.commit()
    return done, failed


def _failure_of(session: Session, report_id: int) -> str:
    failed = session.exec(
        select(OutboxMail.recipient, OutboxMail.last_error).where(
            OutboxMail.annual_report_id == report_id, OutboxMail.state == OutboxState.FAILED
        )
    ).first()
    recipient, error = failed or ("?", "")
    return f"mail to {mask(recipient)} failed: {error or 'unknown'}"[:1000]


def _note_problem(session: Session, report: AnnualReport, problem: str) -> None:
    if report.problem != problem:
        report.problem = problem
        session.add(report)
        session.commit()


def _fail(session: Session, report: AnnualReport, problem: str) -> None:
    session.exec(
        update(AnnualReport)
        .where(AnnualReport.id == report.id, AnnualReport.state.in_(SENDABLE))
        .values(state=ReportState.FAILED, problem=problem[:1000])
    )
    session.commit()


# -- review by the platform and the administrator ----------------------------------


class NotAllowed(Exception):
    """The report is not in a state that allows this."""


def comment(
    session: Session, report: AnnualReport, text: str, staff_id: int, now: datetime
) -> None:
    if report.state not in EDITABLE:
        raise NotAllowed(report.state)
    report.platform_comment = text.strip()[:4000]
    report.comment_by_id = staff_id
    session.add(report)
    audit.record(
        session, staff_id, "annual_report_commented", now, subject=("annualreport", report.id)
    )
    session.commit()


def hold(session: Session, report: AnnualReport, staff_id: int, now: datetime) -> None:
    _move(session, report, ALLOWED["hold"], ReportState.HELD, staff_id, now)


def approve(session: Session, report: AnnualReport, staff_id: int, now: datetime) -> None:
    _move(session, report, ALLOWED["approve"], ReportState.APPROVED, staff_id, now)


def _move(
    session: Session,
    report: AnnualReport,
    allowed: tuple[ReportState, ...],
    target: ReportState,
    staff_id: int,
    now: datetime,
) -> None:
    moved = session.exec(
        update(AnnualReport)
        .where(AnnualReport.id == report.id, AnnualReport.state.in_(allowed))
        .values(state=target)
    ).rowcount
    if moved != 1:
        session.rollback()
        raise NotAllowed(report.state)
    audit.record(
        session, staff_id, f"annual_report_{target}", now, subject=("annualreport", report.id)
    )
    session.commit()


def resend(session: Session, report: AnnualReport, staff_id: int, now: datetime) -> AnnualReport:
    """A new version of a sent or failed report, approved, so it goes at the next run."""
    if report.state not in ALLOWED["resend"]:
        raise NotAllowed(report.state)
    newest = session.exec(
        select(func.max(AnnualReport.version)).where(
            AnnualReport.municipality_id == report.municipality_id,
            AnnualReport.year == report.year,
        )
    ).one()
    if newest != report.version:
        raise NotAllowed("a newer version exists")  # one resend per click, never two
    again = AnnualReport(
        municipality_id=report.municipality_id,
        year=report.year,
        version=newest + 1,
        state=ReportState.APPROVED,
        created_on=dutch_day(now),
        platform_comment=report.platform_comment,
        comment_by_id=report.comment_by_id,
    )
    session.add(again)
    try:
        session.flush()
    except IntegrityError:  # a colleague clicked at the same moment
        session.rollback()
        raise NotAllowed("a newer version exists") from None
    audit.record(session, staff_id, "annual_report_resend", now, subject=("annualreport", again.id))
    session.commit()
    return again


def problems(session: Session, year: int) -> list[str]:
    """Municipalities without an address, merged ones, failed reports: never silent."""
    found = []
    for municipality in session.exec(select(Municipality).order_by(Municipality.name)):
        if municipality.merged_into_id is not None:
            into = session.get(Municipality, municipality.merged_into_id)
            name = into.name if into else "?"
            found.append(f"{municipality.name} merged into {name}: no own report")
        elif not recipients(session, municipality.id):
            found.append(f"{municipality.name} has no report address")
    failed = session.exec(
        select(AnnualReport).where(
            AnnualReport.year == year, AnnualReport.state == ReportState.FAILED
        )
    ).all()
    found += [f"report {r.id} failed: {r.problem}" for r in failed]
    held = session.exec(
        select(func.count()).where(
            AnnualReport.year == year, AnnualReport.state == ReportState.HELD
        )
    ).one()
    if held:
        found.append(f"{held} report(s) of {year} held: approve them or they are never sent")
    return found

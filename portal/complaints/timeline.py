"""The complainant's plain-language timeline: what happened, and what comes by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.models import Complaint, ComplaintKind, ComplaintStatus


@dataclass(frozen=True)
class Milestone:
    label: str
    on: date | None  # the day it happened, or the day it is due
    done: bool


def timeline(complaint: Complaint) -> list[Milestone]:
    c = complaint
    steps = [Milestone(_l("Received"), c.received_on, True)]
    informal_answer = c.decided_on is not None or c.kind is ComplaintKind.INFORMAL
    if informal_answer:
        steps.append(
            Milestone(
                _l("Read by the organisation"), c.acknowledged_on, c.acknowledged_on is not None
            )
        )
        steps.append(
            Milestone(_l("Being worked on"), None, c.status is not ComplaintStatus.RECEIVED)
        )
        if c.decided_on:
            steps.append(Milestone(_l("Answered"), c.decided_on, True))
        elif c.status is not ComplaintStatus.WITHDRAWN:
            steps.append(Milestone(_l("Answer at the latest"), c.decision_due_on, False))
    if c.kind is ComplaintKind.FORMAL:
        steps.append(Milestone(_l("With the complaints committee"), c.committee_received_on, True))
        steps.append(
            Milestone(
                _l("Receipt confirmed by the committee"),
                c.committee_confirmed_on,
                c.committee_confirmed_on is not None,
            )
        )
        if c.hearing_on:
            steps.append(Milestone(_l("Both sides heard"), c.hearing_on, c.both_sides_heard))
        if c.judged_on:
            steps.append(Milestone(_l("Judgement of the committee"), c.judged_on, True))
        elif c.status is ComplaintStatus.WITH_COMMITTEE:
            steps.append(Milestone(_l("Judgement at the latest"), c.judgement_due_on, False))
        if c.measures_on:
            steps.append(Milestone(_l("Measures of the organisation"), c.measures_on, True))
        elif c.status is ComplaintStatus.JUDGED:
            steps.append(Milestone(_l("Measures at the latest"), c.measures_due_on, False))
    if c.withdrawn_on:
        steps.append(Milestone(_l("Withdrawn"), c.withdrawn_on, True))
    return steps

"""News for staff at fixed times of day, never a mail per complainant action.

A mail, an outbox row or a job run written when an anonymous complainant acts
would date that action to the second. So an action only notes "there is news
in this case for these addresses" (a row without any time), and at the digest
times (setting DIGEST_TIMES, default 08:00 and 13:00 Dutch time) one mail per
address says in how many cases there is news. Other mail a complainant's
action causes (to a municipality) waits for the next digest time as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from portal.messaging import mail
from portal.models import DigestItem
from portal.timeutil import DUTCH_TIME

STAFF_LANGUAGE = "nl"


@dataclass(frozen=True)
class Area:
    """An inbox a digest line points to."""

    path: str
    line: Callable[[int], str]  # "There is news in N ...", in the current locale


AREAS: dict[str, Area] = {
    "complaints": Area(
        "/staff/",
        lambda number: ngettext(
            "There is news in %(num)d complaint about your organisation.",
            "There is news in %(num)d complaints about your organisation.",
            number,
        ),
    ),
    "committee": Area(
        "/committee/",
        lambda number: ngettext(
            "There is news in %(num)d formal complaint for your committee.",
            "There is news in %(num)d formal complaints for your committee.",
            number,
        ),
    ),
    "desk": Area(
        "/desk/",
        lambda number: ngettext(
            "There is news in %(num)d request to your confidant service.",
            "There is news in %(num)d requests to your confidant service.",
            number,
        ),
    ),
}


def note_news(session: Session, recipients: Iterable[str], area: str, subject_ref: str) -> None:
    """Note, in the caller's transaction, that ``subject_ref`` has news for ``recipients``.

    Noting the same case twice before a digest is one line in it. No time is kept.
    """
    if area not in AREAS:
        raise ValueError(f"Unknown digest area {area!r}")
    rows = [
        {"recipient": recipient, "area": area, "subject_ref": subject_ref}
        for recipient in sorted(set(recipients))
    ]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(insert(DigestItem).values(rows).on_conflict_do_nothing())  # type: ignore[call-overload]


def next_slot(now: datetime, times: Iterable[tuple[int, int]]) -> datetime:
    """The first digest time after ``now`` (aware), as an aware UTC moment."""
    local = now.astimezone(DUTCH_TIME)
    candidates = []
    for days in (0, 1):
        day = local.date() + timedelta(days=days)
        for hour, minute in times:
            slot = datetime(day.year, day.month, day.day, hour, minute, tzinfo=DUTCH_TIME)
            if slot > local:
                candidates.append(slot)
    return min(candidates).astimezone(now.tzinfo)


def queue_at_next_slot(
    session: Session,
    recipient: str,
    subject: str,
    body: str,
    now: datetime,
    config: Mapping[str, Any],
) -> None:
    """Queue a mail caused by a complainant's action so that it is created, and sent,
    only at the next digest time: its row then dates nothing finer than the schedule."""
    mail.queue(session, recipient, subject, body, next_slot(now, config["DIGEST_TIMES"]))


def send_digests(session: Session, base_url: str, now: datetime) -> int:
    """Take every noted item and queue one mail per address; returns the mails queued.

    The items are deleted and returned in one statement, in the transaction that
    queues the mails, so two schedulers never send the same news twice.
    """
    taken = session.exec(  # type: ignore[call-overload]
        delete(DigestItem).returning(DigestItem.recipient, DigestItem.area)
    ).all()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for recipient, area in taken:
        counts[recipient][area] += 1
    with force_locale(STAFF_LANGUAGE):
        subject = _("Klankbord: there is news in your cases")
        for recipient, per_area in sorted(counts.items()):
            lines = [
                f"{AREAS[area].line(number)}\n{base_url}{AREAS[area].path}"
                for area, number in sorted(per_area.items())
                if area in AREAS
            ]
            body = "\n\n".join(
                [
                    *lines,
                    _(
                        "Log in to Klankbord to read it. This mail says nothing about the "
                        "cases on purpose."
                    ),
                ]
            )
            mail.queue(session, recipient, subject, body, now)
    session.commit()
    return len(counts)

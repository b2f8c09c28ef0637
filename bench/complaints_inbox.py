"""Complaint side at scale on SQLite, as ratios against baselines from the same run.

    .venv/bin/python bench/complaints_inbox.py [complaints]

- inbox page (filter on the organisation and the soonest deadline, counted and
  paginated) against a bare indexed SELECT of 20 rows of the same provider;
- receipt lookup (keyed scrypt, then an indexed SELECT) against the bare SELECT
  alone: the slow hash is the deliberate cost of a stolen database not giving
  codes away.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, text

from portal.complaints import receipts, service, workflow
from portal.complaints.clock import Terms
from portal.db import make_engine
from portal.models import Complaint, ComplaintKind, ComplaintStatus, ComplaintTheme, Provider
from portal.operations import migrate
from portal.security import codes

SECRET = "bench-secret-key-long-enough-0123456789abcdef"


def timed(function, repeat: int, rounds: int = 5) -> float:
    """Best of several rounds: the least disturbed measurement of the same work."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, time.perf_counter() - start)
    return best


def main(count: int = 20000) -> None:
    rng = random.Random(3)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as db:
            providers = [Provider(name=f"Aanbieder {n}", slug=f"p{n}") for n in range(20)]
            db.add_all(providers)
            db.commit()
            themes, statuses = list(ComplaintTheme), list(ComplaintStatus)
            for n in range(count):
                received = (start + timedelta(days=rng.randint(0, 600))).date()
                db.add(
                    Complaint(
                        receipt_digest=f"{n:064x}",
                        provider_id=providers[n % 20].id,
                        theme=rng.choice(themes),
                        kind=ComplaintKind.INFORMAL,
                        status=rng.choice(statuses),
                        what_happened="x",
                        received_on=received,
                        decision_due_on=received + timedelta(days=42),
                        next_due_on=received + timedelta(days=rng.choice([7, 42])),
                    )
                )
            db.commit()
            ctx = service.Context(
                Terms(), SECRET, "https://klankbord.test", start + timedelta(days=300)
            )
            provider_id = providers[3].id

            def bare() -> None:
                db.exec(
                    text(
                        "SELECT * FROM complaint WHERE provider_id = :p ORDER BY id LIMIT 20"
                    ).bindparams(p=provider_id)
                ).all()

            def inbox() -> None:
                workflow.inbox(db, provider_id, ctx, workflow.InboxFilter.OVERDUE, page=3)

            unknown_code = codes.generate(receipts.RANDOM_CHARACTERS)

            def lookup() -> None:
                service.find_by_receipt(db, unknown_code, SECRET)

            def indexed_only() -> None:
                db.exec(
                    text("SELECT * FROM complaint WHERE receipt_digest = :d").bindparams(
                        d=f"{7:064x}"
                    )
                ).all()

            baseline = timed(bare, 200)
            inbox_time = timed(inbox, 200)
            select_time = timed(indexed_only, 50)
            lookup_time = timed(lookup, 50)
        engine.dispose()
    print(f"complaints={count} providers=20")
    print(
        f"inbox page (overdue, counted, page 3) / bare 20-row select: {inbox_time / baseline:.1f}x"
    )
    slow_hash = lookup_time / select_time
    print(f"receipt lookup (scrypt + select) / indexed select alone:   {slow_hash:.0f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20000)

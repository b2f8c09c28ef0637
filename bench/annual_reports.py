"""Annual reports at national scale: building them against the bare GROUP BY queries.

    make bench-reports   (or: .venv/bin/python bench/annual_reports.py [--answers N] [--postgres])

Loads 342 municipalities, 1,000 providers, 1,000,000 survey answers (125,000 responses
of 8 items) and 100,000 complaints into a fresh database, then measures in the same run:

- baseline: the bare GROUP BY queries the reports rest on (portal/reporting/queries.py);
- build: freezing the year (the same queries, cells, suppression over the whole year,
  the snapshot written) and the report document of every municipality.

It prints both times, their ratio (target ≤ 2) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, select

from portal.db import make_engine
from portal.models import Complaint, Municipality, QuestionnaireItem
from portal.operations import migrate
from portal.reporting import annual, queries, snapshots
from portal.reporting.cube import Settings
from portal.survey.questionnaires import sync_questionnaires

YEAR = 2025
MUNICIPALITIES = 342
PROVIDERS = 1000
THEMES = [
    "waiting_time", "screening", "refusal", "treatment", "not_heard", "communication",
    "help_not_working", "contact_person", "cooperation", "safety", "privacy", "other",
]  # fmt: skip


def load(url: str, answers: int, complaints: int, rng: random.Random) -> None:
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        questionnaire = sync_questionnaires(session)
        items = session.exec(
            select(QuestionnaireItem.id).where(
                QuestionnaireItem.questionnaire_id == questionnaire.id
            )
        ).all()
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO region (id, name) VALUES (1, 'Noord'), (2, 'Midden'), (3, 'Zuid')")
        run(
            "INSERT INTO municipality (id, name, cbs_code, region_id) VALUES (?, ?, ?, ?)"
            if url.startswith("sqlite")
            else "INSERT INTO municipality (id, name, cbs_code, region_id) VALUES (%s, %s, %s, %s)",
            [(m, f"Gemeente {m}", f"GM{m:04d}", m % 3 + 1) for m in range(1, MUNICIPALITIES + 1)],
        )
        mark = "?" if url.startswith("sqlite") else "%s"

        def insert(table: str, columns: str, rows: list[tuple]) -> None:
            marks = ", ".join([mark] * len(rows[0]))
            for start in range(0, len(rows), 20000):
                run(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[start : start + 20000]
                )

        insert(
            "provider",
            "id, name, slug, open_link, regime, complaints_numbered, awb_advisory_committee",
            [
                (p, f"Aanbieder {p}", f"a{p}", True, "jeugdwet", 0, False)
                for p in range(1, PROVIDERS + 1)
            ],
        )
        serving = {
            (p, m)
            for p in range(1, PROVIDERS + 1)
            for m in rng.sample(range(1, MUNICIPALITIES + 1), 5)
        }
        insert("providermunicipality", "provider_id, municipality_id", sorted(serving))
        responses, answer_rows = [], []
        audiences = ("youth", "parent", "foster_parent")
        for _ in range(answers // len(items)):
            rid = secrets.token_hex(16)
            responses.append((
                rid, rng.randint(1, PROVIDERS), questionnaire.id, rng.choice(audiences),
                "open_link",
                date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364)),
                rng.randint(1, MUNICIPALITIES) if rng.random() < 0.7 else None, False, None,
            ))  # fmt: skip
            for item in items:
                value = None if rng.random() < 0.05 else rng.randint(1, 5)
                answer_rows.append((rid, item, value, False))
        insert(
            "surveyresponse",
            "id, provider_id, questionnaire_id, audience, channel, submitted_on, municipality_id, "
            "safety_signal, comment_shared_year",
            responses,
        )
        insert("surveyanswer", "response_id, item_id, value, not_applicable", answer_rows)
        complaint_rows = []
        for n in range(complaints):
            received = date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364))
            decided = received + timedelta(days=rng.randint(5, 70))
            complaint_rows.append((
                secrets.token_urlsafe(12), n + 1, secrets.token_hex(32), rng.randint(1, PROVIDERS),
                rng.randint(1, MUNICIPALITIES), rng.choice(THEMES),
                "formal" if rng.random() < 0.2 else "informal", "decided", rng.random() < 0.3,
                "nl", received, received + timedelta(days=rng.randint(1, 10)),
                received + timedelta(weeks=6), decided, decided, "upheld", False,
            ))  # fmt: skip
        insert(
            "complaint",
            "key, provider_number, receipt_digest, provider_id, municipality_id, theme, kind, "
            "status, filed_anonymously, language, received_on, acknowledged_on, "
            "decision_due_on, decided_on, closed_on, outcome, both_sides_heard",
            complaint_rows,
        )
    engine.dispose()


def baseline(session: Session) -> None:
    for by in ("provider", "municipality"):
        queries.survey_items(session, YEAR, by)
        queries.complaints(session, YEAR, 7, by)
        queries.complaints_by(session, YEAR, Complaint.theme, by)
        queries.complaints_by(session, YEAR, Complaint.outcome, by)
    queries.survey_responses(session, YEAR)


def build(session: Session) -> int:
    snapshot = snapshots.freeze(
        session, YEAR, Settings(10, 7), datetime(YEAR + 1, 3, 18, tzinfo=UTC), "benchmark"
    )
    documents = 0
    years = annual.Year(session)
    for municipality in session.exec(select(Municipality)).all():
        annual.build(session, snapshot, municipality, years=years)
        documents += 1
    return documents


def measure(url: str, answers: int, complaints: int) -> None:
    print(f"loading {answers:,} answers and {complaints:,} complaints into {url.split(':')[0]} …")
    started = time.perf_counter()
    load(url, answers, complaints, random.Random(2026))
    print(f"  loaded in {time.perf_counter() - started:.0f} s")
    engine = make_engine(url)
    with Session(engine) as session:
        baseline(session)  # warm the caches for both
        started = time.perf_counter()
        baseline(session)
        bare = time.perf_counter() - started
        session.rollback()
        started = time.perf_counter()
        documents = build(session)
        built = time.perf_counter() - started
        # The process's peak resident size (KiB on Linux): loading included, so an
        # upper bound of what building needs.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    engine.dispose()
    print(f"  bare GROUP BY queries: {bare:.2f} s")
    print(f"  freeze + {documents} report documents: {built:.2f} s, peak {peak / 2**20:.0f} MiB")
    print(f"  ratio build / bare queries: {built / bare:.2f} (target ≤ 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{os.path.join(folder, 'bench.sqlite3')}", args.answers, args.complaints)
    if args.postgres:
        from tests.postgres import running_server

        with ExitStack() as stack:
            url = stack.enter_context(running_server())
            measure(url, args.answers, args.complaints)


if __name__ == "__main__":
    main()

"""Survey throughput on SQLite, as ratios against plain inserts measured in the same run.

    make bench        (or: .venv/bin/python bench/survey_submit.py [responses])

Figures: how much a full `submit_response` (token hash, redaction, code check,
one transaction with synchronous=FULL) costs against a bare INSERT of the same
rows in its own transaction, and how provider search compares to a bare
ordered SELECT. A ratio near 1 means the domain logic adds little to the I/O.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlmodel import Session, text

from portal.db import make_engine
from portal.models import Audience, Provider
from portal.operations import migrate
from portal.survey import service
from portal.survey.questionnaires import items_of, sync_questionnaires

SECRET = "bench-secret-key-long-enough-0123456789abcdef"


def main(responses: int = 500) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as db:  # as the app does
            questionnaire = sync_questionnaires(db)
            items = items_of(db, questionnaire)
            db.add_all(Provider(name=f"Aanbieder {n:04d}", slug=f"p{n}") for n in range(1000))
            db.commit()
            provider_id = db.exec(text("SELECT min(id) FROM provider")).one()[0]

            start = time.perf_counter()
            for n in range(responses):
                with engine.begin() as connection:
                    connection.exec_driver_sql(
                        "INSERT INTO surveyresponse (id, provider_id, questionnaire_id, "
                        "audience, channel, submitted_on, comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            f"b{n:031d}",
                            provider_id,
                            questionnaire.id,
                            "youth",
                            "open_link",
                            "2026-11-22",
                            "Goed geholpen",
                        ),
                    )
                    connection.exec_driver_sql(
                        "INSERT INTO surveyanswer (response_id, item_id, value) VALUES (?, ?, ?)",
                        [(f"b{n:031d}", item.id, 4) for item in items],
                    )
            baseline = time.perf_counter() - start

            start = time.perf_counter()
            for _ in range(responses):
                submission = service.Submission(
                    provider_id=provider_id,
                    questionnaire_id=questionnaire.id,
                    audience=Audience.YOUTH,
                    answers={item.id: rng.randint(1, 5) for item in items},
                    comment="Goed geholpen, bel 06-12345678",
                    submission_token=service.new_submission_token(),
                )
                service.submit_response(db, submission, SECRET, date(2026, 11, 22))
            submitted = time.perf_counter() - start

            queries = 200
            start = time.perf_counter()
            for _ in range(queries):
                db.exec(text("SELECT id, name FROM provider ORDER BY name LIMIT 15")).all()
            plain_select = time.perf_counter() - start
            start = time.perf_counter()
            for n in range(queries):
                service.search_providers(db, f"{n % 100:02d}", page=1)
            searched = time.perf_counter() - start
        engine.dispose()

    print(f"responses={responses} providers=1000")
    print(f"submit_response / bare insert transaction: {submitted / baseline:.2f}x")
    print(f"search_providers / bare ordered select:    {searched / plain_select:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)

"""The same portal on PostgreSQL: migrations, and the main flows end to end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session, SQLModel, select

from portal import create_app
from portal.db import engine_for
from portal.models import (
    Complaint,
    ComplaintStatus,
    Municipality,
    OutboxMail,
    SurveyResponse,
    WaitingResponse,
)
from portal.operations import migrate
from portal.operations.scheduler import run_job
from portal.survey.questionnaires import sync_questionnaires
from tests.complaint_helpers import file_complaint, open_with_code
from tests.conftest import add_provider, add_staff, form_fields, log_in, make_settings
from tests.postgres import running_server
from tests.survey_helpers import complete_survey, step


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture
def pg_url(server_url: str) -> Iterator[str]:
    """An empty database per test."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS klankbord_test"))
        connection.execute(text("CREATE DATABASE klankbord_test"))
    admin.dispose()
    yield server_url.rsplit("/", 1)[0] + "/klankbord_test"


def test_upgrade_head_matches_the_models_and_every_step_goes_down(pg_url):
    migrate.upgrade(pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    script = ScriptDirectory.from_config(migrate.alembic_config(pg_url))
    for revision in script.walk_revisions():
        migrate.downgrade(pg_url, revision.down_revision or "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    migrate.upgrade(pg_url)  # and up again: nothing was left behind


@pytest.fixture
def pg_app(pg_url, tmp_path):
    migrate.upgrade(pg_url)
    app = create_app(make_settings(pg_url, tmp_path / "instance"))
    with Session(engine_for(app)) as session:
        sync_questionnaires(session)
    yield app
    engine_for(app).dispose()


def test_survey_and_complaint_cycle_on_postgres(pg_app):
    with Session(engine_for(pg_app), expire_on_commit=False) as db:
        provider = add_provider(
            db, "De Vlinderboom Jeugdhulp", "vlinderboom", municipality="Utrecht"
        )
        handler = add_staff(db, "h@vlinderboom.example", provider)
        youth = pg_app.test_client()
        check = complete_survey(youth, comment="bel 0612345678")
        assert step(youth, check, action="send").status_code == 303
        assert step(youth, check, action="send").status_code == 303  # double click
        assert len(db.exec(select(WaitingResponse)).all()) == 1
        assert db.exec(select(SurveyResponse)).all() == []  # not in the results yet
        pg_app.config["SMALL_GROUP_THRESHOLD"] = 1
        db.commit()  # end this test's read transaction: VACUUM FULL waits for it
        released = run_job(pg_app, "release_answers")
        assert released.startswith("released 1; vacuumed ")
        assert db.exec(select(WaitingResponse)).all() == []
        assert len(db.exec(select(SurveyResponse)).all()) == 1

        code = file_complaint(youth, provider.id)
        staff = pg_app.test_client()
        log_in(staff, handler)
        complaint_key = db.exec(select(Complaint.key)).one()
        page = staff.get(f"/staff/complaints/{complaint_key}")
        token = form_fields(page.data)["csrf_token"]
        acknowledged = staff.post(
            f"/staff/complaints/{complaint_key}/acknowledge", data={"acknowledge-csrf_token": token}
        )
        assert acknowledged.status_code == 303
        assert "1 klacht" in staff.get("/staff/?show=open").get_data(as_text=True)
        assert "0 klachten" in staff.get("/staff/?show=overdue").get_data(as_text=True)
        open_with_code(youth, code)
        assert youth.get("/complaints/mine").status_code == 200
        assert db.exec(select(Complaint.status)).one() is ComplaintStatus.ACKNOWLEDGED
        assert run_job(pg_app, "send_digests") == "digests 1"  # DELETE ... RETURNING
        assert run_job(pg_app, "send_outbox") == "sent 1"
        assert db.exec(select(OutboxMail.sent_at)).one() is not None


def test_released_answers_leave_no_dead_copy_in_the_table_files(pg_app):
    """VACUUM FULL after a release: the waiting rows are gone from the files too."""
    with Session(engine_for(pg_app), expire_on_commit=False) as db:
        provider = add_provider(db, "De Vlinderboom Jeugdhulp", "vlinderboom")
        for index in range(3):
            youth = pg_app.test_client()
            check = complete_survey(youth, comment=f"deadrow{'xyz'[index]}marker")
            assert step(youth, check, action="send").status_code == 303
        assert provider.id
        pg_app.config["SMALL_GROUP_THRESHOLD"] = 3
        db.commit()  # end this test's read transaction: VACUUM FULL waits for it
        assert run_job(pg_app, "release_answers").startswith("released 3; vacuumed")

        def table_file(table: str) -> bytes:
            return db.exec(  # superuser in the test cluster: read the table's own file
                text(f"SELECT pg_read_binary_file(pg_relation_filepath('{table}'))")
            ).one()[0]

        waiting, released = table_file("waitingresponse"), table_file("surveyresponse")
        for index in range(3):
            mark = f"deadrow{'xyz'[index]}marker".encode()
            assert mark not in waiting
            assert released.count(mark) == 1


def test_reports_on_postgres_match_the_hand_computed_figures(pg_app, monkeypatch):
    """The same small data set as tests/test_reporting.py, frozen and sent on PostgreSQL."""
    from datetime import UTC, datetime

    from portal import timeutil
    from portal.models import AnnualReport, Audience, MunicipalityReportRecipient, ReportState
    from portal.reporting.cube import HIDDEN
    from tests.conftest import FrozenClock
    from tests.reporting_helpers import answers, complaint

    clock = FrozenClock(datetime(2026, 3, 18, 5, 0, tzinfo=UTC))  # the draft day
    monkeypatch.setattr(timeutil, "source", clock)
    with Session(engine_for(pg_app), expire_on_commit=False) as db:
        sync_questionnaires(db)
        provider = add_provider(db, "Aanbieder A", "a", municipality="Utrecht")
        utrecht = db.exec(select(Municipality).where(Municipality.name == "Utrecht")).one()
        db.add(
            MunicipalityReportRecipient(municipality_id=utrecht.id, email="jeugd@utrecht.example")
        )
        db.commit()
        answers(db, provider.id, Audience.YOUTH, [5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 1, 2, None])
        answers(db, provider.id, Audience.PARENT, [4] * 10)
        answers(db, provider.id, Audience.FOSTER_PARENT, [1, 1, 2])
        for _ in range(11):
            complaint(db, provider.id, municipality_id=utrecht.id)
        assert "drafts 1" in run_job(pg_app, "annual_reports")
        clock.now = datetime(2026, 4, 1, 4, 0, tzinfo=UTC)  # the send day
        assert "queued 1" in run_job(pg_app, "annual_reports")
        from portal.reporting import snapshots

        snapshot = snapshots.latest(db, 2025)
        part = snapshots.part(db, snapshot, f"provider:{provider.id}")
        groups = part["survey"]["items"]["fit_question"]["groups"]
        assert groups["youth"]["positive"] == 67 and groups["youth"]["mean"] == 3.7
        assert groups["foster_parent"] == HIDDEN and groups["parent"] == HIDDEN
        assert part["complaints"]["total"] == 11
        assert part["complaints"]["rates"]["acknowledged_in_time"] == 100
        run_job(pg_app, "send_outbox")  # to the outbox folder in the tests
        db.expire_all()
        (report,) = db.exec(select(AnnualReport)).all()
        assert report.state is ReportState.SENT

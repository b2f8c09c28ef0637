"""The same portal on PostgreSQL: migrations, and the main flows end to end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session, SQLModel, select

from portal import create_app, migrate
from portal.db import engine_for
from portal.models import Complaint, ComplaintStatus, OutboxMail, SurveyResponse
from portal.scheduler import run_job
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
        assert len(db.exec(select(SurveyResponse)).all()) == 1

        code = file_complaint(youth, provider.id)
        staff = pg_app.test_client()
        log_in(staff, handler)
        complaint_id = db.exec(select(Complaint.id)).one()
        page = staff.get(f"/staff/complaints/{complaint_id}")
        token = form_fields(page.data)["csrf_token"]
        acknowledged = staff.post(
            f"/staff/complaints/{complaint_id}/acknowledge", data={"acknowledge-csrf_token": token}
        )
        assert acknowledged.status_code == 303
        assert "1 klacht" in staff.get("/staff/?show=open").get_data(as_text=True)
        assert "0 klachten" in staff.get("/staff/?show=overdue").get_data(as_text=True)
        open_with_code(youth, code)
        assert youth.get("/complaints/mine").status_code == 200
        assert db.exec(select(Complaint.status)).one() is ComplaintStatus.ACKNOWLEDGED
        assert run_job(pg_app, "send_outbox") == "sent 1"
        assert db.exec(select(OutboxMail.sent_at)).one() is not None

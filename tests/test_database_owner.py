"""What someone holding a copy of the files can learn: the database with its -wal
and -shm, the outbox folder, the job runs and the logs (issue 7).

Each test acts in a known order, then reads only the raw files, and shows that
the order, the code behind an answer and the time of a complaint are not there.
"""

from __future__ import annotations

import base64
import json
import os
import random
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect
from sqlmodel import Session, select

from portal.db import engine_for
from portal.models import (
    Audience,
    AuditEntry,
    Complaint,
    InvitationCode,
    JobRun,
    OutboxMail,
)
from portal.operations.scheduler import run_job
from portal.survey import service
from portal.survey.questionnaires import active_questionnaire, items_of
from tests.complaint_helpers import file_complaint, fill_complaint, open_with_code, post_mine
from tests.conftest import TEST_SECRET, add_staff, form_fields, log_in

ANSWERS = 40
CODES = 20


def database_files(path: Path) -> bytes:
    """Everything a copy of the database holds: the file, its WAL and shared memory."""
    return b"".join(
        candidate.read_bytes()
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
        if candidate.exists()
    )


def marker(index: int) -> str:
    # Letters only, so the comment redaction leaves it alone; unique per answer.
    return "merk" + "".join(chr(ord("a") + (index // 26**k) % 26) for k in range(3)) + "kram"


def spearman(order: list[int], positions: list[int]) -> float:
    ranks = {position: rank for rank, position in enumerate(sorted(positions))}
    n = len(order)
    d2 = sum((rank - ranks[position]) ** 2 for rank, position in zip(order, positions, strict=True))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_answers_cannot_be_put_in_order_or_tied_to_their_codes(app, db, provider, database_path):
    _batch, plain_codes = service.create_invitation_batch(
        db, provider, CODES, TEST_SECRET, datetime(2026, 11, 1, tzinfo=UTC).date()
    )
    random.Random(7).shuffle(plain_codes)  # codes are used in another order than made
    questionnaire = active_questionnaire(db)
    items = items_of(db, questionnaire)
    for index in range(ANSWERS):
        submission = service.Submission(
            provider_id=provider.id,
            questionnaire_id=questionnaire.id,
            audience=Audience.YOUTH,
            answers={item.id: 1 + index % 5 for item in items},
            comment=f"Opmerking {marker(index)}",
            submission_token=service.new_submission_token(),
            invitation_code=plain_codes[index] if index < CODES else "",
        )
        day = datetime(2026, 11, 23, tzinfo=UTC).date()
        assert service.submit_response(db, submission, TEST_SECRET, day) is service.Outcome.STORED
    assert all(db.exec(select(InvitationCode.used)).all())

    assert run_job(app, "release_answers").startswith(f"released {ANSWERS}; checkpointed")
    db.close()
    engine_for(app).dispose()

    wal = Path(f"{database_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the log of the sends is gone
    files = database_files(database_path)
    positions = []
    for index in range(ANSWERS):
        # Exactly once: in the released answer; nothing left of its waiting copy.
        assert files.count(marker(index).encode()) == 1, marker(index)
        positions.append(files.index(marker(index).encode()))
    # Where an answer sits in the file says nothing about when it was sent: a
    # shuffled release gives a rank correlation near 0 (|rho| < 0.6 fails by chance
    # far less than once in a thousand runs at n = 40).
    assert abs(spearman(list(range(ANSWERS)), positions)) < 0.6


def _datetimes_in_every_table(db: Session) -> list[tuple[str, str, datetime]]:
    found = []
    for table in inspect(db.get_bind()).get_table_names():
        columns = [
            column["name"]
            for column in inspect(db.get_bind()).get_columns(table)
            if "DATETIME" in str(column["type"]).upper()
        ]
        for column in columns:
            for (value,) in db.connection().exec_driver_sql(f'SELECT "{column}" FROM "{table}"'):  # noqa: S608
                if value is not None:
                    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
                    found.append((table, column, moment.replace(tzinfo=None)))
    return found


def test_an_anonymous_complaint_cannot_be_dated_from_its_traces(
    app, client, db, provider, clock, database_path, outbox, capfd
):
    handler = add_staff(db, "handler@vlinderboom.example", provider)
    clock.now = datetime(2026, 11, 23, 9, 17, 23, tzinfo=UTC)  # 10:17:23 in Utrecht
    code = file_complaint(client, provider.id, what_happened="Niemand belt terug.")
    clock.now = datetime(2026, 11, 23, 10, 42, 5, tzinfo=UTC)
    open_with_code(client, code)
    assert post_mine(client, "reply", body="Nog steeds niets.").status_code == 303
    assert post_mine(client, "withdraw").status_code == 303
    assert db.exec(select(OutboxMail)).all() == []  # nothing at the moment of acting

    clock.now = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)  # the 13:00 digest
    assert run_job(app, "send_digests") == "digests 1"
    clock.advance(minutes=1)
    assert run_job(app, "send_outbox") == "sent 1"
    staff = app.test_client()
    log_in(staff, handler)  # a staff action may be dated: it is not the complainant's
    staff.get("/staff/")

    acted = {(9, 17), (10, 42)}
    assert len(_datetimes_in_every_table(db)) > 3  # staff session, audit, outbox, runs
    for table, column, moment in _datetimes_in_every_table(db):
        assert (moment.hour, moment.minute) not in acted, (table, column, moment)
    runs = db.exec(select(JobRun)).all()
    assert {(run.started_at.hour, run.started_at.minute) for run in runs} <= {(12, 0), (12, 1)}
    db.close()
    engine_for(app).dispose()

    files = database_files(database_path)
    for hour, minute in acted:
        assert f"2026-11-23 {hour:02d}:{minute:02d}".encode() not in files
        assert f"{hour + 1:02d}:{minute:02d}".encode() not in files  # nor in Dutch time
    for mail in outbox.glob("*.eml"):
        text = mail.read_text()
        assert mail.name.startswith("20261123-1201")  # sent at the digest's minute
        assert "10:17" not in text and "10:42" not in text and "09:17" not in text
    logged = capfd.readouterr()
    assert "complaints/new" not in logged.err + logged.out
    assert "complaints/mine" not in logged.err + logged.out


def _cookie_payload(client) -> str:
    cookie = client.get_cookie("klankbord")
    value = cookie.value
    compressed = value.startswith(".")
    data = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def test_the_phone_holds_no_complaint_number_and_closing_revokes_a_copy(app, client, db, provider):
    code = file_complaint(client, provider.id)
    open_with_code(client, code)
    assert client.get("/complaints/mine").status_code == 200
    complaint_id = db.exec(select(Complaint.id)).one()
    payload = json.loads(_cookie_payload(client))
    access = payload["complaint_access"]
    assert set(access) == {"handle", "seen"}  # a random handle; no "id": complaint_id
    assert db.exec(select(Complaint.id)).all() == [complaint_id]
    assert code.replace("-", "") not in json.dumps(payload).replace("-", "")

    thief = app.test_client()
    thief.set_cookie("klankbord", client.get_cookie("klankbord").value)
    assert thief.get("/complaints/mine").status_code == 200  # a copy works until closed ...
    token = form_fields(client.get("/complaints/mine").data, "leave")["csrf_token"]
    assert client.post("/complaints/leave", data={"csrf_token": token}).status_code == 303
    revoked = thief.get("/complaints/mine")  # ... and not after "close on this device"
    assert revoked.status_code == 302 and revoked.headers["Location"].endswith("/complaints/follow")


def test_a_forged_or_old_handle_gets_the_code_page(app, client, db, provider, clock):
    code = file_complaint(client, provider.id)
    open_with_code(client, code)
    with client.session_transaction() as session:
        session["complaint_access"] = {
            "handle": "forged",
            "seen": session["complaint_access"]["seen"],
        }
    assert client.get("/complaints/mine").headers["Location"].endswith("/complaints/follow")
    open_with_code(client, code)
    clock.advance(days=1)  # a handle works on the day it was opened only
    assert client.get("/complaints/mine").headers["Location"].endswith("/complaints/follow")


def test_retention_leaves_no_erased_value_in_any_file(
    app, client, db, provider, clock, database_path, outbox
):
    handler = add_staff(db, "handler@vlinderboom.example", provider)
    secret_text = "Mijn verhaal over de pleegzorg zonder einde"
    address = "uniekouder@voorbeeld.example"
    code = file_complaint(
        client, provider.id, what_happened=secret_text, contact="email", email=address
    )
    complaint = db.exec(select(Complaint)).one()
    staff = app.test_client()
    log_in(staff, handler)
    page = staff.get(f"/staff/complaints/{complaint.key}")
    token = form_fields(page.data)["csrf_token"]
    staff.post(
        f"/staff/complaints/{complaint.key}/acknowledge", data={"acknowledge-csrf_token": token}
    )
    assert run_job(app, "send_outbox").startswith("sent")
    assert any(address in mail.read_text() for mail in outbox.glob("*.eml"))
    for mail in outbox.glob("*.eml"):  # written a month and a half ago, as far as the disk knows
        old = (clock.now - timedelta(days=45)).timestamp()
        os.utime(mail, (old, old))

    app.config["AUDIT_RETENTION_DAYS"] = 5000  # the audit log outlives the complaint here
    clock.advance(days=800)  # past the retention term, counted from the last activity
    assert run_job(app, "retention").startswith("emptied 1")
    assert run_job(app, "housekeeping")
    # The kept receipt code finds nothing any more; staff actions keep the month only.
    assert open_with_code(app.test_client(), code).status_code == 422  # "could not open"
    audit = db.exec(select(AuditEntry).where(AuditEntry.complaint_id == complaint.id)).all()
    assert audit and all((a.at.day, a.at.hour, a.at.minute) == (1, 0, 0) for a in audit)
    db.close()
    engine_for(app).dispose()

    files = database_files(database_path)
    assert secret_text.encode() not in files
    assert address.encode() not in files
    assert list(outbox.glob("*.eml")) == []


def test_an_anonymous_complainant_sees_what_could_give_them_away_and_chooses(client, provider):
    story = "Mijn naam is Sanne Bakker, bel 06-12345678. De hulp stopte."
    check = fill_complaint(client, provider.id, what_happened=story).get_data(as_text=True)
    assert "<mark>Sanne Bakker</mark>" in check and "<mark>06-12345678</mark>" in check
    assert 'id="identifiers"' in check and "/complaints/new/story" in check
    with_contact = fill_complaint(
        client, provider.id, what_happened=story, contact="email", email="a@b.nl"
    )
    assert 'id="identifiers"' not in with_contact.get_data(as_text=True)  # not anonymous


def test_the_development_server_logs_no_public_request():
    import logging

    from portal.operations.logs import AccessLogFilter

    def line(path: str) -> logging.LogRecord:
        message = f'127.0.0.1 - - [23/Nov/2026 10:17:23] "POST {path} HTTP/1.1" 303 -'
        return logging.LogRecord("werkzeug", logging.INFO, "", 0, message, None, None)

    keep = AccessLogFilter()
    assert not keep.filter(line("/complaints/new/check"))
    assert not keep.filter(line("/survey/p/vlinderboom?x=1"))
    coloured = line("/complaints/follow")  # as the development server writes on a terminal
    coloured.msg = coloured.msg.replace('"POST', '"\x1b[32mPOST').replace('1.1"', '1.1\x1b[0m"')
    assert not keep.filter(coloured)
    staff = line("/staff/complaints/3")
    assert keep.filter(staff) and staff.getMessage() == '"POST /staff/complaints/3" 303'


def test_message_and_mail_ids_do_not_give_the_order_of_actions(client, db, provider):
    """A complainant's message between two staff messages must not be placed in time by
    its id: ids are random, the thread keeps its order in `position`."""
    from portal.complaints import service as complaint_service
    from portal.complaints.context import from_app
    from portal.models import ComplaintMessage

    open_with_code(client, file_complaint(client, provider.id))
    complaint = db.exec(select(Complaint)).one()
    with client.application.app_context():
        for n in range(10):
            complaint_service.add_information(db, complaint, f"Bericht {n}", from_app())
    messages = db.exec(select(ComplaintMessage).order_by(ComplaintMessage.position)).all()
    assert [m.body for m in messages] == [f"Bericht {n}" for n in range(10)]
    ids = [m.id for m in messages]
    # In order of writing, sequential ids would rise; random ones (62 bits) almost never do.
    assert ids != sorted(ids) and min(ids) > 10_000

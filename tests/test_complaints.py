"""Filing and following a complaint: receipt code, thread, escalation, withdrawal."""

from __future__ import annotations

from email import message_from_bytes

import pytest
from sqlmodel import select

from portal import codes
from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    MunicipalityReportRecipient,
    OutboxMail,
)
from portal.scheduler import run_job
from tests.complaint_helpers import (
    STORY,
    complaint_step,
    file_complaint,
    fill_complaint,
    open_with_code,
    post_mine,
)
from tests.conftest import add_staff


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


def test_anonymous_complaint_gets_a_receipt_code_shown_once(client, db, provider, handler):
    code = file_complaint(client, provider.id)
    normalized = codes.normalize(code)
    assert len(normalized) == 14 and codes.is_well_formed(normalized, 14)  # 65 random bits
    complaint = db.exec(select(Complaint)).one()
    assert complaint.status is ComplaintStatus.RECEIVED and complaint.contact_email is None
    assert code not in complaint.receipt_digest and normalized not in complaint.receipt_digest
    assert client.get("/complaints/receipt").status_code == 302  # not shown a second time
    staff_mail = db.exec(select(OutboxMail)).one()
    assert staff_mail.recipient == handler.email
    assert STORY not in staff_mail.body and "waiting" not in staff_mail.body.lower()
    # Its exact time must not point at the anonymous complaint: no number, no link to it.
    assert f"/complaints/{complaint.id}" not in staff_mail.body
    assert str(complaint.id) not in staff_mail.body.replace("https://klankbord.test", "")


def test_double_clicked_send_files_one_complaint_with_one_code(client, db, provider):
    check = fill_complaint(client, provider.id)
    first = complaint_step(client, check, action="send")
    first_code = client.get(first.headers["Location"]).get_data(as_text=True)
    second = complaint_step(client, check, action="send")
    second_code = client.get(second.headers["Location"]).get_data(as_text=True)
    assert len(db.exec(select(Complaint)).all()) == 1
    assert first_code.split("receipt-code")[1][:40] == second_code.split("receipt-code")[1][:40]


def test_missing_story_keeps_everything_typed(client, provider):
    page = client.get("/complaints/new")
    page = complaint_step(client, page, provider=str(provider.id))
    page = complaint_step(client, page, theme="safety", kind="formal")
    again = complaint_step(client, page, what_happened="", desired_outcome="Dat het stopt")
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "Tell us what happened." in html and "Dat het stopt" in html
    assert 'name="theme" value="safety"' in html


def test_invalid_email_is_explained_in_dutch(app, provider):
    dutch = app.test_client()
    page = dutch.get("/complaints/new", headers={"Accept-Language": "nl"})
    page = complaint_step(dutch, page, provider=str(provider.id))
    page = complaint_step(dutch, page, theme="privacy", kind="informal")
    page = complaint_step(dutch, page, what_happened=STORY)
    again = complaint_step(dutch, page, contact="email", email="geen-adres")
    assert again.status_code == 422
    assert "name@example.nl" in again.get_data(as_text=True)
    assert 'value="geen-adres"' in again.get_data(as_text=True)


def test_over_long_story_is_refused_and_kept(client, provider):
    page = client.get("/complaints/new")
    page = complaint_step(client, page, provider=str(provider.id))
    page = complaint_step(client, page, theme="other", kind="informal")
    again = complaint_step(client, page, what_happened="x" * 5001)
    assert again.status_code == 422 and "x" * 5001 in again.get_data(as_text=True)


def test_the_code_opens_the_complaint_in_any_case_and_grouping(client, provider):
    code = file_complaint(client, provider.id)
    other = client.application.test_client()
    opened = open_with_code(other, code.lower().replace("-", " "))
    assert opened.status_code == 303
    page = other.get("/complaints/mine", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Received" in page and STORY in page and "days left" in page


def test_unknown_code_reveals_nothing_and_lookups_are_throttled(app, client, provider):
    app.config["RECEIPT_LOOKUPS_PER_SESSION"] = 3
    file_complaint(client, provider.id)
    wrong = codes.generate(13)
    for _ in range(2):
        assert "could not open" in open_with_code(client, wrong).get_data(as_text=True)
    assert "could not open" in open_with_code(client, "NOT-A-CODE").get_data(as_text=True)
    assert open_with_code(client, wrong).status_code == 429


def test_complainant_adds_information_and_staff_hear_of_it(client, db, provider, handler):
    open_with_code(client, file_complaint(client, provider.id))
    assert post_mine(client, "reply", body="Er is nog iets gebeurd.").status_code == 303
    page = client.get("/complaints/mine").get_data(as_text=True)
    assert "Er is nog iets gebeurd." in page
    assert len(db.exec(select(OutboxMail)).all()) == 2
    empty = post_mine(client, "reply", body="")
    assert empty.status_code == 422 and "Write a message first." in empty.get_data(as_text=True)


def test_withdraw_needs_a_confirmation_and_closes(client, db, provider):
    open_with_code(client, file_complaint(client, provider.id))
    confirm = client.get("/complaints/mine/withdraw").get_data(as_text=True)
    assert "You cannot undo this" in confirm and "Yes, go ahead" in confirm
    asked = post_mine(client, "withdraw", confirmed=False)
    assert asked.status_code == 200 and "Are you sure?" in asked.get_data(as_text=True)
    assert db.exec(select(Complaint)).one().status is ComplaintStatus.RECEIVED
    assert post_mine(client, "withdraw").status_code == 303
    complaint = db.exec(select(Complaint)).one()
    db.refresh(complaint)
    assert complaint.status is ComplaintStatus.WITHDRAWN and complaint.closed_on
    assert post_mine(client, "withdraw").status_code == 409


def test_escalations_formal_confidant_and_municipality(client, db, provider):
    recipient_place = provider_municipality(db, provider)
    open_with_code(client, file_complaint(client, provider.id))
    asked = post_mine(client, "municipality", confirmed=False, municipality=str(recipient_place))
    assert f'name="municipality" value="{recipient_place}"' in asked.get_data(as_text=True)
    assert post_mine(client, "formal").status_code == 303
    assert post_mine(client, "confidant").status_code == 303
    assert post_mine(client, "municipality", municipality=str(recipient_place)).status_code == 303
    complaint = db.exec(select(Complaint)).one()
    db.refresh(complaint)
    assert complaint.kind is ComplaintKind.FORMAL
    assert complaint.confidant_requested_on and complaint.municipality_informed_on
    notice = db.exec(
        select(OutboxMail).where(OutboxMail.recipient == "jeugd@utrecht.example.nl")
    ).one()
    assert provider.name in notice.body and "Wachttijd" in notice.body
    assert STORY not in notice.body and "Excuses" not in notice.body
    assert post_mine(client, "municipality", municipality=str(recipient_place)).status_code == 409


def provider_municipality(db, provider) -> int:
    from portal.models import ProviderMunicipality

    link = db.exec(
        select(ProviderMunicipality).where(ProviderMunicipality.provider_id == provider.id)
    ).one()
    db.add(
        MunicipalityReportRecipient(
            municipality_id=link.municipality_id, email="jeugd@utrecht.example.nl"
        )
    )
    db.commit()
    return link.municipality_id


def test_notification_mail_is_written_to_the_outbox_folder(app, client, provider, handler, outbox):
    file_complaint(client, provider.id, contact="email", email="ouder@example.nl")
    assert run_job(app, "send_outbox") == "sent 1"
    files = list(outbox.glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == handler.email
    assert STORY not in message.get_payload()
    assert run_job(app, "send_outbox") == "sent 0"


def test_mine_without_a_code_goes_to_the_code_page(client):
    assert client.get("/complaints/mine").headers["Location"].endswith("/complaints/follow")


def test_an_organisation_must_be_chosen(client, provider):
    page = client.get("/complaints/new")
    again = complaint_step(client, page, provider="0")
    assert again.status_code == 422 and "Choose the organisation." in again.get_data(as_text=True)


def test_expired_session_while_filing_keeps_the_story(client, db, provider):
    check = fill_complaint(client, provider.id)
    client.delete_cookie("klankbord")
    again = complaint_step(client, check, action="send")
    assert again.status_code == 422
    assert "Your answers are still here" in again.get_data(as_text=True)
    assert STORY in again.get_data(as_text=True)
    assert db.exec(select(Complaint)).first() is None
    assert complaint_step(client, again, action="send").status_code == 303


def test_throttle_counts_across_sessions_sharing_a_key(db):
    from datetime import UTC, datetime, timedelta

    from portal import throttle

    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    allowed = [throttle.allow(db, "receipt:x", 3, timedelta(minutes=15), now) for _ in range(4)]
    assert allowed == [True, True, True, False]
    assert throttle.allow(db, "receipt:x", 3, timedelta(minutes=15), now + timedelta(minutes=16))

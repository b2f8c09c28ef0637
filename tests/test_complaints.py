"""Filing and following a complaint: receipt code, thread, escalation, withdrawal."""

from __future__ import annotations

from email import message_from_bytes

import pytest
from sqlmodel import select

from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    DigestItem,
    MunicipalityReportRecipient,
    OutboxMail,
)
from portal.operations.scheduler import run_job
from portal.security import codes
from portal.timeutil import DUTCH_TIME
from tests.complaint_helpers import (
    STORY,
    complaint_step,
    file_complaint,
    fill_complaint,
    open_with_code,
    post_mine,
    receipt_code,
    start_complaint,
)
from tests.conftest import add_staff, form_fields


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


def test_anonymous_complaint_gets_a_receipt_code_shown_once(app, client, db, provider, handler):
    code = file_complaint(client, provider.id, save=False)
    normalized = codes.normalize(code)
    assert len(normalized) == 14 and codes.is_well_formed(normalized, 14)  # 65 random bits
    complaint = db.exec(select(Complaint)).one()
    assert complaint.status is ComplaintStatus.RECEIVED and complaint.contact_email is None
    assert code not in complaint.receipt_digest and normalized not in complaint.receipt_digest
    # The code stays on the receipt page (reload, language switch) until it is saved.
    assert receipt_code(client.get("/complaints/receipt")) == code
    client.get("/language/nl?next=/complaints/receipt")
    assert receipt_code(client.get("/complaints/receipt")) == code
    saved = client.post(
        "/complaints/receipt",
        data={
            "csrf_token": form_fields(client.get("/complaints/receipt").data)["csrf_token"],
            "saved": "y",
        },
    )
    assert saved.status_code == 303
    assert client.get("/complaints/receipt").status_code == 303  # never shown again
    # Nothing is mailed or queued at the moment of filing: staff hear at a fixed time.
    assert db.exec(select(OutboxMail)).all() == []
    assert run_job(app, "send_digests") == "digests 1"
    staff_mail = db.exec(select(OutboxMail)).one()
    assert "There is news in 1 complaint" not in staff_mail.body  # staff mail is Dutch
    assert "Er is nieuws in 1 klacht" in staff_mail.body
    assert staff_mail.recipient == handler.email
    assert STORY not in staff_mail.body and "waiting" not in staff_mail.body.lower()
    # The digest names no complaint: no number, no link to it.
    assert f"/complaints/{complaint.key}" not in staff_mail.body
    assert f"klacht {complaint.id}" not in staff_mail.body.replace("in 1 klacht", "")


def test_double_clicked_send_files_one_complaint_with_one_code(client, db, provider):
    check = fill_complaint(client, provider.id)
    first = complaint_step(client, check, action="send", follow=False)
    first_code = receipt_code(client.get(first.headers["Location"]))
    second = complaint_step(client, check, action="send", follow=False)
    assert second.status_code == 303
    assert receipt_code(client.get(second.headers["Location"])) == first_code
    assert len(db.exec(select(Complaint)).all()) == 1


def test_resending_after_the_code_was_saved_never_shows_it_again(client, db, provider):
    check = fill_complaint(client, provider.id)
    complaint_step(client, check, action="send", follow=False)
    page = client.get("/complaints/receipt")
    client.post("/complaints/receipt", data={**form_fields(page.data), "saved": "y"})
    again = complaint_step(client, check, action="send", follow=False)
    assert again.status_code == 410 and "receipt-code" not in again.get_data(as_text=True)
    assert len(db.exec(select(Complaint)).all()) == 1


def test_every_step_has_its_own_address_and_back_and_reload_keep_answers(client, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="foster_parent")
    page = complaint_step(client, page, theme="waiting_time")
    story = complaint_step(client, page, what_happened="Al 10 weken wachten.")
    assert story.request.path == "/complaints/new/contact"
    back = client.get("/complaints/new/story")  # the back gesture: a plain GET
    assert "Al 10 weken wachten." in back.get_data(as_text=True)
    assert "/complaints/new/about" in back.get_data(as_text=True)  # the Back link
    first = client.get("/complaints/new/provider").get_data(as_text=True)
    assert 'value="foster_parent" checked' in first or 'checked id="role-3"' in first
    assert client.get("/complaints/new/nonsense").status_code == 404


def test_receipt_file_holds_the_code(client, provider):
    code = file_complaint(client, provider.id, save=False)
    download = client.get("/complaints/receipt.txt")
    assert (
        download.mimetype == "text/plain"
        and "attachment" in download.headers["Content-Disposition"]
    )
    assert code in download.get_data(as_text=True)


def test_unknown_ids_in_the_form_are_a_clear_error(client, provider):
    page = start_complaint(client)
    about = complaint_step(client, page, provider=str(provider.id), role="youth")
    again = complaint_step(client, about, theme="waiting_time", municipality="99999")
    assert again.status_code == 422
    assert "Choose a municipality from the list." in again.get_data(as_text=True)
    huge = complaint_step(client, page, provider="9" * 30, role="youth")
    assert huge.status_code == 422 and "Choose the organisation." in huge.get_data(as_text=True)


def test_safety_theme_shows_the_help_block_at_once(client, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="youth")
    story = complaint_step(client, page, theme="safety").get_data(as_text=True)
    assert "0800-0432" in story and "0800-2000" in story and "112" in story


def test_missing_story_keeps_everything_typed(client, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="youth")
    page = complaint_step(client, page, theme="safety")
    again = complaint_step(client, page, what_happened="", desired_outcome="Dat het stopt")
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "Tell us what happened." in html and "Dat het stopt" in html
    assert html.startswith("<!doctype html>") and "<title>Error:" in html


def test_invalid_email_is_explained_in_dutch(app, provider):
    dutch = app.test_client()
    dutch.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = start_complaint(dutch)
    page = complaint_step(dutch, page, provider=str(provider.id), role="parent_with_authority")
    page = complaint_step(dutch, page, theme="privacy")
    page = complaint_step(dutch, page, what_happened=STORY)
    again = complaint_step(dutch, page, contact="email", email="geen-adres")
    assert again.status_code == 422
    assert "name@example.nl" in again.get_data(as_text=True)
    assert 'value="geen-adres"' in again.get_data(as_text=True)


def test_over_long_story_is_refused_and_kept(client, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="youth")
    page = complaint_step(client, page, theme="other")
    again = complaint_step(client, page, what_happened="x" * 5001)
    assert again.status_code == 422 and "x" * 5001 in again.get_data(as_text=True)


def test_the_code_opens_the_complaint_in_any_case_and_grouping(client, provider):
    code = file_complaint(client, provider.id)
    other = client.application.test_client()
    opened = open_with_code(other, code.lower().replace("-", " "))
    assert opened.status_code == 303
    page = other.get("/complaints/mine", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Received" in page and STORY in page and "Answer at the latest" in page


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
    # Filing and the reply are news in one complaint: one line in the next digest.
    assert db.exec(select(OutboxMail)).all() == []
    assert len(db.exec(select(DigestItem)).all()) == 1
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


def test_escalations_confidant_and_municipality(client, db, provider):
    recipient_place = provider_municipality(db, provider)
    open_with_code(client, file_complaint(client, provider.id))
    asked = post_mine(client, "municipality", confirmed=False, municipality=str(recipient_place))
    assert f'name="municipality" value="{recipient_place}"' in asked.get_data(as_text=True)
    assert post_mine(client, "confidant").status_code == 303
    assert post_mine(client, "municipality", municipality=str(recipient_place)).status_code == 303
    complaint = db.exec(select(Complaint)).one()
    db.refresh(complaint)
    assert complaint.kind is ComplaintKind.INFORMAL
    assert complaint.municipality_informed_on  # a confidant: tests/test_confidant_complaint.py
    notice = db.exec(
        select(OutboxMail).where(OutboxMail.recipient == "jeugd@utrecht.example.nl")
    ).one()
    assert provider.name in notice.body and "Wachten" in notice.body
    # Created for, and sent at, the next digest time: it does not date the request.
    assert notice.created_at == notice.next_attempt_at
    assert notice.created_at.astimezone(DUTCH_TIME).strftime("%H:%M") in {"08:00", "13:00"}
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
    assert run_job(app, "send_outbox") == "sent 0"  # staff hear of it in the digest
    assert run_job(app, "send_digests") == "digests 1"
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
    page = start_complaint(client)
    again = complaint_step(client, page, provider="0", role="youth")
    assert again.status_code == 422 and "Choose the organisation." in again.get_data(as_text=True)


def test_expired_form_token_while_filing_keeps_the_story(client, db, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="youth")
    page = complaint_step(client, page, theme="other")
    again = complaint_step(client, page, what_happened="Mijn verhaal", csrf_token="expired")
    assert again.status_code == 400
    assert "Your answers are still here" in again.get_data(as_text=True)
    assert "Mijn verhaal" in again.get_data(as_text=True)
    assert complaint_step(client, again).request.path == "/complaints/new/contact"
    assert db.exec(select(Complaint)).first() is None


def test_a_lost_session_while_filing_gets_a_clear_page(client, db, provider):
    check = fill_complaint(client, provider.id)
    client.delete_cookie("klankbord")
    again = complaint_step(client, check, action="send")
    assert again.status_code == 410 and "Start a new complaint" in again.get_data(as_text=True)
    assert db.exec(select(Complaint)).first() is None


def test_throttle_counts_across_sessions_sharing_a_key(db):
    from datetime import UTC, datetime, timedelta

    from portal.security import throttle

    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    allowed = [throttle.allow(db, "receipt:x", 3, timedelta(minutes=15), now) for _ in range(4)]
    assert allowed == [True, True, True, False]
    assert throttle.allow(db, "receipt:x", 3, timedelta(minutes=15), now + timedelta(minutes=16))


def test_a_broken_address_is_refused_at_the_form(client, provider):
    page = start_complaint(client)
    page = complaint_step(client, page, provider=str(provider.id), role="youth")
    page = complaint_step(client, page, theme="other")
    page = complaint_step(client, page, what_happened="Mijn verhaal")
    refused = complaint_step(client, page, contact="email", email="x@[example.org")
    assert refused.status_code == 422 and "name@example.nl" in refused.get_data(as_text=True)


def test_a_long_thread_is_paged_latest_first(client, db, provider):
    from datetime import date

    from portal.models import ComplaintMessage, MessageAuthor

    open_with_code(client, file_complaint(client, provider.id))
    complaint = db.exec(select(Complaint)).one()
    db.add_all(
        ComplaintMessage(
            complaint_id=complaint.id,
            author=MessageAuthor.COMPLAINANT,
            body=f"Bericht nummer {n:04d}",
            created_on=date(2026, 11, 23),
        )
        for n in range(1, 121)
    )
    db.commit()
    latest = client.get("/complaints/mine").get_data(as_text=True)
    assert "Bericht nummer 0120" in latest and "Bericht nummer 0001" not in latest
    assert "Page 3 of 3" in latest and "Earlier messages" in latest
    first = client.get("/complaints/mine?page=1").get_data(as_text=True)
    assert "Bericht nummer 0001" in first and STORY in first
    assert len(latest) < 40_000


def test_an_old_copy_of_the_cookie_cannot_replay_the_form(app, client, db, provider):
    check = fill_complaint(client, provider.id)
    old_cookie = client.get_cookie("klankbord").value
    complaint_step(client, check, action="send", follow=False)
    page = client.get("/complaints/receipt")
    client.post("/complaints/receipt", data={**form_fields(page.data), "saved": "y"})
    replay = app.test_client()
    replay.set_cookie("klankbord", old_cookie)
    page = replay.get("/complaints/new/provider")
    again = complaint_step(replay, page, provider=str(provider.id), role="youth")
    assert again.status_code == 410
    assert "receipt-code" not in replay.get("/complaints/receipt").get_data(as_text=True)
    assert len(db.exec(select(Complaint)).all()) == 1


def test_forged_huge_ids_are_a_clear_error(client, provider):
    assert client.get("/complaints/new?provider=99999999999999999999").status_code == 303
    open_with_code(client, file_complaint(client, provider.id))
    response = post_mine(client, "municipality", municipality="99999999999999999999")
    assert response.status_code == 409

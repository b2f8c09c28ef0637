"""The legal terms, counted with a frozen clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from portal.complaints import jobs, service
from portal.complaints.clock import DeadlineKind, Terms, add_months, open_deadlines
from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintTheme,
    OutboxMail,
    ReminderSent,
)
from tests.conftest import add_staff

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def ctx_at(moment: datetime, terms: Terms | None = None) -> service.Context:
    return service.Context(terms or Terms(), "secret-" * 8, "https://klankbord.test", moment)


def file(db, provider, moment=RECEIVED, kind=ComplaintKind.INFORMAL, token="t1") -> Complaint:
    draft = service.ComplaintDraft(
        provider.id, ComplaintTheme.WAITING_TIME, kind, "Te lang gewacht", ""
    )
    filed = service.file_complaint(db, draft, token, ctx_at(moment))
    return db.get(Complaint, filed.complaint_id)


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_a_new_complaint_has_a_week_to_acknowledge_and_six_weeks_to_decide(db, provider):
    complaint = file(db, provider)
    deadlines = {d.kind: d for d in open_deadlines(complaint, Terms())}
    assert deadlines[DeadlineKind.ACKNOWLEDGE].due_on == date(2026, 3, 9)
    assert deadlines[DeadlineKind.DECISION].due_on == date(2026, 4, 13)
    assert deadlines[DeadlineKind.DECISION].days_left(date(2026, 4, 10)) == 3
    assert deadlines[DeadlineKind.ACKNOWLEDGE].overdue(date(2026, 3, 10))
    assert complaint.next_due_on == date(2026, 3, 9)


def test_terms_are_configuration(db, provider):
    terms = Terms(acknowledge_days=3, decision_days=28)
    draft = service.ComplaintDraft(
        provider.id, ComplaintTheme.SAFETY, ComplaintKind.INFORMAL, "x", ""
    )
    filed = service.file_complaint(db, draft, "tok", ctx_at(RECEIVED, terms))
    complaint = db.get(Complaint, filed.complaint_id)
    assert complaint.decision_due_on == date(2026, 3, 30)
    assert open_deadlines(complaint, terms)[0].due_on == date(2026, 3, 5)


def test_days_are_dutch_days(db, provider):
    late_evening_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # already 2 March in Amsterdam
    assert file(db, provider, late_evening_utc).received_on == date(2026, 3, 2)


def test_reminders_go_once_per_deadline_before_it_ends(app, db, provider):
    add_staff(db, "h@vlinderboom.example", provider)
    file(db, provider)
    with app.app_context():
        assert jobs.send_deadline_reminders(db, ctx_at(RECEIVED + timedelta(days=2))) == 0
        assert jobs.send_deadline_reminders(db, ctx_at(RECEIVED + timedelta(days=4))) == 1
        assert jobs.send_deadline_reminders(db, ctx_at(RECEIVED + timedelta(days=5))) == 0
    reminders = db.exec(select(OutboxMail).where(OutboxMail.subject.contains("termijn"))).all()
    assert len(reminders) == 1 and "3 dagen" in reminders[0].body
    assert db.exec(select(ReminderSent)).one().deadline == DeadlineKind.ACKNOWLEDGE.value


def test_retention_empties_texts_but_keeps_the_counts(app, db, provider):
    old = file(db, provider, token="old")
    recent = file(db, provider, token="recent")
    service.add_information(db, old, "Nog een bericht", ctx_at(RECEIVED))
    service.withdraw(db, old, ctx_at(RECEIVED + timedelta(days=1)))
    service.withdraw(db, recent, ctx_at(RECEIVED + timedelta(days=400)))
    two_years_later = RECEIVED + timedelta(days=731)
    with app.app_context():
        assert jobs.apply_retention(db, ctx_at(two_years_later)) == 1
        assert jobs.apply_retention(db, ctx_at(two_years_later)) == 0
    db.refresh(old)
    db.refresh(recent)
    assert old.what_happened is None and old.texts_deleted_on == date(2028, 3, 2)
    assert service.visible_thread(db, old).messages == []
    # What stays is dated to the month only.
    assert old.theme is ComplaintTheme.WAITING_TIME and old.received_on == date(2026, 3, 1)
    assert old.closed_on == old.withdrawn_on == old.last_activity_on == date(2026, 3, 1)
    assert recent.what_happened == "Te lang gewacht"
    assert len(db.exec(select(Complaint)).all()) == 2


def test_a_complaint_never_closed_expires_from_its_last_activity(app, db, provider):
    forgotten = file(db, provider, token="forgotten")  # nobody ever answers it
    active = file(db, provider, token="active")
    service.add_information(db, active, "Nog steeds", ctx_at(RECEIVED + timedelta(days=500)))
    with app.app_context():
        assert jobs.apply_retention(db, ctx_at(RECEIVED + timedelta(days=731))) == 1
    db.refresh(forgotten)
    db.refresh(active)
    assert forgotten.what_happened is None and forgotten.closed_on == date(2028, 3, 1)
    assert active.what_happened == "Te lang gewacht" and active.closed_on is None

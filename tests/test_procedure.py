"""The complaints procedure under the Jeugdwet and the Awb, with a frozen clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from config import ConfigurationError, load_settings
from portal.complaints import committee, service, workflow
from portal.complaints.clock import DeadlineKind, Terms, open_deadlines
from portal.complaints.procedure import Action, Actor, ComplaintError, allowed
from portal.models import (
    Complaint,
    ComplaintKind,
    ComplaintRegime,
    ComplaintStatus,
    DecisionOutcome,
    JudgementPart,
    Organisation,
    OrganisationKind,
    StaffRole,
)
from tests.conftest import add_provider, add_staff
from tests.test_clocks import RECEIVED, ctx_at, file

DAY = timedelta(days=1)
IDENTITY = service.Identity("Sam de Vries", email="sam@example.nl")


def on(day: int):
    return ctx_at(RECEIVED + day * DAY)


@pytest.fixture
def the_committee(db, provider) -> Organisation:
    body = Organisation(kind=OrganisationKind.COMMITTEE, name="Klachtencommissie Jeugd Utrecht")
    db.add(body)
    db.flush()
    provider.committee_id = body.id
    db.add(provider)
    db.commit()
    return body


@pytest.fixture
def secretary(db, the_committee):
    return add_staff(
        db, "secretaris@commissie.example", None, StaffRole.COMMITTEE_SECRETARY, the_committee.id
    )


@pytest.fixture
def handler(db, provider):
    return add_staff(db, "handler@vlinderboom.example", provider)


def judged(db, complaint, secretary, day: int) -> None:
    committee.record_hearing(db, complaint, secretary, (RECEIVED + day * DAY).date(), True, on(day))
    parts = [committee.PartVerdict("Wachttijd", DecisionOutcome.UPHELD)]
    committee.judge(db, complaint, secretary, parts, "Te lang gewacht.", "", on(day))


def test_the_committee_has_six_weeks_from_the_day_it_receives_it(db, provider, the_committee):
    """Day 35: an informal complaint goes to the committee; its six weeks start then."""
    complaint = file(db, provider)
    service.to_committee(db, complaint, IDENTITY, on(35))
    assert complaint.status is ComplaintStatus.WITH_COMMITTEE
    assert complaint.committee_received_on == (RECEIVED + 35 * DAY).date()
    assert complaint.judgement_due_on == (RECEIVED + 77 * DAY).date()
    assert [d.kind for d in open_deadlines(complaint, Terms())] == [DeadlineKind.JUDGEMENT]


def test_an_extension_only_before_the_deadline(db, provider, handler):
    late = file(db, provider, token="late")
    with pytest.raises(ComplaintError):
        workflow.extend(db, late, handler, 7, "Te laat", on(43))
    in_time = file(db, provider, token="in-time")
    extension = workflow.extend(db, in_time, handler, 28, "Verlof", on(42))
    assert extension.old_due_on == date(2026, 4, 13) and extension.new_due_on == date(2026, 5, 11)
    with pytest.raises(ComplaintError):  # once
        workflow.extend(db, in_time, handler, 1, "Nog eens", on(43))


def test_the_committee_extends_once_before_its_deadline(db, provider, the_committee, secretary):
    complaint = file(db, provider, kind=ComplaintKind.FORMAL)
    with pytest.raises(ComplaintError):
        committee.extend(db, complaint, secretary, 29, "Te lang", on(1))
    committee.extend(db, complaint, secretary, 28, "Hoorzitting verzet", on(42))
    assert complaint.judgement_due_on == (RECEIVED + 70 * DAY).date()
    assert complaint.committee_extended_from == (RECEIVED + 42 * DAY).date()
    with pytest.raises(ComplaintError):
        committee.extend(db, complaint, secretary, 7, "Nog eens", on(43))


def test_after_an_informal_answer_the_committee_is_still_open(db, provider, handler, the_committee):
    complaint = file(db, provider)
    workflow.start(db, complaint, handler, on(1))
    workflow.decide(db, complaint, handler, DecisionOutcome.NOT_UPHELD, "Geen fout", on(20))
    assert complaint.closed_on is not None
    service.to_committee(db, complaint, IDENTITY, on(100))
    assert complaint.status is ComplaintStatus.WITH_COMMITTEE and complaint.closed_on is None
    assert complaint.kind is ComplaintKind.FORMAL and complaint.complainant_name == "Sam de Vries"


def test_the_escalation_window_is_configuration(db, provider, handler, the_committee):
    complaint = file(db, provider)
    workflow.start(db, complaint, handler, on(1))
    workflow.decide(db, complaint, handler, DecisionOutcome.NOT_UPHELD, "Geen fout", on(20))
    with pytest.raises(ComplaintError):  # a year and a day after the answer
        service.to_committee(db, complaint, IDENTITY, on(20 + 366))


def test_going_formal_needs_a_name_and_a_way_to_reach_you(db, provider, the_committee):
    complaint = file(db, provider)
    for nobody in (service.Identity(""), service.Identity("Sam")):
        with pytest.raises(ComplaintError) as refused:
            service.to_committee(db, complaint, nobody, on(2))
        assert refused.value.reason == "identity_required"
    assert complaint.kind is ComplaintKind.INFORMAL


def test_no_committee_means_no_formal_track(db, provider):
    complaint = file(db, provider, kind=ComplaintKind.FORMAL)
    assert complaint.kind is ComplaintKind.INFORMAL  # filed formal, but there is no committee
    with pytest.raises(ComplaintError):
        service.to_committee(db, complaint, IDENTITY, on(2))


def test_judgement_needs_a_hearing_of_both_sides_and_reasons(
    db, provider, the_committee, secretary
):
    complaint = file(db, provider, kind=ComplaintKind.FORMAL)
    parts = [committee.PartVerdict("", DecisionOutcome.UPHELD)]
    with pytest.raises(ComplaintError):  # not heard yet
        committee.judge(db, complaint, secretary, parts, "Gegrond", "", on(10))
    committee.record_hearing(db, complaint, secretary, date(2026, 3, 20), True, on(18))
    with pytest.raises(ComplaintError) as refused:
        committee.judge(db, complaint, secretary, parts, "  ", "", on(20))
    assert refused.value.reason == "reasoning_required"
    assert complaint.status is ComplaintStatus.WITH_COMMITTEE


def test_measures_are_due_a_month_after_the_provider_receives_the_judgement(
    db, provider, handler, the_committee, secretary
):
    complaint = file(db, provider, kind=ComplaintKind.FORMAL)
    judged(db, complaint, secretary, 30)  # 1 April
    assert complaint.judgement_received_on == date(2026, 4, 1)
    assert complaint.measures_due_on == date(2026, 5, 1)
    assert [d.kind for d in open_deadlines(complaint, Terms())] == [DeadlineKind.MEASURES]
    regime = ComplaintRegime.JEUGDWET
    assert allowed(complaint, regime, Actor.PROVIDER, on(31).today, Terms()) == {
        Action.MEASURES,
        Action.NOTE,
    }  # the provider cannot change the judgement
    workflow.record_measures(db, complaint, handler, "Nieuw wachtlijstbeleid.", on(40))
    assert complaint.status is ComplaintStatus.CONCLUDED and complaint.closed_on is not None
    assert db.exec(select(JudgementPart)).one().verdict is DecisionOutcome.UPHELD


def test_a_municipal_local_team_follows_the_awb(db):
    team = add_provider(db, "Wijkteam Zeist", "wijkteam-zeist")
    team.regime, team.awb_advisory_committee = ComplaintRegime.AWB, True
    db.add(team)
    db.commit()
    complaint = file(db, team, kind=ComplaintKind.FORMAL)
    assert complaint.kind is ComplaintKind.INFORMAL  # no committee track under the Awb
    assert complaint.decision_due_on == date(2026, 5, 11)  # ten weeks with an advisory committee
    actions = allowed(complaint, ComplaintRegime.AWB, Actor.COMPLAINANT, on(1).today, Terms())
    assert Action.TO_COMMITTEE not in actions and Action.WITHDRAW in actions


@pytest.mark.parametrize(
    "name,value",
    [
        ("COMPLAINT_DECISION_DAYS", "43"),
        ("COMPLAINT_EXTENSION_MAX_DAYS", "29"),
        ("COMPLAINT_COMMITTEE_DAYS", "43"),
        ("COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS", "56"),
        ("COMPLAINT_MEASURES_MONTHS", "2"),
        ("COMPLAINT_DECISION_DAYS", "0"),
        ("COMPLAINT_ESCALATION_MONTHS", "0"),
        ("COMPLAINT_ACKNOWLEDGE_DAYS", "0"),
    ],
)
def test_settings_may_shorten_a_legal_term_never_lengthen_it(name, value):
    with pytest.raises(ConfigurationError, match=name):
        load_settings({f"KLANKBORD_{name}": value})


def test_shorter_terms_are_accepted():
    assert load_settings({"KLANKBORD_COMPLAINT_DECISION_DAYS": "28"})["COMPLAINT_DECISION_DAYS"]


def test_reports_can_tell_anonymous_signals_apart(db, provider):
    anonymous = file(db, provider, token="a")
    assert anonymous.filed_anonymously
    draft = service.ComplaintDraft(
        provider.id, anonymous.theme, ComplaintKind.INFORMAL, "x", "", contact_email="a@b.nl"
    )
    named = db.get(Complaint, service.file_complaint(db, draft, "b", on(0)).complaint_id)
    assert not named.filed_anonymously


def test_a_hearing_is_recorded_once_it_has_taken_place(db, provider, the_committee, secretary):
    complaint = file(db, provider, kind=ComplaintKind.FORMAL)
    with pytest.raises(ComplaintError) as refused:
        committee.record_hearing(db, complaint, secretary, date(2099, 1, 1), True, on(5))
    assert refused.value.reason == "hearing_in_future"

"""The family domain on a real database: making an arrangement, answers, escalation,
disputes, handover, absence, deactivation, the 18th birthday, mail and retention."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal.families import jobs, workflow
from portal.families.facts import load
from portal.families.service import FamilyError, NewMember, answer, check_members
from portal.models import (
    ArrangementState,
    AuditEntry,
    FamilyArrangement,
    FamilyContact,
    FamilyEvent,
    FamilyMember,
    FamilyOrganisation,
    FamilyRequest,
    MemberAnswer,
    MemberRole,
    OutboxMail,
)
from portal.security import accounts
from tests.test_family_fixtures import (  # noqa: F401  (fixtures)
    NOW,
    TODAY,
    arrange,
    context,
    family,
    region_fixture,
)


@pytest.fixture(autouse=True)
def _app_context(app):
    with app.app_context():  # mails are written in the staff language
        yield


def facts_of(db, arrangement):
    db.expire_all()
    return load(db, db.get(FamilyArrangement, arrangement.id))


def members(db, arrangement) -> dict[str, FamilyMember]:
    return {m.name: m for m in facts_of(db, arrangement).members}


def later(days: int):
    return context(NOW + timedelta(days=days))


def say(db, arrangement, name: str, given: MemberAnswer, ctx=None, reason: str = ""):
    facts = facts_of(db, arrangement)
    who = next(m for m in facts.members if m.name == name)
    answer(db, facts, who, given, reason, ctx or context())


def test_a_new_arrangement_is_proposed_and_the_professionals_are_told_without_content(db, region):
    arrangement, _ = arrange(db, region)
    mails = db.exec(select(OutboxMail)).all()
    assert {m.recipient for m in mails} == {region.worker.email, region.kompas_worker.email}
    for mail in mails:
        assert "Gezin J." not in mail.body + mail.subject and "Mama" not in mail.body
        assert f"/staff/families/{arrangement.id}" in mail.body
    assert arrangement.state is ArrangementState.PROPOSED
    entry = db.exec(
        select(AuditEntry).where(AuditEntry.action == "create_family_arrangement")
    ).one()
    assert (entry.subject_type, entry.subject_id) == ("familyarrangement", arrangement.id)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"helpers": {}}, "too_few_organisations"),
        ({"deputy_id": None}, "no_fallback"),
        (
            {"members": [NewMember("J.", MemberRole.YOUTH, date(2013, 5, 1))]},
            "no_parent_with_authority",
        ),
        ({"members": [NewMember("Mama", MemberRole.PARENT_WITH_AUTHORITY)]}, "no_youth"),
    ],
)
def test_bad_arrangements_are_refused_with_a_reason(db, region, change, reason):
    from portal.families.service import NewArrangement, create

    base = NewArrangement(
        municipality_id=region.utrecht.id,
        label="Gezin K.",
        helpers={region.vlinder.id: 1, region.kompas.id: 1},
        members=family(),
        contact_id=region.worker.id,
        deputy_id=region.kompas_worker.id,
    )
    if change.get("helpers") == {}:
        change = {"helpers": {region.vlinder.id: 3}}
    with pytest.raises(FamilyError) as refused:
        create(db, region.worker, replace(base, **change), context())
    assert refused.value.reason == reason


def test_choosing_someone_not_in_the_team_is_refused(db, region):
    from portal.families.service import NewArrangement, create

    outside = NewArrangement(
        municipality_id=region.utrecht.id,
        label="Gezin K.",
        helpers={region.vlinder.id: 1, region.kompas.id: 1},
        members=family(),
        contact_id=region.outsider.id,  # works for an organisation that is not involved
        deputy_id=region.kompas_worker.id,
    )
    with pytest.raises(FamilyError, match="not_in_team"):
        create(db, region.worker, outside, context())


def test_a_youth_of_16_needs_no_parent_and_a_youth_of_24_is_refused():
    assert check_members([NewMember("J.", MemberRole.YOUTH, date(2010, 1, 1))], TODAY) is None
    too_old = [NewMember("J.", MemberRole.YOUTH, date(2001, 1, 1))]
    assert check_members(too_old, TODAY) == "birth_date_range"


def test_agreed_once_youth_and_parent_confirm_and_the_indicators_remember_it(db, region):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED, later(2))
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.PROPOSED
    say(db, arrangement, "Mama", MemberAnswer.CONFIRMED, later(3))
    stored = facts_of(db, arrangement).arrangement
    assert stored.state is ArrangementState.AGREED
    assert (stored.agreed_on, stored.days_to_agreement) == (TODAY + timedelta(days=3), 3)
    assert stored.agreed_with_deputy and stored.family_confirmed


def test_a_change_request_unanswered_for_10_days_goes_to_the_coordinator(db, region):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "Mama", MemberAnswer.OTHER, reason="We kennen haar niet.")
    (request,) = db.exec(select(FamilyRequest)).all()
    assert request.due_on == TODAY + timedelta(days=10)
    assert facts_of(db, arrangement).arrangement.change_requests == 1
    jobs.apply_rules(db, later(10))  # the due day itself: not yet
    assert db.get(FamilyRequest, request.id).escalated_on is None
    counts = jobs.apply_rules(db, later(11))
    assert counts["escalated"] == 1
    assert db.get(FamilyRequest, request.id).escalated_on == TODAY + timedelta(days=11)
    to_coordinator = db.exec(
        select(OutboxMail).where(OutboxMail.recipient == region.coordinator.email)
    ).all()
    assert len(to_coordinator) == 1 and "kennen" not in to_coordinator[0].body
    assert not jobs.apply_rules(db, later(12))["escalated"]  # once


def test_an_unresolved_disagreement_becomes_disputed_and_the_coordinator_is_told(db, region):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "J.", MemberAnswer.DISAGREE)
    jobs.apply_rules(db, later(15))
    stored = facts_of(db, arrangement).arrangement
    assert stored.state is ArrangementState.DISPUTED and stored.disputes == 1
    assert db.exec(select(OutboxMail).where(OutboxMail.recipient == region.coordinator.email)).one()
    facts = facts_of(db, arrangement)
    workflow.resolve(db, region.worker, facts, facts.requests[0].id, "Samen besproken.", later(16))
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.PROPOSED


def test_a_warm_handover_keeps_the_old_contact_until_the_date(db, region):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED)
    say(db, arrangement, "Mama", MemberAnswer.CONFIRMED)
    on = TODAY + timedelta(days=7)
    workflow.handover(
        db, region.worker, facts_of(db, arrangement), region.colleague.id, on, False, "", context()
    )
    facts = facts_of(db, arrangement)
    assert [c.staff_id for c in facts.shown(TODAY).contacts] == [region.worker.id]
    assert [c.staff_id for c in facts.shown(on).contacts] == [region.colleague.id]
    assert facts.arrangement.proposal_round == 2
    assert facts.arrangement.state is ArrangementState.PROPOSED  # the family confirms again
    with pytest.raises(FamilyError, match="not_in_team"):
        workflow.handover(db, region.worker, facts, region.outsider.id, on, False, "", context())
    with pytest.raises(FamilyError, match="reason_required"):
        workflow.handover(
            db, region.worker, facts, region.kompas_worker.id, on, True, "", context()
        )


def test_an_absence_without_a_deputy_needs_an_absence_rule(db, region):
    arrangement, _ = arrange(db, region, deputy=False, rule="Bel het wijkteam.")
    db.get(FamilyArrangement, arrangement.id).absence_rule = ""  # as if it was never written
    db.commit()
    days = (TODAY, TODAY + timedelta(days=5))
    with pytest.raises(FamilyError, match="no_fallback"):
        workflow.record_absence(db, region.worker, facts_of(db, arrangement), *days, "", context())
    db.rollback()
    rule = "Bel het wijkteam: 030-1234567"
    workflow.record_absence(db, region.worker, facts_of(db, arrangement), *days, rule, context())
    facts = facts_of(db, arrangement)
    assert facts.shown(TODAY).away is not None and facts.arrangement.absence_rule == rule


def test_a_deactivated_contact_is_replaced_by_the_deputy_and_the_family_chooses_again(
    db, region, app
):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED)
    say(db, arrangement, "Mama", MemberAnswer.CONFIRMED)
    admin = region.coordinator  # any other account; deactivate() only refuses oneself
    accounts.deactivate(db, admin, region.worker.id, NOW)
    counts = jobs.apply_rules(db, later(1))
    assert counts["stepped_up"] == 1
    facts = facts_of(db, arrangement)
    shown = facts.shown(TODAY + timedelta(days=1))
    assert [c.staff_id for c in shown.contacts] == [region.kompas_worker.id]
    assert shown.deputy is None
    assert facts.arrangement.proposal_round == 2
    assert facts.arrangement.state is ArrangementState.PROPOSED
    events = {e.kind for e in db.exec(select(FamilyEvent))}
    assert {"contact_left", "stepped_up"} <= events
    assert not jobs.apply_rules(db, later(2))["stepped_up"]  # once


def test_turning_18_asks_the_youth_to_confirm_again_alone(db, region):
    arrangement, _ = arrange(db, region, members=family(youth_born=date(2008, 11, 30)))
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED)  # 17: decides alone already
    with pytest.raises(FamilyError, match="not_allowed"):
        say(db, arrangement, "Mama", MemberAnswer.CONFIRMED)  # informed, reads along
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.AGREED
    counts = jobs.apply_rules(db, later(7))  # 30 November: 18
    assert counts["turned_18"] == 1
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.PROPOSED
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED, later(8))
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.AGREED
    assert not jobs.apply_rules(db, later(9))["turned_18"]


def test_a_parent_without_authority_cannot_confirm(db, region):
    arrangement, _ = arrange(db, region, members=family(Papa=MemberRole.PARENT_WITHOUT_AUTHORITY))
    with pytest.raises(FamilyError, match="not_allowed"):
        say(db, arrangement, "Papa", MemberAnswer.CONFIRMED)


def test_retention_empties_ended_arrangements_and_keeps_the_counts(db, region):
    arrangement, _ = arrange(db, region)
    say(db, arrangement, "Mama", MemberAnswer.OTHER, reason="Liever iemand anders.")
    workflow.end(db, region.worker, facts_of(db, arrangement), context())
    assert jobs.apply_retention(db, later(364)) == 0  # not a year yet
    assert jobs.apply_retention(db, later(366)) == 1
    db.expire_all()
    for model in (FamilyMember, FamilyContact, FamilyRequest, FamilyEvent):
        assert db.exec(select(model)).all() == []
    kept = db.get(FamilyArrangement, arrangement.id)
    assert kept.label == "" and kept.purged_on and kept.change_requests == 1
    assert len(db.exec(select(FamilyOrganisation)).all()) == 2
    assert jobs.apply_retention(db, later(367)) == 0


def test_the_cards_of_a_new_code_replace_the_old_one(db, region):
    from portal.families.service import member_by_code
    from tests.test_family_fixtures import code_of

    arrangement, handle = arrange(db, region)
    mama = members(db, arrangement)["Mama"]
    old = code_of(handle, mama)
    assert member_by_code(db, old, context().code_key).id == mama.id
    new_handle = workflow.new_code(db, region.worker, facts_of(db, arrangement), mama.id, context())
    assert member_by_code(db, old, context().code_key) is None
    assert member_by_code(db, code_of(new_handle, mama), context().code_key).id == mama.id


def test_the_scheduler_runs_the_family_jobs(app, db, region, clock):
    from portal.operations import scheduler

    arrangement, _ = arrange(db, region)
    say(db, arrangement, "Mama", MemberAnswer.OTHER)
    clock.advance(days=11)
    assert scheduler.run_job(app, "family_rules") == "family rules: escalated 1"
    workflow.end(db, region.worker, facts_of(db, arrangement), later(11))
    clock.advance(days=400)
    assert scheduler.run_job(app, "family_retention").startswith("family arrangements emptied 1")


def test_an_arrangement_never_ended_is_emptied_after_24_months_without_a_change(db, region):
    forgotten, _ = arrange(db, region)
    busy, _ = arrange(db, region)
    say(db, busy, "Mama", MemberAnswer.CONFIRMED, ctx=later(600))  # a change after 20 months
    assert jobs.apply_retention(db, later(729)) == 0  # not two years yet
    assert jobs.apply_retention(db, later(731)) == 1
    db.expire_all()
    kept = db.get(FamilyArrangement, forgotten.id)
    assert kept.purged_on == TODAY + timedelta(days=731) and kept.label == ""
    assert kept.ended_on == kept.purged_on and kept.state is ArrangementState.ENDED
    assert kept.made_by_id is None
    assert (
        db.exec(select(FamilyMember).where(FamilyMember.arrangement_id == forgotten.id)).all() == []
    )
    assert len(db.exec(select(FamilyOrganisation)).all()) == 4  # the counts stay
    assert db.get(FamilyArrangement, busy.id).purged_on is None
    # the last change counts, not the proposal: the busy one goes 24 months after it
    assert jobs.apply_retention(db, later(600 + 729)) == 0
    assert jobs.apply_retention(db, later(600 + 731)) == 1


def test_the_term_without_a_change_is_a_setting(db, region):
    arrange(db, region)
    short = replace(context().terms, stale_months=6)
    assert jobs.apply_retention(db, context(NOW + timedelta(days=186), short)) == 1


def test_a_youth_without_a_date_of_birth_decides_together_with_the_parents(db, region):
    """Data from before the wizard asked for it: the arrangement can still be agreed."""
    arrangement, _ = arrange(db, region)
    youth = members(db, arrangement)["J."]
    youth.born_on = None
    db.add(youth)
    db.commit()
    say(db, arrangement, "Mama", MemberAnswer.CONFIRMED)
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.PROPOSED
    say(db, arrangement, "J.", MemberAnswer.CONFIRMED)
    assert facts_of(db, arrangement).arrangement.state is ArrangementState.AGREED


def test_a_new_card_needs_the_making_organisation_or_the_coordinator(db, region):
    arrangement, _ = arrange(db, region)
    mama = members(db, arrangement)["Mama"]
    for stranger in (region.kompas_worker, region.team_worker):
        with pytest.raises(FamilyError, match="not_card_maker"):
            workflow.new_code(db, stranger, facts_of(db, arrangement), mama.id, context())
        db.rollback()
    workflow.new_code(db, region.colleague, facts_of(db, arrangement), mama.id, context())
    workflow.new_code(db, region.coordinator, facts_of(db, arrangement), mama.id, context())
    seen = db.exec(
        select(FamilyEvent).where(FamilyEvent.kind == "code", FamilyEvent.member_id == mama.id)
    ).all()
    assert [e.staff_id for e in seen] == [region.colleague.id, region.coordinator.id]

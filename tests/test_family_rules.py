"""The rules of portal/families/rules.py on plain objects: age, agreed, handover, absence,
deactivation and the 18th birthday."""

from __future__ import annotations

from datetime import date

import pytest

from portal.families import rules
from portal.families.rules import Action, Standing
from portal.models import (
    ArrangementState,
    ContactRole,
    FamilyAbsence,
    FamilyArrangement,
    FamilyContact,
    FamilyMember,
    FamilyRequest,
    MemberAnswer,
    MemberRole,
    RequestKind,
)

TODAY = date(2026, 11, 23)


def born(years: int, days_after_birthday: int = 0) -> date:
    """A date of birth that makes someone ``years`` old on TODAY."""
    return date(TODAY.year - years, TODAY.month, TODAY.day - days_after_birthday)


def member(role: MemberRole, born_on: date | None = None, id: int = 0, **kw) -> FamilyMember:
    return FamilyMember(id=id, arrangement_id=1, name="x", role=role, born_on=born_on, **kw)


def youth(years: int, id: int = 1) -> FamilyMember:
    return member(MemberRole.YOUTH, born(years), id)


MOTHER = member(MemberRole.PARENT_WITH_AUTHORITY, id=10)
FATHER = member(MemberRole.PARENT_WITH_AUTHORITY, id=11)


@pytest.mark.parametrize(
    ("age", "youth_standing", "parent_standing"),
    [
        (9, Standing.HEARD, Standing.DECIDES),  # under 12: parents decide, the child is heard
        (12, Standing.DECIDES, Standing.DECIDES),  # 12-15: together
        (15, Standing.DECIDES, Standing.DECIDES),
        (16, Standing.DECIDES, Standing.INFORMED),  # 16+: the youth alone
        (17, Standing.DECIDES, Standing.INFORMED),
        (18, Standing.DECIDES, Standing.NONE),  # 18+: parents only with consent
    ],
)
def test_age_rules(age, youth_standing, parent_standing):
    family = [youth(age), MOTHER]
    assert rules.standing(family[0], family, TODAY) is youth_standing
    assert rules.standing(MOTHER, family, TODAY) is parent_standing


def test_the_day_before_the_16th_birthday_the_parents_still_decide():
    almost = member(MemberRole.YOUTH, date(2010, 11, 24), 1)  # 16 tomorrow
    family = [almost, MOTHER]
    assert rules.standing(MOTHER, family, TODAY) is Standing.DECIDES
    assert rules.standing(MOTHER, family, date(2026, 11, 24)) is Standing.INFORMED


def test_an_adult_youth_lets_the_parents_read_along():
    adult = youth(19)
    adult.parents_may_read = True
    assert rules.standing(MOTHER, [adult, MOTHER], TODAY) is Standing.INFORMED


def test_other_family_members():
    family = [youth(10), MOTHER]
    without = member(MemberRole.PARENT_WITHOUT_AUTHORITY)
    foster = member(MemberRole.FOSTER_PARENT)
    guardian = member(MemberRole.GUARDIAN)
    grandma = member(MemberRole.NETWORK)
    assert rules.standing(without, family, TODAY) is Standing.INFORMED
    assert rules.standing(foster, family, TODAY) is Standing.HEARD
    assert rules.standing(guardian, family, TODAY) is Standing.DECIDES
    assert rules.standing(grandma, family, TODAY) is Standing.NONE


def test_with_several_children_the_parents_decide_while_one_is_under_16():
    family = [youth(17, 1), youth(11, 2), MOTHER]
    assert rules.standing(MOTHER, family, TODAY) is Standing.DECIDES
    assert {m.id for m in rules.deciders(family, TODAY)} == {1, MOTHER.id}


def test_the_age_rules_apply_per_youth():
    """A child of 10 and a youth of 19: the parents decide for the child only."""
    child, adult = youth(10, 1), youth(19, 2)
    family = [child, adult, MOTHER]
    assert rules.deciders_for(child, family, TODAY) == [MOTHER]
    assert rules.deciders_for(adult, family, TODAY) == [adult]
    assert rules.standing(MOTHER, family, TODAY) is Standing.DECIDES
    assert rules.standing(child, family, TODAY) is Standing.HEARD


def test_the_parents_yes_never_counts_for_an_adult_youth():
    child, adult = youth(10, 1), youth(19, 2)
    family = [child, adult, said_yes(member(MemberRole.PARENT_WITH_AUTHORITY, id=10))]
    assert state(arrangement(), family, CONTACTS) is ArrangementState.PROPOSED
    said_yes(adult)
    assert state(arrangement(), family, CONTACTS) is ArrangementState.AGREED


def test_a_youth_without_a_date_of_birth_decides_together_with_the_parents():
    unknown = member(MemberRole.YOUTH, None, 1)
    mother = member(MemberRole.PARENT_WITH_AUTHORITY, id=10)
    family = [unknown, mother]
    assert rules.standing(unknown, family, TODAY) is Standing.DECIDES
    assert rules.standing(mother, family, TODAY) is Standing.DECIDES
    said_yes(mother)
    assert state(arrangement(), family, CONTACTS) is ArrangementState.PROPOSED
    said_yes(unknown)
    assert state(arrangement(), family, CONTACTS) is ArrangementState.AGREED


def test_a_parent_without_authority_reads_only():
    without = member(MemberRole.PARENT_WITHOUT_AUTHORITY)
    family = [youth(10), MOTHER, without]
    assert rules.family_actions(ArrangementState.PROPOSED, without, family, TODAY) == {Action.EMAIL}
    assert Action.CONFIRM in rules.family_actions(ArrangementState.PROPOSED, MOTHER, family, TODAY)
    assert not rules.family_actions(ArrangementState.ENDED, MOTHER, family, TODAY)


def test_born_on_29_february_turns_18_on_1_march():
    assert rules.birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert rules.age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17


# -- agreed ------------------------------------------------------------------------------


def arrangement(**kw) -> FamilyArrangement:
    return FamilyArrangement(id=1, municipality_id=1, provider_id=1, proposed_on=TODAY, **kw)


def contact(role: ContactRole, staff_id: int, starts_on: date = TODAY, **kw) -> FamilyContact:
    return FamilyContact(
        id=staff_id, arrangement_id=1, staff_id=staff_id, role=role, starts_on=starts_on, **kw
    )


def said_yes(m: FamilyMember, on: date = TODAY, round_: int = 1) -> FamilyMember:
    m.answer, m.answered_on, m.answer_round = MemberAnswer.CONFIRMED, on, round_
    return m


def state(a, members, contacts, requests=(), absences=(), active=None, today=TODAY):
    active = active if active is not None else {c.staff_id for c in contacts}
    shown = rules.contacts_on(contacts, absences, active, today)
    return rules.state_of(a, members, shown, requests, today)


START = date(2026, 1, 1)
CONTACTS = [contact(ContactRole.CONTACT, 1, START), contact(ContactRole.DEPUTY, 2, START)]


def test_agreed_when_every_decider_confirmed_and_there_is_a_deputy():
    family = [said_yes(youth(13)), said_yes(member(MemberRole.PARENT_WITH_AUTHORITY, id=10))]
    assert state(arrangement(), family, CONTACTS) is ArrangementState.AGREED
    only_contact = CONTACTS[:1]
    assert state(arrangement(), family, only_contact) is ArrangementState.PROPOSED
    with_rule = arrangement(absence_rule="Bel het wijkteam: 030-1234567")
    assert state(with_rule, family, only_contact) is ArrangementState.AGREED


def test_two_parents_who_disagree_are_both_recorded_and_nothing_is_agreed():
    mother = said_yes(member(MemberRole.PARENT_WITH_AUTHORITY, id=10))
    father = member(MemberRole.PARENT_WITH_AUTHORITY, id=11)
    father.answer, father.answered_on, father.answer_round = MemberAnswer.OTHER, TODAY, 1
    family = [youth(8), mother, father]
    assert state(arrangement(), family, CONTACTS) is ArrangementState.PROPOSED
    said_yes(father)
    assert state(arrangement(), family, CONTACTS) is ArrangementState.AGREED


def test_an_answer_to_an_earlier_proposal_no_longer_counts():
    family = [youth(8), said_yes(member(MemberRole.PARENT_WITH_AUTHORITY, id=10))]
    assert state(arrangement(proposal_round=2), family, CONTACTS) is ArrangementState.PROPOSED


def test_the_youth_confirms_again_alone_after_turning_18():
    eighteen_today = member(MemberRole.YOUTH, date(2008, 11, 23), 1)
    said_yes(eighteen_today, on=date(2026, 11, 1))  # a "yes" at 17
    family = [eighteen_today, member(MemberRole.PARENT_WITH_AUTHORITY, id=10)]
    assert (
        state(arrangement(), family, CONTACTS, today=date(2026, 11, 22)) is ArrangementState.AGREED
    )
    assert state(arrangement(), family, CONTACTS) is ArrangementState.PROPOSED
    assert rules.needs_to_confirm_as_adult(eighteen_today, TODAY)
    said_yes(eighteen_today)  # now alone: the parents no longer decide
    assert state(arrangement(), family, CONTACTS) is ArrangementState.AGREED


def test_an_unresolved_disagreement_past_its_term_is_disputed():
    family = [said_yes(youth(16))]
    late = FamilyRequest(
        arrangement_id=1, kind=RequestKind.DISAGREE, made_on=TODAY, due_on=TODAY, disputed_on=TODAY
    )
    assert state(arrangement(), family, CONTACTS, [late]) is ArrangementState.DISPUTED
    late.resolved_on = TODAY
    assert state(arrangement(), family, CONTACTS, [late]) is ArrangementState.AGREED


# -- who is shown -------------------------------------------------------------------------


def test_during_an_absence_the_deputy_comes_first():
    away = FamilyAbsence(
        arrangement_id=1, contact_id=1, starts_on=date(2026, 11, 20), ends_on=date(2026, 11, 30)
    )
    shown = rules.contacts_on(CONTACTS, [away], {1, 2}, TODAY)
    assert shown.deputy_first and shown.away is away
    after = rules.contacts_on(CONTACTS, [away], {1, 2}, date(2026, 12, 1))
    assert not after.deputy_first


def test_a_warm_handover_keeps_the_old_contact_until_the_date():
    old = contact(ContactRole.CONTACT, 1, date(2026, 1, 1), ends_on=date(2026, 12, 1))
    new = contact(ContactRole.CONTACT, 3, date(2026, 12, 1))
    before = rules.contacts_on([old, new], [], {1, 3}, TODAY)
    assert [c.staff_id for c in before.contacts] == [1]
    assert [c.staff_id for c in before.upcoming] == [3]
    on_the_day = rules.contacts_on([old, new], [], {1, 3}, date(2026, 12, 1))
    assert [c.staff_id for c in on_the_day.contacts] == [3] and not on_the_day.upcoming


def test_a_closed_account_puts_the_deputy_first():
    shown = rules.contacts_on(CONTACTS, [], {2}, TODAY)  # account 1 deactivated
    assert shown.stepped_up and shown.deputy_first and not shown.contacts
    assert state(arrangement(), [said_yes(youth(17))], CONTACTS, active={2}) is (
        ArrangementState.PROPOSED
    )

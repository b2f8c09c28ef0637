"""Wording of questionnaire items and answer scales, per audience (B1 level).

Youths and parents are both addressed with "je" in the Dutch catalog (issue 8: one
register on every public page). Version 1 keys keep their wording, so answers
given before version 2 still have a label.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from portal.models import AgeBand, Audience, CareType, Scale

_YOUTH, _PARENT = Audience.YOUTH, Audience.PARENT

ITEM_WORDING = {
    "fit_question": {
        _YOUTH: _l("The help fits what I need help with."),
        _PARENT: _l("The help fits the question our family has."),
    },
    "involvement_listen": {
        _YOUTH: _l("My helpers listen to me."),
        _PARENT: _l("The helpers listen to me."),
    },
    "speed_start": {
        _YOUTH: _l("I got help fast enough after I asked for it."),
        _PARENT: _l("We got help fast enough after we asked for it."),
    },
    "cooperation_helpers": {
        _YOUTH: _l("My helpers work well together."),
        _PARENT: _l("The helpers around our family work well together."),
    },
    "participation_decide": {
        _YOUTH: _l("I can have a say in decisions about my help."),
        _PARENT: _l("I can have a say in decisions about the help for my child."),
    },
    "result_better": {
        _YOUTH: _l("Things are going better for me because of the help."),
        _PARENT: _l("Things are going better for my child because of the help."),
    },
    "safety_home": {
        _YOUTH: _l("I feel safe where I live."),
        _PARENT: _l("My child feels safe where he or she lives."),
    },
    "overall": {
        _YOUTH: _l("All in all, how good is the help you get?"),
        _PARENT: _l("All in all, how good is the help your family gets?"),
    },
    # Version 2 (issue 8).
    "overall_mark": {
        _YOUTH: _l("What mark do you give the help you get?"),
        _PARENT: _l("What mark do you give the help your family gets?"),
    },
    "goals_reached": {
        _YOUTH: _l("I am reaching the goals we agreed on."),
        _PARENT: _l("We are reaching the goals we agreed on."),
    },
    "organisations_count": {
        _YOUTH: _l("How many organisations help you?"),
        _PARENT: _l("How many organisations help your family?"),
    },
    "contact_fixed": {
        _YOUTH: _l("Do you have one fixed contact person for all your help?"),
        _PARENT: _l("Does your family have one fixed contact person for all the help?"),
    },
    "contact_deputy": {
        _YOUTH: _l("Do you know who takes over when your contact person is away?"),
        _PARENT: _l("Do you know who takes over when your contact person is away?"),
    },
    "contact_say": {
        _YOUTH: _l("Did you have a say in who your contact person is?"),
        _PARENT: _l("Did you have a say in who your contact person is?"),
    },
    "safety_helpers": {
        _YOUTH: _l("I feel safe with my helpers."),
        _PARENT: _l("My child feels safe with the helpers."),
    },
    "complaint_where": {
        _YOUTH: _l("Do you know where you can complain about your help?"),
        _PARENT: _l("Do you know where you can complain about the help?"),
    },
    "confidant_known": {
        _YOUTH: _l("Do you know that a trusted contact person can help you for free?"),
        _PARENT: _l("Do you know that a trusted contact person can help you for free?"),
    },
}

# A short explanation under some questions.
ITEM_HINTS = {
    "overall_mark": _l("Like at school: 1 is very bad, 10 is excellent."),
    "goals_reached": _l("Did you not make goals together? Then choose “Does not apply”."),
    "contact_fixed": _l(
        "A contact person is the one helper who keeps an eye on all the help and whom you "
        "can always call."
    ),
    "contact_deputy": _l("Choose “Does not apply” if you have no fixed contact person."),
    "contact_say": _l("Choose “Does not apply” if you have no fixed contact person."),
    "confidant_known": _l(
        "A trusted contact person (vertrouwenspersoon) is independent of your care "
        "provider and helps you when something is wrong."
    ),
}

DONT_KNOW = "dk"
NOT_APPLICABLE = "na"
NOT_APPLICABLE_CHOICE = SelectChoice(NOT_APPLICABLE, _l("Does not apply"))
DONT_KNOW_CHOICE = SelectChoice(DONT_KNOW, _l("I don't know"))

SCALE_CHOICES = {
    Scale.AGREE: [
        SelectChoice("5", _l("Totally agree")),
        SelectChoice("4", _l("Agree")),
        SelectChoice("3", _l("Neither agree nor disagree")),
        SelectChoice("2", _l("Disagree")),
        SelectChoice("1", _l("Totally disagree")),
        DONT_KNOW_CHOICE,
    ],
    Scale.FFT: [
        SelectChoice("5", _l("Very good")),
        SelectChoice("4", _l("Good")),
        SelectChoice("3", _l("Neither good nor poor")),
        SelectChoice("2", _l("Poor")),
        SelectChoice("1", _l("Very poor")),
        DONT_KNOW_CHOICE,
    ],
    # Numbers need no translation; the hint says what 1 and 10 mean.
    Scale.MARK: [SelectChoice(str(mark), str(mark)) for mark in range(1, 11)] + [DONT_KNOW_CHOICE],
    Scale.YES_NO: [
        SelectChoice("1", _l("Yes")),
        SelectChoice("0", _l("No")),
        DONT_KNOW_CHOICE,
    ],
    Scale.COUNT: [
        SelectChoice("1", _l("One")),
        SelectChoice("2", _l("Two")),
        SelectChoice("3", _l("Three or more")),
        DONT_KNOW_CHOICE,
    ],
}

AUDIENCE_CHOICES = [
    SelectChoice(_YOUTH.value, _l("I am a young person (12 years or older) getting help")),
    SelectChoice(_PARENT.value, _l("I am a parent or carer")),
    SelectChoice(Audience.FOSTER_PARENT.value, _l("I am a foster parent")),
]

# Words a youth or parent recognises; the admin pages use the professional names.
CARE_TYPE_CHOICES = [
    SelectChoice(CareType.AMBULATORY.value, _l("Help at home, at school or at a practice")),
    SelectChoice(CareType.DAY_TREATMENT.value, _l("Day treatment: going to a group by day")),
    SelectChoice(CareType.FOSTER_CARE.value, _l("Foster care: living with a foster family")),
    SelectChoice(CareType.FAMILY_HOME.value, _l("Living in a family home (gezinshuis)")),
    SelectChoice(CareType.RESIDENTIAL.value, _l("Living in a group or institution")),
    SelectChoice(CareType.YOUTH_PROTECTION.value, _l("Youth protection: a family guardian")),
    SelectChoice(CareType.YOUTH_PROBATION.value, _l("Youth probation")),
    SelectChoice(CareType.LOCAL_TEAM.value, _l("Help from the local team of the municipality")),
]

AGE_BAND_CHOICES = [
    SelectChoice(AgeBand.AGE_12_15.value, _l("12 to 15 years")),
    SelectChoice(AgeBand.AGE_16_17.value, _l("16 or 17 years")),
    SelectChoice(AgeBand.AGE_18_PLUS.value, _l("18 years or older")),
]


def item_text(key: str, audience: Audience | str | None) -> str:
    wording = ITEM_WORDING[key]
    if audience == _YOUTH:
        return wording[_YOUTH]
    return wording[_PARENT]


def item_hint(key: str) -> str | None:
    hint = ITEM_HINTS.get(key)
    return str(hint) if hint is not None else None


def choices_for(scale: Scale, not_applicable: bool) -> list[SelectChoice]:
    """The scale's answers; "does not apply" goes before "I don't know" where offered."""
    choices = list(SCALE_CHOICES[scale])
    if not_applicable:
        choices.insert(len(choices) - 1, NOT_APPLICABLE_CHOICE)
    return choices

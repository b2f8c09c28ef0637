"""Wording of questionnaire items and answer scales, per audience (B1 level)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from portal.models import Audience, Scale

# Youths are addressed with "je", parents with "u" in the Dutch catalog.
ITEM_WORDING = {
    "fit_question": {
        Audience.YOUTH: _l("The help fits what I need help with."),
        Audience.PARENT: _l("The help fits the question our family has."),
    },
    "involvement_listen": {
        Audience.YOUTH: _l("My helpers listen to me."),
        Audience.PARENT: _l("The helpers listen to me."),
    },
    "speed_start": {
        Audience.YOUTH: _l("I got help fast enough after I asked for it."),
        Audience.PARENT: _l("We got help fast enough after we asked for it."),
    },
    "cooperation_helpers": {
        Audience.YOUTH: _l("My helpers work well together."),
        Audience.PARENT: _l("The helpers around our family work well together."),
    },
    "participation_decide": {
        Audience.YOUTH: _l("I can have a say in decisions about my help."),
        Audience.PARENT: _l("I can have a say in decisions about the help for my child."),
    },
    "result_better": {
        Audience.YOUTH: _l("Things are going better for me because of the help."),
        Audience.PARENT: _l("Things are going better for my child because of the help."),
    },
    "safety_home": {
        Audience.YOUTH: _l("I feel safe where I live."),
        Audience.PARENT: _l("My child feels safe where he or she lives."),
    },
    "overall": {
        Audience.YOUTH: _l("All in all, how good is the help you get?"),
        Audience.PARENT: _l("All in all, how good is the help your family gets?"),
    },
}

DONT_KNOW = "dk"

SCALE_CHOICES = {
    Scale.AGREE: [
        SelectChoice("5", _l("Totally agree")),
        SelectChoice("4", _l("Agree")),
        SelectChoice("3", _l("Neither agree nor disagree")),
        SelectChoice("2", _l("Disagree")),
        SelectChoice("1", _l("Totally disagree")),
        SelectChoice(DONT_KNOW, _l("I don't know")),
    ],
    Scale.FFT: [
        SelectChoice("5", _l("Very good")),
        SelectChoice("4", _l("Good")),
        SelectChoice("3", _l("Neither good nor poor")),
        SelectChoice("2", _l("Poor")),
        SelectChoice("1", _l("Very poor")),
        SelectChoice(DONT_KNOW, _l("I don't know")),
    ],
}

AUDIENCE_CHOICES = [
    SelectChoice(Audience.YOUTH.value, _l("I am a young person (12 years or older) getting help")),
    SelectChoice(Audience.PARENT.value, _l("I am a parent or carer")),
    SelectChoice(Audience.FOSTER_PARENT.value, _l("I am a foster parent")),
]


def item_text(key: str, audience: Audience | str | None) -> str:
    wording = ITEM_WORDING[key]
    if audience == Audience.YOUTH:
        return wording[Audience.YOUTH]
    return wording[Audience.PARENT]

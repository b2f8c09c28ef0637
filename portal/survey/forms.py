"""Survey forms. Each step posts only its own fields; the answers of the other
steps wait in a server-side draft (portal/web/drafts.py), so the back gesture, reload
and switching language lose nothing."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, StopValidation

from portal.survey.service import COMMENT_MAX_LENGTH
from portal.web.wizard import RequiredRadioField, WizardForm

from .questionnaires import AskedItem, definition
from .wording import (
    AGE_BAND_CHOICES,
    AUDIENCE_CHOICES,
    CARE_TYPE_CHOICES,
    DONT_KNOW,
    NOT_APPLICABLE,
    choices_for,
    item_text,
)


class ProviderSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search stores nothing

    q = SearchField(_l("Name of the organisation or your municipality"))


class InvitationCodeForm(FlaskForm):
    code = StringField(
        _l("Invitation code"),
        validators=[InputRequired(message=_l("Type the code from your invitation card."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class AnswerRequired(InputRequired):
    """A missing answer names its question, in the words this respondent was shown
    ("Choose an answer for ‘My helpers listen to me.’")."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def __call__(self, form: WizardForm, field: Field) -> None:
        if field.raw_data and field.raw_data[0]:
            return
        question = str(item_text(self.key, form["audience"].data)).rstrip(".?")
        field.errors[:] = []
        raise StopValidation(_("Choose an answer for ‘%(question)s’.", question=question))


class SurveyFormBase(WizardForm):
    # Not secret: lets a page whose draft expired start again with what it holds.
    provider = HiddenField("")
    # The one-time token behind the response id, so a resent page stores nothing twice.
    token = HiddenField("")
    audience = RequiredRadioField(
        _l("Who is filling in this survey?"),
        choices=AUDIENCE_CHOICES,
        validators=[InputRequired(message=_l("Choose who is filling in this survey."))],
        invalid_choice_message=_l("Choose one of the options."),
    )
    municipality = SelectField(
        _l("Which municipality do you live in? (optional)"),
        coerce=int,
        default=0,
        choices=[],
        invalid_choice_message=_l("Choose a municipality from the list."),
        invalid_value_message=_l("Choose a municipality from the list."),
    )
    care_type = RequiredRadioField(
        _l("What kind of help do you get? (optional)"),
        choices=CARE_TYPE_CHOICES,
        validators=[Optional()],
        invalid_choice_message=_l("Choose one of the options."),
    )
    age_band = RequiredRadioField(
        _l("How old are you? (optional)"),
        choices=AGE_BAND_CHOICES,
        validators=[Optional()],
        invalid_choice_message=_l("Choose one of the options."),
    )
    comment = TextAreaField(
        _l("Anything else you want to tell us? (optional)"),
        validators=[
            Length(
                max=COMMENT_MAX_LENGTH,
                message=_l("Please keep it under %(max)d characters.", max=COMMENT_MAX_LENGTH),
            )
        ],
    )

    def answers_by_key(self, keys: list[str]) -> dict[str, int | str | None]:
        """The chosen answer per item: a number, NOT_APPLICABLE, or None ("don't know")."""
        answers: dict[str, int | str | None] = {}
        for key in keys:
            value = self[f"q_{key}"].data
            if value == DONT_KNOW:
                answers[key] = None
            elif value == NOT_APPLICABLE:
                answers[key] = NOT_APPLICABLE
            else:
                answers[key] = int(value)
        return answers


_FORM_CLASSES: dict[tuple[int, tuple[str, ...]], type[SurveyFormBase]] = {}


def survey_form_class(version: int, items: Sequence[AskedItem]) -> type[SurveyFormBase]:
    """One form class per questionnaire version, with a radio group per item."""
    cache_key = (version, tuple(item.key for item in items))
    if cache_key not in _FORM_CLASSES:
        fields = {
            f"q_{item.key}": RequiredRadioField(
                # The page words the question (wording.item_text); a label of its own
                # would cost a catalog lookup per field on every request.
                "",
                choices=choices_for(item.scale, definition(version, item.key).not_applicable),
                invalid_choice_message=_l("Choose one of the options."),
                validators=[AnswerRequired(item.key)],
            )
            for item in items
        }
        _FORM_CLASSES[cache_key] = type("SurveyForm", (SurveyFormBase,), fields)
    return _FORM_CLASSES[cache_key]

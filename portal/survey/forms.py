"""Survey forms. Every answer given so far travels along in the form itself,
so going back, switching language or an expired CSRF token loses nothing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SearchField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.models import QuestionnaireItem
from portal.survey.service import COMMENT_MAX_LENGTH
from portal.wizard import RequiredRadioField, Step, WizardForm

from .wording import AUDIENCE_CHOICES, DONT_KNOW, SCALE_CHOICES


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


class SurveyFormBase(WizardForm):
    step = HiddenField()
    token = HiddenField()
    provider = HiddenField()
    code = HiddenField()
    audience = RequiredRadioField(
        _l("Who is filling in this survey?"),
        choices=AUDIENCE_CHOICES,
        validators=[InputRequired(message=_l("Choose who is filling in this survey."))],
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

    def item_fields(self) -> list[Field]:
        return [f for f in self if f.name.startswith("q_")]

    def answers_by_key(self) -> dict[str, int | None]:
        return {
            f.name[2:]: None if f.data == DONT_KNOW else int(f.data) for f in self.item_fields()
        }


_FORM_CLASSES: dict[tuple[int, ...], type[SurveyFormBase]] = {}


def survey_form_class(items: list[QuestionnaireItem]) -> type[SurveyFormBase]:
    """One form class per questionnaire version, with a radio group per item."""
    cache_key = tuple(item.id or 0 for item in items)
    if cache_key not in _FORM_CLASSES:
        fields = {
            f"q_{item.key}": RequiredRadioField(
                choices=SCALE_CHOICES[item.scale],
                invalid_choice_message=_l("Choose one of the options."),
                validators=[InputRequired(message=_l("Choose an answer, or “I don't know”."))],
            )
            for item in items
        }
        _FORM_CLASSES[cache_key] = type("SurveyForm", (SurveyFormBase,), fields)
    return _FORM_CLASSES[cache_key]


def wizard_steps(items: list[QuestionnaireItem]) -> list[Step]:
    """About you, one step per questionnaire page (the last with the comment), a check."""
    steps = [Step("about", ["audience"])]
    pages = sorted({item.page for item in items})
    for page in pages:
        page_items = [item for item in items if item.page == page]
        names = [f"q_{item.key}" for item in page_items]
        if page == pages[-1]:
            names.append("comment")
        steps.append(Step(f"page{page}", names, page_items))
    steps.append(Step("check", []))
    return steps

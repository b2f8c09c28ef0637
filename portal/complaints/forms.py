"""Forms for filing and following up a complaint."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from portal.forms import EMAIL, required_text
from portal.wizard import RequiredRadioField, Step, WizardForm

from .labels import KIND_LABELS, THEME_LABELS
from .service import TEXT_MAX, WISH_MAX

PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")

CONTACT_CHOICES = [
    SelectChoice("none", _l("No, I stay anonymous. I will look for news with my receipt code.")),
    SelectChoice("email", _l("Yes, by e-mail")),
    SelectChoice("phone", _l("Yes, the provider may phone me")),
]


def _number_or_zero(value: object) -> int:
    """Select values arrive as text; an empty or odd one means "nothing chosen"."""
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


class ComplaintForm(WizardForm):
    step = HiddenField()
    token = HiddenField()
    provider = SelectField(
        _l("Which organisation is your complaint about?"),
        coerce=_number_or_zero,
        validators=[InputRequired(message=_l("Choose the organisation."))],
    )
    municipality = SelectField(
        _l("Your municipality (optional)"), coerce=int, validate_choice=False
    )
    theme = RequiredRadioField(
        _l("What is your complaint about?"),
        choices=[SelectChoice(t.value, label) for t, label in THEME_LABELS.items()],
        validators=[InputRequired(message=_l("Choose what your complaint is about."))],
        invalid_choice_message=_l("Choose one of the options."),
    )
    kind = RequiredRadioField(
        _l("How do you want your complaint handled?"),
        choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()],
        validators=[InputRequired(message=_l("Choose how your complaint is handled."))],
        invalid_choice_message=_l("Choose one of the options."),
    )
    what_happened = required_text(_l("What happened?"), _l("Tell us what happened."), TEXT_MAX)
    desired_outcome = TextAreaField(
        _l("What would you like to happen now? (optional)"),
        validators=[
            Length(
                max=WISH_MAX, message=_l("Please keep it under %(max)d characters.", max=WISH_MAX)
            )
        ],
    )
    contact = RequiredRadioField(
        _l("Do you want to hear from us when something happens?"),
        choices=CONTACT_CHOICES,
        validators=[InputRequired(message=_l("Choose whether we may contact you."))],
        invalid_choice_message=_l("Choose one of the options."),
    )
    email = StringField(_l("Your e-mail address"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Your phone number"), validators=[Optional(), Length(max=40)])

    def validate_provider(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the organisation."))

    def validate_email(self, field: StringField) -> None:
        if self.contact.data == "email" and not EMAIL.match((field.data or "").strip()):
            raise ValidationError(_l("Fill in an e-mail address like name@example.nl."))

    def validate_phone(self, field: StringField) -> None:
        if self.contact.data == "phone" and not PHONE.match((field.data or "").strip()):
            raise ValidationError(_l("Fill in a phone number of at least 10 digits."))


STEPS = [
    Step("provider", ["provider", "municipality"]),
    Step("about", ["theme", "kind"]),
    Step("story", ["what_happened", "desired_outcome"]),
    Step("contact", ["contact", "email", "phone"]),
    Step("check", []),
]


class ReceiptForm(FlaskForm):
    code = StringField(
        _l("Your receipt code"),
        validators=[InputRequired(message=_l("Type your receipt code."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class MessageForm(FlaskForm):
    body = required_text(_l("Your message"), _l("Write a message first."), TEXT_MAX)


class MunicipalityForm(FlaskForm):
    municipality = SelectField(
        _l("Which municipality?"),
        coerce=int,
        validators=[InputRequired(message=_l("Choose the municipality."))],
    )

"""Forms for filing and following up a complaint."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from portal.web.forms import required_text, valid_email
from portal.web.wizard import RequiredRadioField, Step, WizardForm

from .labels import KIND_LABELS, ROLE_LABELS, THEME_LABELS
from .service import NAME_MAX, TEXT_MAX, WISH_MAX

PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")

CONTACT_CHOICES = [
    SelectChoice("none", _l("No, I stay anonymous. I will look for news with my receipt code.")),
    SelectChoice("email", _l("Yes, by e-mail")),
    SelectChoice("phone", _l("Yes, you may phone me")),
]
FORMAL_NEEDS_CONTACT = _l(
    "The complaints committee must be able to hear you, so a formal complaint cannot be "
    "anonymous. Leave your e-mail or phone number, or go back and choose informal."
)


def number_or_zero(value: object) -> int:
    """Select values arrive as text; an empty, odd or huge one means "nothing chosen"."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**31 else 0


# E-mail and phone fields have no Optional(): it would stop the validation chain
# before the validate_* methods, which decide when they are needed.
class ComplaintForm(WizardForm):
    # Set by the view: only a Jeugdwet provider with a committee has a formal track.
    formal_possible = False
    chosen_provider = None

    # Choices are the current search page; any existing organisation may be posted.
    provider = RadioField(
        _l("Which organisation is your complaint about?"),
        coerce=number_or_zero,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the organisation."))],
    )
    municipality = SelectField(
        _l("Your municipality (optional)"),
        coerce=number_or_zero,
        default=0,  # not posted while only a search is shown (portal/web/municipality_field.py)
        invalid_choice_message=_l("Choose a municipality from the list."),
    )
    role = RequiredRadioField(
        _l("Who are you?"),
        choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()],
        validators=[InputRequired(message=_l("Choose who you are."))],
        invalid_choice_message=_l("Choose one of the options."),
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
    email = StringField(_l("Your e-mail address"), validators=[Length(max=254)])
    phone = StringField(_l("Your phone number"), validators=[Length(max=40)])
    name = StringField(
        _l("Your name (for the complaints committee and the organisation)"),
        validators=[Length(max=NAME_MAX)],
        render_kw={"autocomplete": "name"},
    )

    def validate_provider(self, field: RadioField) -> None:
        if not field.data or self.chosen_provider is None:
            raise ValidationError(_l("Choose the organisation."))

    def validate_kind(self, field: RequiredRadioField) -> None:
        if self.formal_possible and not field.data:
            raise ValidationError(_l("Choose how your complaint is handled."))

    def is_formal(self) -> bool:
        return self.formal_possible and self.kind.data == "formal"

    def validate_contact(self, field: RequiredRadioField) -> None:
        if self.is_formal() and field.data == "none":
            raise ValidationError(FORMAL_NEEDS_CONTACT)

    def validate_email(self, field: StringField) -> None:
        if self.contact.data == "email" and not valid_email((field.data or "").strip()):
            raise ValidationError(_l("Fill in an e-mail address like name@example.nl."))

    def validate_phone(self, field: StringField) -> None:
        if self.contact.data == "phone" and not PHONE.match((field.data or "").strip()):
            raise ValidationError(_l("Fill in a phone number of at least 10 digits."))

    def validate_name(self, field: StringField) -> None:
        if self.is_formal() and not (field.data or "").strip():
            raise ValidationError(_l("Fill in your name for the complaints committee."))


STEPS = [
    Step("provider", ["provider", "role"]),
    # After the organisation: its municipalities are offered first (no list of all 342).
    Step("about", ["municipality", "theme", "kind"]),
    Step("story", ["what_happened", "desired_outcome"]),
    Step("contact", ["contact", "email", "phone", "name"]),
    Step("check", []),
]


class ReceiptForm(FlaskForm):
    code = StringField(
        _l("Your receipt code"),
        validators=[InputRequired(message=_l("Type your receipt code."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class SavedCodeForm(FlaskForm):
    saved = BooleanField(
        _l("I have saved my code"),
        validators=[InputRequired(message=_l("Tick the box once you have saved your code."))],
    )


class MessageForm(FlaskForm):
    body = required_text(_l("Your message"), _l("Write a message first."), TEXT_MAX)


class MunicipalityForm(FlaskForm):
    municipality = SelectField(
        _l("Which municipality?"),
        coerce=number_or_zero,
        validators=[InputRequired(message=_l("Choose the municipality."))],
    )


class CommitteeForm(FlaskForm):
    """Identify yourself to the committee: it must hear both sides."""

    name = StringField(
        _l("Your name"),
        validators=[InputRequired(message=_l("Fill in your name.")), Length(max=NAME_MAX)],
        render_kw={"autocomplete": "name"},
    )
    email = StringField(
        _l("Your e-mail address"),
        validators=[Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    phone = StringField(
        _l("Your phone number"),
        validators=[Length(max=40)],
        render_kw={"autocomplete": "tel"},
    )

    def validate_email(self, field: StringField) -> None:
        email = (field.data or "").strip()
        if email and not valid_email(email):
            raise ValidationError(_l("Fill in an e-mail address like name@example.nl."))
        if not email and not (self.phone.data or "").strip():
            raise ValidationError(_l("Fill in an e-mail address or a phone number."))

    def validate_phone(self, field: StringField) -> None:
        phone = (field.data or "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_l("Fill in a phone number of at least 10 digits."))

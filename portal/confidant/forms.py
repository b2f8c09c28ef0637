"""Forms for asking a trusted contact person (confidant) and for following the request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from portal.complaints.forms import PHONE, number_or_zero
from portal.models import ComplaintConsent
from portal.web.forms import required_text, valid_email
from portal.web.wizard import RequiredRadioField, Step, WizardForm

from .labels import CONSENT_LABELS, CONTACT_LABELS, ROLE_LABELS, TOPIC_LABELS, WINDOW_LABELS
from .service import TEXT_MAX

CHOOSE_ONE = _l("Choose one of the options.")


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


def consent_field(required: bool) -> RequiredRadioField:
    """In the request form it starts at "no" (the default the issue asks for); on the
    request's page a change must be chosen."""
    missing = _l("Choose whether they may read your complaint.")
    return RequiredRadioField(
        _l("May the trusted contact person read your complaint?"),
        choices=_choices(CONSENT_LABELS),
        default=ComplaintConsent.NONE.value,
        validators=[InputRequired(message=missing)] if required else [],
        invalid_choice_message=CHOOSE_ONE,
    )


# E-mail, phone and window have no Optional(): it would stop the validation chain
# before the validate_* methods, which decide when they are needed.
class RequestForm(WizardForm):
    role = RequiredRadioField(
        _l("Who are you?"),
        choices=_choices(ROLE_LABELS),
        validators=[InputRequired(message=_l("Choose who you are."))],
        invalid_choice_message=CHOOSE_ONE,
    )
    municipality = SelectField(
        _l("Your municipality"),
        coerce=number_or_zero,
        default=0,  # not posted while only a search is shown (portal/web/municipality_field.py)
        invalid_choice_message=_l("Choose a municipality from the list."),
    )
    topic = RequiredRadioField(
        _l("What is your question about?"),
        choices=_choices(TOPIC_LABELS),
        validators=[InputRequired(message=_l("Choose what your question is about."))],
        invalid_choice_message=CHOOSE_ONE,
    )
    provider = SelectField(
        _l("Is it about one care organisation? (optional)"),
        coerce=number_or_zero,
        invalid_choice_message=_l("Choose an organisation from the list."),
    )
    consent = consent_field(required=False)
    question = required_text(
        _l("What would you like to talk about?"), _l("Write your question first."), TEXT_MAX
    )
    contact = RequiredRadioField(
        _l("How can the trusted contact person reach you?"),
        choices=_choices(CONTACT_LABELS),
        validators=[InputRequired(message=_l("Choose how we can reach you."))],
        invalid_choice_message=CHOOSE_ONE,
    )
    email = StringField(
        _l("Your e-mail address"), validators=[Length(max=254)], render_kw={"autocomplete": "email"}
    )
    phone = StringField(
        _l("Your phone number"), validators=[Length(max=40)], render_kw={"autocomplete": "tel"}
    )
    window = RequiredRadioField(
        _l("When may they call you?"),
        choices=_choices(WINDOW_LABELS),
        invalid_choice_message=CHOOSE_ONE,
    )

    def validate_email(self, field: StringField) -> None:
        if self.contact.data == "email" and not valid_email((field.data or "").strip()):
            raise ValidationError(_l("Fill in an e-mail address like name@example.nl."))

    def validate_phone(self, field: StringField) -> None:
        if self.contact.data == "callback" and not PHONE.match((field.data or "").strip()):
            raise ValidationError(_l("Fill in a phone number of at least 10 digits."))

    def validate_window(self, field: RequiredRadioField) -> None:
        if self.contact.data == "callback" and not field.data:
            raise ValidationError(_l("Choose when they may call you."))


STEPS = [
    Step("you", ["role", "municipality"]),
    Step("about", ["topic", "provider", "consent"]),
    Step("question", ["question"]),
    Step("contact", ["contact", "email", "phone", "window"]),
    Step("check", []),
]


class ConsentForm(FlaskForm):
    consent = consent_field(required=True)


class MunicipalityChoice(FlaskForm):
    """The public page's "which service is mine?"; a GET that stores nothing."""

    class Meta:
        csrf = False

    # None until something is chosen ("–" is 0): a search that finds one chooses it.
    municipality = SelectField(_l("Your municipality"), coerce=number_or_zero, default=None)

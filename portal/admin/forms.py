from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import EMAIL
from portal.models import CareType, StaffRole

CARE_TYPE_LABELS = {
    CareType.AMBULATORY: _l("Ambulatory help"),
    CareType.DAY_TREATMENT: _l("Day treatment"),
    CareType.FOSTER_CARE: _l("Foster care"),
    CareType.FAMILY_HOME: _l("Family home"),
    CareType.RESIDENTIAL: _l("Residential care"),
    CareType.YOUTH_PROTECTION: _l("Youth protection"),
    CareType.YOUTH_PROBATION: _l("Youth probation"),
    CareType.LOCAL_TEAM: _l("Local team"),
}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProviderForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[InputRequired(message=_l("Fill in the name.")), Length(max=160)]
    )
    slug = StringField(
        _l("Short name for links (letters, digits, dashes)"),
        validators=[
            InputRequired(message=_l("Fill in a short name.")),
            Length(max=80),
            Regexp(r"^[a-z0-9-]+$", message=_l("Use small letters, digits and dashes only.")),
        ],
    )
    open_link = BooleanField(
        _l("Anyone may fill in the survey through the open link"), default=True
    )
    municipalities = CheckboxesField(_l("Municipalities it serves"), coerce=int)
    care_types = CheckboxesField(
        _l("Kinds of care"),
        choices=[SelectChoice(c.value, label) for c, label in CARE_TYPE_LABELS.items()],
    )


class MunicipalityForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[InputRequired(message=_l("Fill in the name.")), Length(max=120)]
    )
    cbs_code = StringField(
        _l("CBS code, for example GM0344"),
        validators=[
            InputRequired(message=_l("Fill in the CBS code.")),
            Regexp(r"^[Gg][Mm]\d{4}$", message=_l("A CBS code is GM and four digits.")),
        ],
    )
    report_emails = TextAreaField(
        _l("E-mail addresses for the annual report and notices (one per line)")
    )

    def validate_report_emails(self, field: TextAreaField) -> None:
        for line in (field.data or "").splitlines():
            if line.strip() and not EMAIL.match(line.strip()):
                raise ValidationError(_l("Check the e-mail addresses: one per line."))

    def emails(self) -> list[str]:
        return [line for line in (self.report_emails.data or "").splitlines() if line.strip()]


class StaffForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[InputRequired(message=_l("Fill in the name.")), Length(max=120)]
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[InputRequired(message=_l("Fill in your e-mail address.")), Length(max=254)],
    )
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice(StaffRole.PROVIDER.value, _l("Provider staff: answers complaints")),
            SelectChoice(StaffRole.ADMINISTRATOR.value, _l("Administrator")),
        ],
    )
    provider = SelectField(
        _l("Organisation (for provider staff)"), coerce=int, validate_choice=False
    )
    password = PasswordField(
        _l("First password (at least 12 characters)"),
        validators=[
            InputRequired(message=_l("Fill in a new password.")),
            Length(min=12, message=_l("Use at least 12 characters.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class InvitationForm(FlaskForm):
    provider = SelectField(_l("Organisation"), coerce=int, validate_choice=False)
    count = IntegerField(
        _l("Number of cards"),
        default=50,
        validators=[
            InputRequired(message=_l("Fill in the number of cards.")),
            NumberRange(min=1, max=5000, message=_l("Between 1 and 5000 cards.")),
        ],
    )
    label = StringField(_l("Note for this batch (optional)"), validators=[Length(max=120)])

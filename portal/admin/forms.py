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
from wtforms.fields import URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.complaints.forms import number_or_zero
from portal.models import CareType, ComplaintRegime, OrganisationKind, StaffRole
from portal.web.forms import valid_email

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


ORGANISATION_KIND_LABELS = {
    OrganisationKind.PROVIDER: _l("Provider or local team"),
    OrganisationKind.COMMITTEE: _l("Complaints committee"),
    OrganisationKind.CONFIDANT_SERVICE: _l("Confidant service"),
    OrganisationKind.CLIENT_PLATFORM: _l("Client platform"),
    OrganisationKind.MUNICIPALITY: _l("Municipality"),
}
ROLE_LABELS = {
    StaffRole.PROVIDER: _l("Provider or local team staff: answers complaints"),
    StaffRole.COMMITTEE_SECRETARY: _l("Secretary of a complaints committee"),
    StaffRole.COMMITTEE_MEMBER: _l("Member of a complaints committee"),
    StaffRole.CONFIDANT: _l("Trusted contact person (confidant)"),
    StaffRole.CONFIDANT_COORDINATOR: _l("Coordinator of a confidant service"),
    StaffRole.PLATFORM_MEMBER: _l("Member of a client platform"),
    StaffRole.FAMILY_COORDINATOR: _l("Coordinator of family arrangements (local team)"),
    StaffRole.ADMINISTRATOR: _l("Administrator"),
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
    regime = SelectField(
        _l("Complaints follow"),
        choices=[
            SelectChoice(
                ComplaintRegime.JEUGDWET.value, _l("the Jeugdwet (a youth-care provider)")
            ),
            SelectChoice(ComplaintRegime.AWB.value, _l("Awb chapter 9 (a municipal local team)")),
        ],
    )
    regulation_url = URLField(
        _l("Link to the complaint regulation"),
        validators=[Optional(), URL(message=_l("Fill in a full link, starting with https://."))],
    )
    committee = SelectField(
        _l("Complaints committee (for formal complaints under the Jeugdwet)"),
        coerce=number_or_zero,
    )
    awb_advisory_committee = BooleanField(
        _l("Awb: an advisory committee hears complaints (ten weeks instead of six)")
    )


class OrganisationForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice(k.value, ORGANISATION_KIND_LABELS[k])
            for k in (
                OrganisationKind.COMMITTEE,
                OrganisationKind.CONFIDANT_SERVICE,
                OrganisationKind.CLIENT_PLATFORM,
            )
        ],
    )
    name = StringField(
        _l("Name"), validators=[InputRequired(message=_l("Fill in the name.")), Length(max=160)]
    )
    email = EmailField(_l("E-mail address (optional)"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone number (optional)"), validators=[Length(max=40)])
    hours = StringField(_l("Opening hours (optional)"), validators=[Length(max=120)])
    region = StringField(_l("Region (for a client platform)"), validators=[Length(max=120)])

    def validate_email(self, field: EmailField) -> None:
        if field.data and not valid_email(field.data.strip()):
            raise ValidationError(_l("Fill in an e-mail address like name@example.nl."))

    def validate_region(self, field: StringField) -> None:
        if (
            self.kind.data == OrganisationKind.CLIENT_PLATFORM.value
            and not (field.data or "").strip()
        ):
            raise ValidationError(_l("A client platform belongs to a region: fill it in."))


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
            if line.strip() and not valid_email(line.strip()):
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
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
    )
    provider = SelectField(
        _l("Provider or local team (for their staff)"),
        coerce=number_or_zero,
        validate_choice=False,
    )
    organisation = SelectField(
        _l("Committee, confidant service or client platform (for their staff)"),
        coerce=number_or_zero,
        validate_choice=False,
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

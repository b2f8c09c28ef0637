"""Forms of the arrangement wizard, the arrangement page and the family page."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from portal.complaints.forms import number_or_zero
from portal.models.family import LABEL_MAX, NAME_MAX, RULE_MAX, TEXT_MAX, MemberRole
from portal.web.forms import EmailAddress
from portal.web.wizard import Step, WizardForm

from . import rules
from .labels import ERROR, ROLE

MAX_HELPERS = 30
FIRST_MEMBER_ROWS = 4
MAX_MEMBER_ROWS = 12
# "Jan Jansen": two capitalised words look like a full name; initials or a nickname do not.
FULL_NAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]+\s+(?:[a-z]+\s+)*[A-ZÀ-Ý][a-zà-ÿ]{2,}")
NOT_A_FULL_NAME = _l("Use initials or a nickname, never a full name.")
LENGTH = _l("Please keep it under %(max)d characters.", max=TEXT_MAX)


def no_full_name(_form: Form, field: StringField) -> None:
    if FULL_NAME.search(field.data or ""):
        raise ValidationError(NOT_A_FULL_NAME)


class OrganisationRow(Form):
    provider = HiddenField(filters=[number_or_zero])
    helpers = IntegerField(
        _l("Number of helpers"),
        default=0,
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_HELPERS, message=_l("Between 0 and 30 helpers.")),
        ],
    )


class MemberRow(Form):
    name = StringField(_l("Initials or nickname"), validators=[Length(max=NAME_MAX), no_full_name])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("", "–")]
        + [SelectChoice(r.value, label) for r, label in ROLE.items()],
        validate_choice=False,
    )
    born_on = DateField(
        _l("Date of birth (youth only)"),
        validators=[Optional()],
        format="%Y-%m-%d",
    )

    def validate_role(self, field: SelectField) -> None:
        if field.data and field.data not in set(MemberRole):
            raise ValidationError(_l("Choose one of the options."))
        if (self.name.data or "").strip() and not field.data:
            raise ValidationError(_l("Choose the role of this family member."))

    def filled(self) -> bool:
        return bool((self.name.data or "").strip() or self.role.data or self.born_on.data)


class ArrangementForm(WizardForm):
    # Set by the view before validating.
    allowed_municipalities: set[int] = set()
    allowed_providers: set[int] = set()
    team: set[int] = set()
    today: date = date.min

    municipality = SelectField(
        _l("Municipality of the family"),
        coerce=number_or_zero,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the municipality."))],
    )
    label = StringField(
        _l('What you call this family (initials only, for example "Gezin J.")'),
        validators=[
            InputRequired(message=_l('Fill in a short name, like "Gezin J.".')),
            Length(max=LABEL_MAX),
            no_full_name,
        ],
    )
    organisations = FieldList(FormField(OrganisationRow))
    members = FieldList(
        FormField(MemberRow), min_entries=FIRST_MEMBER_ROWS, max_entries=MAX_MEMBER_ROWS
    )
    contact = SelectField(
        _l("Proposed contact person"),
        coerce=number_or_zero,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose the contact person."))],
    )
    deputy = SelectField(
        _l("Deputy (stands in during absence)"), coerce=number_or_zero, validate_choice=False
    )
    second_contact = SelectField(
        _l("A second contact person (only with a reason)"),
        coerce=number_or_zero,
        validate_choice=False,
    )
    multiple_reason = TextAreaField(
        _l("Why the family needs more than one contact person"),
        validators=[Length(max=RULE_MAX, message=LENGTH)],
    )
    absence_rule = TextAreaField(
        _l("What the family does while the contact person is away (needed without a deputy)"),
        validators=[Length(max=RULE_MAX, message=LENGTH)],
    )

    def validate_municipality(self, field: SelectField) -> None:
        if field.data not in self.allowed_municipalities:
            raise ValidationError(ERROR["municipality"])

    def helpers(self) -> dict[int, int]:
        return {
            row.form.provider.data: row.form.helpers.data or 0
            for row in self.organisations
            if row.form.provider.data in self.allowed_providers
        }

    def validate_organisations(self, field: FieldList) -> None:
        if any(row.form.provider.data not in self.allowed_providers for row in field):
            raise ValidationError(_l("Choose from the organisations listed."))
        if sum(1 for n in self.helpers().values() if n > 0) < rules.MIN_ORGANISATIONS:
            raise ValidationError(ERROR["too_few_organisations"])

    def family(self) -> list[tuple[str, MemberRole, date | None]]:
        return [
            (row.form.name.data.strip(), MemberRole(row.form.role.data), row.form.born_on.data)
            for row in self.members
            if row.form.filled() and row.form.role.data in set(MemberRole)
        ]

    def validate_members(self, field: FieldList) -> None:
        from .service import NewMember, check_members

        if any(row.form.filled() and not (row.form.name.data or "").strip() for row in field):
            raise ValidationError(_l("Fill in initials or a nickname for every family member."))
        members = [NewMember(n, r, b) for n, r, b in self.family()]
        if problem := check_members(members, self.today):
            raise ValidationError(ERROR[problem])

    def validate_contact(self, field: SelectField) -> None:
        if field.data not in self.team:
            raise ValidationError(ERROR["not_in_team"])

    def validate_deputy(self, field: SelectField) -> None:
        if field.data and field.data not in self.team:
            raise ValidationError(ERROR["not_in_team"])
        if field.data and field.data in (self.contact.data, self.second_contact.data):
            raise ValidationError(ERROR["deputy_is_contact"])

    def validate_second_contact(self, field: SelectField) -> None:
        if field.data and field.data not in self.team:
            raise ValidationError(ERROR["not_in_team"])
        if field.data and field.data == self.contact.data:
            raise ValidationError(ERROR["same_contact"])

    def validate_multiple_reason(self, field: TextAreaField) -> None:
        if self.second_contact.data and not (field.data or "").strip():
            raise ValidationError(ERROR["reason_required"])

    def validate_absence_rule(self, field: TextAreaField) -> None:
        if not self.deputy.data and not (field.data or "").strip():
            raise ValidationError(ERROR["no_fallback"])


STEPS = [
    Step("start", ["municipality", "label"]),
    Step("organisations", ["organisations"]),
    Step("family", ["members"]),
    Step("contact", ["contact", "deputy", "second_contact", "multiple_reason", "absence_rule"]),
    Step("check", []),
]


# -- the arrangement page -------------------------------------------------------------


def _text(label: str, required: bool = False, max_length: int = TEXT_MAX) -> TextAreaField:
    checks = [InputRequired(message=_l("Write your answer."))] if required else []
    return TextAreaField(label, validators=[*checks, Length(max=max_length, message=LENGTH)])


class RespondForm(FlaskForm):
    reach = StringField(
        _l("How the family reaches you (phone, days)"), validators=[Length(max=120)]
    )


class RequestAnswerForm(FlaskForm):
    request = HiddenField(filters=[number_or_zero])
    text = _text(_l("Your answer (the family reads it)"), required=True)


class ResolveForm(FlaskForm):
    request = HiddenField(filters=[number_or_zero])
    text = _text(_l("What you agreed (the family reads it)"))


class HandoverForm(FlaskForm):
    person = SelectField(_l("New contact person"), coerce=number_or_zero, validate_choice=False)
    on = DateField(
        _l("Handover date: the current contact person stays until then"),
        validators=[InputRequired(message=_l("Fill in the handover date."))],
    )
    keep_current = BooleanField(_l("Keep the current contact person too"))
    reason = _text(_l("Reason for more than one contact person"), max_length=RULE_MAX)


class DeputyForm(FlaskForm):
    person = SelectField(_l("Deputy"), coerce=number_or_zero, validate_choice=False)


class AbsenceForm(FlaskForm):
    starts_on = DateField(
        _l("Away from"), validators=[InputRequired(message=_l("Fill in the first day."))]
    )
    ends_on = DateField(
        _l("Back after"), validators=[InputRequired(message=_l("Fill in the last day."))]
    )
    rule = _text(
        _l("What the family does meanwhile (needed without a deputy)"), max_length=RULE_MAX
    )


class RulesForm(FlaskForm):
    absence_rule = _text(
        _l("What the family does while the contact person is away"), max_length=RULE_MAX
    )
    reason = _text(_l("Reason for more than one contact person"), max_length=RULE_MAX)


class MemberCodeForm(FlaskForm):
    member = HiddenField(filters=[number_or_zero])


# -- the family page ----------------------------------------------------------------------


class FamilyCodeForm(FlaskForm):
    code = StringField(
        _l("The code on your card"),
        validators=[InputRequired(message=_l("Fill in the code from your card."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class ReasonForm(FlaskForm):
    reason = _text(_l("Would you like to tell why? (optional)"))


class EmailForm(FlaskForm):
    email = StringField(
        _l("Your e-mail address"),
        validators=[Length(max=254), EmailAddress()],
        render_kw={"autocomplete": "email", "type": "email"},
    )

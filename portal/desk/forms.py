"""Forms of the confidant desk and of the administrator's service setup."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from portal.admin.forms import CheckboxesField
from portal.complaints.forms import number_or_zero
from portal.confidant.desk import QueueFilter
from portal.confidant.labels import OUTCOME_LABELS
from portal.confidant.routing import FIRST_CONTACT_DAYS_MAX
from portal.confidant.service import TEXT_MAX
from portal.web.forms import required_text
from portal.web.wizard import RequiredRadioField


class QueueForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter stores nothing

    show = SelectField(
        _l("Show"),
        default=QueueFilter.OPEN.value,
        choices=[
            SelectChoice(QueueFilter.OPEN.value, _l("Open")),
            SelectChoice(QueueFilter.MINE.value, _l("Mine")),
            SelectChoice(QueueFilter.UNASSIGNED.value, _l("Without a trusted contact person")),
            SelectChoice(QueueFilter.CLOSED.value, _l("Closed")),
        ],
    )


class AssignForm(FlaskForm):
    assignee = SelectField(
        _l("Give to"),
        coerce=number_or_zero,
        validators=[InputRequired(message=_l("Choose a trusted contact person."))],
    )


class ReplyForm(FlaskForm):
    body = required_text(
        _l("Message (the requester reads this)"), _l("Write a message first."), TEXT_MAX
    )


class NoteForm(FlaskForm):
    body = required_text(_l("Internal note"), _l("Write a message first."), TEXT_MAX)


class ComplaintMessageForm(FlaskForm):
    body = required_text(
        _l("Message in the complaint (the organisation reads this)"),
        _l("Write a message first."),
        TEXT_MAX,
    )


class CloseForm(FlaskForm):
    outcome = RequiredRadioField(
        _l("Outcome"),
        choices=[SelectChoice(o.value, label) for o, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message=_l("Choose the outcome."))],
        invalid_choice_message=_l("Choose one of the options."),
    )


class ServiceForm(FlaskForm):
    national = BooleanField(
        _l("National service: answers for municipalities that no other service covers")
    )
    first_contact_days = IntegerField(
        _l("First contact within (working days)"),
        validators=[
            InputRequired(message=_l("Fill in the number of days.")),
            NumberRange(
                min=1,
                max=FIRST_CONTACT_DAYS_MAX,
                message=_l("Between 1 and %(max)d days.", max=FIRST_CONTACT_DAYS_MAX),
            ),
        ],
    )
    municipalities = CheckboxesField(_l("Municipalities it covers"), coerce=int)

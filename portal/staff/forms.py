from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, NumberRange, ValidationError

from portal.complaints.labels import OUTCOME_LABELS, STATUS_LABELS, THEME_LABELS
from portal.complaints.service import TEXT_MAX
from portal.complaints.workflow import InboxFilter
from portal.web.forms import required_text
from portal.web.wizard import RequiredRadioField


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[InputRequired(message=_l("Fill in your e-mail address."))],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Fill in your password."))],
        render_kw={"autocomplete": "current-password"},
    )


class TotpForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[InputRequired(message=_l("Fill in the 6-digit code."))],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class PasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[InputRequired(message=_l("Fill in your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    new = PasswordField(
        _l("New password (at least 12 characters)"),
        validators=[
            InputRequired(message=_l("Fill in a new password.")),
            Length(min=12, message=_l("Use at least 12 characters.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    repeat = PasswordField(
        _l("New password again"),
        validators=[EqualTo("new", message=_l("The two new passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class InboxForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter stores nothing

    show = SelectField(
        _l("Show"),
        default=InboxFilter.OPEN.value,
        choices=[
            SelectChoice(InboxFilter.OPEN.value, _l("Open")),
            SelectChoice(InboxFilter.NEW.value, _l("New")),
            SelectChoice(InboxFilter.DUE_SOON.value, _l("Due soon")),
            SelectChoice(InboxFilter.OVERDUE.value, _l("Overdue")),
            SelectChoice(InboxFilter.CLOSED.value, _l("Closed")),
            SelectChoice(InboxFilter.ALL.value, _l("All")),
        ],
    )
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice("", _l("Any status"))]
        + [SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()],
    )
    theme = SelectField(
        _l("Theme"),
        choices=[SelectChoice("", _l("Any theme"))]
        + [SelectChoice(t.value, label) for t, label in THEME_LABELS.items()],
    )


class MessageForm(FlaskForm):
    body = required_text(_l("Message"), _l("Write a message first."), TEXT_MAX)


class NoteForm(FlaskForm):
    body = required_text(_l("Internal note"), _l("Write a message first."), TEXT_MAX)


class ExtendForm(FlaskForm):
    days = IntegerField(
        _l("Extra days"),
        validators=[
            InputRequired(message=_l("Fill in the number of days.")),
            NumberRange(min=1, message=_l("At least 1 day.")),
        ],
    )
    reason = required_text(_l("Reason (the complainant reads this)"), _l("Give the reason."), 1000)

    def validate_days(self, field: IntegerField) -> None:
        longest = current_app.config["COMPLAINT_EXTENSION_MAX_DAYS"]
        if field.data is not None and field.data > longest:
            raise ValidationError(_l("At most %(days)d days.", days=longest))


class DecideForm(FlaskForm):
    outcome = RequiredRadioField(
        _l("Outcome"),
        choices=[SelectChoice(o.value, label) for o, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message=_l("Choose the outcome."))],
    )
    reasoning = required_text(
        _l("Reasoning (the complainant reads this)"), _l("Give the reasoning."), TEXT_MAX
    )


class MeasuresForm(FlaskForm):
    statement = required_text(
        _l("Statement of measures (the complainant reads this)"),
        _l("Write the statement."),
        TEXT_MAX,
    )

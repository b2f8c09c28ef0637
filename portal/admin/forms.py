from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Regexp

from portal.models import StaffRole


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


class ConfirmForm(FlaskForm):
    """A button with CSRF protection."""

"""Form pieces shared by the areas."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.messaging.addresses import valid_email

__all__ = ["ConfirmForm", "EmailAddress", "required_text", "valid_email"]


class EmailAddress:
    """WTForms validator: an empty field passes (pair it with InputRequired if needed)."""

    def __init__(self, message: Any = None) -> None:
        self.message = message or _l("Fill in an e-mail address like name@example.nl.")

    def __call__(self, _form: FlaskForm, field: Field) -> None:
        text = (field.data or "").strip()
        if text and not valid_email(text):
            raise ValidationError(self.message)


class ConfirmForm(FlaskForm):
    """A button with CSRF protection, for actions that need no input."""


def required_text(label: str, missing: str, max_length: int) -> TextAreaField:
    """A text area that must be filled in, with a length limit it explains."""
    return TextAreaField(
        label,
        validators=[
            InputRequired(message=missing),
            Length(
                max=max_length,
                message=_l("Please keep it under %(max)d characters.", max=max_length),
            ),
        ],
    )

"""Form pieces shared by the areas."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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

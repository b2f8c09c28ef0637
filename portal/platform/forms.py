from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length


class ReportCommentForm(FlaskForm):
    comment = TextAreaField(
        _l("Comment of the client platform"),
        description=_l("Printed in the report under its own heading. At most 4000 characters."),
        validators=[Length(max=4000, message=_l("Write at most 4000 characters."))],
    )


class CommentDecisionForm(FlaskForm):
    approve = SubmitField(_l("Share with the provider"))
    reject = SubmitField(_l("Do not share"))

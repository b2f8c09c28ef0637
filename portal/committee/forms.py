"""Forms of the complaints committee: hearing, extension and the judgement per part."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FieldList, Form, FormField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from portal.complaints.labels import OUTCOME_LABELS
from portal.complaints.service import TEXT_MAX
from portal.models import DecisionOutcome
from portal.staff.forms import ExtendForm
from portal.web.forms import required_text

PARTS = 3


class HearingForm(FlaskForm):
    hearing_on = DateField(
        _l("Date of the hearing"),
        validators=[InputRequired(message=_l("Fill in the date of the hearing."))],
    )
    both_sides_heard = BooleanField(_l("Both the complainant and the organisation were heard"))


class CommitteeExtendForm(ExtendForm):
    def validate_days(self, field) -> None:
        longest = current_app.config["COMPLAINT_COMMITTEE_EXTENSION_MAX_DAYS"]
        if field.data is not None and field.data > longest:
            raise ValidationError(_l("At most %(days)d days.", days=longest))


class PartForm(Form):
    summary = TextAreaField(
        _l("What this part of the complaint is about"), validators=[Length(max=1000)]
    )
    verdict = SelectField(
        _l("Verdict"),
        choices=[SelectChoice("", "–")]
        + [SelectChoice(o.value, label) for o, label in OUTCOME_LABELS.items()],
        validate_choice=False,  # an empty part is fine; JudgementForm checks the rest
    )


class JudgementForm(FlaskForm):
    parts = FieldList(FormField(PartForm), min_entries=PARTS, max_entries=PARTS)
    reasoning = required_text(
        _l("Reasoning (the complainant and the organisation read this)"),
        _l("Give the reasoning: a judgement must be reasoned."),
        TEXT_MAX,
    )
    recommendations = TextAreaField(
        _l("Recommendations (optional)"), validators=[Length(max=TEXT_MAX)]
    )

    def validate_parts(self, field: FieldList) -> None:
        verdicts = [entry.form.verdict.data or "" for entry in field.entries]
        if any(v and v not in set(DecisionOutcome) for v in verdicts):
            raise ValidationError(_l("Choose one of the options."))
        if not any(verdicts):
            raise ValidationError(_l("Give a verdict on at least one part of the complaint."))

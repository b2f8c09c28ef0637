"""Draw one report document as an HTML e-mail, a PDF (WeasyPrint) and a CSV.

All three come from the same ``annual.Report``, so they say the same. Always in
Dutch: the reader is the municipality.
"""

from __future__ import annotations

import csv
import io
import logging
from typing import Any

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.messaging.mail import Attachment
from portal.reporting.annual import REPORT_GROUPS, Report

from . import labels
from .service import Rendered

CSV_HEADER = ("section", "provider", "figure", "group", "value")


def html(report: Report) -> str:
    with force_locale("nl"):
        return render_template(
            "annual/report.html",
            report=report,
            labels=labels,
            groups=REPORT_GROUPS,
            positive=_positive,
            in_time=_in_time,
            trend_cell=_trend_cell,
            theme_complaints=lambda theme: _theme_complaints(report, theme),
        )


def pdf(page: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only reports need.
    from weasyprint import HTML

    # Its progress lines would fill the scheduler's log with one line per page step.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)

    return HTML(string=page).write_pdf()


def rows(report: Report) -> list[tuple[Any, ...]]:
    """The report's figures as flat rows, hidden cells as their marks."""
    found: list[tuple[Any, ...]] = []
    for provider in report.providers:
        found.append(("providers", provider.name, "answers", "all", provider.responses))
        for key in ("total", "formal", "informal", "anonymous"):
            found.append(("complaints", provider.name, key, "", provider.complaints.get(key, 0)))
        for rate, value in provider.complaints.get("rates", {}).items():
            found.append(("complaint_terms_percent", provider.name, rate, "", _blank(value)))
        for key, groups in provider.items.items():
            for group, value in groups.items():
                shown = value.get("positive") if isinstance(value, dict) else value
                found.append(("survey_percent_positive", provider.name, key, group, _blank(shown)))
    for section in ("complaints", "confidant", "families"):
        for key, value in report.residents.get(section, {}).items():
            if not isinstance(value, dict):
                found.append((f"residents_{section}", "", key, "", _blank(value)))
    for key, groups in report.region.items():
        for group, value in groups.items():
            found.append(
                ("region_percent_positive", "", key, group, value["positive"] if value else "")
            )
    return found


def csv_text(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Dutch spreadsheets expect ;
    writer.writerow(CSV_HEADER)
    writer.writerows(rows(report))
    return buffer.getvalue()


def render_report(report: Report) -> Rendered:
    page = html(report)
    name = f"klankbord-{report.year}-{report.cbs_code}"
    with force_locale("nl"):
        subject = _(
            "Annual report youth care %(year)d for %(municipality)s",
            year=report.year,
            municipality=report.municipality,
        )
        text = _(
            "The annual report youth care %(year)d for the municipality of %(municipality)s "
            "is in this e-mail and attached as a PDF and a CSV file. Figures about fewer "
            "than %(threshold)d people are not shown.",
            year=report.year,
            municipality=report.municipality,
            threshold=report.threshold,
        )
    return Rendered(
        subject=subject,
        text=text,
        html=page,
        attachments=(
            Attachment(f"{name}.pdf", "application/pdf", pdf(page)),
            Attachment(f"{name}.csv", "text/csv", csv_text(report).encode("utf-8-sig")),
        ),
    )


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _positive(value: Any, threshold: int) -> str:
    if isinstance(value, dict):
        return labels.figure(value.get("positive"), threshold, "%")
    return labels.figure(value, threshold)


def _in_time(complaints: dict[str, Any]) -> Any:
    rates = complaints.get("rates", {})
    plain, extended = rates.get("decided_in_time"), rates.get("decided_in_time_extended")
    if isinstance(plain, int) and isinstance(extended, int):
        return plain + extended
    return plain


def _trend_cell(row: dict[str, Any], threshold: int) -> str:
    found = row.get("headline")
    score = "–"
    if found:
        score = _positive(found[1], threshold)
    complaints = labels.figure(row.get("complaints"), threshold)
    return _("%(score)s · %(complaints)s complaints", score=score, complaints=complaints)


def _theme_complaints(report: Report, theme: str) -> Any:
    value = report.residents.get("complaints", {}).get("quality_themes", {}).get(theme)
    return None if value in (None, 0) else labels.figure(value, report.threshold)

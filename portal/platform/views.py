"""The client platform's dashboard: region figures of frozen years, read-only.

Platform members review aggregates, never an individual: every figure comes
from the protected snapshot (portal/reporting), every view is audited.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _

from portal.annual import labels
from portal.db import get_session
from portal.models import QualityTheme, StaffMember, StaffRole
from portal.reporting import dashboard
from portal.security.access import roles_required

from .export import csv_response, plain
from .scope import scope_of, viewed

blueprint = Blueprint("platform", __name__, url_prefix="/platform", template_folder="templates")

PLATFORM = (StaffRole.PLATFORM_MEMBER,)


@blueprint.context_processor
def signed_in_staff() -> dict[str, object]:
    """The workspace menu of staff/layout.html needs the signed-in member."""
    from portal.staff.auth import current_staff  # the staff package imports portal.security.access

    return {"staff": current_staff()}


def _wants_csv() -> bool:
    return request.args.get("format") == "csv"


@blueprint.get("/")
@roles_required(*PLATFORM)
def index(staff: StaffMember):
    db = get_session()
    scope = scope_of(db, staff)
    rows = dashboard.provider_rows(scope.providers)
    themes = dashboard.theme_headlines(scope.providers)
    viewed(db, staff, "index")
    if _wants_csv():
        return csv_response(
            f"klankbord-{scope.year}-providers.csv",
            ("provider", "answers", "headline_item", "headline_percent_positive", "complaints"),
            [
                (
                    r.name,
                    plain(r.responses),
                    r.headline_key or "",
                    plain(r.headline),
                    plain(r.complaints),
                )
                for r in rows
            ],
        )
    threshold = scope.snapshot.threshold if scope.snapshot else 0
    return render_template(
        "platform/index.html",
        scope=scope,
        rows=rows,
        themes=themes,
        labels=labels,
        bars=[bar(row.name, row.headline, threshold) for row in rows],
    )


def bar(label: str, figure: object, threshold: int) -> tuple[str, int | None, str]:
    """One bar of a chart: a shown percentage, or no bar and the mark as text."""
    value = figure.get("positive") if isinstance(figure, dict) else figure
    if isinstance(value, int):
        return label, value, f"{value}%"
    return label, None, labels.figure(value, threshold)


@blueprint.get("/providers/<int:provider_id>")
@roles_required(*PLATFORM)
def provider(staff: StaffMember, provider_id: int):
    db = get_session()
    scope = scope_of(db, staff)
    content = scope.providers.get(provider_id) or abort(404)
    points = dashboard.trend(db, provider_id, scope.year)
    viewed(db, staff, "provider", ("provider", provider_id))
    items = content["survey"].get("items", {})
    if _wants_csv():
        return csv_response(
            f"klankbord-{scope.year}-provider-{provider_id}.csv",
            dashboard.ITEM_CSV_HEADER,
            dashboard.item_rows(items),
        )
    return render_template(
        "platform/provider.html",
        scope=scope,
        content=content,
        items=items,
        groups=dashboard.groups(),
        points=points,
        labels=labels,
        provider_id=provider_id,
        trend_bars_of=trend_bars,
    )


@blueprint.get("/themes/<theme>")
@roles_required(*PLATFORM)
def theme(staff: StaffMember, theme: str):
    if theme not in {t.value for t in QualityTheme}:
        abort(404)
    db = get_session()
    scope = scope_of(db, staff)
    keys, rows = dashboard.theme_table(scope.providers, theme)
    viewed(db, staff, f"theme_{theme}"[:40])
    if _wants_csv():
        return csv_response(
            f"klankbord-{scope.year}-{theme}.csv",
            ("provider", *keys),
            [(name, *(plain(figures[k]) for k in keys)) for name, figures in rows],
        )
    return render_template(
        "platform/theme.html", scope=scope, theme=theme, keys=keys, rows=rows, labels=labels
    )


@blueprint.get("/method")
@roles_required(*PLATFORM)
def method(staff: StaffMember):
    viewed(get_session(), staff, "method")
    return render_template("platform/method.html", title=_("How the figures are made"))


def trend_bars(points: list[dashboard.TrendPoint], threshold: int) -> list:
    return [bar(str(point.year), point.figure, threshold) for point in points]

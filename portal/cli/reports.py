"""`flask reports`: build, preview and follow the annual reports by hand."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from portal.annual import render, service
from portal.annual.jobs import schedule_from, settings_from
from portal.db import get_session
from portal.models import AnnualReport, Municipality
from portal.reporting import annual, snapshots
from portal.reporting.cube import build_year
from portal.timeutil import utcnow

reports_group = AppGroup("reports", help="Annual reports to municipalities.")


def _municipality(code: str) -> Municipality:
    found = get_session().exec(select(Municipality).where(Municipality.cbs_code == code)).first()
    if found is None:
        raise click.BadParameter(
            f"no municipality with CBS code {code!r}", param_hint="--municipality"
        )
    return found


@reports_group.command("build")
@click.option("--year", type=int, required=True)
@click.option("--municipality", "code", default=None, help="CBS code, e.g. GM0344.")
@click.option("--dry-run", is_flag=True, help="Compute and show; write nothing.")
@click.option("--correction", default="", help="Freeze a new version of the year, for this reason.")
def build(year: int, code: str | None, dry_run: bool, correction: str) -> None:
    """Freeze YEAR (once) and make the drafts; they go out on the send date."""
    db = get_session()
    settings = settings_from(current_app.config)
    only = _municipality(code) if code else None
    if dry_run:
        figures = build_year(db, year, settings)
        db.rollback()
        scopes = [s for s in figures.parts if only is None or s == f"municipality:{only.id}"]
        click.echo(f"{year}: {len(figures.parts)} scopes computed, K={settings.threshold}")
        for scope in scopes[:50]:
            click.echo(f"  {scope}: {figures.parts[scope].get('name', '')}")
        click.echo("dry run: nothing written")
        return
    try:
        if correction:
            snapshot = snapshots.freeze(db, year, settings, utcnow(), correction)
            click.echo(
                "nothing changed" if snapshot is None else f"froze {year} v{snapshot.version}"
            )
        else:
            snapshot = service.ensure_frozen(db, year, settings, utcnow())
            click.echo(f"{year} frozen as v{snapshot.version}" if snapshot else "no snapshot")
    except snapshots.YearNotClosed as error:
        raise click.ClickException(str(error)) from error
    made = service.prepare_drafts(db, year, utcnow(), only)
    click.echo(f"drafts made: {made}")


@reports_group.command("preview")
@click.option("--year", type=int, required=True)
@click.option("--municipality", "code", required=True, help="CBS code, e.g. GM0344.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def preview(year: int, code: str, out: Path) -> None:
    """Write the report of a frozen year as a PDF (or HTML/CSV by the file's extension)."""
    db = get_session()
    snapshot = snapshots.latest(db, year)
    if snapshot is None:
        raise click.ClickException(
            f"{year} is not frozen yet: run `flask reports build --year {year}`"
        )
    report = annual.build(db, snapshot, _municipality(code))
    page = render.html(report)
    if out.suffix == ".html":
        out.write_text(page, encoding="utf-8")
    elif out.suffix == ".csv":
        out.write_text(render.csv_text(report), encoding="utf-8-sig")
    else:
        out.write_bytes(render.pdf(page))
    click.echo(f"wrote {out}")


@reports_group.command("status")
@click.option("--year", type=int, required=True)
def status(year: int) -> None:
    """What was frozen, drafted, sent or failed for YEAR, and what needs attention."""
    db = get_session()
    schedule = schedule_from(current_app.config)
    snapshot = snapshots.latest(db, year)
    click.echo(
        f"{year}: drafts from {schedule.draft_day(year)}, sent on {schedule.send_day(year)}; "
        + (f"frozen v{snapshot.version} on {snapshot.created_on}" if snapshot else "not frozen")
    )
    for line in service.problems(db, year):
        click.echo(f"  ! {line}")
    new, gone = annual.series_breaks(annual.Year(db), year)
    if new or gone:
        click.echo(
            f"  series: new questions {', '.join(new) or '-'}; no longer asked "
            f"{', '.join(gone) or '-'} (their series start again, never mixed)"
        )
    rows = db.exec(
        select(AnnualReport, Municipality)
        .join(Municipality, Municipality.id == AnnualReport.municipality_id)
        .where(AnnualReport.year == year)
        .order_by(Municipality.name, AnnualReport.version)
    ).all()
    for report, municipality in rows:
        line = f"  {municipality.cbs_code} {municipality.name}: v{report.version} {report.state}"
        if report.sent_on:
            line += f" on {report.sent_on}"
        click.echo(line + (f" ({report.problem})" if report.problem else ""))

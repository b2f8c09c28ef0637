from __future__ import annotations

import random

import click
from flask import current_app
from flask.cli import AppGroup

from portal.db import get_session
from portal.demo import complaints as demo_complaints
from portal.demo import confidant as demo_confidant
from portal.demo import families as demo_families
from portal.demo import region as demo
from portal.demo import reports as demo_reports
from portal.timeutil import dutch_day, utcnow

demo_group = AppGroup("demo", help="Demo data for a newcomer's first look.")


@demo_group.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when there are providers already.")
@click.option("--responses", default=400, show_default=True)
@click.option("--seed", default=2026, show_default=True)
def load(if_empty: bool, responses: int, seed: int) -> None:
    """Create municipalities, providers, the questionnaire and survey answers."""
    # Demo staff share a published password: never in a real database.
    if current_app.config["KLANKBORD_ENV"] == "production":
        raise click.ClickException("not available in production")
    db = get_session()
    if if_empty and demo.has_data(db):
        click.echo("Demo data: the database has data already; nothing loaded.")
        return
    rng = random.Random(seed)
    summary = demo.load(db, current_app.config["CODE_PEPPER"], dutch_day(utcnow()), rng, responses)
    click.echo(summary)
    demo_complaints.create_staff(db, utcnow())
    secret = current_app.config["CODE_PEPPER"]
    count = demo_complaints.create_complaints(db, secret, utcnow(), rng)
    click.echo(f"Demo complaints: {count}, in every state.")
    base_url = current_app.config["PUBLIC_BASE_URL"]
    click.echo(demo_confidant.load(db, secret, utcnow(), base_url))
    click.echo(demo_families.load(db, secret, utcnow(), base_url))
    threshold = current_app.config["SMALL_GROUP_THRESHOLD"]
    click.echo(demo_reports.load(db, utcnow(), rng, demo_complaints.DEMO_PASSWORD, threshold))


@demo_group.command("logins")
def logins() -> None:
    """Print the demo staff logins, when the demo data is loaded."""
    db = get_session()
    emails = demo_complaints.demo_logins(db)
    if not emails:
        return
    click.echo(f"Demo staff logins (password {demo_complaints.DEMO_PASSWORD!r}):")
    for email in emails:
        click.echo(f"  {email}")
    click.echo(
        "Second factor: `.venv/bin/flask --app app users code EMAIL` prints the current code."
    )
    for line in demo_families.code_lines(db, current_app.config["CODE_PEPPER"]):
        click.echo(line)

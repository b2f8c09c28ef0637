from __future__ import annotations

import random
from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from portal import demo
from portal.db import get_session

demo_group = AppGroup("demo", help="Demo data for a newcomer's first look.")


@demo_group.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when there are providers already.")
@click.option("--responses", default=400, show_default=True)
@click.option("--seed", default=2026, show_default=True)
def load(if_empty: bool, responses: int, seed: int) -> None:
    """Create municipalities, providers, the questionnaire and survey answers."""
    db = get_session()
    if if_empty and demo.has_data(db):
        click.echo("Demo data: the database has data already; nothing loaded.")
        return
    summary = demo.load(
        db, current_app.config["SECRET_KEY"], date.today(), random.Random(seed), responses
    )
    click.echo(summary)

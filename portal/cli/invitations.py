from __future__ import annotations

from pathlib import Path

import click
from flask import current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.db import get_session
from portal.survey import invitations, service
from portal.timeutil import dutch_day, utcnow

invitations_group = AppGroup("invitations", help="Single-use survey invitation codes.")


@invitations_group.command("create")
@click.option("--provider", "slug", required=True, help="The provider's short name (slug).")
@click.option("--count", default=50, show_default=True, type=click.IntRange(1, 5000))
@click.option("--label", default="", help="A note for the batch, e.g. the team or month.")
@click.option(
    "--sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the printable sheet of cards (HTML). Codes are shown only once.",
)
@click.option("--language", default="nl", show_default=True, type=click.Choice(["nl", "en"]))
def create(slug: str, count: int, label: str, sheet: Path, language: str) -> None:
    """Create a batch of codes for PROVIDER and write the printable cards."""
    db = get_session()
    provider = service.provider_by_slug(db, slug)
    if provider is None:
        raise click.BadParameter(f"no provider with slug {slug!r}", param_hint="--provider")
    batch, codes = service.create_invitation_batch(
        db, provider, count, current_app.config["CODE_PEPPER"], dutch_day(utcnow()), label
    )
    cards = invitations.cards(codes, current_app.config["PUBLIC_BASE_URL"])
    with force_locale(language):
        html = render_template(
            "survey/invitation_sheet.html", provider=provider, cards=cards, language=language
        )
    sheet.write_text(html, encoding="utf-8")
    click.echo(f"Batch {batch.id}: {count} codes for {provider.name}, cards in {sheet}")

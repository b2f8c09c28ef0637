from __future__ import annotations

import click
import pyotp
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from portal.db import get_session
from portal.models import StaffMember, StaffRole
from portal.operations import scheduler
from portal.security import accounts
from portal.survey import service
from portal.timeutil import utcnow

users_group = AppGroup("users", help="Staff accounts.")
scheduler_group = AppGroup("scheduler", help="The scheduler process.")
jobs_group = AppGroup("jobs", help="Run one scheduled job now.")


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in StaffRole]), default="provider")
@click.option("--provider", "slug", help="The provider's slug, for provider staff.")
@click.password_option(help="At least 12 characters.")
def create_user(email: str, name: str, role: str, slug: str | None, password: str) -> None:
    """Create a staff account and print its authenticator set-up link (shown once)."""
    db = get_session()
    provider = service.provider_by_slug(db, slug) if slug else None
    if slug and provider is None:
        raise click.BadParameter(f"no provider with slug {slug!r}", param_hint="--provider")
    try:
        staff = accounts.create_staff(
            db,
            email,
            name,
            StaffRole(role),
            password,
            utcnow(),
            provider.id if provider else None,
        )
    except accounts.AccountError as error:
        raise click.ClickException(error.reason.replace("_", " ")) from error
    click.echo(f"Created {staff.email}. Add this to an authenticator app:")
    click.echo(accounts.provisioning_uri(staff))


@users_group.command("code")
@click.argument("email")
def current_code(email: str) -> None:
    """Print a demo account's current TOTP code (development only)."""
    if current_app.config["KLANKBORD_ENV"] == "production":
        raise click.ClickException("not available in production")
    staff = (
        get_session().exec(select(StaffMember).where(StaffMember.email == email.lower())).first()
    )
    if staff is None:
        raise click.ClickException("no such account")
    click.echo(pyotp.TOTP(staff.totp_secret).now())


@scheduler_group.command("run")
def run_scheduler() -> None:
    """Run the scheduler in this process until stopped (one per deployment).

    SIGTERM or Ctrl-C lets a running job finish first.
    """
    click.echo("Scheduler running (Dutch time): " + ", ".join(scheduler.JOBS))
    scheduler.serve(current_app._get_current_object())
    click.echo("Scheduler stopped.")


@jobs_group.command("run")
@click.argument("name", type=click.Choice(list(scheduler.JOBS)))
def run_job(name: str) -> None:
    """Run one scheduled job now, e.g. `flask jobs run send_outbox`."""
    click.echo(scheduler.run_job(current_app._get_current_object(), name))

"""Flask CLI groups: db, questionnaires, demo, invitations, users, scheduler, jobs, backup,
reports."""

from __future__ import annotations

from flask import Flask

from .backup import backup_group
from .database import db_group, questionnaires_group
from .demo import demo_group
from .invitations import invitations_group
from .operations import jobs_group, scheduler_group, users_group
from .reports import reports_group


def init_app(app: Flask) -> None:
    groups = (
        db_group,
        questionnaires_group,
        demo_group,
        invitations_group,
        users_group,
        scheduler_group,
        jobs_group,
        backup_group,
        reports_group,
    )
    for group in groups:
        app.cli.add_command(group)

"""Flask CLI groups: db, questionnaires, demo and invitations."""

from __future__ import annotations

from flask import Flask

from .database import db_group, questionnaires_group
from .demo import demo_group
from .invitations import invitations_group


def init_app(app: Flask) -> None:
    for group in (db_group, questionnaires_group, demo_group, invitations_group):
        app.cli.add_command(group)

"""confidant services, requests and their threads

Revision ID: c9c0ffee0009
Revises: a7c0ffee0007
Create Date: 2026-11-23 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = 'c9c0ffee0009'
down_revision: str | None = 'a7c0ffee0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

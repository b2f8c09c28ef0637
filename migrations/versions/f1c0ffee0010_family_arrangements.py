"""family arrangements: contact person and deputy

Revision ID: f1c0ffee0010
Revises: c9c0ffee0009
Create Date: 2026-11-23 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = 'f1c0ffee0010'
down_revision: str | None = 'c9c0ffee0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

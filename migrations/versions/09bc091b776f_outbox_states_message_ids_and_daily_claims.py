"""outbox states, message ids and claims; one daily job run per day

Revision ID: 09bc091b776f
Revises: 87a47e2c4ac6
Create Date: 2026-11-23 10:00:00.000000
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '09bc091b776f'
down_revision: str | None = '87a47e2c4ac6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTBOX_STATE = sa.Enum('queued', 'sent', 'failed', 'resolved', name='outboxstate', native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', OUTBOX_STATE, nullable=False, server_default='queued'))
        batch_op.add_column(sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_outboxmail_state'), ['state'], unique=False)

    # Rows from before: sent is sent; the old sender gave up after 8 attempts.
    op.execute("UPDATE outboxmail SET state = 'sent' WHERE sent_at IS NOT NULL")
    op.execute("UPDATE outboxmail SET state = 'failed' WHERE sent_at IS NULL AND attempts >= 8")
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM outboxmail")).scalars().all()
    for mail_id in ids:
        connection.execute(
            sa.text("UPDATE outboxmail SET message_id = :message_id WHERE id = :id"),
            {"message_id": f"<{secrets.token_hex(16)}@klankbord.invalid>", "id": mail_id},
        )

    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False)
        batch_op.alter_column('state', existing_type=OUTBOX_STATE, server_default=None)

    with op.batch_alter_table('jobrun', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scheduled_day', sa.Date(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_jobrun_job_scheduled_day'), ['job', 'scheduled_day'])


def downgrade() -> None:
    with op.batch_alter_table('jobrun', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_jobrun_job_scheduled_day'), type_='unique')
        batch_op.drop_column('scheduled_day')

    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outboxmail_state'))
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('message_id')
        batch_op.drop_column('state')

"""anonymity: audit subjects, answer release, complaint handles and references

Revision ID: a7c0ffee0007
Revises: 09bc091b776f
Create Date: 2026-11-23 12:00:00.000000
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = 'a7c0ffee0007'
down_revision: str | None = '09bc091b776f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_auditentry_subject', ['subject_type', 'subject_id'], unique=False)
    op.create_table(
        'digestitem',
        sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('area', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('subject_ref', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint('recipient', 'area', 'subject_ref', name=op.f('pk_digestitem')),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'waitingresponse',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('payload', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_waitingresponse')),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table('waitingresponse', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waitingresponse_received_on'), ['received_on'], unique=False)
    op.create_table(
        'complainthandle',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('created_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complainthandle_complaint_id_complaint'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complainthandle')),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table('complainthandle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complainthandle_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complainthandle_created_on'), ['created_on'], unique=False)
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_activity_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_complaint_last_activity_on'), ['last_activity_on'], unique=False)
    # Retention now counts from the last activity; before, closing was the last one known.
    op.execute("UPDATE complaint SET last_activity_on = COALESCE(closed_on, received_on)")

    # Per-provider numbers and random URL keys instead of the global id.
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaints_numbered', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True))
        batch_op.add_column(sa.Column('provider_number', sa.Integer(), nullable=False, server_default='0'))
    connection = op.get_bind()
    numbered: dict[int, int] = {}
    rows = connection.execute(sa.text("SELECT id, provider_id FROM complaint ORDER BY id")).all()
    for complaint_id, provider_id in rows:
        numbered[provider_id] = numbered.get(provider_id, 0) + 1
        connection.execute(
            sa.text("UPDATE complaint SET key = :key, provider_number = :number WHERE id = :id"),
            {"key": secrets.token_urlsafe(12), "number": numbered[provider_id], "id": complaint_id},
        )
    for provider_id, count in numbered.items():
        connection.execute(
            sa.text("UPDATE provider SET complaints_numbered = :count WHERE id = :id"),
            {"count": count, "id": provider_id},
        )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False)
        batch_op.alter_column('provider_number', server_default=None)
        batch_op.create_unique_constraint(batch_op.f('uq_complaint_key'), ['key'])
        batch_op.create_unique_constraint(batch_op.f('uq_complaint_provider_id_provider_number'), ['provider_id', 'provider_number'])
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.alter_column('complaints_numbered', server_default=None)

    # Messages keep their order in a position of their own; new ids are random
    # (64-bit on PostgreSQL; SQLite's INTEGER key is 64-bit already).
    with op.batch_alter_table('complaintmessage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))
    op.execute(
        "UPDATE complaintmessage SET position = (SELECT COUNT(*) FROM complaintmessage AS m "
        "WHERE m.complaint_id = complaintmessage.complaint_id AND m.id <= complaintmessage.id)"
    )
    with op.batch_alter_table('complaintmessage', schema=None) as batch_op:
        batch_op.alter_column('position', server_default=None)
    if op.get_bind().dialect.name == 'postgresql':
        for table in ('complaintmessage', 'outboxmail'):
            op.alter_column(table, 'id', type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in ('complaintmessage', 'outboxmail'):
            # Random ids do not fit 32 bits: only an empty table goes back.
            op.alter_column(table, 'id', type_=sa.Integer(), existing_nullable=False)
    with op.batch_alter_table('complaintmessage', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.drop_column('complaints_numbered')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_complaint_provider_id_provider_number'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_complaint_key'), type_='unique')
        batch_op.drop_column('provider_number')
        batch_op.drop_column('key')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_last_activity_on'))
        batch_op.drop_column('last_activity_on')
    op.drop_table('complainthandle')
    op.drop_table('waitingresponse')
    op.drop_table('digestitem')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index('ix_auditentry_subject')
        batch_op.drop_column('subject_id')
        batch_op.drop_column('subject_type')

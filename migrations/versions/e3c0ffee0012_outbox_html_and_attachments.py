"""outbox html and attachments

Revision ID: e3c0ffee0012
Revises: e2c0ffee0011
Create Date: 2026-11-23 13:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = 'e3c0ffee0012'
down_revision: str | None = 'e2c0ffee0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outboxattachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mail_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['mail_id'], ['outboxmail.id'], name=op.f('fk_outboxattachment_mail_id_outboxmail'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outboxattachment'))
    )
    with op.batch_alter_table('outboxattachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outboxattachment_mail_id'), ['mail_id'], unique=False)

    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('html_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('annual_report_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outboxmail_annual_report_id'), ['annual_report_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outboxmail_annual_report_id_annualreport'), 'annualreport', ['annual_report_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('outboxmail', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outboxmail_annual_report_id_annualreport'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outboxmail_annual_report_id'))
        batch_op.drop_column('annual_report_id')
        batch_op.drop_column('html_body')

    with op.batch_alter_table('outboxattachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outboxattachment_mail_id'))

    op.drop_table('outboxattachment')

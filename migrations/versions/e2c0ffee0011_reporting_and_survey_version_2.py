"""reporting and survey version 2

Revision ID: e2c0ffee0011
Revises: f1c0ffee0010
Create Date: 2026-11-23 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = 'e2c0ffee0011'
down_revision: str | None = 'f1c0ffee0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reportsnapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('changes', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reportsnapshot')),
    sa.UniqueConstraint('year', 'version', name=op.f('uq_reportsnapshot_year_version'))
    )
    with op.batch_alter_table('reportsnapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reportsnapshot_year'), ['year'], unique=False)

    op.create_table('snapshotpart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('content', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['reportsnapshot.id'], name=op.f('fk_snapshotpart_snapshot_id_reportsnapshot'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshotpart')),
    sa.UniqueConstraint('snapshot_id', 'scope', name=op.f('uq_snapshotpart_snapshot_id_scope'))
    )
    with op.batch_alter_table('snapshotpart', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshotpart_snapshot_id'), ['snapshot_id'], unique=False)

    op.create_table('annualreport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('draft', 'held', 'approved', 'queued', 'sent', 'failed', name='reportstate', native_enum=False, length=32), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('queued_on', sa.Date(), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('platform_comment', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('comment_by_id', sa.Integer(), nullable=True),
    sa.Column('problem', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['comment_by_id'], ['staffmember.id'], name=op.f('fk_annualreport_comment_by_id_staffmember')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_annualreport_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['reportsnapshot.id'], name=op.f('fk_annualreport_snapshot_id_reportsnapshot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annualreport')),
    sa.UniqueConstraint('municipality_id', 'year', 'version', name=op.f('uq_annualreport_municipality_id_year_version'))
    )
    with op.batch_alter_table('annualreport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annualreport_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annualreport_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_annualreport_year'), ['year'], unique=False)

    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_municipality_merged_into_id_municipality'), 'municipality', ['merged_into_id'], ['id'])

    with op.batch_alter_table('surveyanswer', schema=None, table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.add_column(sa.Column('not_applicable', sa.Boolean(), nullable=False, server_default=sa.false()))

    # The survey tables have no rowid (their storage order must not date an answer); a
    # batch rebuild on SQLite has to keep it that way.
    with op.batch_alter_table('surveyresponse', schema=None, table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.add_column(sa.Column('municipality_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('care_type', sa.Enum('ambulatory', 'day_treatment', 'foster_care', 'family_home', 'residential', 'youth_protection', 'youth_probation', 'local_team', name='caretype', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('age_band', sa.Enum('12-15', '16-17', '18+', name='ageband', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('safety_signal', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('comment_review', sa.Enum('pending', 'approved', 'rejected', name='commentreview', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('comment_shared_year', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_surveyresponse_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_surveyresponse_municipality_id_municipality'), 'municipality', ['municipality_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('surveyresponse', schema=None, table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_surveyresponse_municipality_id_municipality'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_surveyresponse_municipality_id'))
        batch_op.drop_column('comment_shared_year')
        batch_op.drop_column('comment_review')
        batch_op.drop_column('safety_signal')
        batch_op.drop_column('age_band')
        batch_op.drop_column('care_type')
        batch_op.drop_column('municipality_id')

    with op.batch_alter_table('surveyanswer', schema=None, table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.drop_column('not_applicable')

    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_municipality_merged_into_id_municipality'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')

    with op.batch_alter_table('annualreport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annualreport_year'))
        batch_op.drop_index(batch_op.f('ix_annualreport_state'))
        batch_op.drop_index(batch_op.f('ix_annualreport_municipality_id'))

    op.drop_table('annualreport')
    with op.batch_alter_table('snapshotpart', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshotpart_snapshot_id'))

    op.drop_table('snapshotpart')
    with op.batch_alter_table('reportsnapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reportsnapshot_year'))

    op.drop_table('reportsnapshot')

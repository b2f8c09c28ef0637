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
    op.create_table('confidantcoverage',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_confidantcoverage_municipality_id_municipality'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['organisation.id'], name=op.f('fk_confidantcoverage_service_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_id', 'municipality_id', name=op.f('pk_confidantcoverage'))
    )
    with op.batch_alter_table('confidantcoverage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confidantcoverage_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('confidantservice',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('national', sa.Boolean(), nullable=False),
    sa.Column('first_contact_days', sa.Integer(), nullable=False),
    sa.Column('requests_numbered', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_confidantservice_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_confidantservice'))
    )
    op.create_table('confidantrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('service_number', sa.Integer(), nullable=False),
    sa.Column('receipt_digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('complaint_consent', sa.Enum('none', 'read', 'write', name='complaintconsent', native_enum=False, length=32), nullable=False),
    sa.Column('consent_changed_on', sa.Date(), nullable=True),
    sa.Column('topic', sa.Enum('complaint', 'local_team', 'waiting', 'rights', 'safety', 'other', name='requesttopic', native_enum=False, length=32), nullable=False),
    sa.Column('requester_role', sa.Enum('youth', 'parent', 'foster_parent', 'guardian', 'other', name='requesterrole', native_enum=False, length=32), nullable=False),
    sa.Column('question', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=True),
    sa.Column('contact_method', sa.Enum('portal', 'email', 'callback', name='contactmethod', native_enum=False, length=32), nullable=False),
    sa.Column('contact_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('contact_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('callback_window', sa.Enum('morning', 'afternoon', 'any', name='callbackwindow', native_enum=False, length=32), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('status', sa.Enum('new', 'assigned', 'in_contact', 'closed', name='requeststatus', native_enum=False, length=32), nullable=False),
    sa.Column('outcome', sa.Enum('information', 'informal_solution', 'formal_complaint', 'referred', 'no_contact', 'withdrawn', name='requestoutcome', native_enum=False, length=32), nullable=True),
    sa.Column('assigned_to', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('first_contact_due_on', sa.Date(), nullable=False),
    sa.Column('first_contact_on', sa.Date(), nullable=True),
    sa.Column('days_to_first_contact', sa.Integer(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('last_activity_on', sa.Date(), nullable=False),
    sa.Column('texts_deleted_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_to'], ['staffmember.id'], name=op.f('fk_confidantrequest_assigned_to_staffmember')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_confidantrequest_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_confidantrequest_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_confidantrequest_provider_id_provider')),
    sa.ForeignKeyConstraint(['service_id'], ['organisation.id'], name=op.f('fk_confidantrequest_service_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confidantrequest')),
    sa.UniqueConstraint('key', name=op.f('uq_confidantrequest_key')),
    sa.UniqueConstraint('receipt_digest', name=op.f('uq_confidantrequest_receipt_digest')),
    sa.UniqueConstraint('service_id', 'service_number', name=op.f('uq_confidantrequest_service_id_service_number'))
    )
    with op.batch_alter_table('confidantrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confidantrequest_assigned_to'), ['assigned_to'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_closed_on'), ['closed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_last_activity_on'), ['last_activity_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_service_id'), ['service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantrequest_status'), ['status'], unique=False)

    op.create_table('confidantaccess',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['confidantrequest.id'], name=op.f('fk_confidantaccess_request_id_confidantrequest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confidantaccess')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('confidantaccess', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confidantaccess_created_on'), ['created_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_confidantaccess_request_id'), ['request_id'], unique=False)

    op.create_table('confidantmessage',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('author', sa.Enum('requester', 'confidant', name='confidantauthor', native_enum=False, length=32), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['confidantrequest.id'], name=op.f('fk_confidantmessage_request_id_confidantrequest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staffmember.id'], name=op.f('fk_confidantmessage_staff_id_staffmember')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confidantmessage'))
    )
    with op.batch_alter_table('confidantmessage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confidantmessage_request_id'), ['request_id'], unique=False)

    op.create_table('confidantreminder',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['confidantrequest.id'], name=op.f('fk_confidantreminder_request_id_confidantrequest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'due_on', name=op.f('pk_confidantreminder'))
    )


def downgrade() -> None:
    op.drop_table('confidantreminder')
    with op.batch_alter_table('confidantmessage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confidantmessage_request_id'))

    op.drop_table('confidantmessage')
    with op.batch_alter_table('confidantaccess', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confidantaccess_request_id'))
        batch_op.drop_index(batch_op.f('ix_confidantaccess_created_on'))

    op.drop_table('confidantaccess')
    with op.batch_alter_table('confidantrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confidantrequest_status'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_service_id'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_received_on'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_provider_id'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_last_activity_on'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_complaint_id'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_closed_on'))
        batch_op.drop_index(batch_op.f('ix_confidantrequest_assigned_to'))

    op.drop_table('confidantrequest')
    op.drop_table('confidantservice')
    with op.batch_alter_table('confidantcoverage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confidantcoverage_municipality_id'))

    op.drop_table('confidantcoverage')

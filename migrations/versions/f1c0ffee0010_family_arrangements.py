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
    op.create_table('familyarrangement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'agreed', 'disputed', 'ended', name='arrangementstate', native_enum=False, length=32), nullable=False),
    sa.Column('proposal_round', sa.Integer(), nullable=False),
    sa.Column('absence_rule', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('multiple_contacts_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('proposed_on', sa.Date(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('days_to_agreement', sa.Integer(), nullable=True),
    sa.Column('agreed_with_deputy', sa.Boolean(), nullable=False),
    sa.Column('family_confirmed', sa.Boolean(), nullable=False),
    sa.Column('change_requests', sa.Integer(), nullable=False),
    sa.Column('disputes', sa.Integer(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('purged_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_familyarrangement_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['made_by_id'], ['staffmember.id'], name=op.f('fk_familyarrangement_made_by_id_staffmember')),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_familyarrangement_provider_id_provider')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familyarrangement'))
    )
    with op.batch_alter_table('familyarrangement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familyarrangement_ended_on'), ['ended_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyarrangement_made_by_id'), ['made_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyarrangement_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyarrangement_proposed_on'), ['proposed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyarrangement_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyarrangement_state'), ['state'], unique=False)
    op.create_table('familycontact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('contact', 'deputy', name='contactrole', native_enum=False, length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('answer', sa.Enum('pending', 'accepted', 'discuss', name='contactanswer', native_enum=False, length=32), nullable=False),
    sa.Column('reach', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familycontact_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staffmember.id'], name=op.f('fk_familycontact_staff_id_staffmember')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familycontact'))
    )
    with op.batch_alter_table('familycontact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familycontact_arrangement_id'), ['arrangement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familycontact_staff_id'), ['staff_id'], unique=False)
    op.create_table('familymember',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('role', sa.Enum('youth', 'parent_with_authority', 'parent_without_authority', 'foster_parent', 'guardian', 'network', name='memberrole', native_enum=False, length=32), nullable=False),
    sa.Column('born_on', sa.Date(), nullable=True),
    sa.Column('code_digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('answer', sa.Enum('confirmed', 'other', 'disagree', name='memberanswer', native_enum=False, length=32), nullable=True),
    sa.Column('answer_round', sa.Integer(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('parents_may_read', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familymember_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familymember')),
    sa.UniqueConstraint('code_digest', name=op.f('uq_familymember_code_digest'))
    )
    with op.batch_alter_table('familymember', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familymember_arrangement_id'), ['arrangement_id'], unique=False)
    op.create_table('familyorganisation',
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('helpers', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familyorganisation_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_familyorganisation_provider_id_provider')),
    sa.PrimaryKeyConstraint('arrangement_id', 'provider_id', name=op.f('pk_familyorganisation'))
    )
    with op.batch_alter_table('familyorganisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familyorganisation_provider_id'), ['provider_id'], unique=False)
    op.create_table('familyabsence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familyabsence_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['familycontact.id'], name=op.f('fk_familyabsence_contact_id_familycontact'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familyabsence'))
    )
    with op.batch_alter_table('familyabsence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familyabsence_arrangement_id'), ['arrangement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyabsence_contact_id'), ['contact_id'], unique=False)
    op.create_table('familyevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familyevent_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['familymember.id'], name=op.f('fk_familyevent_member_id_familymember'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['staff_id'], ['staffmember.id'], name=op.f('fk_familyevent_staff_id_staffmember')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familyevent'))
    )
    with op.batch_alter_table('familyevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familyevent_arrangement_id'), ['arrangement_id'], unique=False)
    op.create_table('familyrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('change', 'disagree', name='requestkind', native_enum=False, length=32), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('escalated_on', sa.Date(), nullable=True),
    sa.Column('disputed_on', sa.Date(), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['arrangement_id'], ['familyarrangement.id'], name=op.f('fk_familyrequest_arrangement_id_familyarrangement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['familymember.id'], name=op.f('fk_familyrequest_member_id_familymember'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familyrequest'))
    )
    with op.batch_alter_table('familyrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familyrequest_arrangement_id'), ['arrangement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyrequest_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_familyrequest_member_id'), ['member_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('familyrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familyrequest_member_id'))
        batch_op.drop_index(batch_op.f('ix_familyrequest_due_on'))
        batch_op.drop_index(batch_op.f('ix_familyrequest_arrangement_id'))
    op.drop_table('familyrequest')
    with op.batch_alter_table('familyevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familyevent_arrangement_id'))
    op.drop_table('familyevent')
    with op.batch_alter_table('familyabsence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familyabsence_contact_id'))
        batch_op.drop_index(batch_op.f('ix_familyabsence_arrangement_id'))
    op.drop_table('familyabsence')
    with op.batch_alter_table('familyorganisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familyorganisation_provider_id'))
    op.drop_table('familyorganisation')
    with op.batch_alter_table('familymember', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familymember_arrangement_id'))
    op.drop_table('familymember')
    with op.batch_alter_table('familycontact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familycontact_staff_id'))
        batch_op.drop_index(batch_op.f('ix_familycontact_arrangement_id'))
    op.drop_table('familycontact')
    with op.batch_alter_table('familyarrangement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familyarrangement_state'))
        batch_op.drop_index(batch_op.f('ix_familyarrangement_provider_id'))
        batch_op.drop_index(batch_op.f('ix_familyarrangement_proposed_on'))
        batch_op.drop_index(batch_op.f('ix_familyarrangement_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_familyarrangement_made_by_id'))
        batch_op.drop_index(batch_op.f('ix_familyarrangement_ended_on'))
    op.drop_table('familyarrangement')

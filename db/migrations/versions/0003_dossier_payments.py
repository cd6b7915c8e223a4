"""dossier payments: each fee payment with its method, reference, time and officer

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 07:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dossier_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('event_uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_payments_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_dossier_payments_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_payments'))
    )
    op.create_index(op.f('ix_dossier_payments_dossier_id'), 'dossier_payments', ['dossier_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_dossier_payments_dossier_id'), table_name='dossier_payments')
    op.drop_table('dossier_payments')

"""reports and the guide desk: covering indexes for the report figures, the guidance log

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 13:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain index operations, not a batch: on SQLite a batch copies the table and drops its FTS triggers.
    op.drop_index('ix_dossiers_received_at', table_name='dossiers')
    op.create_index('ix_dossiers_report_received', 'dossiers',
                    ['received_at', 'status', 'channel', 'procedure_id', 'online_level', 'whole_process',
                     'counter_id', 'received_by'])
    op.create_index('ix_dossiers_report_finished', 'dossiers',
                    ['finished_at', 'due_at', 'channel', 'procedure_id', 'counter_id', 'received_at'])
    op.create_index('ix_dossiers_report_returned', 'dossiers',
                    ['returned_at', 'result_method', 'channel', 'procedure_id', 'counter_id'])
    op.create_table('guidance_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('phone_consent', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    op.create_index(op.f('ix_guidance_log_at'), 'guidance_log', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_guidance_log_at'), table_name='guidance_log')
    op.drop_table('guidance_log')
    op.drop_index('ix_dossiers_report_returned', table_name='dossiers')
    op.drop_index('ix_dossiers_report_finished', table_name='dossiers')
    op.drop_index('ix_dossiers_report_received', table_name='dossiers')
    op.create_index('ix_dossiers_received_at', 'dossiers', ['received_at'])

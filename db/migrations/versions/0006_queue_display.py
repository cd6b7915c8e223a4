"""queue: the groups each counter calls from, and an index for the hall display's last calls

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 13:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('counters') as batch:
        batch.add_column(sa.Column('queue_groups', sa.JSON(), nullable=True))
    op.create_index('ix_queue_tickets_called', 'queue_tickets', ['day', 'called_at'])


def downgrade() -> None:
    op.drop_index('ix_queue_tickets_called', table_name='queue_tickets')
    with op.batch_alter_table('counters') as batch:
        batch.drop_column('queue_groups')

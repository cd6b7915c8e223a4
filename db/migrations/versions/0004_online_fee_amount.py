"""online fee amount: a procedure's fee may differ, or be waived, when filed online

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('procedure_fees') as batch:
        batch.add_column(sa.Column('online_amount', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('procedure_fees') as batch:
        batch.drop_column('online_amount')

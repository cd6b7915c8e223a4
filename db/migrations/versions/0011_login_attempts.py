"""login attempts: wrong passwords counted for log-in names with no account

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_attempts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_login_attempts_last_at'), 'login_attempts', ['last_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_login_attempts_last_at'), table_name='login_attempts')
    op.drop_table('login_attempts')

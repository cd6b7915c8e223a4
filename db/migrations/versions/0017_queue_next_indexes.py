"""call next stays flat as the queue grows: the first waiting ticket of each kind (regular,
priority) per group, read from a partial index

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 16:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None
KINDS = (("regular", "status = 'issued' AND priority IS NULL"),
         ("priority", "status = 'issued' AND priority IS NOT NULL"))


def upgrade() -> None:
    for kind, where in KINDS:
        op.create_index(f'ix_queue_tickets_next_{kind}', 'queue_tickets',
                        ['queue_group_id', 'day', sa.text('head DESC'), 'issued_at', 'id'], unique=False,
                        sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def downgrade() -> None:
    for kind, _ in KINDS:
        op.drop_index(f'ix_queue_tickets_next_{kind}', table_name='queue_tickets')

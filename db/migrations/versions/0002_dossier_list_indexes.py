"""dossier list indexes: status and channel in id order

The dossier table pages newest first (ORDER BY id DESC, keyset). A filter on a rare status or
channel made SQLite walk the whole table from the newest row; with (status, id) and (channel, id)
the first page of any such filter is an index range read.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:00:00
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_dossiers_status_id', 'dossiers', ['status', 'id'])
    op.create_index('ix_dossiers_channel_id', 'dossiers', ['channel', 'id'])


def downgrade() -> None:
    op.drop_index('ix_dossiers_channel_id', table_name='dossiers')
    op.drop_index('ix_dossiers_status_id', table_name='dossiers')

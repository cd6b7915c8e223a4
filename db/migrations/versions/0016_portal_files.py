"""files to the portal: each stored file's upload state (pending with the offset the portal
confirmed, sent with its link, or refused with the portal's message)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 15:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('portal_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('offset_bytes', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_portal_files'))
    )
    op.create_index(op.f('ix_portal_files_state'), 'portal_files', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_portal_files_state'), table_name='portal_files')
    op.drop_table('portal_files')

"""receipt archive: every receipt's PDF in the database, so any counter of an office server
reprints the very file the citizen was given (the data folder of each PC keeps a copy)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 09:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('receipt_archive',
    sa.Column('path', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('path', name=op.f('pk_receipt_archive'))
    )
    op.create_index(op.f('ix_receipt_archive_code'), 'receipt_archive', ['code'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_receipt_archive_code'), table_name='receipt_archive')
    op.drop_table('receipt_archive')

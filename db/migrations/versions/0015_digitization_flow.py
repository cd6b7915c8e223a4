"""digitization at the desk: the paper's page count and a reused line's origin on each document
line; background OCR state on each stored file; the finished-dossiers report index covers who
received the dossier (the results digitized, per officer)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 14:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None
FINISHED = ['finished_at', 'due_at', 'channel', 'procedure_id', 'counter_id', 'received_at']


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: no table is rebuilt.
    op.add_column('dossier_documents', sa.Column('paper_pages', sa.Integer(), nullable=True))
    op.add_column('dossier_documents', sa.Column('reuse_source', sa.String(length=10), nullable=True))
    op.add_column('stored_files', sa.Column('ocr_state', sa.String(length=10), nullable=True))
    op.add_column('stored_files', sa.Column('ocr_sha256', sa.String(length=64), nullable=True))
    op.add_column('stored_files', sa.Column('ocr_error', sa.Text(), nullable=True))
    op.create_index(op.f('ix_stored_files_ocr_state'), 'stored_files', ['ocr_state'], unique=False)
    op.drop_index('ix_dossiers_report_finished', table_name='dossiers')
    op.create_index('ix_dossiers_report_finished', 'dossiers', FINISHED + ['received_by'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_dossiers_report_finished', table_name='dossiers')
    op.create_index('ix_dossiers_report_finished', 'dossiers', FINISHED, unique=False)
    op.drop_index(op.f('ix_stored_files_ocr_state'), table_name='stored_files')
    # Rebuilds on SQLite of two tables nothing triggers on (`dossiers` is not touched).
    with op.batch_alter_table('stored_files') as batch:
        batch.drop_column('ocr_error')
        batch.drop_column('ocr_sha256')
        batch.drop_column('ocr_state')
    with op.batch_alter_table('dossier_documents') as batch:
        batch.drop_column('reuse_source')
        batch.drop_column('paper_pages')

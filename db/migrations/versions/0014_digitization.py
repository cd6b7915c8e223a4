"""digitization at the counter: the content-addressed file store, the files of each dossier
(its document lines' scans and its results) and each document line's digitization state

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 13:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stored_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_stored_files'))
    )
    op.create_table('dossier_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_dossier_files_created_by_users')),
    sa.ForeignKeyConstraint(['document_id'], ['dossier_documents.id'],
                            name=op.f('fk_dossier_files_document_id_dossier_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_files_dossier_id_dossiers'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sha256'], ['stored_files.sha256'], name=op.f('fk_dossier_files_sha256_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_files'))
    )
    op.create_index('ix_dossier_files_dossier_kind', 'dossier_files', ['dossier_id', 'kind', 'position'], unique=False)
    op.create_index(op.f('ix_dossier_files_document_id'), 'dossier_files', ['document_id'], unique=False)
    op.create_index(op.f('ix_dossier_files_sha256'), 'dossier_files', ['sha256'], unique=False)
    # Plain ADD COLUMN on both databases: no table rebuild (and `dossiers`, whose rebuild would drop
    # the name search's triggers on SQLite, is not touched at all).
    op.add_column('dossier_documents', sa.Column('digitization', sa.String(length=20), nullable=True))
    op.add_column('dossier_documents', sa.Column('digitization_note', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_index(op.f('ix_dossier_files_sha256'), table_name='dossier_files')
    op.drop_index(op.f('ix_dossier_files_document_id'), table_name='dossier_files')
    op.drop_index('ix_dossier_files_dossier_kind', table_name='dossier_files')
    op.drop_table('dossier_files')
    op.drop_table('stored_files')
    # A rebuild on SQLite, of `dossier_documents` only (nothing points at it any more).
    with op.batch_alter_table('dossier_documents') as batch:
        batch.drop_column('digitization_note')
        batch.drop_column('digitization')

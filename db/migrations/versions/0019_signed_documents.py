"""electronic documents with digital signatures: the documents to sign and their signed copies

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 19:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'signed_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('event_uuid', sa.String(length=36), nullable=True),
        sa.Column('dossier_file_id', sa.Integer(), nullable=True),
        sa.Column('source_sha256', sa.String(length=64), nullable=True),
        sa.Column('signed_sha256', sa.String(length=64), nullable=True),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('signer_name', sa.String(length=300), nullable=True),
        sa.Column('cert_fingerprint', sa.String(length=64), nullable=True),
        sa.Column('cert_serial', sa.String(length=80), nullable=True),
        sa.Column('cert_issuer', sa.String(length=300), nullable=True),
        sa.Column('timestamped', sa.Boolean(), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=True),
        sa.Column('signed_by', sa.Integer(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'],
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['dossier_file_id'], ['dossier_files.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['source_sha256'], ['stored_files.sha256']),
        sa.ForeignKeyConstraint(['signed_sha256'], ['stored_files.sha256']),
        sa.ForeignKeyConstraint(['signed_by'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid'),
    )
    op.create_index('ix_signed_documents_state_id', 'signed_documents', ['state', 'id'], unique=False)
    op.create_index('ix_signed_documents_dossier', 'signed_documents', ['dossier_id', 'kind'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_signed_documents_dossier', table_name='signed_documents')
    op.drop_index('ix_signed_documents_state_id', table_name='signed_documents')
    op.drop_table('signed_documents')

"""portal sync: outbox ordering and quarantine, online dossiers and their attachments, leased
number blocks, provisional codes and their replacements, the sync engine's state

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 12:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch: on SQLite a batch copies the table and drops its FTS triggers.
    op.add_column('dossiers', sa.Column('submitted_at', sa.DateTime(), nullable=True))
    op.add_column('dossiers', sa.Column('online_level', sa.Integer(), nullable=True))
    op.add_column('dossiers', sa.Column('whole_process', sa.Boolean(), nullable=True))
    op.add_column('dossiers', sa.Column('provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('outbox', sa.Column('seq', sa.Integer(), nullable=True))
    op.add_column('outbox', sa.Column('error_fields', sa.JSON(), nullable=True))
    op.add_column('outbox', sa.Column('quarantined_at', sa.DateTime(), nullable=True))
    # Changes recorded before this revision get their PhienBan: 1, 2, 3… per dossier in order.
    op.execute("UPDATE outbox SET seq = (SELECT COUNT(*) FROM outbox o2 "
               "WHERE o2.dossier_id = outbox.dossier_id AND o2.id <= outbox.id)")
    op.create_table('online_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('portal_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=True),
    sa.Column('fetched_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_online_attachments_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_attachments')),
    sa.UniqueConstraint('portal_id', name=op.f('uq_online_attachments_portal_id'))
    )
    op.create_index(op.f('ix_online_attachments_dossier_id'), 'online_attachments', ['dossier_id'], unique=False)
    op.create_table('number_leases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.Column('leased_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_number_leases')),
    sa.UniqueConstraint('key', name=op.f('uq_number_leases_key'))
    )
    op.create_index('ix_number_leases_unit_day', 'number_leases', ['unit_code', 'day'], unique=False)
    op.create_table('code_replacements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('provisional_code', sa.String(length=40), nullable=False),
    sa.Column('official_code', sa.String(length=40), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_code_replacements_dossier_id_dossiers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code_replacements')),
    sa.UniqueConstraint('provisional_code', name=op.f('uq_code_replacements_provisional_code'))
    )
    op.create_index(op.f('ix_code_replacements_dossier_id'), 'code_replacements', ['dossier_id'], unique=False)
    op.create_table('sync_state',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )


def downgrade() -> None:
    op.drop_table('sync_state')
    op.drop_index(op.f('ix_code_replacements_dossier_id'), table_name='code_replacements')
    op.drop_table('code_replacements')
    op.drop_index('ix_number_leases_unit_day', table_name='number_leases')
    op.drop_table('number_leases')
    op.drop_index(op.f('ix_online_attachments_dossier_id'), table_name='online_attachments')
    op.drop_table('online_attachments')
    # Plain DROP COLUMN (SQLite 3.35+): a batch would copy the tables and trip their foreign keys.
    for column in ('quarantined_at', 'error_fields', 'seq'):
        op.drop_column('outbox', column)
    for column in ('provisional', 'whole_process', 'online_level', 'submitted_at'):
        op.drop_column('dossiers', column)

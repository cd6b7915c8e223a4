"""the citizen's voice and phone: ratings at the counter, consent to notices, the notices outbox

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 17:15:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ratings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('service_key', sa.String(length=80), nullable=False),
        sa.Column('occasion', sa.String(length=10), nullable=False),
        sa.Column('counter_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('dossier_id', sa.Integer(), nullable=True),
        sa.Column('procedure_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('asked_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('score', sa.Integer(), nullable=True),
        sa.Column('reasons', sa.JSON(), nullable=True),
        sa.Column('source', sa.String(length=10), nullable=True),
        sa.Column('portal_state', sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(['counter_id'], ['counters.id']),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id']),
        sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id']),
        sa.ForeignKeyConstraint(['ticket_id'], ['queue_tickets.id']),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('service_key'),
        sa.UniqueConstraint('uuid'),
    )
    op.create_index('ix_ratings_counter_state', 'ratings', ['counter_id', 'state'], unique=False)
    op.create_index(op.f('ix_ratings_asked_at'), 'ratings', ['asked_at'], unique=False)
    op.create_index(op.f('ix_ratings_dossier_id'), 'ratings', ['dossier_id'], unique=False)
    op.create_table(
        'notice_consents',
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('channels', sa.JSON(), nullable=False),
        sa.Column('asked_at', sa.DateTime(), nullable=False),
        sa.Column('asked_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['asked_by'], ['users.id']),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('dossier_id'),
    )
    op.create_table(
        'notices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('event_uuid', sa.String(length=36), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('recipient', sa.String(length=255), nullable=False),
        sa.Column('subject', sa.String(length=255), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('attachment', sa.String(length=40), nullable=True),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('delivered_at', sa.DateTime(), nullable=True),
        sa.Column('provider_id', sa.String(length=100), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('claimed_by', sa.String(length=100), nullable=True),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_uuid', 'channel'),
        sa.UniqueConstraint('uuid'),
    )
    op.create_index('ix_notices_state_next', 'notices', ['state', 'next_attempt_at'], unique=False)
    op.create_index(op.f('ix_notices_dossier_id'), 'notices', ['dossier_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_notices_dossier_id'), table_name='notices')
    op.drop_index('ix_notices_state_next', table_name='notices')
    op.drop_table('notices')
    op.drop_table('notice_consents')
    op.drop_index(op.f('ix_ratings_dossier_id'), table_name='ratings')
    op.drop_index(op.f('ix_ratings_asked_at'), table_name='ratings')
    op.drop_index('ix_ratings_counter_state', table_name='ratings')
    op.drop_table('ratings')

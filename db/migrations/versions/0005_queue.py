"""queue: service groups (with the day's numbering on the row) and tickets; three default groups

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    groups = op.create_table('queue_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=1), nullable=False),
    sa.Column('first_number', sa.Integer(), nullable=False),
    sa.Column('last_allowed', sa.Integer(), nullable=False),
    sa.Column('priority_every', sa.Integer(), nullable=False),
    sa.Column('recalls', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.Column('regular_run', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_groups')),
    sa.UniqueConstraint('code', name=op.f('uq_queue_groups_code')),
    sa.UniqueConstraint('prefix', name=op.f('uq_queue_groups_prefix'))
    )
    op.create_table('queue_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('queue_group_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=8), nullable=False),
    sa.Column('priority', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('served_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('counter_id', sa.Integer(), nullable=True),
    sa.Column('for_counter_id', sa.Integer(), nullable=True),
    sa.Column('head', sa.Boolean(), nullable=False),
    sa.Column('calls', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['counter_id'], ['counters.id'], name=op.f('fk_queue_tickets_counter_id_counters')),
    sa.ForeignKeyConstraint(['for_counter_id'], ['counters.id'], name=op.f('fk_queue_tickets_for_counter_id_counters')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_queue_tickets_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['group_id'], ['queue_groups.id'], name=op.f('fk_queue_tickets_group_id_queue_groups')),
    sa.ForeignKeyConstraint(['queue_group_id'], ['queue_groups.id'], name=op.f('fk_queue_tickets_queue_group_id_queue_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_tickets')),
    sa.UniqueConstraint('group_id', 'day', 'number', name=op.f('uq_queue_tickets_group_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_queue_tickets_uuid'))
    )
    op.create_index('ix_queue_tickets_waiting', 'queue_tickets', ['queue_group_id', 'status', 'day'])
    op.create_index('ix_queue_tickets_counter', 'queue_tickets', ['counter_id', 'status'])
    op.bulk_insert(groups, [
        {"code": code, "prefix": prefix, "name": name, "first_number": 1, "last_allowed": 999,
         "priority_every": 0, "recalls": 3, "position": i, "active": True, "day": None, "last_number": 0,
         "regular_run": 0}
        for i, (code, prefix, name) in enumerate((("TP", "A", "Tư pháp - Hộ tịch"),
                                                  ("VH", "B", "Văn hóa - Thể thao - Du lịch"),
                                                  ("TK", "C", "Trả kết quả và thủ tục khác")))])


def downgrade() -> None:
    op.drop_index('ix_queue_tickets_counter', table_name='queue_tickets')
    op.drop_index('ix_queue_tickets_waiting', table_name='queue_tickets')
    op.drop_table('queue_tickets')
    op.drop_table('queue_groups')

"""fees the way a treasury inspector checks them: what each dossier has paid, fee receipts, counter closings

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 22:45:00
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'counter_closings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('counter_id', sa.Integer(), nullable=False),
        sa.Column('closed_by', sa.Integer(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('period_from', sa.DateTime(), nullable=True),
        sa.Column('period_to', sa.DateTime(), nullable=True),
        sa.Column('payments', sa.Integer(), nullable=False),
        sa.Column('cash_total', sa.Integer(), nullable=False),
        sa.Column('transfer_total', sa.Integer(), nullable=False),
        sa.Column('online_total', sa.Integer(), nullable=False),
        sa.Column('cash_counted', sa.Integer(), nullable=True),
        sa.Column('difference', sa.Integer(), nullable=False),
        sa.Column('receipts_pending', sa.Integer(), nullable=False),
        sa.Column('corrects_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['counter_id'], ['counters.id']),
        sa.ForeignKeyConstraint(['closed_by'], ['users.id']),
        sa.ForeignKeyConstraint(['corrects_id'], ['counter_closings.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid'),
    )
    op.create_index('ix_counter_closings_counter_at', 'counter_closings', ['counter_id', 'closed_at'], unique=False)

    with op.batch_alter_table('dossier_payments') as b:
        b.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
        b.add_column(sa.Column('payer_name', sa.String(length=300), nullable=True))
        b.add_column(sa.Column('counter_id', sa.Integer(), nullable=True))
        b.add_column(sa.Column('closing_id', sa.Integer(), nullable=True))
        b.add_column(sa.Column('voided_at', sa.DateTime(), nullable=True))
        b.add_column(sa.Column('voided_by', sa.Integer(), nullable=True))
        b.add_column(sa.Column('void_reason', sa.Text(), nullable=True))
        b.create_foreign_key('fk_dossier_payments_counter_id_counters', 'counters', ['counter_id'], ['id'])
        b.create_foreign_key('fk_dossier_payments_closing_id_counter_closings', 'counter_closings',
                             ['closing_id'], ['id'])
        b.create_foreign_key('fk_dossier_payments_voided_by_users', 'users', ['voided_by'], ['id'])
    # Payments from before: each its own key; the counter that received the dossier took it.
    conn = op.get_bind()
    payments = sa.table('dossier_payments', sa.column('id', sa.Integer), sa.column('uuid', sa.String),
                        sa.column('dossier_id', sa.Integer), sa.column('counter_id', sa.Integer))
    for (pid,) in conn.execute(sa.select(payments.c.id)).all():
        conn.execute(payments.update().where(payments.c.id == pid).values(uuid=str(uuid.uuid4())))
    conn.execute(sa.text("UPDATE dossier_payments SET counter_id = (SELECT d.counter_id FROM dossiers d "
                         "WHERE d.id = dossier_payments.dossier_id)"))
    with op.batch_alter_table('dossier_payments') as b:
        b.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
        b.create_unique_constraint('uq_dossier_payments_uuid', ['uuid'])
    op.create_index('ix_dossier_payments_reference', 'dossier_payments', ['reference'], unique=False)
    op.create_index('ix_dossier_payments_counter_closing', 'dossier_payments', ['counter_id', 'closing_id'],
                    unique=False)
    op.create_index('ix_dossier_payments_paid_at', 'dossier_payments', ['paid_at'], unique=False)

    op.add_column('dossiers', sa.Column('fees_paid', sa.Integer(), server_default='0', nullable=False))
    conn.execute(sa.text("UPDATE dossiers SET fees_paid = (SELECT COALESCE(SUM(p.amount), 0) FROM dossier_payments p "
                         "WHERE p.dossier_id = dossiers.id) WHERE id IN (SELECT dossier_id FROM dossier_payments)"))
    op.create_index('ix_dossiers_fees_owed', 'dossiers', ['id'], unique=False,
                    sqlite_where=sa.text('fees_total > fees_paid'), postgresql_where=sa.text('fees_total > fees_paid'))

    op.create_table(
        'fee_receipts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('provider', sa.String(length=40), nullable=True),
        sa.Column('unit_name', sa.String(length=300), nullable=False),
        sa.Column('unit_tax_code', sa.String(length=20), nullable=True),
        sa.Column('payer_name', sa.String(length=300), nullable=False),
        sa.Column('payer_id_number', sa.String(length=20), nullable=True),
        sa.Column('payer_address', sa.String(length=500), nullable=True),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('lines', sa.JSON(), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('template_code', sa.String(length=20), nullable=True),
        sa.Column('symbol', sa.String(length=20), nullable=True),
        sa.Column('number', sa.String(length=20), nullable=True),
        sa.Column('series_year', sa.Integer(), nullable=True),
        sa.Column('lookup_code', sa.String(length=100), nullable=True),
        sa.Column('lookup_url', sa.String(length=500), nullable=True),
        sa.Column('provider_id', sa.String(length=100), nullable=True),
        sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
        sa.Column('issued_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('claimed_by', sa.String(length=100), nullable=True),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.Column('cancel_reason', sa.Text(), nullable=True),
        sa.Column('cancel_requested_at', sa.DateTime(), nullable=True),
        sa.Column('cancelled_at', sa.DateTime(), nullable=True),
        sa.Column('cancelled_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['payment_id'], ['dossier_payments.id']),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['replaces_id'], ['fee_receipts.id']),
        sa.ForeignKeyConstraint(['pdf_sha256'], ['stored_files.sha256']),
        sa.ForeignKeyConstraint(['created_by'], ['users.id']),
        sa.ForeignKeyConstraint(['cancelled_by'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid'),
        sa.UniqueConstraint('template_code', 'symbol', 'series_year', 'number', name='uq_fee_receipts_number'),
    )
    op.create_index('ix_fee_receipts_state_next', 'fee_receipts', ['state', 'next_attempt_at'], unique=False)
    op.create_index('ix_fee_receipts_payment_id', 'fee_receipts', ['payment_id'], unique=False)
    op.create_index('ix_fee_receipts_dossier_id', 'fee_receipts', ['dossier_id'], unique=False)


def downgrade() -> None:
    op.drop_table('fee_receipts')
    op.drop_index('ix_dossiers_fees_owed', table_name='dossiers')
    with op.batch_alter_table('dossiers') as b:
        b.drop_column('fees_paid')
    op.drop_index('ix_dossier_payments_paid_at', table_name='dossier_payments')
    op.drop_index('ix_dossier_payments_counter_closing', table_name='dossier_payments')
    op.drop_index('ix_dossier_payments_reference', table_name='dossier_payments')
    with op.batch_alter_table('dossier_payments') as b:
        for fk in ('fk_dossier_payments_counter_id_counters', 'fk_dossier_payments_closing_id_counter_closings',
                   'fk_dossier_payments_voided_by_users'):
            b.drop_constraint(fk, type_='foreignkey')
        b.drop_constraint('uq_dossier_payments_uuid', type_='unique')
        for col in ('void_reason', 'voided_by', 'voided_at', 'closing_id', 'counter_id', 'payer_name', 'uuid'):
            b.drop_column(col)
    op.drop_index('ix_counter_closings_counter_at', table_name='counter_closings')
    op.drop_table('counter_closings')

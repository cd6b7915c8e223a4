"""trust: the audit hash chain, log-in lockout, the settings schema version

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 09:00:00
"""
import hashlib
import json

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _digest(prev_hash, row):
    # The same recipe as app/services/audit_chain.record_digest, frozen here: a migration must
    # not change when the app's code does.
    at = row.at
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), row.user_id, row.actor, row.counter_id, row.action,
         row.entity, row.entity_id, row.details or {}],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(b"motcua-audit-v1\n" + payload.encode()).hexdigest()


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch: on SQLite a batch copies the table, and dropping `users`
    # with foreign keys on fails.
    op.add_column('audit_log', sa.Column('prev_hash', sa.String(length=64), nullable=True))
    op.add_column('audit_log', sa.Column('hash', sa.String(length=64), nullable=True))
    op.add_column('users', sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('users', sa.Column('locked_until', sa.DateTime(), nullable=True))

    # Chain the records written before this version, in id order.
    conn = op.get_bind()
    audit = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('at', sa.DateTime),
                     sa.column('user_id', sa.Integer), sa.column('actor', sa.String),
                     sa.column('counter_id', sa.Integer), sa.column('action', sa.String),
                     sa.column('entity', sa.String), sa.column('entity_id', sa.String),
                     sa.column('details', sa.JSON), sa.column('prev_hash', sa.String), sa.column('hash', sa.String))
    prev, last_id = "0" * 64, 0
    while True:
        rows = conn.execute(sa.select(audit).where(audit.c.id > last_id).order_by(audit.c.id).limit(5000)).all()
        if not rows:
            break
        updates = []
        for row in rows:
            h = _digest(prev, row)
            updates.append({"rid": row.id, "p": prev, "h": h})
            prev, last_id = h, row.id
        conn.execute(sa.update(audit).where(audit.c.id == sa.bindparam("rid"))
                     .values(prev_hash=sa.bindparam("p"), hash=sa.bindparam("h")), updates)


def downgrade() -> None:
    # DROP COLUMN works on both backends (SQLite 3.35+) without copying the tables.
    for table, column in (('users', 'locked_until'), ('users', 'failed_logins'),
                          ('audit_log', 'hash'), ('audit_log', 'prev_hash')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')

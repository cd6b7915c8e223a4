"""the office of 2026: codes of the Decision 20/2020 and Circular 04/2025 shapes (wider columns),
the filer's principal and identity check, the address's post-2025 units, the ledger's books and
the yearly numbers of ledger entries and forms

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# table, column, old width, new width
WIDER = [
    ('agencies', 'unit_code', 20, 40),
    ('number_leases', 'unit_code', 20, 40),
    ('dossier_sequences', 'unit_code', 20, 40),
    ('dossiers', 'code', 40, 64),
    ('code_replacements', 'provisional_code', 40, 64),
    ('code_replacements', 'official_code', 40, 64),
    ('receipt_archive', 'code', 40, 64),
]
NEW_DOSSIER_COLUMNS = [
    ('principal', sa.JSON()),
    ('identity_check', sa.String(length=20)),
    ('applicant_province_code', sa.String(length=10)),
    ('applicant_commune_code', sa.String(length=10)),
    ('applicant_address_old', sa.String(length=500)),
    ('ledger_book', sa.String(length=40)),
    ('ledger_year', sa.Integer()),
    ('ledger_number', sa.Integer()),
]


# SQLite rebuilds a table whose column changes (Alembic's batch mode) and the rebuild drops its
# triggers: the name search's (0001) are made again afterwards, identical.
SQLITE_SEARCH_TRIGGERS = [
    """CREATE TRIGGER dossiers_search_ai AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_search(rowid, applicant_name_folded)
        VALUES (new.id, new.applicant_name_folded); END""",
    """CREATE TRIGGER dossiers_search_ad AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_search(dossier_search, rowid, applicant_name_folded)
        VALUES ('delete', old.id, old.applicant_name_folded); END""",
    """CREATE TRIGGER dossiers_search_au AFTER UPDATE OF applicant_name_folded ON dossiers BEGIN
        INSERT INTO dossier_search(dossier_search, rowid, applicant_name_folded)
        VALUES ('delete', old.id, old.applicant_name_folded);
        INSERT INTO dossier_search(rowid, applicant_name_folded)
        VALUES (new.id, new.applicant_name_folded); END""",
]


def _restore_search_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("dossiers_search_ai", "dossiers_search_ad", "dossiers_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for sql in SQLITE_SEARCH_TRIGGERS:
            op.execute(sql)


def _resize(to_new: bool) -> None:
    for table, column, old, new in WIDER:
        a, b = (old, new) if to_new else (new, old)
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(length=b), existing_type=sa.String(length=a))


# The reports' covering index (0009) gains the identity check they count (Decision 766 item 4.5).
REPORT_RECEIVED = ['received_at', 'status', 'channel', 'procedure_id', 'online_level', 'whole_process',
                   'counter_id', 'received_by']


def _report_index(with_identity: bool) -> None:
    op.drop_index('ix_dossiers_report_received', table_name='dossiers')
    op.create_index('ix_dossiers_report_received', 'dossiers',
                    REPORT_RECEIVED + (['identity_check'] if with_identity else []), unique=False)


def upgrade() -> None:
    _resize(True)
    with op.batch_alter_table('dossiers') as batch:
        for name, type_ in NEW_DOSSIER_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_unique_constraint('uq_dossiers_ledger_entry', ['ledger_book', 'ledger_year', 'ledger_number'])
    _restore_search_triggers()
    _report_index(True)
    op.create_index('ix_dossier_events_action_at', 'dossier_events', ['action', 'at'], unique=False)
    op.create_table('yearly_sequences',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', 'year', name=op.f('pk_yearly_sequences'))
    )


def downgrade() -> None:
    op.drop_table('yearly_sequences')
    op.drop_index('ix_dossier_events_action_at', table_name='dossier_events')
    _report_index(False)
    with op.batch_alter_table('dossiers') as batch:
        batch.drop_constraint('uq_dossiers_ledger_entry', type_='unique')
        for name, _ in reversed(NEW_DOSSIER_COLUMNS):
            batch.drop_column(name)
    _resize(False)
    _restore_search_triggers()

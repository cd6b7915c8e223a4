"""The database goes away while the officer presses Enter to save (issue 19): the SQLite file is
locked by another program for longer than the busy timeout, or the PostgreSQL server stops. The
officer sees one Vietnamese sentence, the form keeps everything typed, nothing is half-written,
and once the database is back the same Enter saves. Real threads (ui/ops.py's pool), a real
SQLite file with a second connection holding BEGIN EXCLUSIVE, a real PostgreSQL server."""

import logging
import sqlite3
from datetime import datetime

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import func, select

from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, show_active, type_text
from ui.intake.page import IntakeForm
from ui.main import make_app

FRIDAY_MORNING = datetime(2026, 11, 20, 9, 15)
WAIT_MS = 20_000  # generous: the sentence comes once the busy timeout (0.3 s here) is over
LOCKED = "Cơ sở dữ liệu đang bị khóa bởi chương trình khác; thử lại sau."
NO_SERVER = "Không kết nối được máy chủ cơ sở dữ liệu."


def _form(qtbot, database) -> IntakeForm:
    make_app()
    form = IntakeForm(database, OFFICER, clock=lambda: FRIDAY_MORNING)
    form.resize(1280, 760)
    show_active(qtbot, form)
    form.procedure.setFocus()
    type_text("dang ky ket hon", form.procedure)
    enter(form.procedure)
    assert form.procedure.current.code == "1.000894"
    for edit, text in ((form.name, "Đặng Thị Ngọc Ánh"), (form.id_number, "086190012345"),
                       (form.birth_date, "12/03/1990"), (form.phone, "0912 345 678"),
                       (form.address, "Số 5 đường Hùng Vương, Phường 1, Vĩnh Long")):
        edit.setFocus()
        type_text(text, edit)
    form.sex.setCurrentIndex(form.sex.findData("Nữ"))
    form.documents.tick_all()  # they arrive unticked
    form.notes.setFocus()
    type_text("Hai bên cùng có mặt", form.notes)
    return form


def _typed(form: IntakeForm) -> dict:
    """Everything the officer typed or chose, to compare before and after the failure."""
    texts = {e.objectName(): e.text() for e in form.findChildren(QLineEdit) if e.objectName()}
    choices = {c.objectName(): c.currentIndex() for c in form.findChildren(QComboBox) if c.objectName()}
    return {"texts": texts, "choices": choices, "procedure": form.procedure.current.code,
            "documents": form.documents.lines(), "fees": form.fees.lines(), "dirty": form.is_dirty()}


def _rows(database) -> tuple[int, int, int, int]:
    with database.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Dossier, DossierEvent, AuditRecord, OutboxMessage))


def _lost_then_back(qtbot, database, sentence: str, lose, restore) -> None:
    form = _form(qtbot, database)
    before, typed = _rows(database), _typed(form)
    assert typed["texts"]["name"] == "Đặng Thị Ngọc Ánh" and typed["dirty"]
    lose()
    enter(form.notes)  # Enter in the notes saves
    qtbot.waitUntil(lambda: form.message.text() == sentence, timeout=WAIT_MS)
    assert _typed(form) == typed  # nothing lost from the form
    restore()
    assert _rows(database) == before  # nothing half-written
    with qtbot.waitSignal(form.saved, timeout=WAIT_MS) as saved:
        enter(form.notes)  # the same Enter, the database back
    assert form.message.text() == f"Đã lưu hồ sơ {saved.args[0].code}."
    assert _rows(database)[0] == before[0] + 1


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"bị khóa.*OperationalError in register")
def test_a_locked_sqlite_file_during_enter_to_save(qtbot, db, monkeypatch, thread_ops):
    import db.engine as engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the counter waits 30 s; a test need not
    database = engine.Database(db.url.render_as_string(hide_password=False))
    locker = sqlite3.connect(db.url.database, isolation_level=None, timeout=5)
    try:
        _lost_then_back(qtbot, database, LOCKED, lambda: locker.execute("BEGIN EXCLUSIVE"),
                        lambda: locker.execute("ROLLBACK"))
    finally:
        locker.close()
        database.dispose()


@pytest.mark.postgres
@pytest.mark.expected_log("motcua.db", logging.WARNING, r"máy chủ cơ sở dữ liệu.*OperationalError in register")
def test_the_postgresql_server_stopped_during_enter_to_save(qtbot, pg_crash_server, thread_ops):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    server = pg_crash_server
    database = Database(server.create_database("office"))
    upgrade(database)
    seed_demo_office(database, force_password_change=False)
    try:
        _lost_then_back(qtbot, database, NO_SERVER, server.crash, server.start)
    finally:
        database.dispose()

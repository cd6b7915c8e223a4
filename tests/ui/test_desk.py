"""End to end at the counter: log in by keyboard, register a dossier by keyboard only, find the
archived receipt and the preview, then find the dossier again with and without diacritics."""

import subprocess
from datetime import datetime

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.vocab import DossierStatus
from app.services.bootstrap import DEMO_PASSWORD
from db.models import AuditRecord, Dossier
from tests.helpers.keyboard import enter, focused, press, show_active, tab, type_text
from ui.events import process_events
from ui.main import Desk, home_facts, make_app

MONDAY_MORNING = datetime(2026, 11, 23, 8, 5)


def log_in(qtbot, desk):
    dialog = show_active(qtbot, desk.login_dialog())
    dialog.login.setFocus()
    type_text("canbo")
    tab()
    type_text(DEMO_PASSWORD)
    enter()
    assert dialog.result() == dialog.DialogCode.Accepted
    window = desk.open_window(dialog.actor, dialog.counter.currentText())
    window.resize(1280, 800)
    show_active(qtbot, window)
    return window


def test_log_in_register_by_keyboard_print_and_find(qtbot, db, data_dir):
    make_app()
    desk = Desk(db, data_dir, home_facts(db), clock=lambda: MONDAY_MORNING)
    window = log_in(qtbot, desk)
    assert window.user_label.text() == "Người dùng: Nguyễn Thị Mai (Cán bộ một cửa)"
    assert window.counter_label.text() == "Quầy số 1"

    form = window.intake
    assert focused() is form.procedure
    type_text("khai tu")
    enter()
    assert form.procedure.current is not None and "khai tử" in form.procedure.current.name.lower()
    tab()  # applicant kind: citizen
    type_text("Đỗ Văn Đức")
    tab()
    type_text("086051054321")
    tab()
    type_text("05/06/1951")
    tab()
    press(Qt.Key.Key_Down)  # Nam
    tab()
    type_text("0987654321")
    press(Qt.Key.Key_F4)  # Đã nhận đủ: the documents arrive unticked
    # e-mail, consent by SMS and Zalo (left unticked), address, commune, province, identity check,
    # "nộp thay", channel, documents, fees, sets, result, due, notes
    for _ in range(15):
        tab()
    assert focused() is form.notes
    enter()  # Enter on the last field saves; the receipt is built in a worker thread
    qtbot.waitUntil(lambda: desk.preview is not None and desk.preview.isVisible())

    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        assert (d.applicant_name, d.applicant_id_number, d.status) == (
            "Đỗ Văn Đức", "086051054321", DossierStatus.RECEIVED)
        assert d.received_at == MONDAY_MORNING and d.counter_id is not None
        code = d.code
        audits = [a.action for a in s.scalars(select(AuditRecord).where(AuditRecord.entity_id == code))]
    assert "dossier.receive" in audits and "receipt.print" in audits

    archived = data_dir / "receipts" / "2026" / "11" / f"{code}.pdf"
    assert archived.exists()
    text = subprocess.run(["pdftotext", "-layout", str(archived), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert code in text and "Đỗ Văn Đức" in text
    assert code in desk.preview.windowTitle()
    qtbot.waitUntil(desk.preview.rendered)
    assert len(desk.preview.page_labels) == 2  # two copies (liên) by default
    assert all(not label.pixmap().isNull() for label in desk.preview.page_labels)
    desk.preview.close()

    # The form is empty again and F2 keeps it ready for the next citizen.
    assert form.name.text() == "" and window.last_code == code

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.nav.setCurrentRow(window.DOSSIERS)
    page = window.dossiers
    assert focused() is page.search
    for query in ("do van duc", "Đỗ Văn Đức", "0987654321", "086051054321", code):
        page.search.clear()
        page.search.setFocus()
        type_text(query)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.code_at(0) == code)
    page.search.clear()
    page.search.setFocus()
    type_text("tran thi khong co")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    process_events()

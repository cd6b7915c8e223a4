"""A counter runs all day: what the officer closes is gone, with its PDF document and page images.

Structural checks, not sizes: the closed dialog's Qt object is deleted (its Python wrapper dies
with it), no leftover stays among the application's windows or the desk window's children, and the
preview's PDFium document is closed. The memory figures themselves are `make bench`'s
(bench/memory.py)."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from app.services.bootstrap import DEMO_PASSWORD
from app.services.intake.registration import Applicant, RegisterRequest, register
from app.services.trust.users import authenticate
from db.models import Procedure
from ui.dossiers.detail import DossierDetailDialog
from ui.intake.receipt_preview import ReceiptPreview
from ui.main import Desk, home_facts, make_app


def _desk(qtbot, db, data_dir, *, closed_by_test: bool = True):
    make_app()
    desk = Desk(db, data_dir, home_facts(db))
    window = desk.open_window(authenticate(db, "canbo", DEMO_PASSWORD, 1), "Quầy số 1")
    if closed_by_test:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return desk, window


def _registered(db, actor) -> str:
    with db.reading() as s:
        procedure = s.scalars(select(Procedure.code).order_by(Procedure.id)).first()
    req = RegisterRequest(procedure_code=procedure, applicant=Applicant(name="Nguyễn Văn Bình", phone="0912345678"))
    return register(db, actor, req).code


def _gone(qtbot, ref: weakref.ref) -> None:
    """Deferred deletions run (as the desk's event loop runs them), then the wrapper is dead."""

    def dead() -> bool:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        return ref() is None

    qtbot.waitUntil(dead, timeout=5000)


def _left(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]


def test_a_closed_receipt_preview_is_deleted_with_its_pdf_document(qtbot, db, data_dir):
    desk, window = _desk(qtbot, db, data_dir)
    code = _registered(db, window.actor)
    window.print_code(code)
    qtbot.waitUntil(lambda: desk.preview is not None and desk.preview.rendered(), timeout=20000)
    preview = desk.preview
    assert preview.isVisible() and all(not label.pixmap().isNull() for label in preview.page_labels)
    document, ref = preview._doc, weakref.ref(preview)
    preview.close()
    del preview
    _gone(qtbot, ref)
    assert desk.preview is None and _left(ReceiptPreview) == []
    assert window.findChildren(ReceiptPreview) == []
    assert document.raw is None  # PDFium's document is closed, not left to a finaliser


def test_a_preview_closed_before_its_pages_are_drawn_closes_its_document(qtbot, db, data_dir):
    from printing.receipt import build_receipt

    desk, window = _desk(qtbot, db, data_dir)
    code = _registered(db, window.actor)
    from app.services.dossiers.receipts import receipt_data

    with db.reading() as s:
        pdf = build_receipt(receipt_data(s, code))
    preview = ReceiptPreview(code, pdf, parent=window)
    preview.open()
    document, ref = preview._doc, weakref.ref(preview)
    preview.reject()  # before the event loop drew a single page
    assert document.raw is None
    del preview
    _gone(qtbot, ref)  # the page still due is not drawn on a deleted dialog
    assert window.findChildren(ReceiptPreview) == []


def test_a_closed_dossier_window_is_deleted(qtbot, db, data_dir):
    desk, window = _desk(qtbot, db, data_dir)
    code = _registered(db, window.actor)
    seen: list[weakref.ref] = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DossierDetailDialog) or not dialog.isVisible():
            QTimer.singleShot(20, close_it)
            return
        seen.append(weakref.ref(dialog))
        dialog.close_button.click()

    QTimer.singleShot(0, close_it)
    window.open_dossier(code)  # modal, as Enter in the dossier list opens it
    qtbot.waitUntil(lambda: len(seen) == 1 and QApplication.activeModalWidget() is None, timeout=10000)
    _gone(qtbot, seen[0])
    assert window.findChildren(DossierDetailDialog) == [] and _left(DossierDetailDialog) == []


def test_a_dossier_that_cannot_be_opened_leaves_no_half_built_window(qtbot, db, data_dir):
    desk, window = _desk(qtbot, db, data_dir)
    # Whether the desk says why in its status bar or in a box, a box is closed here.
    QTimer.singleShot(0, lambda: (box := QApplication.activeModalWidget()) is not None and box.close())
    window.open_dossier("KHONG-CO-MA")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(DossierDetailDialog) == []


def test_an_unlocked_lock_dialog_is_deleted(qtbot, db, data_dir):
    desk, window = _desk(qtbot, db, data_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    lock = desk.lock()
    assert isinstance(lock, QDialog) and lock.isVisible()
    ref = weakref.ref(lock)
    lock.password.setText(DEMO_PASSWORD)
    lock._try()
    del lock
    _gone(qtbot, ref)
    assert not any(type(w).__name__ == "LockDialog" for w in window.findChildren(QDialog))
    assert shiboken6.isValid(window)


def test_the_hall_display_forgets_yesterday_s_calls_and_still_announces_each_once(qtbot, db):
    from datetime import datetime

    from app.services.queue import tickets as q
    from app.services.queue.board import board, hall
    from tests.helpers.factories import OFFICER
    from ui.queue.hall_display import HallDisplay

    make_app()
    monday, tuesday = datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 24, 9, 0)
    said: list[str] = []
    display = HallDisplay(hall(db, monday), board(db, monday), lambda: monday, lambda label, _n: said.append(label))
    qtbot.addWidget(display)
    for day in (monday, tuesday):
        for _ in range(3):
            q.issue_ticket(db, "TP", at=day)
            q.call_next(db, OFFICER, 1, ["TP"], at=day)
            display.show_board(board(db, day))
        display.show_board(board(db, day))  # the same board again: nothing new to say
    assert said == ["A001", "A002", "A003"] * 2
    # A display runs for weeks: what it remembers of Monday's calls is gone on Tuesday.
    assert display._seen and all(called.date() == tuesday.date() for _id, called in display._seen)


def test_a_logged_out_window_is_deleted_with_its_pages(qtbot, db, data_dir):
    from ui.login import LoginDialog

    desk, window = _desk(qtbot, db, data_dir, closed_by_test=False)  # the log-out closes it
    pages = window.pages
    new: list = []

    def log_in_again():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog) or not dialog.isVisible():
            QTimer.singleShot(20, log_in_again)
            return
        dialog.login.setText("canbo")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.ok.click()

    QTimer.singleShot(0, log_in_again)
    desk.logout()  # the log-in dialog, modal, then the next officer's window
    new.append(desk.window)
    qtbot.addWidget(desk.window)

    def deleted() -> bool:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return not shiboken6.isValid(window)

    qtbot.waitUntil(deleted, timeout=5000)
    assert not shiboken6.isValid(pages)  # the pages went with it
    assert new[0] is not window and QApplication.topLevelWidgets().count(new[0]) == 1
    assert not [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow" and w is not new[0]]

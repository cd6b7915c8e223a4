"""The sync page reads its two lists through ui/ops.py (issue 19): off the GUI thread on a real pool,
painted when they come; a role that may not see dossiers is told so under the lists, nothing
crashes. Real SQLite files, real threads; the services are wrapped only to note their thread."""

import threading

import ui.sync.page as page_module
from app.domain.permissions import Actor
from app.domain.vocab import Role
from tests.helpers.factories import OFFICER
from ui.main import make_app
from ui.sync.page import SyncPage

WAIT_MS = 20_000
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=2, full_name="Trần Văn Bình")


def test_the_lists_are_read_off_the_gui_thread(qtbot, db, monkeypatch, thread_ops):
    make_app()
    threads: list = []
    for name in ("quarantined", "reprint_list"):
        real = getattr(page_module, name)

        def noting(*args, _real=real, **kwargs):
            threads.append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(page_module, name, noting)
    page = SyncPage(db, OFFICER)
    qtbot.addWidget(page)
    page.show()  # shown: the lists are read
    qtbot.waitUntil(lambda: page.quarantine_box.title() == "Thay đổi cổng không nhận (0)", timeout=WAIT_MS)
    assert len(threads) == 2 and threading.main_thread() not in threads
    assert page.quarantine.rowCount() == 0 and page.reprint.rowCount() == 0


def test_a_refusal_is_said_under_the_lists(qtbot, db, thread_ops):
    make_app()
    page = SyncPage(db, GUIDE)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "không được phép xem hồ sơ" in page.notice.text(), timeout=WAIT_MS)
    assert page.items == [] and page.reprints == []


def _quarantine_one(db) -> str:
    from datetime import datetime

    from sqlalchemy import select, update

    from app.services.intake.registration import register
    from db.models import OutboxMessage
    from tests.helpers.factories import request

    code = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 19, 8, 0))).code
    with db.writing() as s:
        first = s.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id))
        s.execute(update(OutboxMessage).where(OutboxMessage.id == first).values(
            state="quarantined", last_error="422", quarantined_at=datetime(2026, 11, 19, 9, 0),
            error_fields=[{"field": "SoDienThoai", "label": "Số điện thoại", "message": "sai"}]))
    return code


def test_the_correction_dialog_reads_off_the_gui_thread_and_is_freed(qtbot, db, monkeypatch, thread_ops):
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    make_app()
    code = _quarantine_one(db)
    threads: list = []
    real = page_module.dossier_detail

    def noting(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module, "dossier_detail", noting)
    page = SyncPage(db, OFFICER)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.quarantine.rowCount() == 1, timeout=WAIT_MS)
    page.quarantine.selectRow(0)
    seen: list = []

    def cancel_when_shown() -> None:  # the officer presses Cancel once the dialog is up
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel_when_shown)
            return
        seen.append((dialog, dialog.objectName(), dialog.windowTitle()))
        dialog.reject()

    QTimer.singleShot(0, cancel_when_shown)
    page.correct_selected()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)
    dialog, name, title = seen[0]
    assert name == "correctDialog" and title.endswith(code)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)  # freed once answered, not kept under the page
    assert threads and threading.main_thread() not in threads

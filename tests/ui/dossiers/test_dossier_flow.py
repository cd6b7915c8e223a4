"""A dossier's life through the desk's own screens: received at the counter, then on the dossier
screen the officer clicks "hand over" (typing the division and the taker) and "result ready",
and finally scans the receipt code into the return screen. Every modal dialog is answered the
way the officer would, with clicks and keys, while it is open."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.domain.vocab import DossierStatus
from app.services.intake.registration import register
from db.models import Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import request
from tests.helpers.keyboard import enter, focused, type_text
from tests.ui.test_desk import log_in
from ui.dossiers.actions import ActionDialog
from ui.dossiers.detail import DossierDetailDialog
from ui.main import Desk, home_facts, make_app

MON = datetime(2026, 11, 23, 8, 5)
NOW = datetime(2026, 11, 23, 14, 0)  # marriage registration is due the same day


def answer(steps: list[tuple[type, Callable[[QWidget], None]]], done: list) -> None:
    """Each time a new modal dialog is active, run the next step on it (checked by its type)."""
    handled: list[QWidget] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # Only once it is the active window: keys must not reach the dialog below it.
        if dialog is not None and dialog not in handled and dialog.isActiveWindow() and steps:
            handled.append(dialog)
            kind, step = steps[0]
            if not isinstance(dialog, kind):  # e.g. a warning: note what it says, close it, stop
                done.append(f"unexpected {type(dialog).__name__}: {getattr(dialog, 'text', lambda: '')()}")
                steps.clear()
                dialog.reject()
                return
            steps.pop(0)
            if steps:
                QTimer.singleShot(20, poll)  # a fresh timer: it fires inside the nested dialog too
            done.append(type(dialog).__name__)
            step(dialog)
        elif steps:
            QTimer.singleShot(20, poll)

    def give_up() -> None:  # a step that never came: close what is open so the test fails, not hangs
        if steps:
            done.append(f"timed out waiting for {steps[0][0].__name__}")
            steps.clear()
            while (dialog := QApplication.activeModalWidget()) is not None:
                dialog.reject()

    QTimer.singleShot(20, poll)
    QTimer.singleShot(30_000, give_up)


def test_receive_hand_over_result_ready_return_by_scanning(qtbot, db, data_dir):
    make_app()
    desk = Desk(db, data_dir, home_facts(db), clock=lambda: NOW)
    window = log_in(qtbot, desk)
    officer = window.actor
    code = register(db, officer, request("1.000894", received_at=MON)).code  # received at the counter
    seen: dict[str, str] = {}

    def click(action: str):
        def step(d: DossierDetailDialog) -> None:
            seen.setdefault(d.detail["status_label"], action)
            qtbot.mouseClick(d.findChild(QWidget, f"action_{action}"), Qt.MouseButton.LeftButton)
        return step

    def hand_over(d: ActionDialog) -> None:
        assert d.edits["giver"].text() == officer.full_name  # the officer hands it over
        type_text("Phòng Văn hóa - Thông tin", widget=d.edits["division"])
        type_text("Trần Văn Bảo", widget=d.edits["taker"])
        enter(widget=d.edits["taker"])  # OK is the default button

    def close(d: DossierDetailDialog) -> None:
        seen["final"] = d.detail["status_label"]
        qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)

    done: list = []
    answer([(DossierDetailDialog, click("hand_over")), (ActionDialog, hand_over),
            (DossierDetailDialog, click("result_ready")), (ActionDialog, lambda d: enter(widget=d)),
            (DossierDetailDialog, close)], done)
    window.open_dossier(code)  # what Enter or a double click in the dossier list does
    assert done == ["DossierDetailDialog", "ActionDialog"] * 2 + ["DossierDetailDialog"]
    assert seen == {"Được tiếp nhận": "hand_over", "Đang xử lý": "result_ready", "final": "Đã xử lý xong"}

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.nav.setCurrentRow(window.RETURN)
    page = window.return_page
    assert focused() is page.code
    type_text(code)  # a keyboard-wedge scanner types the code and Enter
    enter()
    assert focused() is page.collector_id and page.collector.text() == "Nguyễn Văn An"
    enter()
    assert page.message.text() == f"Đã trả kết quả hồ sơ {code}."

    with db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        events = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)
                           .order_by(DossierEvent.id)).all()
        outbox = s.scalars(select(OutboxMessage.event_uuid)).all()
    assert d.status == DossierStatus.RETURNED and d.finished_at == NOW and d.returned_at == NOW
    assert [e.action for e in events] == ["receive", "hand_over", "result_ready", "return_result"]
    assert events[1].details == {"division": "Phòng Văn hóa - Thông tin", "giver": officer.full_name,
                                 "taker": "Trần Văn Bảo"}
    assert events[2].details["on_time"] == "on_time"
    assert set(outbox) >= {e.uuid for e in events}  # every step queued for the portal

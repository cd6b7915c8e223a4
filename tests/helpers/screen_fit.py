"""Every window and dialog the desk can show, opened on the one virtual screen of this process
(tests/ui/test_fits_the_screen.py starts it with Qt's offscreen platform configured to 1366×768
or 1280×720), each measured: a visible button or drop-down list off the screen's available area or cut by its
window (only the part in view of one in a scroll area, reached by scrolling), or a window larger
than that area, is written to the report.

    python -m tests.helpers.screen_fit REPORT.json   (QT_QPA_PLATFORM=offscreen:configfile=…)
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QTabWidget,
    QWidget,
)

NOW = datetime(2026, 11, 23, 9, 30)  # a Monday in office hours


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


class Report:
    def __init__(self):
        self.checked: list[str] = []
        self.outside: list[str] = []
        self.room = QGuiApplication.primaryScreen().availableGeometry()

    def check(self, window: QWidget, name: str) -> None:
        """`window` as shown now: its frame and each visible button within the available area."""
        settle()
        self.checked.append(name)
        frame = window.frameGeometry()
        if frame.width() > self.room.width() or frame.height() > self.room.height():
            self.outside.append(f"{name}: window {frame.width()}×{frame.height()} larger than the screen's "
                                f"{self.room.width()}×{self.room.height()}")
        inside = window.geometry()  # the window's client area, on the screen
        for button in window.findChildren(QAbstractButton) + window.findChildren(QComboBox):
            if not button.isVisible() or button.window() is not window:
                continue
            if scrolls(button):  # reached by scrolling: what shows of it must be on the screen
                seen = button.visibleRegion().boundingRect()
                if seen.isEmpty():
                    continue
            else:  # all of it, neither cut by its window nor off the screen
                seen = button.rect()
            rect = QRect(button.mapToGlobal(seen.topLeft()), seen.size())
            if not (self.room.contains(rect) and inside.contains(rect)):
                label = button.currentText() if isinstance(button, QComboBox) else button.text()
                self.outside.append(f"{name}: «{label or button.objectName() or type(button).__name__}» at "
                                    f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()} outside "
                                    f"{self.room.width()}×{self.room.height()}")

    def check_tabs(self, window: QWidget, page: QWidget, name: str) -> None:
        """The page, and each tab of its tab widgets in turn."""
        self.check(window, name)
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                self.check(window, f"{name} / {tabs.tabText(i)}")


def scrolls(widget: QWidget) -> bool:
    """Inside a scroll area (or a list's viewport) of its window."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
            return True
        parent = parent.parentWidget()
    return False


def show(dialog: QWidget) -> QWidget:
    dialog.show()
    settle()
    return dialog


def run(tmp: Path, report: Report) -> None:
    from app.domain.lifecycle import TRANSITIONS, Action
    from app.services.dossiers.lifecycle import Facts, act
    from app.services.dossiers.query import dossier_detail
    from app.services.dossiers.receipts import print_receipt
    from app.services.intake.registration import DocumentLine, FeeLine, register
    from app.services.queue import tickets as q
    from app.services.queue.board import board, hall
    from app.services.trust.users import authenticate
    from tests.helpers.factories import request
    from ui.main import Desk, home_facts, make_app, prepare_database
    from ui.main_window import MainWindow
    from ui.ops import SynchronousPool, set_default_pool

    make_app()
    set_default_pool(SynchronousPool())  # each op is done before its window is measured
    db = prepare_database(f"sqlite:///{tmp / 'fit.sqlite3'}", demo=False, force_password_change=False)
    data_dir = tmp / "data"
    facts = home_facts(db)
    desk = Desk(db, data_dir, facts, clock=lambda: NOW)
    officer = authenticate(db, "canbo", "motcua2026", 1)
    supervisor = authenticate(db, "lanhdao", "motcua2026", None)
    guide = authenticate(db, "huongdan", "motcua2026", None)
    admin = authenticate(db, "quantri", "motcua2026", None)

    # log-in, the first password change, the lock
    from ui.login import ChangePasswordDialog, LockDialog

    login = show(desk.login_dialog())
    report.check(login, "login")
    login.close()
    change = show(ChangePasswordDialog("canbo", lambda _new: None))
    report.check(change, "change password")
    change.close()

    # a karaoke licence (fees, many documents, a business applicant) registered this morning
    documents = [DocumentLine(n) for n in ("Đơn đề nghị cấp giấy phép", "Bản sao giấy chứng nhận đăng ký doanh nghiệp",
                                           "Bản vẽ mặt bằng phòng hát", "Giấy chứng nhận đủ điều kiện về an ninh, trật tự")]
    code = register(db, officer, request("1.001029", received_at=NOW - timedelta(hours=1), documents=documents,
                                         fees=[FeeLine("Phí thẩm định cấp giấy phép kinh doanh karaoke", 4_000_000)])).code

    # Signing on: the "Chưa ký" page is in the navigation (ui/signing/unsigned_page.py).
    from app.domain.permissions import Actor
    from app.services.settings.store import change_settings

    change_settings(db, Actor.system(), {"signing.enabled": True})

    windows: list[QWidget] = []
    for actor, who in ((officer, "officer"), (supervisor, "supervisor"), (guide, "guide"), (admin, "admin")):
        window = MainWindow(facts, db, actor, data_dir=data_dir, clock=lambda: NOW,
                            print_receipt=lambda _code, _reprint: None)
        windows.append(window)
        window.show_on_screen()
        settle(20)
        for row in range(window.nav.count()):
            if window.nav.isRowHidden(row):
                continue
            window.nav.setCurrentRow(row)
            report.check_tabs(window, window.pages.currentWidget(), f"{who}: {window.nav.item(row).text()}")
        if actor is not officer:
            window.close()
    window = windows[0]
    window.nav.setCurrentRow(window.INTAKE)

    lock = show(LockDialog(officer, lambda *_: officer, window))
    report.check(lock, "lock")
    lock.close()

    # the receipt as it is previewed, and the forms of the dossier window
    receipt = print_receipt(db, officer, code, data_dir).pdf
    from ui.intake.receipt_preview import ReceiptPreview

    preview = show(ReceiptPreview(code, receipt, parent=window))
    report.check(preview, "receipt preview")
    preview.close()

    from ui.dossiers.actions import ActionDialog
    from ui.dossiers.detail import DossierDetailDialog
    from ui.intake.payment_dialog import PaymentDialog

    def dossier_window(actor, name: str, files: bool = True) -> DossierDetailDialog:
        d = DossierDetailDialog(db, actor, code, parent=window, clock=lambda: NOW, data_dir=data_dir if files else None)
        show(d)
        report.check(d, f"dossier window: {name}")
        return d

    detail = dossier_window(officer, "received")
    due = datetime.fromisoformat(detail.detail["due_at"])
    pay = show(PaymentDialog(db, officer, code, max(detail.detail["outstanding"], 1), detail))
    report.check(pay, "payment")
    pay.close()
    # every action's dialog, in a status that offers it; a second supplement asks for its ground
    for action in Action:
        status = next(s for (s, a) in TRANSITIONS if a is action)
        dialog = show(ActionDialog(action, status, officer, due, detail))
        report.check(dialog, f"action: {action.label}")
        dialog.close()
    again = show(ActionDialog(Action.REQUEST_SUPPLEMENT, 3, officer, due, detail, supplements_before=1))
    report.check(again, "action: second supplement request")
    again.close()
    detail.close()

    act(db, officer, code, Action.HAND_OVER, Facts(division="Phòng Quản lý Văn hóa", giver=officer.full_name,
                                                   taker="Trần Văn Bảo", at=NOW))
    detail = dossier_window(officer, "after a hand-over")
    form = show(ReceiptPreview(code, receipt, parent=detail))  # a form printed from the dossier window
    report.check(form, "form preview over the dossier window")
    form.close()
    detail.close()
    dossier_window(supervisor, "after a hand-over, supervisor", files=False).close()
    dossier_window(admin, "after a hand-over, administrator").close()
    act(db, officer, code, Action.REQUEST_SUPPLEMENT, Facts(
        items=["Bản vẽ mặt bằng phòng hát có kích thước từng phòng"], reason="Hồ sơ thiếu thành phần",
        contact_name="Trần Văn Bảo", contact_phone="02703822118", at=NOW + timedelta(minutes=5)))
    dossier_window(officer, "supplement requested").close()
    act(db, officer, code, Action.RECEIVE_SUPPLEMENT, Facts(at=NOW + timedelta(minutes=10)))
    act(db, officer, code, Action.RESULT_READY, Facts(at=NOW + timedelta(minutes=15)))
    dossier_window(officer, "result ready").close()

    # fees (issue 25): part paid, its receipt cancelled and replaced; the rest owed at the return
    # page with its VietQR; the counter's closing over the payment
    from app.services.dossiers.payments import record_payment
    from app.services.fees.receipts import PaperNumber, cancel_receipt

    change_settings(db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667",
                                         "bank.holder": "UBND XA LONG HO"})
    owed = dossier_detail(db, officer, code)["outstanding"]
    paid = record_payment(db, officer, code, max(owed // 2, 1), "transfer", "FT26327001",
                          at=NOW + timedelta(minutes=20), paper=PaperNumber("01BLP0-001", "BL-26E", "0000042"))
    cancel_receipt(db, officer, paid.receipt_id, "Ghi sai tên người nộp: người nộp là doanh nghiệp",
                   payer_name="Công ty TNHH Dịch vụ Giải trí Ánh Dương", at=NOW + timedelta(minutes=25))
    dossier_window(officer, "fees paid in part, a receipt replaced").close()
    window.nav.setCurrentRow(window.RETURN)
    window.return_page.code.setText(code)
    window.return_page.look_up()
    settle()
    report.check(window, "officer: Trả kết quả, a fee owed")
    closing = window.open_closing()
    settle()
    report.check(closing, "counter closing")
    closing.close()

    # digitization: the capture dialog (no scanner on this PC), the reuse picker, the file viewer
    from ui.digitize.capture_dialog import CaptureDialog
    from ui.digitize.reuse_picker import ReusePicker
    from ui.dossiers.file_viewer import FileViewer

    capture = show(CaptureDialog(db, officer, code, data_dir, window, scanner=None))
    report.check(capture, "capture")
    capture.close()
    picker = show(ReusePicker(db, officer, code, 0, data_dir, parent=window))
    report.check(picker, "reuse picker")
    picker.close()
    viewer = show(FileViewer(receipt, "application/pdf", title=f"Biên nhận · {code}", file_name="bien-nhan.pdf",
                             parent=window))
    report.check(viewer, "file viewer")
    viewer.close()

    # the portal sync's correction of a refused change
    from app.services.dossiers.quarantine import Quarantined
    from ui.sync.page import CorrectDialog

    item = Quarantined(outbox_id=1, code=code, applicant_name="Nguyễn Văn An", change="Tiếp nhận hồ sơ",
                       message="Số điện thoại không hợp lệ", fields=[("Số điện thoại", "không hợp lệ")],
                       quarantined_at=NOW, waiting_behind=2)
    correct = show(CorrectDialog(db, officer, item, dossier_detail(db, officer, code), window))
    report.check(correct, "portal correction")
    correct.close()

    # notices: the consent a citizen asks to change, from the dossier window (ui/notices/)
    from app.services.notices.consent import dossier_consent
    from ui.notices.dossier_notices import ConsentDialog

    consent = show(ConsentDialog(dossier_consent(db, officer, code), window))
    report.check(consent, "notices consent")
    consent.close()

    # signing at the desk (ui/signing/): the PIN asked once per log-in, a verdict with a good and a
    # tampered signature side by side
    from app.signing.verify import SignatureCheck, Verdict
    from ui.signing.pin_dialog import PinDialog
    from ui.signing.verdict import VerdictDialog

    pin = show(PinDialog("Quầy 1 - VNPT-CA", "Nguyễn Thị Thu Hương", window))
    pin.show_message("Sai mã PIN: còn 2 lần thử trước khi thiết bị ký bị khóa.")
    report.check(pin, "PIN dialog")
    pin.close()
    good = SignatureCheck(field="ChuKySo", signer="Nguyễn Thị Thu Hương", organization="Trung tâm Phục vụ hành "
                          "chính công tỉnh Vĩnh Long", signed_at=NOW, timestamped=True, intact=True, whole_file=True,
                          trusted=True, problems=())
    bad = SignatureCheck(field="ChuKySo2", signer="Không rõ", organization="", signed_at=None, timestamped=False,
                         intact=False, whole_file=False, trusted=False,
                         problems=("Tệp đã bị sửa sau khi ký: nội dung không còn khớp với chữ ký.",))
    verdict = show(VerdictDialog(Verdict(ok=False, summary="Một chữ ký không hợp lệ: tệp đã bị sửa sau khi ký.",
                                         signatures=(good, bad)), f"Giấy tiếp nhận · {code}", window))
    report.check(verdict, "verdict dialog")
    verdict.close()
    # an online dossier received with signing on: its window lists the e-receipt still to sign
    import uuid

    from app.portal.contract import OnlineDossier
    from app.services.dossiers.online_inbox import save_pulled

    online = OnlineDossier(
        portal_id=str(uuid.uuid4()), code="000.00.01.H62-261123-0901", procedure_code="1.001193", applicant_kind=1,
        applicant_name="Phạm Văn Tài", applicant_id_number="086090054321", applicant_phone="0911222333",
        applicant_email=None, applicant_address="Phường 3, TP Vĩnh Long", summary=None,
        submitted_at=NOW - timedelta(days=1), online_level=4, whole_process=True, result_method="online",
        result_address=None, attachments=[])
    with db.writing() as s:
        save_pulled(s, [online])
    act(db, officer, online.code, Action.RECEIVE, Facts(at=NOW))
    signed_docs = DossierDetailDialog(db, officer, online.code, parent=window, clock=lambda: NOW, data_dir=data_dir)
    show(signed_docs)
    assert signed_docs.signatures.isVisible()
    report.check(signed_docs, "dossier window: e-receipt to sign")
    signed_docs.close()

    # the kiosk and the hall display, full screen on their own PCs
    from ui.queue.hall_display import HallDisplay
    from ui.queue.kiosk import Kiosk

    for i, group in enumerate(("TP", "TP", "VH", "TK")):
        q.issue_ticket(db, group, "elderly" if i == 1 else None, at=NOW - timedelta(minutes=30 - i))
    q.call_next(db, officer, 1, at=NOW - timedelta(minutes=5))
    kiosk = Kiosk(db, hall(db, NOW), board(db, NOW), lambda: NOW, printer=None)
    kiosk.showFullScreen()
    report.check(kiosk, "kiosk")
    kiosk.tap("TP")
    report.check(kiosk, "kiosk: ticket")
    kiosk.set_hall(hall(db, NOW.replace(hour=20)))
    report.check(kiosk, "kiosk: closed")
    kiosk.close()
    display = HallDisplay(hall(db, NOW), board(db, NOW), lambda: NOW)
    display.showFullScreen()
    report.check(display, "hall display")
    display.close()

    window.nav.setCurrentRow(window.INTAKE)
    window.counter_panel.call_next()
    report.check(window, "officer: after a call")
    window.close()
    settle()
    db.dispose()


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    with tempfile.TemporaryDirectory() as tmp:
        from ui.main import make_app

        make_app()
        report = Report()
        run(Path(tmp), report)
        out.write_text(json.dumps({"screen": [report.room.width(), report.room.height()],
                                   "checked": report.checked, "outside": report.outside},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

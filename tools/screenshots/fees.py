"""Screenshots of fees at the desk (issue 25, docs/fees.md): the return page with a fee still owed and
its VietQR code, the payment dialog, the dossier window's fee panel with a receipt cancelled and
replaced, the counter's closing, the supervisor's closings with an open difference, the receipts
waiting to be issued, Cài đặt › Phí, lệ phí, and a closing's PDF as printed. `python -m
tools.screenshots.fees <folder>` takes only these, on a fresh office, at 1366×768.

The receipts in them are real: the sandbox provider (app/fees/sandbox.py) serves on a free local
port, refusing one receipt and failing another once, as a provider does."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QScrollArea, QWidget

from app.domain.permissions import Actor
from db.engine import Database

SCREEN = (1366, 768)
SANDBOX_PORT = 8793
TEMPLATE, SYMBOL = "01BLP0-001", "BL-26E"  # a series as an office registers it (its own: none is built in)


def _dossier(db: Database, actor: Actor, name: str, fee: int, at: datetime, procedure: str = "1.000894") -> str:
    from app.services.intake.registration import FeeLine, register
    from tests.helpers.factories import citizen, request

    return register(db, actor, request(procedure, received_at=at, applicant=citizen(name),
                                       fees=[FeeLine("Lệ phí", fee)])).code


def _ready(db: Database, actor: Actor, code: str, at: datetime) -> None:
    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act

    act(db, actor, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver=actor.full_name,
                                                  taker="Trần Văn Bảo", at=at))
    act(db, actor, code, Action.RESULT_READY, Facts(at=at + timedelta(hours=5)))


class _Provider:
    """The sandbox stamps a receipt with its own clock: set here to the pictures' day, so a receipt
    is issued when its payment was taken, not on the day the screenshots are made."""

    def __init__(self, db: Database):
        import app.fees.sandbox as sandbox

        self.db, self.sandbox, self.at = db, sandbox, None
        self.before = sandbox.now_local
        sandbox.now_local = lambda: self.at

    def issue(self, at: datetime) -> None:
        """What the desk's sender does a moment after `at`."""
        from app.services.fees.receipts import drain_once

        self.at = at + timedelta(seconds=20)
        drain_once(self.db, self.at)

    def close(self) -> None:
        self.sandbox.now_local = self.before


def _week_of_closings(db: Database, now: datetime, provider: _Provider) -> int:
    """Counter 2 closed on Tuesday 10.000 đ over (corrected on Wednesday) and on Wednesday 20.000 đ
    short (open); counter 3 even on Thursday. Counter 1 (the desk's) is left to today's closing:
    a closing counts every payment of its counter not closed yet. The id of Wednesday's closing."""
    from app.services.dossiers.payments import record_payment
    from app.services.fees.closing import close_counter, correct_closing
    from app.services.trust.users import authenticate

    second = authenticate(db, "canbo", "motcua2026", 2)
    third = authenticate(db, "canbo", "motcua2026", 3)
    boss = authenticate(db, "lanhdao", "motcua2026", None)
    tue, wed, thu = (now.replace(hour=8, minute=0) - timedelta(days=d) for d in (3, 2, 1))
    for name, fee in (("Huỳnh Thị Thu", 50_000), ("Đặng Văn Lộc", 30_000)):
        record_payment(db, second, _dossier(db, second, name, fee, tue), fee, "cash", at=tue.replace(hour=10))
    provider.issue(tue.replace(hour=10))
    over = close_counter(db, second, 2, 90_000, note="Thừa tiền chưa rõ nguồn", at=tue.replace(hour=17))
    correct_closing(db, boss, over.id, -10_000, "Trả lại 10.000 đ công dân nộp thừa ngày 17/11",
                    at=wed.replace(hour=8, minute=15))
    for name, fee in (("Phan Minh Tâm", 100_000), ("Lý Thị Bích", 50_000), ("Châu Văn Phước", 30_000)):
        record_payment(db, second, _dossier(db, second, name, fee, wed), fee, "cash", at=wed.replace(hour=9, minute=30))
    record_payment(db, second, _dossier(db, second, "Ngô Thanh Hải", 25_000, wed), 25_000, "transfer",
                   reference="FT26323100457", at=wed.replace(hour=14))
    provider.issue(wed.replace(hour=14))
    short = close_counter(db, second, 2, 160_000, note="Thiếu 20.000 đ, chưa tìm ra", at=wed.replace(hour=17))
    for name, fee, method, ref in (("Tạ Văn Sang", 45_000, "cash", None),
                                   ("Mai Thị Lan", 15_000, "transfer", "FT26324009912")):
        record_payment(db, third, _dossier(db, third, name, fee, thu), fee, method, reference=ref,
                       at=thu.replace(hour=10))
    provider.issue(thu.replace(hour=10))
    close_counter(db, third, 3, 45_000, at=thu.replace(hour=17, minute=5))
    return short.id


def shoot_fees(db: Database, window, out: Path, shoot: Callable[[QWidget, Path], None],
               settle: Callable[..., None]) -> None:
    """Writes fees_return.png, fees_payment.png, fees_panel.png, fees_closing.png, fees_closings.png,
    fees_receipts.png, fees_settings.png and fees_closing_pdf.png into `out`; `window` is an
    officer's desk window at counter 1 (ui/main_window.py) on a synchronous pool."""
    from app.fees.sandbox import serve
    from app.services.dossiers.payments import record_payment
    from app.services.fees.closing import closing_pdf
    from app.services.fees.receipts import cancel_receipt
    from app.services.settings.store import change_settings
    from app.services.trust.users import authenticate
    from tests.helpers.keyboard import type_text
    from ui.dossiers.detail import DossierDetailDialog
    from ui.fees.closings_page import ClosingsPage
    from ui.intake.payment_dialog import PaymentDialog
    from ui.settings.page import SettingsPage

    out = Path(out)
    officer = window.actor
    now = window.clock()
    today = now.replace(hour=7, minute=45)
    try:  # the port docs/fees.md names, so the settings picture is the same each run
        server, thread = serve("127.0.0.1", SANDBOX_PORT)
    except OSError:  # taken on this machine: any free one
        server, thread = serve("127.0.0.1", 0)
    provider = _Provider(db)
    try:
        change_settings(db, Actor.system(), {
            "bank.bin": "970436", "bank.account": "0011004455667", "bank.holder": "BO PHAN MOT CUA",
            "fees.receipts.enabled": True, "fees.receipts.provider": "sandbox", "fees.receipts.url": server.url,
            "fees.receipts.template_code": TEMPLATE, "fees.receipts.symbol": SYMBOL,
            "fees.receipts.unit_tax_code": "1500123456", "fees.receipts.timeout_s": 5})
        wednesday = _week_of_closings(db, now, provider)

        # This morning at counter 1: a payment whose receipt named the wrong payer (cancelled and
        # replaced), a transfer, one the provider refused, one it failed to answer (tried again later).
        mistaken = _dossier(db, officer, "Công ty TNHH Ánh Dương", 100_000, today - timedelta(days=1))
        paid = record_payment(db, officer, mistaken, 100_000, "cash", at=today.replace(minute=50),
                              payer_name="Võ Minh Khang")
        transfer = _dossier(db, officer, "Nguyễn Thị Hồng", 50_000, today - timedelta(days=1))
        record_payment(db, officer, transfer, 50_000, "transfer", reference="FT26325001873",
                       at=today.replace(hour=8, minute=10),
                       payer_name="Công ty Cổ phần Xây dựng và Thương mại Phước Hậu")  # a long name: it wraps
        provider.issue(today.replace(hour=8, minute=10))
        cancel_receipt(db, officer, paid.receipt_id, "Ghi sai tên người nộp: người nộp là doanh nghiệp",
                       payer_name="Công ty TNHH Ánh Dương", at=today.replace(hour=8, minute=20))
        provider.issue(today.replace(hour=8, minute=20))  # the cancellation sent, the replacement issued
        refused = _dossier(db, officer, "Trương Văn Hậu", 30_000, today - timedelta(days=1))
        record_payment(db, officer, refused, 30_000, "cash", at=today.replace(hour=8, minute=40))
        server.set_faults("refuse")
        provider.issue(today.replace(hour=8, minute=40))
        online = _dossier(db, officer, "Lâm Thị Ngọc Ánh", 200_000, today - timedelta(days=1))
        record_payment(db, officer, online, 200_000, "online", reference="DVC-26112000184",
                       at=today.replace(hour=9, minute=5))
        server.set_faults("500")
        provider.issue(today.replace(hour=9, minute=5))

        # Trả kết quả: a result ready with its fee not paid yet.
        owing = _dossier(db, officer, "Lê Văn Tùng", 15_000, today - timedelta(days=2))
        _ready(db, officer, owing, today - timedelta(days=2) + timedelta(hours=2))
        window.return_result(owing)
        settle()
        shoot(window, out / "fees_return.png")
        pay = PaymentDialog(db, officer, owing, 15_000, window, payer="Lê Văn Tùng")
        pay.show()
        settle()
        shoot(pay, out / "fees_payment.png")
        pay.close()
        pay.deleteLater()

        detail = DossierDetailDialog(db, officer, mistaken, parent=window, clock=lambda: now,
                                     data_dir=window.data_dir)
        detail.resize(940, SCREEN[1] - 40)
        detail.show()
        settle()
        area = detail.fees_panel.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):  # the dossier window's scrolling body
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(detail.fees_panel)
        settle()
        shoot(detail, out / "fees_panel.png")
        detail.close()
        detail.deleteLater()

        window.nav.setCurrentRow(window.fees_row)
        window.fees_page.refresh()
        window.fees_page.select_row(0)
        settle()
        shoot(window, out / "fees_receipts.png")

        closing = window.open_closing()
        closing.resize(900, 640)
        type_text(str(closing.draft.cash_total), closing.counted)  # the drawer matches
        settle()
        shoot(closing, out / "fees_closing.png")
        closing.reject()

        boss = authenticate(db, "lanhdao", "motcua2026", None)
        page = ClosingsPage(db, boss, window.clock)
        page.resize(*SCREEN)
        page.show()
        page.refresh()  # nothing selected: the open difference's highlight shows
        settle()
        shoot(page, out / "fees_closings.png")
        page.close()
        page.deleteLater()

        settings = SettingsPage(db, authenticate(db, "quantri", "motcua2026", None), data_dir=window.data_dir,
                                clock=lambda: now)
        settings.resize(*SCREEN)
        settings.show()
        settings.show_tab(settings.fees)
        settings.fees.check_provider()  # the sandbox answers
        settle()
        shoot(settings, out / "fees_settings.png")
        settings.close()
        settings.deleteLater()

        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "closing.pdf"
            pdf.write_bytes(closing_pdf(db, boss, wednesday))
            subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(out / "fees_closing_pdf")],
                           check=True)
            print(f"wrote {out / 'fees_closing_pdf.png'}")
    finally:
        provider.close()
        server.stop(thread)
    window.nav.setCurrentRow(window.INTAKE)


def main(out_dir: str) -> int:
    from tools.screenshots.desk import run_alone

    return run_alone(out_dir, shoot_fees)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

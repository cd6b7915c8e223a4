"""Biên lai chờ phát hành ("Thu phí" in the navigation): with no provider every payment's receipt
waits for its paper number, entered here (the office's series filled in; a number already used is
refused in Vietnamese, nothing written); with the sandbox provider a refused receipt shows the
provider's words, "Phát hành lại" queues it again and wakes the desk's sender, and once issued it
leaves the list."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import now_local
from app.domain.permissions import Actor
from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from app.services.fees.receipts import drain_once
from app.services.settings.store import change_settings
from db.models import FeeReceipt
from tests.helpers.keyboard import type_text
from tests.ui.fees.fee_desk import MON, day_of_payments, dossier, officer
from ui.fees.receipts_page import ReceiptsPage
from ui.main import make_app

TEMPLATE, SYMBOL = "01BLP0-001", "BL-26E"


def page_for(qtbot, db) -> ReceiptsPage:
    make_app()
    page = ReceiptsPage(db, officer(db), lambda: MON.replace(hour=16))
    qtbot.addWidget(page)
    page.resize(1216, 690)
    page.show()
    return page


def column(page: ReceiptsPage, c: int) -> list[str]:
    return [page.table.item(r, c).text() for r in range(page.table.rowCount())]


def test_paper_receipt_numbers_are_entered_for_the_waiting_payments(qtbot, db):
    change_settings(db, Actor.system(), {"fees.receipts.template_code": TEMPLATE, "fees.receipts.symbol": SYMBOL})
    codes = day_of_payments(db)
    page = page_for(qtbot, db)
    assert column(page, 0) == [codes[0], codes[1], codes[0]]
    assert column(page, 1)[0] == "Nguyễn Văn An" and column(page, 2) == ["30.000 đ", "20.000 đ", "8.000 đ"]
    assert column(page, 4) == ["23/11/2026 09:30", "23/11/2026 10:30", "23/11/2026 11:30"]  # waiting since
    assert set(column(page, 3)) == {"Chưa có số (chờ ghi số biên lai giấy)"}
    assert page.count == 3 and page.nav_label(page.count) == "Thu phí (3)"
    assert not page.send_button.isVisible()  # no provider: nothing to send
    assert page.hint.text().startswith("Chưa bật biên lai điện tử: giao biên lai giấy")
    assert not page.paper_button.isEnabled()
    page.select_row(0)
    assert page.paper_button.isEnabled() and not page.retry_button.isEnabled()

    page.paper_button.click()
    dialog = page.paper_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Số biên lai giấy"
    assert (dialog.template_code.text(), dialog.symbol.text()) == (TEMPLATE, SYMBOL)
    type_text("0000012", dialog.number)
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert page.message.text() == f"Hồ sơ {codes[0]}: Mẫu số {TEMPLATE} Ký hiệu {SYMBOL} Số 0000012."
    assert column(page, 2) == ["20.000 đ", "8.000 đ"] and page.count == 2

    page.select_row(0)
    page.paper_button.click()
    dialog = page.paper_dialog
    type_text("0000012", dialog.number)  # the number of the receipt handed over a moment ago
    dialog.ok_button.click()
    assert dialog.isVisible() and "0000012" in dialog.message.text()
    assert page.count == 2
    with db.reading() as s:
        assert s.scalars(select(FeeReceipt.number).where(FeeReceipt.number.is_not(None))).all() == ["0000012"]


def test_a_refused_receipt_is_issued_again_through_the_sender(qtbot, db):
    server, thread = serve("127.0.0.1", 0, faults=["refuse", "500"])
    try:
        change_settings(db, Actor.system(), {
            "fees.receipts.enabled": True, "fees.receipts.url": server.url, "fees.receipts.provider": "sandbox",
            "fees.receipts.template_code": TEMPLATE, "fees.receipts.symbol": SYMBOL, "fees.receipts.timeout_s": 5})
        code = dossier(db, 38_000)
        record_payment(db, officer(db), code, 38_000, "cash", at=MON, payer_name="Nguyễn Văn An")
        other = dossier(db, 15_000)
        record_payment(db, officer(db), other, 15_000, "cash", at=MON + timedelta(minutes=5))
        # The sandbox refuses the first for good and fails to answer the second (tried again later).
        assert drain_once(db, MON + timedelta(minutes=6)).claimed == 2
        with db.reading() as s:
            later = s.scalar(select(FeeReceipt.next_attempt_at).where(FeeReceipt.state == "pending"))
        page = page_for(qtbot, db)
        assert column(page, 0) == [code, other] and column(page, 3) == ["Bị từ chối phát hành", "Chờ phát hành"]
        assert column(page, 5) == ["Dịch vụ biên lai từ chối: mẫu biên lai chưa được thông báo phát hành (giả lập)",
                                   f"dịch vụ biên lai trả lời HTTP 500: lỗi giả lập (gửi lại lúc {later:%H:%M})"]
        assert page.send_button.isVisible() and page.hint.text().startswith("Biên lai điện tử được nhà cung cấp")
        page.select_row(0)
        assert page.retry_button.isEnabled() and page.paper_button.isEnabled()
        woken: list[bool] = []
        page.send_requested.connect(lambda: woken.append(True))
        page.retry_button.click()
        assert woken == [True]
        assert page.message.text() == f"Hồ sơ {code}: đã gửi lại biên lai cho nhà cung cấp."
        assert column(page, 3) == ["Chờ phát hành", "Chờ phát hành"]

        assert drain_once(db, now_local() + timedelta(seconds=1)).issued == 2  # what the woken sender does
        page.refresh()
        assert page.table.isHidden() and page.empty.text() == "Mọi khoản nộp đều đã có biên lai."
        assert page.count == 0 and page.nav_label(page.count) == "Thu phí"
        page.send_button.click()
        assert woken == [True, True] and page.message.text() == "Đang gửi các biên lai chờ cho nhà cung cấp…"
    finally:
        server.stop(thread)

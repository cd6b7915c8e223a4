"""Chốt sổ các quầy, the supervisor's page: every counter's closings in the period with their
totals, the open difference highlighted and counted, "Chỉ chênh lệch chưa xử lý", a correction
(amount ±, a reason the service insists on) that makes the difference up without touching the
closing, and any closing as its PDF or Excel file."""

from __future__ import annotations

import zipfile
from datetime import datetime
from io import BytesIO

from PySide6.QtGui import QColor
from sqlalchemy import select

from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.payments import record_payment
from app.services.fees.closing import close_counter
from app.services.trust.users import authenticate
from db.models import CounterClosing
from tests.helpers.keyboard import type_text
from tests.ui.fees.fee_desk import EVENING, MON, day_of_payments, dossier, officer, supervisor
from ui.fees.closings_page import OPEN_BACKGROUND, ClosingsPage
from ui.main import make_app
from ui.widgets import ERROR_STYLE

TUE = datetime(2026, 11, 24, 9, 0)


def two_closings(db) -> None:
    """Counter 1 closed 5.000 đ short; counter 2 closed even."""
    day_of_payments(db)
    close_counter(db, officer(db), 1, 45_000, note="Thiếu tiền lẻ", at=EVENING)
    second = authenticate(db, "canbo", DEMO_PASSWORD, 2)
    record_payment(db, second, dossier(db), 12_000, "cash", at=MON.replace(hour=15))
    close_counter(db, second, 2, 12_000, at=EVENING.replace(minute=10))


def rows(page: ClosingsPage) -> list[list[str]]:
    return [[page.table.item(r, c).text() for c in range(page.table.columnCount())] for r in range(page.table.rowCount())]


def page_for(qtbot, db, saved: list | None = None) -> ClosingsPage:
    make_app()
    page = ClosingsPage(db, supervisor(db), lambda: TUE, save_dialog=lambda *_a: saved.pop() if saved else "")
    qtbot.addWidget(page)
    page.resize(1216, 690)
    page.show()
    return page


def test_every_counters_closings_with_the_open_difference_highlighted(qtbot, db):
    two_closings(db)
    page = page_for(qtbot, db)
    assert page.start.text() == "01/11/2026" and page.end.text() == "24/11/2026"
    assert [page.counter.itemText(i) for i in range(page.counter.count())][:3] == ["Mọi quầy", "Quầy 1", "Quầy 2"]
    assert rows(page) == [
        ["1", "23/11/2026", "Nguyễn Thị Mai", "23/11/2026 17:00", "50.000 đ", "8.000 đ", "0 đ", "45.000 đ",
         "\u22125.000 đ", "0 đ", "Thiếu tiền lẻ"],
        ["2", "23/11/2026", "Nguyễn Thị Mai", "23/11/2026 17:10", "12.000 đ", "0 đ", "0 đ", "12.000 đ", "0 đ", "0 đ", ""]]
    assert page.table.item(0, 8).background().color() == OPEN_BACKGROUND
    assert page.table.item(1, 8).background().color() != QColor(OPEN_BACKGROUND)
    assert page.message.text() == "1 lần chốt sổ còn chênh lệch chưa xử lý (tô màu)."
    assert page.message.styleSheet() == ERROR_STYLE

    page.counter.setCurrentIndex(2)  # counter 2 only
    assert [r[0] for r in rows(page)] == ["2"]
    page.counter.setCurrentIndex(0)
    page.only_open.setChecked(True)
    assert [r[0] for r in rows(page)] == ["1"] and not page.start.isEnabled()
    page.select_row(0)
    assert page.correct_button.isEnabled()


def test_a_correction_makes_the_difference_up_and_leaves_the_closing_as_it_was(qtbot, db):
    two_closings(db)
    page = page_for(qtbot, db)
    page.select_row(1)
    assert not page.correct_button.isEnabled()  # nothing to correct on an even closing
    page.only_open.setChecked(True)
    page.select_row(0)
    page.correct_button.click()
    dialog = page.correction
    assert dialog.isVisible() and dialog.windowTitle() == "Điều chỉnh chốt sổ"
    assert dialog.amount.text() == "5.000"  # what makes the difference up
    dialog.amount.clear()
    type_text("\u22123x000", dialog.amount)  # a minus taken, a letter not
    assert (dialog.amount.text(), dialog.amount.value()) == ("\u22123.000", -3_000)
    dialog.amount.clear()
    type_text("5000", dialog.amount)
    dialog.ok_button.click()  # no reason: the service's message, nothing written
    assert dialog.message.text() == "Cần ghi lý do điều chỉnh chốt sổ."
    with db.reading() as s:
        assert s.scalars(select(CounterClosing.kind)).all() == ["closing", "closing"]
    type_text("Sáng hôm sau tìm thấy 5.000 đ trong ngăn kéo", dialog.reason)
    dialog.ok_button.click()
    assert page.correction is None or not dialog.isVisible()
    assert page.empty.isVisible() and page.empty.text() == "Không có chênh lệch nào chưa xử lý."
    assert page.message.text() == "Đã ghi điều chỉnh +5.000 đ cho quầy 1."

    page.only_open.setChecked(False)
    listed = rows(page)
    assert len(listed) == 3
    assert listed[0][8:10] == ["\u22125.000 đ", "+5.000 đ"]  # the closing unchanged, its correction beside it
    assert listed[2][:2] == ["1", "24/11/2026"] and listed[2][8] == "+5.000 đ"
    assert listed[2][10] == "Điều chỉnh lần chốt sổ ngày 23/11/2026: Sáng hôm sau tìm thấy 5.000 đ trong ngăn kéo"
    assert page.table.item(0, 8).background().color() != QColor(OPEN_BACKGROUND)
    with db.reading() as s:
        first = s.scalars(select(CounterClosing).order_by(CounterClosing.id)).first()
    assert (first.cash_counted, first.difference) == (45_000, -5_000)


def test_a_closing_opens_as_its_pdf_and_exports_to_excel(qtbot, db, tmp_path):
    two_closings(db)
    target = tmp_path / "quay-1.xlsx"
    page = page_for(qtbot, db, saved=[str(target)])
    assert not page.pdf_button.isEnabled()
    page.select_row(0)
    page.pdf_button.click()
    assert page.preview.isVisible() and page.preview.windowTitle() == "Chốt sổ quầy 1, ngày 23/11/2026"
    assert page.preview.pdf.startswith(b"%PDF")
    page.preview.close()
    page.xlsx_button.click()
    assert page.message.text() == "Đã lưu quay-1.xlsx."
    with zipfile.ZipFile(BytesIO(target.read_bytes())) as book:
        assert "xl/workbook.xml" in book.namelist()

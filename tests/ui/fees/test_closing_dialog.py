"""Chốt sổ quầy at the desk: the draft of counter 1 (totals by method, receipts not issued yet), the
cash counted typed as digits and shown grouped, the difference worked out as it is typed, one
question before the closing (a "No" writes nothing), then the closing's PDF in the preview and its
Excel file; a counter with nothing to close says so and offers nothing else."""

from __future__ import annotations

import zipfile
from io import BytesIO

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db.models import CounterClosing, DossierPayment
from tests.helpers.keyboard import type_text
from tests.ui.fees.fee_desk import EVENING, day_of_payments, officer
from ui.fees.closing_dialog import ClosingDialog
from ui.main import make_app
from ui.widgets import ERROR_STYLE


def answer(monkeypatch, reply: bool) -> list[str]:
    """The closing's one question answered: a modal QMessageBox needs a person, so its answer is given here."""
    asked: list[str] = []
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or (yes if reply else no))
    return asked


def closings(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(CounterClosing))


def dialog_for(qtbot, db, saved: list | None = None) -> ClosingDialog:
    make_app()
    dialog = ClosingDialog(db, officer(db), clock=lambda: EVENING,
                           save_dialog=lambda _p, _c, name, _f: saved.pop() if saved else "")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_draft_the_cash_counted_and_the_live_difference(qtbot, db):
    day_of_payments(db)
    dialog = dialog_for(qtbot, db)
    assert dialog.heading.text() == "Chốt sổ quầy 1"
    assert dialog.summary.text() == "Các khoản thu tại quầy từ 23/11/2026 09:30 đến 23/11/2026 11:30, chưa chốt sổ."
    shown = {key: label.text() for key, label in dialog.values.items()}
    assert shown == {"payments": "3", "cash": "50.000 đ", "transfer": "8.000 đ", "online": "0 đ", "corrections": "0 đ",
                     "pending": "3"}
    assert dialog.lines.rowCount() == 3
    first = [dialog.lines.item(0, c).text() for c in range(6)]
    assert first[2:] == ["Nguyễn Văn An", "Tiền mặt", "30.000 đ", "Chưa có số (chờ ghi số biên lai giấy)"]
    assert dialog.close_button.text() == "Chốt sổ" and dialog.close_button.isEnabled()
    assert not dialog.print_button.isVisible() and not dialog.xlsx_button.isVisible()

    type_text("45000", dialog.counted)
    assert dialog.counted.text() == "45.000" and dialog.counted.value() == 45_000
    assert dialog.difference.text() == "\u22125.000 đ (thiếu so với sổ)"
    assert dialog.difference.styleSheet() == ERROR_STYLE
    dialog.counted.clear()
    type_text("1000000", dialog.counted)
    assert dialog.counted.text() == "1.000.000"
    assert dialog.difference.text() == "+950.000 đ (thừa so với sổ)"
    dialog.counted.clear()
    type_text("50x000", dialog.counted)  # a letter is not taken
    assert dialog.counted.text() == "50.000" and dialog.difference.text() == "0 đ (khớp với sổ)"


def test_closing_asks_once_then_is_final_and_prints_and_exports(qtbot, db, monkeypatch, tmp_path):
    day_of_payments(db)
    target = tmp_path / "chot-so.xlsx"
    dialog = dialog_for(qtbot, db, saved=[str(target)])
    dialog.close_button.click()  # no cash counted: asked for, nothing else
    assert dialog.counted_error.text() == "Nhập số tiền mặt đếm được trong ngăn kéo, tính bằng đồng."
    type_text("45000", dialog.counted)
    assert dialog.counted_error.isHidden()
    type_text("Thiếu tiền lẻ", dialog.note)
    asked = answer(monkeypatch, False)
    dialog.close_button.click()
    assert asked[0].startswith("Chốt sổ là cuối cùng, không sửa được;")
    assert "Chốt sổ quầy 1: 3 khoản thu, tiền mặt theo sổ 50.000 đ, tiền mặt đếm được 45.000 đ, chênh lệch " \
           "\u22125.000 đ?" in asked[0]
    assert closings(db) == 0 and dialog.closed is None  # "Không": nothing written

    answer(monkeypatch, True)
    dialog.close_button.click()
    assert closings(db) == 1
    with db.reading() as s:
        row = s.scalars(select(CounterClosing)).one()
        counted = s.scalar(select(func.count()).select_from(DossierPayment).where(DossierPayment.closing_id == row.id))
    assert (row.cash_counted, row.difference, row.note, row.closed_at, counted) == (45_000, -5_000, "Thiếu tiền lẻ",
                                                                                    EVENING, 3)
    assert dialog.message.text() == ("Đã chốt sổ quầy 1 lúc 23/11/2026 17:00, người chốt Nguyễn Thị Mai: 3 khoản thu, "
                                     "chênh lệch \u22125.000 đ.")
    assert not dialog.close_button.isVisible() and dialog.counted.isReadOnly() and dialog.note.isReadOnly()
    assert dialog.print_button.text() == "In bảng chốt sổ" and dialog.print_button.isVisible()

    dialog.print_button.click()
    preview = dialog.preview
    assert preview.isVisible() and preview.windowTitle() == "Chốt sổ quầy 1, ngày 23/11/2026"
    assert preview.pdf.startswith(b"%PDF")
    preview.close()

    assert dialog.xlsx_button.text() == "Xuất Excel…"
    dialog.xlsx_button.click()
    assert dialog.message.text() == "Đã lưu chot-so.xlsx."
    with zipfile.ZipFile(BytesIO(target.read_bytes())) as book:
        assert "xl/workbook.xml" in book.namelist()


def test_a_counter_with_nothing_to_close_says_so_and_nothing_else(qtbot, db):
    dialog = dialog_for(qtbot, db)
    assert dialog.nothing.isVisible()
    assert dialog.nothing.text() == "Quầy 1 chưa thu khoản nào từ lần chốt sổ trước: không có gì để chốt."
    assert not dialog.totals.isVisible() and not dialog.lines.isVisible() and not dialog.summary.isVisible()
    assert not dialog.close_button.isVisible() and not dialog.close_button.isEnabled()
    dialog.close_counter()  # even if asked to: nothing is written
    assert closings(db) == 0

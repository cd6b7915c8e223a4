"""The reuse picker on a real SQLite database and data folder: it lists the applicant's earlier
digitized documents of the line's kind (dossier code, dd/MM/yyyy, pages, where from, in Vietnamese),
reuses the chosen one through ui/ops.py, says so when there is none, and keeps the dialog open with
the reason when the file is no longer whole."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain.permissions import Actor
from app.services.dossiers.digitization import FileInput, dossier_files, record_digitization
from app.services.files import store
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, citizen, request
from tests.helpers.keyboard import enter
from ui.digitize.reuse_picker import DATE, DOSSIER, NAME, PAGES, SOURCE, ReusePicker, offer_reuse
from ui.main import make_app

MARRIAGE = "1.000894"
OLD, NEWER, TODAY = datetime(2026, 3, 2, 9, 0), datetime(2026, 9, 14, 10, 0), datetime(2026, 11, 23, 9, 0)
PDF_OLD, PDF_NEWER = b"%PDF-1.4\n% to khai 03\n%%EOF\n", b"%PDF-1.4\n% to khai 09\n%%EOF\n"


def dossier(db, at, **applicant) -> str:
    return register(db, OFFICER, request(MARRIAGE, received_at=at, applicant=citizen(**applicant))).code


@pytest.fixture
def codes(db, tmp_path):
    make_app()  # the Vietnamese translations
    old, newer = dossier(db, OLD), dossier(db, NEWER)
    for code, data, pages in ((old, PDF_OLD, 1), (newer, PDF_NEWER, 3)):
        record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(data, "to-khai.pdf", pages)],
                            data_dir=tmp_path, at=TODAY)
    return old, newer, dossier(db, TODAY)


def rows(picker: ReusePicker) -> list[tuple[str, ...]]:
    t = picker.table
    return [tuple(t.item(r, c).text() for c in (DOSSIER, DATE, PAGES, SOURCE)) for r in range(t.rowCount())]


def test_the_picker_lists_earlier_documents_in_vietnamese(qtbot, db, tmp_path, codes):
    old, newer, code = codes
    picker = ReusePicker(db, OFFICER, code, 0, tmp_path)
    qtbot.addWidget(picker)
    assert picker.windowTitle() == f"Tái sử dụng giấy tờ đã số hóa · {code}"
    assert rows(picker) == [(newer, "14/09/2026", "3", "Tại cơ quan"), (old, "02/03/2026", "1", "Tại cơ quan")]
    name = dossier_files(db, OFFICER, code).lines[0].name
    assert {picker.table.item(r, NAME).text() for r in range(2)} == {name}
    assert picker.status.text() == "2 giấy tờ loại này người nộp đã nộp trước đây, mới nhất trước:"
    assert picker.ok.text() == "Tái sử dụng" and picker.ok.isEnabled()
    assert picker.note.isHidden()


def test_choosing_one_reuses_it_and_offer_reuse_says_true(qtbot, db, tmp_path, codes):
    old, newer, code = codes
    seen = []

    def choose():
        (picker,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReusePicker) and w.isVisible()]
        seen.append(rows(picker))
        picker.table.selectRow(1)  # the older scan
        enter(picker.table)  # Enter presses the default button: the officer's keyboard path
    QTimer.singleShot(0, choose)
    assert offer_reuse(None, db, OFFICER, code, 0, tmp_path) is True
    assert len(seen) == 1
    line = dossier_files(db, OFFICER, code).lines[0]
    assert (line.digitization, line.reuse_source, [f.sha256 for f in line.files]) == \
        ("reused", "local", [hashlib.sha256(PDF_OLD).hexdigest()])


def test_closing_the_picker_reuses_nothing(qtbot, db, tmp_path, codes):
    old, newer, code = codes

    def cancel():
        (picker,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReusePicker) and w.isVisible()]
        qtbot.mouseClick(picker.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, cancel)
    assert offer_reuse(None, db, OFFICER, code, 0, tmp_path) is False
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None


def test_no_candidate_is_said_in_vietnamese(qtbot, db, tmp_path, codes):
    stranger = dossier(db, TODAY, id_number="001203004567", birth_date=None, sex=None)
    picker = ReusePicker(db, OFFICER, stranger, 0, tmp_path)
    qtbot.addWidget(picker)
    assert picker.table.rowCount() == 0
    assert picker.status.text() == ("Chưa có giấy tờ loại này của người nộp đã được số hóa trước đây: "
                                    "hãy quét bản giấy.")
    assert not picker.ok.isEnabled()
    picker.accept()  # Enter with nothing to choose: nothing happens, the dialog stays
    assert picker.result() == 0 and dossier_files(db, OFFICER, stranger).lines[0].digitization is None


def test_a_file_gone_since_the_list_keeps_the_dialog_open_with_the_reason(qtbot, db, tmp_path, codes):
    old, newer, code = codes
    picker = ReusePicker(db, OFFICER, code, 0, tmp_path)
    qtbot.addWidget(picker)
    picker.show()
    store.path_of(tmp_path, hashlib.sha256(PDF_NEWER).hexdigest()).unlink()  # another counter's disk trouble
    qtbot.mouseClick(picker.ok, Qt.MouseButton.LeftButton)
    assert picker.isVisible()
    assert picker.message.text().startswith("Giấy tờ đã chọn không còn tái sử dụng được")
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None
    picker.table.selectRow(1)  # the older one is still whole
    qtbot.mouseClick(picker.ok, Qt.MouseButton.LeftButton)
    assert not picker.isVisible() and picker.result() == 1
    assert dossier_files(db, OFFICER, code).lines[0].reuse_source == "local"


def test_the_citizens_store_on_the_offices_portal_and_a_portal_out_of_reach(qtbot, db, tmp_path, codes):
    """No client given: the picker asks the portal the office's settings name (portal.url)."""
    import base64

    import httpx

    from app.services.settings.store import change_settings
    from tests.helpers.sandbox import Sandbox

    old, newer, code = codes
    name = dossier_files(db, OFFICER, code).lines[0].name
    stored = b"%PDF-1.4\n% kho cong dan\n%%EOF\n"
    with Sandbox(tmp_path / "portal-sandbox.sqlite3") as sandbox:
        change_settings(db, Actor.system(), {"portal.url": sandbox.url, "portal.token": sandbox.token})
        httpx.post(f"{sandbox.url}/__sandbox/citizen-documents", timeout=30.0, json={
            "SoDinhDanh": "079090012345", "TenGiayTo": name, "MaHoSo": "H99.1-261101-0001",
            "NoiDung": base64.b64encode(stored).decode()}).raise_for_status()
        picker = ReusePicker(db, OFFICER, code, 0, tmp_path)
        qtbot.addWidget(picker)
        assert [r[0] for r in rows(picker)] == [newer, old, "H99.1-261101-0001"]
        assert rows(picker)[2][3] == "Kho dữ liệu công dân (Cổng DVC)"
        assert picker.note.isHidden()
        picker.table.selectRow(2)
        qtbot.mouseClick(picker.ok, Qt.MouseButton.LeftButton)
        assert picker.result() == 1
        line = dossier_files(db, OFFICER, code).lines[0]
        assert (line.digitization, line.reuse_source, [f.sha256 for f in line.files]) == \
            ("reused", "portal", [hashlib.sha256(stored).hexdigest()])
        sandbox.stop()
        offline = ReusePicker(db, OFFICER, code, 0, tmp_path)
        qtbot.addWidget(offline)
        assert [r[3] for r in rows(offline)] == ["Tại cơ quan", "Tại cơ quan"]
        assert not offline.note.isHidden()
        assert offline.note.text().startswith("Không hỏi được kho dữ liệu công dân trên Cổng DVC")


def test_the_preview_shows_the_chosen_file_and_the_opening_is_audited(qtbot, db, tmp_path, codes):
    from sqlalchemy import select

    from db.models import AuditRecord

    old, newer, code = codes
    picker = ReusePicker(db, OFFICER, code, 0, tmp_path)
    qtbot.addWidget(picker)
    assert picker.preview.text() == "Xem trước…" and picker.preview.isEnabled()
    picker.table.selectRow(1)
    qtbot.mouseClick(picker.preview, Qt.MouseButton.LeftButton)
    assert (picker.viewer.data, picker.viewer.windowTitle()) == \
        (PDF_OLD, f"{dossier_files(db, OFFICER, code).lines[0].name} · từ hồ sơ {old}")
    with db.reading() as s:
        opened = s.scalars(select(AuditRecord).where(AuditRecord.action == "dossier.open_file")).all()
    assert [(a.entity_id, a.details["sha256"]) for a in opened] == [(old, hashlib.sha256(PDF_OLD).hexdigest())]
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None  # looking records nothing
    picker.viewer.close()

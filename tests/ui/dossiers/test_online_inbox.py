"""The online inbox end to end: a citizen files on the sandbox portal's web page, the desk's sync
worker pulls the dossier and its file, the officer opens the file and receives (or refuses) the
dossier, and the worker pushes the answer: the portal's own look-up shows the new status."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, Role
from app.portal.contract import Attachment, OnlineDossier
from app.services.dossiers.online_inbox import save_pulled
from app.services.settings.store import change_settings
from db.models import AuditRecord
from tests.helpers.desk import open_desk
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import type_text
from tests.helpers.sandbox import Sandbox
from ui.dossiers.actions import ActionDialog
from ui.dossiers.online_inbox import OnlineInboxPage
from ui.main import make_app

WAIT_MS = 30_000
PDF = b"%PDF-1.4\n% to khai dang ky khai sinh\n" + b"0" * 3000


@pytest.fixture
def portal(tmp_path):
    with Sandbox(tmp_path / "portal-sandbox.sqlite3") as p:
        yield p


@pytest.fixture
def window(qtbot, db, data_dir, portal):
    """The officer's desk, synced with the sandbox portal; receipts "printed" into window.printed."""
    change_settings(db, Actor.system(), {"portal.url": portal.url, "portal.token": portal.token})
    w = open_desk(qtbot, db, data_dir)
    yield w
    w.close()  # the worker stops before the database and the portal go
    assert not w.sync_worker.running


def file_as_citizen(portal: Sandbox, name: str) -> str:
    """Fill and send the portal's filing form for a birth registration, with one PDF attached."""
    r = httpx.post(f"{portal.url}/nop/1.001193", timeout=10, data={
        "ho_ten": name, "cccd": "086190012345", "dien_thoai": "0987 654 321", "email": "",
        "dia_chi": "Số 8 Hưng Đạo Vương, Phường 1, TP Vĩnh Long", "trich_yeu": "Đăng ký khai sinh cho con",
        "hinh_thuc": "online", "dia_chi_nhan": ""}, files=[("tep", ("to-khai.pdf", PDF, "application/pdf"))])
    assert r.status_code == 200, r.text
    return re.search(r"id='ma-ho-so'>([^<]+)<", r.text).group(1)


def portal_status(portal: Sandbox, code: str) -> int | None:
    r = httpx.get(f"{portal.api_url}/dossiers/{code}", headers=portal.headers, timeout=5)
    return r.json()["TrangThaiHoSo"] if r.status_code == 200 else None


def codes(page: OnlineInboxPage) -> list[str]:
    return [page.table.item(r, 1).text() for r in range(page.table.rowCount())]


def row_of(page: OnlineInboxPage, code: str) -> int:
    return codes(page).index(code)


def test_filed_online_pulled_opened_received_and_pushed(qtbot, window, portal, db, data_dir, monkeypatch):
    page = window.online_page
    window.nav.setCurrentRow(window.ONLINE)
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: "Cổng DVC: trực tuyến" in window.portal_label.text(), timeout=WAIT_MS)

    code = file_as_citizen(portal, "Lê Thị Hồng Nhung")
    window.sync_page.sync_button.click()  # or wait for the next cycle
    qtbot.waitUntil(lambda: code in codes(page), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.table.item(row_of(page, code), 6).text() == "1/1", timeout=WAIT_MS)
    r = row_of(page, code)
    assert [page.table.item(r, c).text() for c in (1, 2, 4, 5)] == [code, "Lê Thị Hồng Nhung", "4", "Có"]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", page.table.item(r, 0).text())
    assert page.table.item(r, 3).text() == "Đăng ký khai sinh"
    qtbot.waitUntil(lambda: window.nav.item(window.ONLINE).text() == "Hồ sơ trực tuyến (1)", timeout=WAIT_MS)

    # The citizen's file: listed, and opened with the system's viewer (an audited look).
    page.table.selectRow(r)
    assert page.files.count() == 1 and page.files.item(0).text().startswith("to-khai.pdf (3 KB)")
    opened = []
    monkeypatch.setattr("ui.dossiers.online_inbox.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    rect = page.files.visualItemRect(page.files.item(0))
    qtbot.mouseClick(page.files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1 and open(opened[0], "rb").read() == PDF
    with db.reading() as s:
        assert s.scalar(select(AuditRecord.entity_id).where(AuditRecord.action == "dossier.open_attachment")) == code

    # Receive: the receipt is offered and printed through the window's print path.
    asked = []
    monkeypatch.setattr("ui.dossiers.online_inbox.ask", lambda _parent, _title, text, yes, no: asked.append((text, yes, no)) or True)
    assert page.receive_button.text() == "Tiếp nhận hồ sơ"
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    assert asked == [(f"Đã tiếp nhận hồ sơ {code}. In giấy tiếp nhận ngay?", "In giấy tiếp nhận", "Để sau")]
    assert window.printed == [code]
    assert code not in codes(page) and code in page.notice.text()
    # The worker is woken and pushes the answer: the portal now says "received".
    qtbot.waitUntil(lambda: portal_status(portal, code) == DossierStatus.RECEIVED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "chờ gửi" not in window.portal_label.text(), timeout=WAIT_MS)


def test_refused_with_a_reason_only(qtbot, window, portal, monkeypatch):
    page = window.online_page
    window.nav.setCurrentRow(window.ONLINE)
    (filed,) = portal.file_online(1, procedure="1.001193")
    code = filed["MaHoSo"]
    window.sync_worker.sync_now()
    qtbot.waitUntil(lambda: code in codes(page), timeout=WAIT_MS)
    page.table.selectRow(row_of(page, code))
    seen = []

    def look_and_cancel():  # the real dialog, modal: its buttons speak Vietnamese too
        for d in QApplication.topLevelWidgets():
            if isinstance(d, ActionDialog) and d.isVisible():
                seen.append([b.text() for b in d.findChildren(QPushButton)])
                d.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert not page.refuse_selected()
    assert seen == [["Đồng ý", "Hủy"]] and code in codes(page)

    def dialog(reason: str) -> ActionDialog:
        d = ActionDialog(Action.REFUSE, DossierStatus.NEW, OFFICER, datetime.now(), page)
        qtbot.addWidget(d)
        assert list(d.edits) == ["reason"]
        type_text(reason, widget=d.edits["reason"])
        monkeypatch.setattr(d, "exec", lambda: QDialog.DialogCode.Accepted)  # the officer presses OK
        return d

    assert not page.refuse_selected(dialog(""))
    assert page.notice.text() == "«Từ chối tiếp nhận» cần ghi lý do." and code in codes(page)
    reason = "Ảnh chụp giấy chứng sinh không đọc được"
    assert page.refuse_selected(dialog(reason))
    assert code not in codes(page) and "Đã từ chối hồ sơ" in page.notice.text()
    qtbot.waitUntil(lambda: portal_status(portal, code) == DossierStatus.REFUSED, timeout=WAIT_MS)


@pytest.fixture
def pulled(db):
    """An online dossier as the worker stores it, its one file not downloaded yet."""
    make_app()
    item = OnlineDossier(
        portal_id="7d1c0f5e-0000-4000-8000-000000000001", code="000.00.01.H62-261120-0007",
        procedure_code="1.001193", applicant_kind=1, applicant_name="Phạm Văn Tài",
        applicant_id_number="086090054321", applicant_phone="0911222333", applicant_email=None,
        applicant_address="Phường 3, TP Vĩnh Long", summary=None, submitted_at=datetime(2026, 11, 20, 7, 15),
        online_level=4, whole_process=True, result_method="online", result_address=None,
        attachments=[Attachment("f-1", "giay-chung-sinh.jpg", "image/jpeg", 245_000, "0" * 64,
                                "/api/v1/attachments/f-1")])
    with db.writing() as s:
        assert save_pulled(s, [item]) == 1
    return item.code


def test_a_file_not_downloaded_yet_says_so(qtbot, db, data_dir, pulled):
    page = OnlineInboxPage(db, OFFICER, data_dir)
    qtbot.addWidget(page)
    page.refresh()
    assert codes(page) == [pulled] and page.table.item(0, 0).text() == "20/11/2026 07:15"
    assert page.table.item(0, 6).text() == "0/1"
    item = page.files.item(0)
    assert item.text() == "giay-chung-sinh.jpg (239 KB) · chưa tải về"
    assert not page.open_file(item)
    assert page.notice.text() == "Tệp «giay-chung-sinh.jpg» chưa tải về từ cổng: sẽ tải ở lần đồng bộ tới."


def test_a_supervisor_only_looks(qtbot, db, data_dir, pulled):
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3)
    page = OnlineInboxPage(db, boss, data_dir)
    qtbot.addWidget(page)
    page.show()
    assert codes(page) == [pulled] and page.open_button.isVisible()
    assert not any(b.isVisible() for b in (page.receive_button, page.refuse_button, page.supplement_button))
    assert "chỉ được xem" in page.hint.text()
    assert not page.receive_selected()

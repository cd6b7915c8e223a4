"""The officer's list of notices a gateway refused for good, and the dossier window's notices: the
reason in Vietnamese, the recipient masked, "Gửi lại" puts the notice back in the outbox as pending
(the same uuid: the gateway never sees it twice), "Hủy" cancels it. Ops run synchronously here
(tests/ui/conftest.py)."""

from sqlalchemy import select

from db.models import AuditRecord, Notice, NoticeConsent
from tests.helpers.factories import OFFICER
from tests.ui.notices.conftest import REFUSED, add_notice
from ui.notices.dossier_notices import DossierNoticesPanel
from ui.notices.failed_page import FailedNoticesPage


def state_of(db, uuid: str) -> str:
    with db.reading() as s:
        return s.scalar(select(Notice.state).where(Notice.uuid == uuid))


def texts(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_failed_list_shows_the_reason_and_retry_puts_it_back_to_pending(qtbot, db, dossier):
    dossier_id, code = dossier
    failed = add_notice(db, dossier_id)
    add_notice(db, dossier_id, channel="email", state="delivered", error=None)  # not for this list
    page = FailedNoticesPage(db, OFFICER)
    qtbot.addWidget(page)
    counts = []
    page.count_changed.connect(counts.append)
    page.refresh()
    assert page.table.rowCount() == 1 and page.count == 1
    row = texts(page.table, 0)
    assert row == [code, "Đã có kết quả", "Tin nhắn SMS", "091****678", REFUSED]
    assert "0912345678" not in " ".join(row)  # the citizen's number is never shown whole
    assert not page.retry_button.isEnabled()
    page.select_row(0)
    assert page.retry_button.isEnabled()
    page.retry_button.click()
    assert state_of(db, failed) == "pending"
    assert page.table.rowCount() == 0 and page.empty.isVisibleTo(page) and counts[-1] == 0
    assert page.message.text() == f"Thông báo về hồ sơ {code} được gửi lại."


def test_cancel_takes_a_failed_notice_off_the_list(qtbot, db, dossier):
    dossier_id, _code = dossier
    failed = add_notice(db, dossier_id)
    page = FailedNoticesPage(db, OFFICER)
    qtbot.addWidget(page)
    page.select_row(0)
    page.cancel_button.click()
    assert state_of(db, failed) == "cancelled" and page.table.rowCount() == 0


def test_the_dossier_window_lists_its_notices_and_the_consent(qtbot, db, dossier):
    dossier_id, code = dossier
    failed = add_notice(db, dossier_id)
    from datetime import datetime

    add_notice(db, dossier_id, channel="email", state="delivered", error=None,
               sent=datetime(2026, 11, 21, 8, 5), delivered=datetime(2026, 11, 21, 8, 6))
    said = []
    panel = DossierNoticesPanel(db, OFFICER, {"code": code}, say=said.append)
    qtbot.addWidget(panel)
    assert panel.title() == "Thông báo cho người nộp"
    assert panel.consent_label.text() == "Đồng ý nhận thông báo qua: Thư điện tử, Tin nhắn SMS."
    rows = sorted(texts(panel.table, r) for r in range(panel.table.rowCount()))
    assert rows == [
        ["Đã có kết quả", "Thư điện tử", "a********@example.vn", "Đã nhận", "08:05 21/11/2026", "08:06 21/11/2026", ""],
        ["Đã có kết quả", "Tin nhắn SMS", "091****678", "Không gửi được", "", "", REFUSED]]
    failed_row = next(r for r in range(2) if panel.table.item(r, 1).text() == "Tin nhắn SMS")
    panel.table.selectRow(1 - failed_row)
    assert not panel.retry_button.isEnabled()  # only a failed notice is sent again
    panel.table.selectRow(failed_row)
    panel.retry_button.click()
    assert state_of(db, failed) == "pending" and said[-1] == ""


def test_the_officer_changes_the_consent_when_the_citizen_asks_and_it_is_audited(qtbot, db, dossier):
    dossier_id, code = dossier
    panel = DossierNoticesPanel(db, OFFICER, {"code": code}, say=lambda _t: None)
    qtbot.addWidget(panel)
    dialog = panel.ask_change()
    assert [b.isChecked() for b in dialog.boxes.values()] == [True, True, False]
    dialog.boxes["sms"].setChecked(False)
    dialog.boxes["zalo"].setChecked(True)
    dialog.accept()
    assert panel.consent_label.text() == "Đồng ý nhận thông báo qua: Thư điện tử, Zalo."
    with db.reading() as s:
        assert s.get(NoticeConsent, dossier_id).channels == ["email", "zalo"]
        record = s.scalars(select(AuditRecord).where(AuditRecord.action == "notice.consent")).one()
    assert (record.entity_id, record.details) == (code, {"from": ["email", "sms"], "to": ["email", "zalo"]})


def test_the_desk_lists_failed_notices_with_their_count_in_the_navigation(qtbot, db, dossier, tmp_path):
    from datetime import datetime

    from ui.main import home_facts
    from ui.main_window import MainWindow

    add_notice(db, dossier[0])
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=tmp_path, clock=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(window)
    assert window.nav.item(window.FAILED_NOTICES).text() == "Thông báo lỗi (1)"
    window.nav.setCurrentRow(window.FAILED_NOTICES)
    assert window.pages.currentWidget() is window.failed_notices_page
    window.failed_notices_page.select_row(0)
    window.failed_notices_page.cancel_button.click()
    assert window.nav.item(window.FAILED_NOTICES).text() == "Thông báo lỗi"

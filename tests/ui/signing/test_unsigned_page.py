"""The "Chưa ký" page: the e-receipts of online dossiers received while no token was at hand, listed
with why; "Ký" signs the selected one and "Ký tất cả" the rest, through the desk's signer (a real
SoftHSM2 token, its PIN asked once); the list and the navigation's count follow. Shown only to who
may sign and only while the office signs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.settings.store import change_settings
from tests.helpers.desk import open_desk
from tests.helpers.softhsm import softhsm_token  # noqa: F401 - fixture
from tests.ui.signing.conftest import answer_pin, received, states, use_token


def listed(page) -> list[str]:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def test_sign_one_then_sign_all(qtbot, db, data_dir, softhsm_token):  # noqa: F811
    use_token(db, data_dir, softhsm_token)
    codes = [received(db, n) for n in (1, 2, 3)]
    window = open_desk(qtbot, db, data_dir)
    row = window.unsigned_row
    assert not window.nav.isRowHidden(row)
    page = window.unsigned_page
    window.nav.setCurrentRow(row)
    assert window.pages.currentWidget() is page
    assert listed(page) == codes and window.nav.item(row).text() == "Chưa ký (3)"
    assert [page.table.horizontalHeaderItem(c).text() for c in range(4)] == [
        "Hồ sơ", "Văn bản", "Từ lúc", "Lý do chưa ký"]
    assert page.table.item(0, 1).text() == "Giấy tiếp nhận (Mẫu 01)"
    assert page.table.item(0, 2).text() == "20/11/2026 09:01"
    assert not page.sign_button.isEnabled() and page.sign_all_button.isEnabled()

    page.select_row(1)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    answer_pin(qtbot, window.signing, softhsm_token.pin)
    qtbot.waitUntil(lambda: page.message.text() == "Đã ký 1 văn bản.")
    assert states(db, codes[1]) == [("receipt", "signed")]
    assert listed(page) == [codes[0], codes[2]] and window.nav.item(row).text() == "Chưa ký (2)"

    qtbot.mouseClick(page.sign_all_button, Qt.MouseButton.LeftButton)  # the token is open: no PIN again
    qtbot.waitUntil(lambda: page.message.text() == "Đã ký 2 văn bản.")
    assert window.signing.pin_dialog is None
    assert [states(db, c) for c in codes] == [[("receipt", "signed")]] * 3
    assert listed(page) == [] and page.empty.isVisible() and window.nav.item(row).text() == "Chưa ký"
    assert not page.progress.isVisible()
    window.close()


def test_the_page_shows_only_while_signing_is_on_and_only_to_who_may_sign(qtbot, db, data_dir):
    window = open_desk(qtbot, db, data_dir)
    assert window.unsigned_page is not None and window.nav.isRowHidden(window.unsigned_row)  # off by default
    window.settings_page.changed.emit({**window.settings_page.values(), "signing.enabled": True})
    assert not window.nav.isRowHidden(window.unsigned_row)
    window.close()
    change_settings(db, Actor.system(), {"signing.enabled": True})
    guide = Actor(login="huongdan", role=Role.GUIDE, user_id=4)
    other = open_desk(qtbot, db, data_dir, guide)
    assert other.unsigned_page is None and "Chưa ký" not in [other.nav.item(i).text() for i in range(other.nav.count())]
    other.close()

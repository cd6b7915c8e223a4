"""Qt's own buttons and menus speak Vietnamese: Qt ships no Vietnamese translation of its own
texts, so resources/i18n/qt_vi.ts supplies them and install_translators loads it with ours."""

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from ui.main import make_app

SB = QMessageBox.StandardButton
BB = QDialogButtonBox.StandardButton


def _plain(text: str) -> str:
    return text.replace("&", "")  # the mnemonic marker is not part of what the user reads


def test_message_box_buttons_are_vietnamese(qtbot):
    make_app()  # installs every resources/i18n/*_vi.qm, qt_vi.qm included
    box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận", "Lưu thay đổi?", SB.Yes | SB.No | SB.Cancel)
    box.setDetailedText("Chi tiết")
    qtbot.addWidget(box)
    box.show()
    texts = {b: _plain(box.button(b).text()) for b in (SB.Yes, SB.No, SB.Cancel)}
    assert texts == {SB.Yes: "Có", SB.No: "Không", SB.Cancel: "Hủy"}
    details = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    assert [b.text() for b in details] == ["Xem chi tiết..."]


def test_dialog_button_box_and_every_standard_button(qtbot):
    make_app()
    box = QDialogButtonBox(BB.Ok | BB.Cancel | BB.Save | BB.Close)
    qtbot.addWidget(box)
    assert {b: box.button(b).text() for b in (BB.Ok, BB.Cancel, BB.Save, BB.Close)} == {
        BB.Ok: "Đồng ý", BB.Cancel: "Hủy", BB.Save: "Lưu", BB.Close: "Đóng"}
    # No standard button is left in English.
    everything = [b for name, b in BB.__members__.items() if name not in ("NoButton", "FirstButton", "LastButton")]
    english = {"OK", "Save", "Save All", "Open", "Yes", "Yes to All", "No", "No to All", "Abort", "Retry", "Ignore",
               "Close", "Cancel", "Discard", "Help", "Apply", "Reset", "Restore Defaults"}
    every = QDialogButtonBox()
    qtbot.addWidget(every)
    for b in everything:
        every.addButton(b)
    shown = {_plain(every.button(b).text()) for b in everything}
    assert len(shown) == len(everything) and not shown & english


def test_the_edit_menu_of_a_text_field_is_vietnamese(qtbot):
    make_app()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [_plain(a.text()).split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts[:6] == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa"] and "Chọn tất cả" in texts
    menu.deleteLater()

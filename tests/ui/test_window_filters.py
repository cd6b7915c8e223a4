"""The desk's input filters (idle lock, keyboard wedge) watch the top-level windows, not the whole
application (ui/window_filters.py): they see every key a person types, in windows opened after
they were installed too, and none of the thousands of events a window sends while it is built."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from tests.helpers.keyboard import show_active, system_keys
from ui.main import make_app
from ui.window_filters import unwatch_windows, watch_windows


class Counting(QObject):
    def __init__(self):
        super().__init__()
        self.events, self.keys = 0, ""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        self.events += 1
        if event.type() == QEvent.Type.KeyPress:
            self.keys += event.text()
        return False


def dialog_with_field(qtbot) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog()
    field = QLineEdit()
    QVBoxLayout(dialog).addWidget(field)
    show_active(qtbot, dialog)
    field.setFocus()
    return dialog, field


def test_keys_typed_in_a_window_opened_after_the_filter_are_seen_and_still_arrive(qtbot):
    make_app()
    seen = watch_windows(Counting())
    try:
        _dialog, field = dialog_with_field(qtbot)  # a window the filter was never told about
        system_keys(field, "ab1")
        assert seen.keys == "ab1" and field.text() == "ab1"
    finally:
        unwatch_windows(seen)
    system_keys(field, "c")
    assert seen.keys == "ab1" and field.text() == "ab1c"  # no longer watched


def test_building_a_window_sends_no_event_through_the_filter(qtbot):
    make_app()
    seen = watch_windows(Counting())
    try:
        dialog_with_field(qtbot)
        before = seen.events
        body = QWidget()  # a big window being built: child, polish, layout events by the thousand
        column = QVBoxLayout(body)
        for i in range(300):
            column.addWidget(QLabel(f"Dòng {i}"))
        body.adjustSize()
        assert seen.events == before
    finally:
        unwatch_windows(seen)

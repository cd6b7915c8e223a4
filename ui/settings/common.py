"""Pieces the settings tabs share: wrapping labels, a field with the core's message under it, a
scrolling tab, and the form of office settings (app.services.settings.store keys) that knows how to show
and give back each value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import FieldError

LABEL_WIDTH = 290  # the label column: long Vietnamese labels wrap instead of pushing the fields out


def form_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFixedWidth(LABEL_WIDTH)
    return label


def note(text: str, name: str = "") -> QLabel:
    """A sentence of explanation under a form: wraps, selectable, in the body colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return form


def lock(widget: QWidget, editable: bool) -> None:
    """Who may not change a field still reads it: text fields turn read-only (their text stays
    black), other controls are disabled."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        widget.setReadOnly(not editable)
    else:
        widget.setEnabled(editable)


def with_error(widget: QWidget, *, grow: bool = True) -> tuple[QWidget, FieldError]:
    """The widget with its (hidden while empty) red message line under it. Small widgets (spin
    boxes, check boxes) keep their own width instead of stretching across the form."""
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.setSpacing(2)
    if grow:
        v.addWidget(widget)
    else:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        v.addLayout(row)
    error = FieldError()
    v.addWidget(error)
    return box, error


def with_button(field: QWidget, button: QWidget) -> QWidget:
    """A field that takes the row's width with its button beside it (a folder picker, "Hiện")."""
    row = QWidget()
    h = QHBoxLayout(row)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(field, 1)
    h.addWidget(button)
    return row


def scrolled(inner: QWidget) -> QScrollArea:
    """A tab's content in a scroll area: nothing is cut off on a 768-pixel-high screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


def get_value(widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text().strip()


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QComboBox):
        if widget.findText(str(value)) < 0:  # e.g. a template set whose file went away: still shown
            widget.addItem(str(value))
        widget.setCurrentText(str(value))
    else:
        widget.setText(str(value))


class SettingsForm(QWidget):
    """One tab of office settings. Subclasses add their fields with `bind`; the page saves the
    values of every such tab at once, so nothing is ever half-saved."""

    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.editable = editable
        self.bound: dict[str, tuple[QWidget, QWidget, FieldError]] = {}  # key: (input, row, error)

    def bind(self, key: str, widget: QWidget, *, grow: bool = True) -> QWidget:
        widget.setObjectName(widget.objectName() or key.replace(".", "_"))
        lock(widget, self.editable)
        row, error = with_error(widget, grow=grow)
        self.bound[key] = (widget, row, error)
        return row

    def load(self, values: dict[str, Any]) -> None:
        for key, (widget, _row, _error) in self.bound.items():
            set_value(widget, values[key])

    def values(self) -> dict[str, Any]:
        return {key: get_value(widget) for key, (widget, _row, _error) in self.bound.items()}

    def clear_errors(self) -> None:
        for _widget, _row, error in self.bound.values():
            error.show_message("")

    def show_error(self, key: str | None, message: str) -> QWidget | None:
        """The message under the field it names; the field's row (to scroll to), or None."""
        if key not in self.bound:
            return None
        widget, row, error = self.bound[key]
        error.show_message(message)
        widget.setFocus()
        return row


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def spin_box(name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setMinimumWidth(110)
    return box

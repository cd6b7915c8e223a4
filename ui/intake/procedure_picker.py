"""Pick a procedure by typing any part of its code, name or sector, with or without diacritics."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain.folding import fold


@dataclass(frozen=True)
class ProcedureChoice:
    code: str
    name: str
    sector: str
    label: str  # what the list shows
    folded: str  # code + name + sector, folded for matching

    @classmethod
    def of(cls, code: str, name: str, sector: str) -> ProcedureChoice:
        return cls(code, name, sector, f"{name} ({code})", " ".join(fold(p) for p in (code, name, sector)))

    def holds(self, words: list[str]) -> bool:
        """Every typed (folded) word is in the code, name or sector."""
        return all(w in self.folded for w in words)


class _FoldedFilter(QSortFilterProxyModel):
    """Every typed word must appear in the folded code, name or sector ("dang ky ket hon")."""

    def __init__(self, choices: list[ProcedureChoice]):
        super().__init__()
        self._choices = choices
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10 replaces invalidateFilter()
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt's name
        return self._choices[row].holds(self._words)


class ProcedurePicker(QLineEdit):
    """A line edit with a popup of matching procedures; emits `chosen(code)` on a choice."""

    chosen = Signal(str)

    def __init__(self, choices: list[ProcedureChoice], parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = choices
        self._by_label = {c.label: c for c in choices}
        self.current: ProcedureChoice | None = None
        self._source = QStringListModel([c.label for c in choices])
        self._filter = _FoldedFilter(choices)
        self._filter.setSourceModel(self._source)
        completer = QCompleter(self._filter, self)
        # The proxy filters; the completer must show what it gets, not filter again by prefix.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.activated[str].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        self.current = None
        self._filter.set_query(text)
        if text.strip():
            self.completer().complete()

    def _activated(self, label: str) -> None:
        choice = self._by_label.get(label)
        if choice is not None:
            self.select(choice.code)

    def matches(self) -> list[str]:
        """The codes the popup offers for the current text (for tests and the Enter key)."""
        return [self._by_label[self._filter.index(r, 0).data()].code for r in range(self._filter.rowCount())]

    def typed_matches(self) -> list[ProcedureChoice]:
        """The procedures the text in the field matches, whether typed or set."""
        words = fold(self.text()).split()
        return [c for c in self.choices if c.holds(words)] if words else []

    def select(self, code: str) -> None:
        choice = next((c for c in self.choices if c.code == code), None)
        if choice is None:
            return
        self.current = choice
        self.blockSignals(True)
        self.setText(choice.label)
        self.blockSignals(False)
        self.setCursorPosition(0)
        self.setToolTip(choice.label)
        self.chosen.emit(code)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter with one match left (or on a highlighted line) picks it, keyboard only.
        popup = self.completer().popup()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current is None:
            index = popup.currentIndex() if popup.isVisible() else None
            if index is not None and index.isValid():
                self._activated(index.data())
            elif len(m := self.matches()) >= 1 and self.text().strip():
                self.select(m[0])
            popup.hide()
            self.focusNextChild()
            return
        super().keyPressEvent(event)

"""Pick a procedure by typing any part of its code, name or sector, with or without diacritics,
or the initials of its name. The popup lists the matches in the order app/services/procedure_search
ranks them (name before sector, word start before inside, then this office's recent use), so
Enter takes what the officer means."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain.folding import fold
from app.services.procedure_search import Searchable, query_words, rank, score
from ui.ops import op

UsageSource = Callable[[], Mapping[str, int]]


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

    @cached_property
    def searchable(self) -> Searchable:
        # A choice built from a name alone (an administrative unit) is not found by its code.
        by_code = bool(self.code) and self.folded.startswith(fold(self.code))
        return Searchable.of(self.code if by_code else "", self.name, self.sector)

    def holds(self, words: list[str]) -> bool:
        """Every typed (folded) word is in the code, name or sector, or is initials of the name."""
        return score(self.searchable, words) is not None


def _searchable(choice: ProcedureChoice) -> Searchable:
    return choice.searchable


class _RankedFilter(QSortFilterProxyModel):
    """Shows the choices matching the typed text, in their ranked order (all, unsorted, when
    nothing is typed). `_choices` is the source's rows (UnitPicker swaps both together)."""

    def __init__(self, choices: list[ProcedureChoice]):
        super().__init__()
        self._choices = choices
        self._text = ""
        self._uses: Mapping[str, int] = {}
        self._ranked_for: tuple[int, str] | None = None
        self._position: dict[str, int] = {}
        self.setDynamicSortFilter(False)  # sorted once per query, in set_query

    def set_query(self, text: str, uses: Mapping[str, int] | None = None) -> None:
        self._text, self._uses = text, uses or {}
        self._ranked_for = None
        self.invalidate()  # filter and order both depend on the text
        self.sort(0)

    def positions(self) -> dict[str, int]:
        """Label → place in the ranking of the current text, recomputed when text or rows change."""
        key = (id(self._choices), self._text)
        if self._ranked_for != key:
            ranked = rank(self._text, self._choices, _searchable, self._uses)
            self._position = {c.label: i for i, c in enumerate(ranked)}
            self._ranked_for = key
        return self._position

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt's name
        if not query_words(self._text):
            return True
        return 0 <= row < len(self._choices) and self._choices[row].label in self.positions()

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt's name
        if not query_words(self._text):
            return left.row() < right.row()
        pos = self.positions()
        return pos.get(left.data(), len(pos)) < pos.get(right.data(), len(pos))


class ProcedurePicker(QLineEdit):
    """A line edit with a popup of matching procedures, best first; emits `chosen(code)` on a choice.
    `usage` gives this office's recent count per procedure code (a database read, cached by the
    service): it runs through ops, off the GUI thread, when the field takes the focus."""

    chosen = Signal(str)

    def __init__(self, choices: list[ProcedureChoice], parent: QWidget | None = None,
                 usage: UsageSource | None = None):
        super().__init__(parent)
        self.choices = choices
        self._usage = usage
        self._uses: Mapping[str, int] = {}
        self._asked = False
        self._by_label = {c.label: c for c in choices}
        self.current: ProcedureChoice | None = None
        self._source = QStringListModel([c.label for c in choices])
        self._filter = _RankedFilter(choices)
        self._filter.setSourceModel(self._source)
        completer = QCompleter(self._filter, self)
        # The proxy filters and orders; the completer must show what it gets, not filter again by prefix.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.activated[str].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)

    def uses(self) -> Mapping[str, int]:
        return self._uses

    def refresh_uses(self) -> None:
        """Ask for the recent counts; typing meanwhile ranks by the text, then by the counts known."""
        if self._usage is None or not self.choices:
            return
        self._asked = True
        op(self, self._usage).success(self.set_uses).failure(lambda _exc: None).run()

    def set_uses(self, uses: Mapping[str, int]) -> None:
        self._uses = uses
        if self.current is None and self.text().strip():  # the popup shown follows at once
            self._filter.set_query(self.text(), uses)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.refresh_uses()  # the service's cache makes this a dictionary look-up most times

    def _edited(self, text: str) -> None:
        self.current = None
        if not self._asked:
            self.refresh_uses()
        self._filter.set_query(text, self._uses if text.strip() else None)
        if text.strip():
            self.completer().complete()  # best first: Enter with nothing highlighted takes it

    def _activated(self, label: str) -> None:
        choice = self._by_label.get(label)
        if choice is not None:
            self.select(choice.code)

    def matches(self) -> list[str]:
        """The codes the popup offers for the current text, best first (for tests and the Enter key)."""
        return [self._by_label[self._filter.index(r, 0).data()].code for r in range(self._filter.rowCount())]

    def typed_matches(self) -> list[ProcedureChoice]:
        """The procedures the text in the field matches, whether typed or set, best first."""
        return rank(self.text(), self.choices, _searchable, self._uses)

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

"""The rating screen's four pages, drawn for a finger on a tablet-sized screen and read at arm's
length: idle (the counter, who is served), the prompt (five levels), the reasons (the criteria as
toggles, send or skip) and thanks. They only show and emit; ui/rating/screen.py decides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.ratings import SCORES

# Best first, left to right, as the national evaluation and the vendors' tablets show them.
COLORS = {5: "#1b7f3b", 4: "#4c9a2a", 3: "#c99a06", 2: "#d96c06", 1: "#b3261e"}
MIN_BUTTON = 120  # px: a finger's target at the least, whatever the screen


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _button(text: str, name: str, role: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setProperty("role", role)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the screen (the keypad), never to a button
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return b


def two_lines(text: str, most: int = 12) -> str:
    """A label longer than `most` characters broken at its middle space: a button has no word
    wrap, and five levels side by side must fit a 1280 px screen without cutting a word."""
    if len(text) <= most or " " not in text:
        return text
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:cut]}\n{text[cut + 1:]}"


def set_size(w: QWidget, px: int, bold: bool = False) -> None:
    f = QFont(w.font())
    f.setPixelSize(max(12, px))
    f.setBold(bold)
    w.setFont(f)


class IdlePage(QWidget):
    def __init__(self, counter_number: int, parent: QWidget | None = None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.counter = _label(self.tr("Counter {n}").format(n=counter_number), "counterTitle")
        self.ticket = _label(name="servingTicket")
        self.officer = _label(name="servingOfficer")
        box.addStretch(1)
        for w in (self.counter, self.ticket, self.officer):
            box.addWidget(w)
        box.addStretch(1)
        self.show_serving(None)

    def show_serving(self, serving) -> None:
        if serving is None:
            self.ticket.setText(self.tr("Welcome"))
            self.officer.setText(self.tr("Please wait to be called to this counter"))
            return
        self.ticket.setText(self.tr("Now serving number {label}").format(label=serving.ticket_label)
                            if serving.ticket_label else self.tr("Welcome"))
        self.officer.setText(self.tr("Officer: {name}").format(name=serving.officer_name)
                             if serving.officer_name else "")

    def fit(self, unit: int) -> None:
        set_size(self.counter, unit * 3, True)
        set_size(self.ticket, unit * 2)
        set_size(self.officer, int(unit * 1.4))


class PromptPage(QWidget):
    chosen = Signal(int)  # a score tapped

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.question = _label(self.tr("How satisfied are you with our service today?"), "question")
        self.about = _label(name="promptAbout")
        row = QHBoxLayout()
        row.setSpacing(16)
        self.buttons: dict[int, QPushButton] = {}
        for score in sorted(SCORES, reverse=True):
            b = _button("", f"score_{score}", "score")
            b.setStyleSheet(f"QPushButton {{ background: {COLORS[score]}; }}")
            b.setMinimumHeight(MIN_BUTTON)
            b.clicked.connect(lambda _=False, s=score: self.chosen.emit(s))
            row.addWidget(b, 1)
            self.buttons[score] = b
        self.hint = _label(name="promptHint")
        box.addWidget(self.question)
        box.addWidget(self.about)
        box.addLayout(row, 1)
        box.addWidget(self.hint)
        self.set_keys({str(s): str(s) for s in SCORES})

    def set_keys(self, keys: dict[str, str]) -> None:
        """Each level names its key on the keypad (the setting `rating.keys`)."""
        for score, b in self.buttons.items():
            key = next((k for k, a in keys.items() if a == str(score)), "")
            stars = "★" * score + "☆" * (5 - score)
            lines = [stars, two_lines(SCORES[score])] + ([self.tr("key {key}").format(key=key)] if key else [])
            b.setText("\n".join(lines))
        score_keys = [k for s in sorted(SCORES) for k, a in keys.items() if a == str(s)]
        shown = "–".join((score_keys[0], score_keys[-1])) if score_keys == [str(s) for s in sorted(SCORES)] \
            else ", ".join(score_keys)
        self.hint.setText(self.tr("Touch a level, or press keys {keys} on the keypad").format(keys=shown))

    def show_prompt(self, prompt) -> None:
        parts = [self.tr("Number {label}").format(label=prompt.ticket_label) if prompt.ticket_label else "",
                 prompt.procedure_name or "",
                 self.tr("Officer: {name}").format(name=prompt.officer_name) if prompt.officer_name else ""]
        self.about.setText("  ·  ".join(p for p in parts if p))

    def fit(self, unit: int) -> None:
        set_size(self.question, int(unit * 1.9), True)
        set_size(self.about, int(unit * 1.2))
        for b in self.buttons.values():
            set_size(b, int(unit * 1.15), True)
            b.setMinimumHeight(max(64, unit * 5))  # a finger's target, shrinking with a small screen
        set_size(self.hint, int(unit * 1.2))


class ReasonsPage(QWidget):
    send = Signal()
    skip = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.question = _label(self.tr("What were you not satisfied with? You may choose several."), "reasonsQuestion")
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self.toggles: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        self.skip_button = _button("", "skipReasons", "skip")
        self.send_button = _button("", "sendReasons", "send")
        for b in (self.skip_button, self.send_button):
            b.setMinimumHeight(MIN_BUTTON * 2 // 3)
            row.addWidget(b, 1)
        self.skip_button.clicked.connect(self.skip.emit)
        self.send_button.clicked.connect(self.send.emit)
        box.addWidget(self.question)
        box.addLayout(self.grid, 1)
        box.addLayout(row)
        self.set_keys({"Enter": "send", "0": "skip"})

    def set_criteria(self, criteria) -> None:
        """One toggle per criterion, numbered: the keypad's 1–5 toggle the first five."""
        for b in self.toggles.values():
            self.grid.removeWidget(b)
            b.deleteLater()
        self.toggles = {}
        columns = 2 if len(criteria) <= 10 else 3
        for i, c in enumerate(criteria):
            b = _button(two_lines(f"{i + 1}. {c.label}", 24), f"reason_{c.key}", "reason")
            b.setCheckable(True)
            b.setMinimumHeight(MIN_BUTTON * 2 // 3)
            self.grid.addWidget(b, i // columns, i % columns)
            self.toggles[c.key] = b
        self.fit(self._unit if hasattr(self, "_unit") else 20)

    def set_keys(self, keys: dict[str, str]) -> None:
        def key_of(action: str) -> str:
            return next((k for k, a in keys.items() if a == action), "")

        for button, text, key in ((self.send_button, self.tr("Send"), key_of("send")),
                                  (self.skip_button, self.tr("Skip"), key_of("skip"))):
            hint = self.tr("key {key}").format(key=key)
            button.setText(f"{text} ({hint})" if key else text)

    def clear(self) -> None:
        for b in self.toggles.values():
            b.setChecked(False)

    def chosen(self) -> list[str]:
        return [key for key, b in self.toggles.items() if b.isChecked()]

    def toggle(self, index: int) -> None:
        """The `index`-th criterion (from 1), as a keypad's digit."""
        buttons = list(self.toggles.values())
        if 1 <= index <= len(buttons):
            buttons[index - 1].toggle()

    def fit(self, unit: int) -> None:
        self._unit = unit
        set_size(self.question, int(unit * 1.6), True)
        for b in self.toggles.values():
            set_size(b, int(unit * 1.15))
            b.setMinimumHeight(max(48, int(unit * 3.2)))
        for b in (self.send_button, self.skip_button):
            set_size(b, int(unit * 1.4), True)
            b.setMinimumHeight(max(48, int(unit * 3.2)))


class ThanksPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.thanks = _label(self.tr("Thank you for your rating!"), "thanks")
        self.more = _label(self.tr("Your opinion helps us serve you better."))
        box.addStretch(1)
        box.addWidget(self.thanks)
        box.addWidget(self.more)
        box.addStretch(1)

    def fit(self, unit: int) -> None:
        set_size(self.thanks, unit * 3, True)
        set_size(self.more, int(unit * 1.5))

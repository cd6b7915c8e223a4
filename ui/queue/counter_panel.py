"""The counter's queue panel, docked in the desk window: the ticket being served, and Call next
(F5), Recall (F6), No-show, Transfer and Done. Each call shows the number on this counter's LED
board; the hall display reads the calls from the shared database. A priority ticket says so and
why (the category the citizen chose at the kiosk), so the officer asks for the papers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.domain.permissions import Actor
from app.domain.queue import PRIORITIES
from app.errors import UserError
from app.services.queue import tickets as q
from db.engine import Database
from ui.changes import Changed
from ui.ops import op


class CounterPanel(QWidget):
    called = Signal(str)  # the ticket label now at this counter

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime],
                 show_number: Callable[[str], object] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("counterPanel")
        self.db, self.actor, self.clock = db, actor, clock
        self.show_number = show_number or (lambda _label: None)
        self.counter_id = actor.counter_id
        self.ticket: q.Called | None = None
        self.busy = False  # a queue call is on its way (ops)

        self.current = QLabel("—")
        self.current.setObjectName("currentTicket")
        self.current.setMinimumWidth(70)
        font = self.current.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.current.setFont(font)
        self.state = QLabel()
        self.state.setObjectName("ticketState")
        self.priority = QLabel()
        self.priority.setObjectName("ticketPriority")
        self.priority.setStyleSheet("QLabel { background: #ffd166; color: #0b2545; border-radius: 4px;"
                                    " padding: 1px 6px; font-weight: bold; }")
        self.priority.hide()
        self.buttons: dict[str, QPushButton] = {}
        # One row along the bottom of the desk: the intake form keeps the whole width.
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        title = QLabel(self.tr("Queue:"))
        row.addWidget(title)
        row.addWidget(self.current)
        row.addWidget(self.priority)
        row.addWidget(self.state, 1)
        for key, text in (("next", self.tr("Call next (F5)")), ("recall", self.tr("Recall (F6)")),
                          ("no_show", self.tr("No-show")), ("transfer", self.tr("Transfer…")),
                          ("done", self.tr("Done"))):
            b = QPushButton(text)
            b.setObjectName(f"queue_{key}")
            b.setAutoDefault(False)
            b.clicked.connect(getattr(self, "call_next" if key == "next" else key))
            row.addWidget(b)
            self.buttons[key] = b
        self.groups_button = QToolButton()
        self.groups_button.setObjectName("queue_groups")
        self.groups_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.groups_button.setToolTip(self.tr("Service groups"))
        self.groups_button.setStyleSheet("QToolButton { padding-right: 16px; }")  # room for the menu arrow
        row.addWidget(self.groups_button)
        for key, slot in ((Qt.Key.Key_F5, self.call_next), (Qt.Key.Key_F6, self.recall)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)
        self.setEnabled(self.counter_id is not None)
        if self.counter_id is None:
            self.state.setText(self.tr("Log in at a counter to call tickets."))
        else:
            self._show(q.counter_ticket(db, self.counter_id))
            self._build_groups_menu()

    # -- which groups this counter calls from ---------------------------------------------------
    def _build_groups_menu(self) -> None:
        chosen = q.counter_groups(self.db, self.counter_id)
        menu = QMenu(self.groups_button)
        self.group_actions = {}
        self.group_prefixes = {}
        for g in q.groups(self.db):
            self.group_prefixes[g.code] = g.prefix
            action = menu.addAction(f"{g.prefix} – {g.name}")
            action.setCheckable(True)
            action.setChecked(chosen is None or g.code in chosen)
            action.toggled.connect(self._groups_changed)
            self.group_actions[g.code] = action
        self.groups_button.setMenu(menu)
        self._label_groups(chosen)

    def _label_groups(self, chosen: list[str] | None) -> None:
        if chosen is None:
            self.groups_button.setText(self.tr("Groups: all"))
        else:
            self.groups_button.setText(self.tr("Groups: {groups}").format(
                groups=", ".join(self.group_prefixes[c] for c in chosen if c in self.group_prefixes)))

    def set_groups(self, codes: list[str] | None) -> None:
        """Save which groups this counter calls from (None: all)."""
        try:
            q.set_counter_groups(self.db, self.actor, self.counter_id, codes)
        except UserError as exc:
            self.state.setText(str(exc))
            codes = q.counter_groups(self.db, self.counter_id)
        for code, action in self.group_actions.items():
            action.blockSignals(True)
            action.setChecked(codes is None or code in codes)
            action.blockSignals(False)
        self._label_groups(codes)

    def _groups_changed(self) -> None:
        codes = [code for code, a in self.group_actions.items() if a.isChecked()]
        self.set_groups(None if len(codes) == len(self.group_actions) else codes)

    def _show(self, ticket: q.Called | None, note: str = "") -> None:
        self.ticket = ticket if ticket is not None and ticket.status in ("called", "serving") else None
        self.current.setText(self.ticket.label if self.ticket else "—")
        reason = self.ticket.priority if self.ticket else None
        self.priority.setText(self.tr("Priority: {reason}").format(reason=PRIORITIES.get(reason, reason))
                              if reason else "")
        self.priority.setVisible(bool(reason))
        if self.ticket is None:
            self.state.setText(note or self.tr("No ticket at this counter."))
        else:
            self.state.setText(note or self.tr("Called {n} time(s)").format(n=self.ticket.calls))
        for key in ("recall", "no_show", "transfer", "done"):
            self.buttons[key].setEnabled(self.ticket is not None)

    def _run(self, action: Callable[[], q.Called | str | None], then: Callable[[object], None]) -> None:
        """Run a queue call through ops (off the GUI thread), then paint with `then`; a UserError
        (recalled too few times, a lost database) goes to the state line. One call at a time: a
        second F5 while the first is on its way is ignored."""
        if self.busy:
            return
        self.busy = True

        def finished(result: object) -> None:
            self.busy = False
            then(result)

        def failed(error: UserError) -> None:
            self.busy = False
            self.state.setText(str(error))

        op(self, action).success(finished).failure(failed).changes(Changed.QUEUE).run()

    def _called(self, ticket: q.Called | None) -> None:
        if ticket is None:
            self._show(None, self.tr("Nobody is waiting."))
            return
        self._show(ticket)
        self.show_number(ticket.label)
        self.called.emit(ticket.label)

    def call_next(self) -> None:
        if self.counter_id is None:
            return
        at = self.clock()
        self._run(lambda: q.call_next(self.db, self.actor, self.counter_id, at=at), self._called)

    def recall(self) -> None:
        if self.ticket is None:
            return
        at = self.clock()

        def recalled(ticket: q.Called | None) -> None:
            if ticket is not None:
                self._called(ticket)

        self._run(lambda: q.recall(self.db, self.actor, self.counter_id, at=at), recalled)

    def no_show(self) -> None:
        at = self.clock()

        def gone(ticket: q.Called | None) -> None:
            if ticket is not None:
                self._show(None, self.tr("{label} did not come.").format(label=ticket.label))

        self._run(lambda: q.no_show(self.db, self.actor, self.counter_id, at=at), gone)

    def done(self) -> None:
        at = self.clock()

        def served(ticket: q.Called | None) -> None:
            if ticket is not None:
                self._show(None, self.tr("{label} served.").format(label=ticket.label))

        self._run(lambda: q.done(self.db, self.actor, self.counter_id, at=at), served)

    def transfer(self, choice: str | None = None) -> None:
        if self.ticket is None:
            return
        groups = {f"{g.prefix} – {g.name}": g.code for g in q.groups(self.db)}
        if choice is None:
            choice, ok = QInputDialog.getItem(self, self.tr("Transfer"), self.tr("Send {label} to:")
                                              .format(label=self.ticket.label), list(groups), 0, False)
            if not ok:
                return
        at, to_group = self.clock(), groups[choice]

        def moved(label: str | None) -> None:
            if label is not None:
                self._show(None, self.tr("{label} goes first in {group}.").format(label=label, group=choice))

        self._run(lambda: q.transfer(self.db, self.actor, self.counter_id, to_group=to_group, at=at), moved)

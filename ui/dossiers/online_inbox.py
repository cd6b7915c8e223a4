"""Hồ sơ trực tuyến: the dossiers citizens filed on the portal, pulled by the sync worker, waiting
for the counter. The officer opens the citizen's files, then receives the dossier (and prints its
receipt), refuses it or asks for a supplement, with a reason. The answer goes back to the portal
through the outbox like any other change. Roles that may not register dossiers only look."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.formatting import number
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.online_inbox import InboxRow, attachments, inbox, open_attachment
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.changes import Changed
from ui.ops import Op, op
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title, refresh_button

NAME_ROLE = Qt.ItemDataRole.UserRole


def make_table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time; column `stretch` takes the rest."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    header = t.horizontalHeader()
    for c in range(len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return t


def fill_row(table: QTableWidget, r: int, values: list[str], key=None) -> None:
    for c, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setToolTip(value)
        if c == 0:
            item.setData(NAME_ROLE, key)
        table.setItem(r, c, item)


def selected_key(table: QTableWidget):
    rows = table.selectionModel().selectedRows()
    return table.item(rows[0].row(), 0).data(NAME_ROLE) if rows else None


def select_key(table: QTableWidget, key) -> None:
    """Select the row of `key`, or the first row when it is gone."""
    for r in range(table.rowCount()):
        if table.item(r, 0).data(NAME_ROLE) == key:
            table.selectRow(r)
            return
    if table.rowCount():
        table.selectRow(0)


def name_buttons(dialog: QWidget) -> None:
    """Vietnamese on a dialog's standard buttons (Qt ships no Vietnamese for its own)."""
    names = {QDialogButtonBox.StandardButton.Ok: QCoreApplication.translate("OnlineInboxPage", "OK"),
             QDialogButtonBox.StandardButton.Cancel: QCoreApplication.translate("OnlineInboxPage", "Cancel")}
    for box in dialog.findChildren(QDialogButtonBox):
        for which, text in names.items():
            if box.button(which) is not None:
                box.button(which).setText(text)


def ask(parent: QWidget, title: str, text: str, yes: str, no: str) -> bool:
    """A yes/no question with the answers in words (the officer's decision is needed now)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes_button)
    box.exec()
    answer = box.clickedButton() is yes_button
    box.deleteLater()  # asked once per dossier all day: freed, not kept under the page
    return answer


def file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{number(round(size / 1024 / 1024, 1))} MB"
    return f"{number(max(1, round(size / 1024)))} KB"


class OnlineInboxPage(QWidget):
    open_requested = Signal(str)  # a dossier code: show its detail
    changed = Signal(str)  # a dossier was answered here: its change should go to the portal now

    def __init__(self, db: Database, actor: Actor, data_dir: Path, clock: Callable[[], datetime] = now_local,
                 print_receipt: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("onlineInboxPage")
        self.db, self.actor, self.data_dir, self.clock = db, actor, Path(data_dir), clock
        self.print_receipt = print_receipt
        self.can_act = actor.can(Permission.REGISTER_DOSSIER)
        self.rows: list[InboxRow] = []

        self.updated = QLabel()
        self.updated.setObjectName("inboxUpdated")
        refresh = refresh_button(self, self.tr("Refresh (Ctrl+R)"), "inboxRefresh", self.refresh)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Online dossiers waiting for the counter")))
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(refresh)

        self.table = make_table("inboxTable", [
            self.tr("Filed at"), self.tr("Code"), self.tr("Applicant"), self.tr("Procedure"),
            self.tr("Level"), self.tr("Whole process"), self.tr("Files")], stretch=3)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_selected())

        self.files = QListWidget()
        self.files.setObjectName("inboxFiles")
        self.files.itemActivated.connect(self.open_file)  # double click or Enter
        files_box = QGroupBox(self.tr("The citizen's files (double-click to open)"))
        files_box.setObjectName("inboxFilesBox")
        QVBoxLayout(files_box).addWidget(self.files)

        self.open_button = QPushButton(self.tr("Open the dossier"))
        self.open_button.setObjectName("inboxOpen")
        self.open_button.clicked.connect(self.open_selected)
        self.receive_button = QPushButton(Action.RECEIVE.label)
        self.receive_button.setObjectName("inboxReceive")
        self.receive_button.clicked.connect(lambda: self.receive_selected())
        self.refuse_button = QPushButton(Action.REFUSE.label + "…")
        self.refuse_button.setObjectName("inboxRefuse")
        self.refuse_button.clicked.connect(lambda: self.refuse_selected())
        self.supplement_button = QPushButton(Action.REQUEST_SUPPLEMENT.label + "…")
        self.supplement_button.setObjectName("inboxSupplement")
        self.supplement_button.clicked.connect(lambda: self.supplement_selected())
        buttons = QVBoxLayout()
        for b in (self.open_button, self.receive_button, self.refuse_button, self.supplement_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
            if b is not self.open_button:
                b.setVisible(self.can_act)
        self.hint = QLabel(self.tr("Open the citizen's files, then receive the dossier, refuse it or ask "
                                   "for a supplement; the answer goes to the portal at the next sync.")
                           if self.can_act else
                           self.tr("Your role can look at online dossiers but cannot receive them."))
        self.hint.setObjectName("inboxHint")
        self.hint.setWordWrap(True)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(files_box, 3)
        bottom.addLayout(buttons, 2)

        self.notice = QLabel()
        self.notice.setObjectName("inboxNotice")
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addLayout(bottom, 2)
        layout.addWidget(self.notice)
        self._selected()

    # ---- data -----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def on_report(self, report) -> None:
        """A sync cycle ended: new dossiers or files may have arrived."""
        if (report.pulled or report.fetched) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the inbox through ops and paint it when it comes; meanwhile the rows shown stay (a
        refresh asked again before the first is back paints only the newest answer)."""
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation

        def paint(rows: list[InboxRow]) -> None:
            if generation == self._generation:
                self._paint(rows)

        op(self, inbox, self.db, self.actor).success(paint).failure(lambda exc: self.show_notice(str(exc))).run()

    def _paint(self, rows: list[InboxRow]) -> None:
        keep = self.selected_code()
        self.rows = rows
        self.table.blockSignals(True)  # one selection change at the end, not one per row
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            files = f"{row.fetched}/{row.attachments}" if row.attachments else "—"
            fill_row(self.table, r, [
                f"{row.submitted_at:%d/%m/%Y %H:%M}", row.code, row.applicant_name, row.procedure_name,
                str(row.online_level) if row.online_level else "—", self._yes_no(row.whole_process), files,
            ], row.code)
            if row.attachments:
                self.table.item(r, 6).setToolTip(self.tr("{fetched} of {n} files downloaded from the portal")
                                                 .format(fetched=row.fetched, n=row.attachments))
        select_key(self.table, keep)
        self.table.blockSignals(False)
        self.updated.setText(self.tr("{n} waiting · updated at {time}").format(
            n=number(len(self.rows)), time=f"{self.clock():%H:%M}") if self.rows
            else self.tr("No online dossier is waiting · updated at {time}").format(time=f"{self.clock():%H:%M}"))
        self._selected()

    def _yes_no(self, value: bool | None) -> str:
        return "—" if value is None else self.tr("Yes") if value else self.tr("No")

    def selected_code(self) -> str | None:
        return selected_key(self.table)

    def _selected(self) -> None:
        code = self.selected_code()
        for b in (self.open_button, self.receive_button, self.refuse_button, self.supplement_button):
            b.setEnabled(code is not None)
        self.files.clear()
        if code is None:
            return
        op(self, attachments, self.db, self.actor, code, self.data_dir) \
            .success(lambda found, code=code: self._show_files(code, found)) \
            .failure(lambda exc: self.show_notice(str(exc))).run()

    def _show_files(self, code: str, found: list) -> None:
        if self.selected_code() != code:  # another dossier was chosen while these were read
            return
        self.files.clear()
        if not found:
            item = QListWidgetItem(self.tr("The citizen attached no file."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.files.addItem(item)
        for a in found:
            text = f"{a.name} ({file_size(a.size)})"
            if a.path is None:
                text += " · " + self.tr("not downloaded yet")
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, a.name)
            if a.path is None:
                item.setForeground(Qt.GlobalColor.gray)
            self.files.addItem(item)

    def show_notice(self, text: str, ok: bool = False) -> None:
        self.notice.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.notice.setText(text)

    # ---- acting ---------------------------------------------------------------------------------
    def open_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.open_requested.emit(code)

    def open_file(self, item: QListWidgetItem | None = None) -> bool:
        """Open one of the citizen's files with the system's viewer (the opening is audited). The
        look-up and the audit run through ops (off the GUI thread); the viewer is started on the GUI
        thread. True when opened by the time it returns (a synchronous pool)."""
        item = item or self.files.currentItem()
        code = self.selected_code()
        name = item.data(NAME_ROLE) if item is not None else None
        if code is None or not name:
            return False
        opened: list[bool] = []

        def found(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.show_notice(self.tr("No program on this computer opens the file «{name}».").format(name=name))
                return
            self.show_notice("")
            opened.append(True)

        op(self, open_attachment, self.db, self.actor, code, name, self.data_dir).success(found) \
            .failure(lambda exc: self.show_notice(str(exc))).progress().run()
        return bool(opened)

    def receive_selected(self) -> bool:
        """Receive the dossier, then offer to print its receipt."""
        code = self.selected_code()
        if code is None or not self.can_act:
            return False
        def received(_outcome) -> None:
            self._acted(code, self.tr("Dossier {code} is received; the portal will be told at the next sync.")
                        .format(code=code))
            if self.print_receipt is not None and ask(
                    self, Action.RECEIVE.label, self.tr("Dossier {code} is received. Print its receipt now?")
                    .format(code=code), self.tr("Print the receipt"), self.tr("Not now")):
                self.print_receipt(code)

        return self._act(op(self, act, self.db, self.actor, code, Action.RECEIVE, Facts(at=self.clock()))
                         .success(received))

    def _act(self, work: Op) -> bool:
        """An answer to the portal as an op (ui/ops.py): refusals under the buttons; True when
        done by the time it returns (a synchronous pool)."""
        work.failure(lambda exc: self.show_notice(str(exc))).changes(Changed.DOSSIER, Changed.PORTAL).progress().run()
        return work.done and work.error is None

    def refuse_selected(self, dialog=None) -> bool:
        return self._with_reason(Action.REFUSE, dialog)

    def supplement_selected(self, dialog=None) -> bool:
        return self._with_reason(Action.REQUEST_SUPPLEMENT, dialog)

    def _with_reason(self, action: Action, dialog=None) -> bool:
        """The reason is asked with the dossier screen's dialog (ui.dossiers.actions.ActionDialog);
        a missing one is refused by the service, in its words, under the buttons."""
        code = self.selected_code()
        if code is None or not self.can_act:
            return False
        answered: list[bool] = []

        def ask_reason(detail: dict) -> None:
            answered.append(self._ask_reason(action, code, detail, dialog))

        # The dialog's defaults need the dossier: read through ops, asked when it comes.
        (op(self, dossier_detail, self.db, self.actor, code).success(ask_reason)
         .failure(lambda exc: self.show_notice(str(exc))).run())
        return bool(answered and answered[0])

    def _ask_reason(self, action: Action, code: str, detail: dict, dialog=None) -> bool:
        from ui.dossiers.actions import ActionDialog

        ours = dialog is None
        if ours:
            dialog = ActionDialog(action, detail["status"], self.actor, datetime.fromisoformat(detail["due_at"]), self)
            name_buttons(dialog)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        facts = dialog.facts(self.clock()) if accepted else None
        if ours:
            dialog.deleteLater()  # freed once read, not kept under the page (a test's own stays its own)
        if not accepted:
            return False
        text = (self.tr("Dossier {code} is refused; the portal will be told at the next sync.")
                if action is Action.REFUSE else
                self.tr("A supplement is asked for dossier {code}; the portal will be told at the next sync."))
        return self._act(op(self, act, self.db, self.actor, code, action, facts)
                         .success(lambda _outcome: self._acted(code, text.format(code=code))))

    def _acted(self, code: str, text: str) -> None:
        self.changed.emit(code)
        self.refresh()
        self.show_notice(text, ok=True)

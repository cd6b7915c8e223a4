"""Biên lai chờ phát hành (issue 25 §2, docs/fees.md "Tại quầy"): the fee receipts that have no
number yet (B's receipt_list): waiting for the provider, refused by it, waiting for a paper
receipt's number, or a cancellation waiting to be sent; for each the dossier, the payer, the amount,
the state, the provider's last answer and since when. "Phát hành lại" sends one again now (B's
retry_receipt), "Nhập số biên lai giấy…" records the paper receipt handed over instead, "Gửi ngay"
wakes the desk's sender (ui/fees/desk_runner.py). The officer's "Chốt sổ quầy…" starts here too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.clock import now_local
from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import money
from db.engine import Database
from ui.changes import Changed, follow
from ui.fees.common import selected_view, table, when
from ui.ops import op
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    action_button,
    message_line,
    page_title,
    refresh_button,
)

WAITING = ("pending", "unissued", "failed", "cancel_pending")
NUMBERED = ("unissued", "failed")  # a paper receipt's number may be entered for these
RETRIED = ("pending", "failed", "cancel_pending")  # sent again by "Phát hành lại"
SETTING_KEYS = ("fees.receipts.enabled", "fees.receipts.template_code", "fees.receipts.symbol")


def waiting_receipts(db: Database, actor: Actor) -> tuple[list, dict, dict]:
    """The receipts without a number, the settings the page needs (the series the paper receipts
    are written from, whether the provider is on) and since when each receipt waits."""
    from app.services.fees.receipts import receipt_list
    from app.services.settings.store import settings_of
    from db.models import FeeReceipt

    views = receipt_list(db, actor, WAITING)
    with db.reading() as s:
        settings = settings_of(s, SETTING_KEYS)
        # Since when each waits: the receipt's row was written with its payment.
        ids = [v.id for v in views]
        since = dict(s.execute(select(FeeReceipt.id, FeeReceipt.created_at).where(FeeReceipt.id.in_(ids))).all()) \
            if ids else {}
    return views, settings, since


def _retry(db: Database, actor: Actor, receipt_id: int):
    from app.services.fees.receipts import retry_receipt

    return retry_receipt(db, actor, receipt_id)


def _paper(db: Database, actor: Actor, receipt_id: int, template_code: str, symbol: str, number: str,
           at: datetime):
    from app.services.fees.receipts import PaperNumber, enter_paper_number

    return enter_paper_number(db, actor, receipt_id, PaperNumber(template_code, symbol, number), at)




class PaperNumberDialog(QDialog):
    """The paper receipt handed over for one payment: mẫu số, ký hiệu (the office's series, filled
    in from the settings) and its number."""

    def __init__(self, view, template_code: str, symbol: str, submit: Callable[[str, str, str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paperNumberDialog")
        self.setWindowTitle(self.tr("Paper receipt number"))
        self.submit = submit
        intro = QLabel(self.tr("Dossier {code}: {payer}, {amount}. Enter the identifiers printed on the paper "
                               "receipt handed over.").format(code=view.dossier_code, payer=view.payer_name,
                                                              amount=money(view.amount)))
        intro.setWordWrap(True)
        self.template_code = QLineEdit(template_code)
        self.template_code.setObjectName("paperTemplate")
        self.symbol = QLineEdit(symbol)
        self.symbol.setObjectName("paperSymbol")
        self.number = QLineEdit()
        self.number.setObjectName("paperNumber")
        for edit in (self.template_code, self.symbol, self.number):
            edit.setMaxLength(20)
        self.message = QLabel()
        self.message.setObjectName("paperMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Template code:"), self.template_code)
        form.addRow(self.tr("Symbol:"), self.symbol)
        form.addRow(self.tr("Number:"), self.number)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("paperSave")
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        (self.number if template_code and symbol else self.template_code).setFocus()

    def _save(self) -> None:
        self.message.setText("")
        self.submit(self.template_code.text().strip(), self.symbol.text().strip(), self.number.text().strip())

    def refused(self, exc: UserError) -> None:
        self.message.setText(str(exc))


class ReceiptsPage(QWidget):
    count_changed = Signal(int)
    open_requested = Signal(str)  # a dossier code
    send_requested = Signal()  # "Gửi ngay": the window wakes the desk's sender
    closing_requested = Signal()  # "Chốt sổ quầy…": the window opens the closing dialog

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receiptsPage")
        self.db, self.actor, self.clock = db, actor, clock
        self.views: list = []
        self.settings: dict = {}
        self.count = 0
        self.paper_dialog: PaperNumberDialog | None = None
        self.table = table("waitingReceipts", [self.tr("Dossier"), self.tr("Payer"), self.tr("Amount"),
                                               self.tr("State"), self.tr("Waiting since"), self.tr("Provider's answer")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.empty = QLabel(self.tr("Every payment has its receipt."))
        self.empty.setObjectName("noWaitingReceipts")
        self.message = message_line("receiptsMessage")
        self.retry_button = action_button(self.tr("Issue again"), "retryReceipt", self.retry_selected)
        self.paper_button = action_button(self.tr("Enter a paper receipt number…"), "enterPaperNumber",
                                          self.enter_paper_number)
        self.open_button = action_button(self.tr("Open the dossier"), "openReceiptDossier", self.open_selected)
        self.send_button = action_button(self.tr("Send now"), "sendReceiptsNow", self.send_now)
        self.closing_button = action_button(self.tr("Close the counter…"), "openClosing", self.closing_requested)
        self.closing_button.setEnabled(actor.counter_id is not None)
        if actor.counter_id is None:
            self.closing_button.setToolTip(self.tr("Log in at a counter to close it."))
        self.hint = QLabel()
        self.hint.setObjectName("receiptsHint")
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Receipts waiting to be issued")))
        top.addStretch(1)
        top.addWidget(self.closing_button)
        top.addWidget(refresh_button(self, self.tr("Refresh (Ctrl+R)"), "receiptsRefresh", self.refresh))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.open_button, self.paper_button, self.retry_button, self.send_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow(self, {Changed.DOSSIER, Changed.SETTINGS}, self.refresh)  # a payment taken, a receipt issued elsewhere
        self._enable()

    def nav_label(self, n: int = 0) -> str:
        return self.tr("Fee collection ({n})").format(n=n) if n else self.tr("Fee collection")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    # ---- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, waiting_receipts, self.db, self.actor).success(self.show_list) \
            .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").run()

    def show_list(self, result: tuple[list, dict, dict]) -> None:
        views, self.settings, since = result
        keep = self.selected().id if self.selected() is not None else None
        self.views = views
        self.table.setRowCount(len(views))
        for r, view in enumerate(views):
            for c, text in enumerate((view.dossier_code, view.payer_name, money(view.amount), view.state_label,
                                      when(since.get(view.id)), self._answer(view))):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, view)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 3 and view.state == "failed":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
            if view.id == keep:
                self.table.selectRow(r)
        self.table.setVisible(bool(views))
        self.empty.setVisible(not views)
        on = bool(self.settings.get("fees.receipts.enabled"))
        self.send_button.setVisible(on)
        self.hint.setText(self.tr("E-receipts are issued by the provider in the background; those listed have no "
                                  "number yet. One the provider refused can be issued again once the cause is fixed, "
                                  "or replaced by a paper receipt.") if on else
                          self.tr("E-receipts are off: hand over a paper receipt from the office's book and enter "
                                  "its number here."))
        self._enable()
        if len(views) != self.count:
            self.count = len(views)
            self.count_changed.emit(self.count)

    def _answer(self, view) -> str:
        """The provider's last answer, and for one it will be sent again, when."""
        if view.state in ("pending", "cancel_pending") and view.next_attempt_at and view.last_error:
            at = datetime.fromisoformat(view.next_attempt_at)
            return self.tr("{error} (sent again at {at})").format(error=view.last_error, at=f"{at:%H:%M}")
        return view.last_error or ""

    def selected(self):
        return selected_view(self.table)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _enable(self) -> None:
        view = self.selected()
        self.open_button.setEnabled(view is not None)
        self.retry_button.setEnabled(view is not None and view.state in RETRIED)
        self.paper_button.setEnabled(view is not None and view.state in NUMBERED)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)

    # ---- acting -------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self.open_requested.emit(view.dossier_code)

    def retry_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        (op(self, _retry, self.db, self.actor, view.id)
         .success(lambda v: self._retried(v))
         .failure(lambda exc: self.say(str(exc), error=True)).changes(Changed.DOSSIER)
         .category("motcua.fees").progress().run())

    def _retried(self, view) -> None:
        self.say(self.tr("Dossier {code}: the receipt is sent to the provider again.").format(code=view.dossier_code))
        self.send_requested.emit()

    def send_now(self) -> None:
        self.say(self.tr("Sending the waiting receipts to the provider…"))
        self.send_requested.emit()

    def enter_paper_number(self) -> None:
        view = self.selected()
        if view is None or view.state not in NUMBERED:
            return
        dialog = PaperNumberDialog(view, self.settings.get("fees.receipts.template_code", ""),
                                   self.settings.get("fees.receipts.symbol", ""),
                                   lambda t, s, n: self._save_paper(view, t, s, n), self)
        self.paper_dialog = dialog
        dialog.finished.connect(lambda _r: self._paper_closed(dialog))
        dialog.open()

    def _paper_closed(self, dialog: PaperNumberDialog) -> None:
        if self.paper_dialog is dialog:
            self.paper_dialog = None
        dialog.deleteLater()

    def _save_paper(self, view, template_code: str, symbol: str, number: str) -> None:
        dialog = self.paper_dialog
        (op(self, _paper, self.db, self.actor, view.id, template_code, symbol, number, self.clock())
         .success(lambda v: self._papered(dialog, v))
         .failure(lambda exc: dialog.refused(exc) if dialog is not None else self.say(str(exc), error=True))
         .changes(Changed.DOSSIER).category("motcua.fees").progress().run())

    def _papered(self, dialog: PaperNumberDialog | None, view) -> None:
        if dialog is not None:
            dialog.accept()
        self.say(self.tr("Dossier {code}: {identifier}.").format(code=view.dossier_code, identifier=view.identifier))

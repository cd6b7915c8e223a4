"""Trả kết quả: one box to type or scan the receipt's code (a keyboard-wedge scanner types the code
and Enter). A dossier whose result is ready gets the collector's name and ID, or the postal
shipment, and is returned; any other dossier says plainly why its result cannot be returned yet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.formatting import moment
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.widgets import ERROR_STYLE


class ReturnPage(QWidget):
    returned = Signal(str)  # the dossier code

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnPage")
        self.db, self.actor, self.clock = db, actor, clock
        self.dossier: dict | None = None
        self._returning = False

        self.code = QLineEdit()
        self.code.setObjectName("returnCode")
        self.code.setPlaceholderText(self.tr("Type or scan the dossier code on the receipt, then Enter"))
        self.code.returnPressed.connect(self.look_up)
        self.summary = QLabel()
        self.summary.setObjectName("returnSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.to_applicant = QRadioButton(self.tr("The applicant"))
        self.to_proxy = QRadioButton(self.tr("An authorised person"))
        self.by_post = QRadioButton(self.tr("By post (BCCI)"))
        self.how = QButtonGroup(self)
        for i, b in enumerate((self.to_applicant, self.to_proxy, self.by_post)):
            self.how.addButton(b, i)
        self.how.idToggled.connect(self._how_changed)
        self.collector = QLineEdit()
        self.collector.setObjectName("collectorName")
        self.collector_id = QLineEdit()
        self.collector_id.setObjectName("collectorId")
        self.shipment = QLineEdit()
        self.shipment.setObjectName("shipmentCode")
        self.shipment.setPlaceholderText(self.tr("e.g. EB123456789VN"))
        self.post_address = QLineEdit()
        self.post_address.setObjectName("postAddress")
        self.return_button = QPushButton(self.tr("Return the result (Enter)"))
        self.return_button.setObjectName("returnButton")
        self.return_button.clicked.connect(self.give_back)
        for edit in (self.collector, self.collector_id, self.shipment, self.post_address):
            edit.returnPressed.connect(self.give_back)

        who = QHBoxLayout()
        for b in (self.to_applicant, self.to_proxy, self.by_post):
            who.addWidget(b)
        who.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Handed to:"), who)
        form.addRow(self.tr("Full name:"), self.collector)
        form.addRow(self.tr("ID number:"), self.collector_id)
        form.addRow(self.tr("Shipment code:"), self.shipment)
        form.addRow(self.tr("Postal address:"), self.post_address)
        form.addRow("", self.return_button)
        self.form_box = QGroupBox(self.tr("Who receives the result"))
        self.form_box.setLayout(form)

        self.message = QLabel()
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Dossier code:")))
        layout.addWidget(self.code)
        layout.addWidget(self.summary)
        layout.addWidget(self.form_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._reset()

    # ---- steps ------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.dossier = None
        self.summary.clear()
        self.form_box.setEnabled(False)
        for edit in (self.collector, self.collector_id, self.shipment, self.post_address):
            edit.clear()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def look_up(self) -> None:
        code = self.code.text().strip().upper()
        self._reset()
        if not code:
            return
        op(self, dossier_detail, self.db, self.actor, code).success(self._found).failure(self._not_found).run()

    def _not_found(self, exc: UserError) -> None:
        self._say(str(exc), error=True)
        self.code.selectAll()

    def _found(self, d: dict) -> None:
        self.dossier = d
        self.summary.setText(self.tr("{name} · {procedure}\nStatus: {status} · due {due}").format(
            name=d["applicant_name"], procedure=d["procedure"]["name"], status=d["status_label"],
            due=moment(datetime.fromisoformat(d["due_at"]))))
        status = DossierStatus(d["status"])
        if status is not DossierStatus.RESOLVED:
            self._say(self._why_not(status, d), error=True)
            self.code.selectAll()
            return
        self._say("")
        self.form_box.setEnabled(True)
        # A masked value (a role without view_personal_data) is never offered as a fact to record.
        self.post_address.setText("" if d.get("masked") else d.get("result_address") or "")
        (self.by_post if d["result_method"] == "post" else self.to_applicant).setChecked(True)
        self._how_changed(self.how.checkedId(), True)

    def _why_not(self, status: DossierStatus, d: dict) -> str:
        if status is DossierStatus.RETURNED:
            return self.tr("The result was already returned on {when}.").format(
                when=moment(datetime.fromisoformat(d["returned_at"])) if d.get("returned_at") else "")
        if status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING):
            return self.tr("The dossier is still being processed; its result is due {due}. There is no "
                           "result to return yet.").format(due=moment(datetime.fromisoformat(d["due_at"])))
        if status is DossierStatus.SUPPLEMENT_REQUESTED:
            return self.tr("The dossier is waiting for a supplement from the applicant: no result yet.")
        if status is DossierStatus.FINANCIAL_OBLIGATION:
            return self.tr("The applicant must first fulfil the financial obligation: no result yet.")
        return self.tr("The dossier is “{status}”: it has no result to return.").format(status=status.label)

    def _how_changed(self, button_id: int, checked: bool) -> None:
        if not checked or self.dossier is None:
            return
        post = button_id == 2
        for w in (self.collector, self.collector_id):
            w.setEnabled(not post)
        for w in (self.shipment, self.post_address):
            w.setEnabled(post)
        if button_id == 0:  # the applicant: the dossier already knows who they are
            self.collector.setText(self.dossier["applicant_name"])
            self.collector_id.setText("" if self.dossier.get("masked")
                                      else self.dossier.get("applicant_id_number") or "")
        elif button_id == 1:
            self.collector.clear()
            self.collector_id.clear()
        (self.shipment if post else self.collector_id if button_id == 0 else self.collector).setFocus()

    def give_back(self) -> None:
        if self.dossier is None or self._returning:
            return  # nothing looked up, or Enter again while the first is being written
        post = self.by_post.isChecked()
        facts = Facts(at=self.clock())
        if post:
            facts.postal_code, facts.postal_address = self.shipment.text(), self.post_address.text()
            if not facts.postal_code.strip():
                self._say(self.tr("Enter the postal shipment code."), error=True)
                self.shipment.setFocus()
                return
        else:
            facts.collector_name, facts.collector_id_number = self.collector.text(), self.collector_id.text()
            facts.collector_is_applicant = self.to_applicant.isChecked()
        self._returning = True
        (op(self, act, self.db, self.actor, self.dossier["code"], Action.RETURN_RESULT, facts)
         .success(self._returned).failure(self._not_returned).changes(Changed.DOSSIER).progress().run())

    def _not_returned(self, exc: UserError) -> None:
        self._returning = False
        self._say(str(exc), error=True)

    def _returned(self, out) -> None:
        self._returning = False
        self._reset()
        self.code.clear()
        self.code.setFocus()
        self._say(self.tr("Result of dossier {code} returned.").format(code=out.code))
        self.returned.emit(out.code)

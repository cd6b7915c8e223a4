"""Tiếp nhận: the intake form, in the order of the paper form, keyboard first.

Tab follows the form; Enter in the last field (notes) saves, Ctrl+Enter saves from any field
(the defaults below need no Tab through them); the window adds F2 (new intake), Ctrl+P (print)
and Esc (cancel). The documents arrive unticked: Space ticks the current one, F4 ("Đã nhận đủ")
ticks them all, and a mandatory one left unticked asks for a reason. Field checks are the core's
(app/domain/applicant.py): the form shows their Vietnamese message under the field as soon as
the field is left, and the core checks everything again when saving. A dossier saved with a fee
says what is owed, and its "Thu phí" button takes the payment at once (ui/intake/payment_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import applicant as checks
from app.domain.permissions import Actor, Permission
from app.domain.vocab import ApplicantKind, Channel, IdentityCheck, ResultMethod, TimeUnit
from app.errors import UserError
from app.formatting import money, number
from app.services.catalog import list_procedures
from app.services.intake.registration import Applicant, Registered, RegisterRequest, register
from app.services.intake.time_counts import LateStart, Why, counting_start_for, with_weekday
from app.services.procedure_search import recent_use_counts
from app.services.settings.calendar import due_for
from db.engine import Database
from ui.changes import Changed, follow
from ui.intake.address_fields import AddressFields, office_province_code
from ui.intake.consent_fields import ConsentFields
from ui.intake.identity_fields import WARNING_STYLE, FieldWarning, IdentityFields
from ui.intake.procedure_picker import ProcedureChoice, ProcedurePicker
from ui.intake.tables import DocumentsTable, FeesTable
from ui.messages import ask
from ui.ops import op
from ui.widgets import ERROR_STYLE, FieldError, parse_day, qdatetime, to_datetime, with_notes


class IntakeForm(QWidget):
    saved = Signal(object)  # Registered
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime], parent: QWidget | None = None,
                 *, data_dir: Path | None = None):
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.db, self.actor, self.clock = db, actor, clock
        self.data_dir = data_dir  # None: the desk window's (ui/digitize.open_capture)
        self.last_saved_code: str | None = None  # F7 digitizes it, after the form was cleared too
        self._procedures = {p.code: p for p in list_procedures(db, actor)}
        self._computed_due: datetime | None = None
        self._dirty = False
        self._saving = False
        self._saving_procedure: str | None = None  # the procedure of the dossier being saved
        self._build()
        self._connect()
        # The appointment depends on the clock (cutoff, closing time): keep the preview current
        # while the form stays open.
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(30_000)
        self._due_timer.timeout.connect(self.refresh_due)
        self._due_timer.start()
        follow(self, {Changed.CALENDAR}, self.refresh_due)  # a day off added moves the appointment
        self.clear()

    # ---- building -------------------------------------------------------------------------
    def _build(self) -> None:
        choices = [ProcedureChoice.of(p.code, p.name, p.sector_name)
                   for p in sorted(self._procedures.values(), key=lambda p: p.name)]
        # Ties in the typed text go to what this office received most in the last 90 days.
        self.procedure = ProcedurePicker(choices, usage=lambda: recent_use_counts(self.db, self.actor, self.clock()))
        self.procedure.setObjectName("procedure")
        self.procedure.setPlaceholderText(self.tr("Type the procedure's name, code or sector (diacritics optional)"))
        self.procedure_info = QLabel()
        self.procedure_info.setObjectName("procedureInfo")
        self.procedure_info.setWordWrap(True)

        self.kind = QComboBox()
        self.kind.setObjectName("applicantKind")
        self.kind.addItem(self.tr("Citizen"), int(ApplicantKind.CITIZEN))
        self.kind.addItem(self.tr("Organisation or business"), int(ApplicantKind.BUSINESS))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.birth_date = QLineEdit()
        self.birth_date.setObjectName("birthDate")
        self.birth_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        self.sex.addItem("", None)
        self.sex.addItem(self.tr("Male"), "Nam")
        self.sex.addItem(self.tr("Female"), "Nữ")
        self.representative = QLineEdit()
        self.representative.setObjectName("representative")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.email = QLineEdit()
        self.email.setObjectName("email")
        # The address after the 2025 reform (ui/intake/address_fields.py); `address` is its free line.
        self.address_fields = AddressFields(office_province_code(self.db))
        self.address = self.address_fields.street
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.addItem(Channel.IN_PERSON.label, int(Channel.IN_PERSON))
        self.channel.addItem(Channel.POST.label, int(Channel.POST))

        self.errors: dict[str, FieldError] = {k: FieldError() for k in (
            "procedure", "name", "cccd", "tax_code", "birth_date", "sex", "phone", "email", "documents",
            "sets", "result_address", "due_at", "fees", "notice_channels")}
        self.errors["address"] = self.address_fields.error  # a commune outside the chosen province

        applicant = self.applicant_form = QFormLayout()
        applicant.addRow(self.tr("Applicant:"), self.kind)
        self.name_label = QLabel(self.tr("Full name:"))
        applicant.addRow(self.name_label, with_notes(self.name, self.errors["name"]))
        self.id_label = QLabel(self.tr("CCCD number:"))
        self.id_warning = FieldWarning()  # what the officer may accept (an ID registered abroad …)
        self.id_warning.setObjectName("idWarning")
        applicant.addRow(self.id_label, with_notes(self.id_number, self.errors["cccd"], self.errors["tax_code"],
                                                    self.id_warning))
        self.birth_label = QLabel(self.tr("Date of birth:"))
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth_date, 1)
        self.sex_label = QLabel(self.tr("Sex:"))
        birth_row.addWidget(self.sex_label)
        birth_row.addWidget(self.sex)
        birth_box = QWidget()
        box = QVBoxLayout(birth_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(birth_row)
        box.addWidget(self.errors["birth_date"])
        box.addWidget(self.errors["sex"])
        applicant.addRow(self.birth_label, birth_box)
        self.rep_label = QLabel(self.tr("Representative:"))
        applicant.addRow(self.rep_label, self.representative)
        applicant.addRow(self.tr("Phone:"), with_notes(self.phone, self.errors["phone"]))
        applicant.addRow(self.tr("E-mail:"), with_notes(self.email, self.errors["email"]))
        self.consent = ConsentFields(self.phone, self.email)  # ui/intake/consent_fields.py
        self.consent_label = self.consent.label
        applicant.addRow(self.consent_label, with_notes(self.consent, self.errors["notice_channels"]))
        self.address_label = QLabel(self.tr("Address:"))  # "Nơi cư trú"/"Nơi thường trú" from a card
        applicant.addRow(self.address_label, self.address_fields)
        self.identity_fields = IdentityFields()  # ui/intake/identity_fields.py
        applicant.addRow(self.identity_fields)
        applicant.addRow(self.tr("Submitted:"), self.channel)
        applicant_box = QGroupBox(self.tr("Applicant"))
        applicant_box.setLayout(applicant)

        self.documents = DocumentsTable()
        self.missing = QLabel()
        self.missing.setObjectName("missingWarning")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #8a5300;")
        self.missing_reason = QLineEdit()
        self.missing_reason.setObjectName("missingReason")
        self.missing_reason.setPlaceholderText(self.tr("Why the dossier is received without them"))
        self.all_received = QPushButton(self.tr("All received (F4)"))
        self.all_received.setObjectName("allReceived")
        self.all_received.setAutoDefault(False)
        self.all_received.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 is its key; Tab goes on
        self.all_received.clicked.connect(self.documents.tick_all)
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, self.documents.tick_all,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        docs = QVBoxLayout()
        docs.addWidget(self.documents, 1)
        docs.addWidget(self.all_received, 0, Qt.AlignmentFlag.AlignLeft)
        docs.addWidget(self.missing)
        docs.addWidget(self.missing_reason)
        docs.addWidget(self.errors["documents"])
        docs_box = QGroupBox(self.tr("Documents received"))
        docs_box.setLayout(docs)

        self.sets = QSpinBox()
        self.sets.setObjectName("sets")
        self.sets.setRange(1, 100)
        self.fees = FeesTable()
        self.result_method = QComboBox()
        self.result_method.setObjectName("resultMethod")
        self.result_method.addItem(ResultMethod.COUNTER.label, ResultMethod.COUNTER.value)
        self.result_method.addItem(ResultMethod.POST.label, ResultMethod.POST.value)
        self.result_address = QLineEdit()
        self.result_address.setObjectName("resultAddress")
        self.result_address.setPlaceholderText(self.tr("Address for the result by post"))
        self.due = QLabel()
        self.due.setObjectName("due")
        font = self.due.font()
        font.setBold(True)
        self.due.setFont(font)
        self.change_due = QCheckBox(self.tr("Change the appointment"))
        self.change_due.setObjectName("changeDue")
        self.due_edit = QDateTimeEdit()
        self.due_edit.setObjectName("dueEdit")
        self.due_edit.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.due_edit.setCalendarPopup(True)
        # Nothing to show before a procedure gives the appointment: the minimum reads as blank,
        # not as Qt's "01/01/2000".
        self.due_edit.setSpecialValueText(" ")
        self.due_reason = QLineEdit()
        self.due_reason.setObjectName("dueReason")
        self.due_reason.setPlaceholderText(self.tr("Reason for the change (recorded)"))
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Enter here saves the dossier"))

        result = QFormLayout()
        result.addRow(self.tr("Number of sets:"), with_notes(self.sets, self.errors["sets"]))
        result.addRow(self.tr("Result returned:"), self.result_method)
        result.addRow(self.tr("Post to:"), with_notes(self.result_address, self.errors["result_address"]))
        result.addRow(self.tr("Appointment:"), self.due)
        result.addRow(self.change_due, self.due_edit)
        result.addRow(self.tr("Reason:"), with_notes(self.due_reason, self.errors["due_at"]))
        result.addRow(self.tr("Notes:"), self.notes)
        result_box = QGroupBox(self.tr("Processing and result"))
        result_box.setLayout(result)

        self.save_button = QPushButton(self.tr("Save and print (Ctrl+Enter)"))
        self.save_button.setObjectName("save")
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setObjectName("cancel")
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.message = QLabel()
        self.message.setObjectName("intakeMessage")
        self.message.setWordWrap(True)
        # About the dossier saved last (time counting from the next opening): it outlives the
        # form's clearing for the next citizen, like the F7 button.
        self.saved_notice = QLabel()
        self.saved_notice.setObjectName("savedNotice")
        self.saved_notice.setWordWrap(True)
        self.saved_notice.setStyleSheet(WARNING_STYLE)
        self.saved_notice.hide()
        # Số hóa: after a save, F7 opens the capture desk for the dossier just registered.
        self.digitize_button = QPushButton()
        self.digitize_button.setObjectName("digitize")
        self.digitize_button.setAutoDefault(False)
        self.digitize_button.hide()
        self.digitize_button.clicked.connect(self.digitize_last)
        QShortcut(QKeySequence(Qt.Key.Key_F7), self, self.digitize_last,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Thu phí: after a save with a fee, the payment for the dossier just registered.
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("intakePay")
        self.pay_button.setAutoDefault(False)
        self.pay_button.hide()
        self.pay_button.clicked.connect(self.pay_last)
        self.last_owed = 0
        self._saved_payer = self._saving_payer = ""
        self._saving_fees = 0  # the fees of the dossier being saved (its save sets them)
        self.payment = None  # the payment dialog while it is open
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the main Enter and the keypad's
            QShortcut(QKeySequence(keys), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        top = QVBoxLayout()
        proc_row = QFormLayout()
        proc_row.addRow(self.tr("Procedure:"), with_notes(self.procedure, self.errors["procedure"]))
        top.addLayout(proc_row)
        top.addWidget(self.procedure_info)
        fees = QVBoxLayout()
        fees.addWidget(self.fees, 1)
        fees.addWidget(self.fees.total)
        fees.addWidget(self.errors["fees"])
        fees_box = QGroupBox(self.tr("Fees"))
        fees_box.setLayout(fees)

        # Left: who and how (the paper form's order); right: what was handed over and paid. The
        # left column scrolls when the screen is short (1366×768 with a taskbar, an address
        # proposal or a principal shown): Tab and every setFocus bring the field into view.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(applicant_box, 3)
        left_layout.addWidget(result_box, 2)
        self.left_scroll = QScrollArea()
        self.left_scroll.setObjectName("intakeLeft")
        self.left_scroll.setWidgetResizable(True)
        self.left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_scroll.setWidget(left)
        self.left_scroll.setMinimumWidth(left.minimumSizeHint().width()
                                         + self.left_scroll.verticalScrollBar().sizeHint().width())
        QApplication.instance().focusChanged.connect(self._follow_focus)
        grid = QGridLayout()
        grid.addWidget(self.left_scroll, 0, 0, 2, 1)
        grid.addWidget(docs_box, 0, 1)
        grid.addWidget(fees_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        top.addLayout(grid, 1)
        bottom = QHBoxLayout()
        notices = QVBoxLayout()
        notices.addWidget(self.saved_notice)
        notices.addWidget(self.message)
        bottom.addLayout(notices, 1)
        bottom.addWidget(self.pay_button)
        bottom.addWidget(self.digitize_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        top.addLayout(bottom)
        self.setLayout(top)

        order = [self.procedure, self.kind, self.name, self.id_number, self.birth_date, self.sex,
                 self.representative, self.phone, self.email, *self.consent.tab_chain(), self.address,
                 self.address_fields.commune,
                 self.address_fields.province,
                 *self.identity_fields.tab_chain(), self.channel, self.documents,
                 self.missing_reason, self.fees, self.sets, self.result_method, self.result_address, self.change_due,
                 self.due_edit, self.due_reason, self.notes, self.save_button]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _connect(self) -> None:
        self.procedure.chosen.connect(self._procedure_chosen)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.result_method.currentIndexChanged.connect(self._result_changed)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.change_due.toggled.connect(self._due_toggled)
        self.documents.itemChanged.connect(lambda _item: self._update_missing())
        self.notes.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        for edit, check in ((self.id_number, self._check_id), (self.phone, self._check_phone),
                            (self.email, self._check_email), (self.birth_date, self._check_birth),
                            (self.name, self._check_name)):
            edit.editingFinished.connect(check)
        for w in (self.name, self.id_number, self.birth_date, self.representative, self.phone, self.email,
                  self.address, self.result_address, self.due_reason, self.missing_reason, self.notes):
            w.textEdited.connect(self._mark_dirty)
        self.procedure.textEdited.connect(self._mark_dirty)
        self.address_fields.changed.connect(self._mark_dirty)
        self.identity_fields.edited.connect(self._mark_dirty)
        self.consent.edited.connect(self._mark_dirty)
        # The number is checked again against the birth date and sex once they are given.
        self.birth_date.editingFinished.connect(self._check_id)
        self.sex.activated.connect(lambda _i: self._check_id())

    # ---- behaviour ------------------------------------------------------------------------
    def _mark_dirty(self, *_args) -> None:
        self._dirty = True
        self.changed.emit()

    def is_dirty(self) -> bool:
        return self._dirty

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # QScrollArea scrolls to a field reached by Tab only; an error's setFocus or a scan's
        # fill moves focus too, and the officer must see where it went.
        if new is not None and self.left_scroll.widget().isAncestorOf(new):
            self.left_scroll.ensureWidgetVisible(new, 0, 8)

    def clear(self) -> None:
        for w in (self.procedure, self.name, self.id_number, self.birth_date, self.representative,
                  self.phone, self.email, self.address, self.result_address, self.due_reason,
                  self.missing_reason, self.notes):
            w.clear()
        self.procedure.current = None
        for e in self.errors.values():
            e.show_message("")
        self.id_warning.show_message("")
        self.identity_fields.clear()
        self.consent.clear()
        self.address_fields.clear()
        self.address_label.setText(self.tr("Address:"))
        self.kind.setCurrentIndex(0)
        self.sex.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.result_method.setCurrentIndex(0)
        self.sets.setValue(1)
        self.change_due.setChecked(False)
        self.documents.load([])
        self.procedure_info.setText(self.tr("Choose the procedure first: its checklist, fees and "
                                            "processing time follow."))
        self.fees.load(None)
        self.due.setText("")
        self.due_edit.setDateTime(self.due_edit.minimumDateTime())
        self._computed_due = None
        self.message.setText("")
        self._kind_changed()
        self._result_changed()
        self._due_toggled(False)
        self._update_missing()
        self.ticket = None
        self._dirty = False
        self.procedure.setFocus()

    # ---- filled by the scanner ------------------------------------------------------------------
    def fill_from_card(self, card) -> None:
        """The applicant part from a citizen ID card's QR (app/domain/cccd_qr.CitizenCard)."""
        self.kind.setCurrentIndex(self.kind.findData(int(ApplicantKind.CITIZEN)))
        self.name.setText(card.name)
        self.id_number.setText(card.number)
        self.birth_date.setText(f"{card.birth_date:%d/%m/%Y}")
        self.sex.setCurrentIndex(self.sex.findData(card.sex))
        self.address_fields.set_from_card(card.address)  # an old address is converted, shown beside
        self.address_label.setText(card.address_label + ":")  # "Nơi cư trú" or "Nơi thường trú"
        self.identity_fields.set_identity_check(IdentityCheck.CARD_QR)
        self._dirty = True
        for check in (self._check_name, self._check_id, self._check_birth):
            check()
        message = self.tr("Filled in from the citizen ID card of {name}.").format(name=card.name)
        # A suspicious code (its number disagrees with its own birth date or sex) or a number
        # registered abroad: said here and under the number, never taken silently.
        self.message.setStyleSheet(WARNING_STYLE if card.warnings else "")
        self.message.setText(" ".join([message, *card.warnings]))
        self.phone.setFocus()  # what the card does not carry comes next

    def link_ticket(self, number: str) -> None:
        self.ticket = number
        self.message.setText(self.tr("Queue ticket {number} goes with this dossier.").format(number=number))

    def _procedure_chosen(self, code: str) -> None:
        self._dirty = True
        self.errors["procedure"].show_message("")
        proc = self._procedures[code]
        unit = TimeUnit(proc.time_unit)
        if unit is TimeUnit.WITHIN_DAY:
            time_text = self.tr("within the day")
        else:
            time_text = f"{number(proc.time_value)} {unit.label}"
        info = self.tr("Sector: {sector} · Processing time: {time}").format(sector=proc.sector_name, time=time_text)
        if proc.cutoff:
            info += " · " + self.tr("received after {cutoff} counts from the next working day").format(
                cutoff=proc.cutoff)
        self.procedure_info.setText(info)
        self.documents.load(proc.documents)
        self.fees.load(proc.fees)
        self.refresh_due()
        self._update_missing()

    def refresh_due(self) -> None:
        """The appointment, computed live from the calendar at the moment of receipt."""
        proc = self.procedure.current
        if proc is None:
            return
        # Read through ops; painted only if it is still the newest ask for the procedure chosen.
        self._due_generation = getattr(self, "_due_generation", 0) + 1
        generation = self._due_generation

        def current() -> bool:
            chosen = self.procedure.current
            return generation == self._due_generation and chosen is not None and chosen.code == proc.code

        def failed(exc: UserError) -> None:
            if current():
                self.due.setText(str(exc))

        (op(self, due_for, self.db, self.clock(), procedure_code=proc.code)
         .success(lambda due: self._paint_due(due) if current() else None).failure(failed).run())

    def _paint_due(self, due: datetime) -> None:
        self._computed_due = due
        self.due.setText(self.tr("{time}, {day}").format(
            time=f"{self._computed_due:%H:%M}", day=f"{self._computed_due:%d/%m/%Y}"))
        if not self.change_due.isChecked():
            self.due_edit.setDateTime(qdatetime(self._computed_due))

    def _kind_changed(self, *_args) -> None:
        citizen = self.kind.currentData() == int(ApplicantKind.CITIZEN)
        self.name_label.setText(self.tr("Full name:") if citizen else self.tr("Organisation name:"))
        self.id_label.setText(self.tr("CCCD number:") if citizen else self.tr("Tax code:"))
        self.applicant_form.setRowVisible(self.birth_date.parentWidget(), citizen)
        self.applicant_form.setRowVisible(self.representative, not citizen)
        self.errors["cccd"].show_message("")
        self.errors["tax_code"].show_message("")

    def _channel_changed(self, *_args) -> None:
        if self.channel.currentData() == int(Channel.POST):
            self.result_method.setCurrentIndex(self.result_method.findData(ResultMethod.POST.value))

    def _result_changed(self, *_args) -> None:
        post = self.result_method.currentData() == ResultMethod.POST.value
        self.result_address.setEnabled(post)
        if post and not self.result_address.text().strip():
            self.result_address.setText(self.address_fields.value()[0] or "")
        if not post:
            self.errors["result_address"].show_message("")

    def _due_toggled(self, on: bool) -> None:
        self.due_edit.setEnabled(on)
        self.due_reason.setEnabled(on)
        if on:
            self.due_edit.setFocus()

    def _update_missing(self) -> None:
        missing = [d.name for d in self.documents.lines() if d.mandatory and not d.received]
        self.missing.setVisible(bool(missing))
        self.missing_reason.setVisible(bool(missing))
        if missing:
            self.missing.setText(self.tr("Mandatory documents not received: {names}. The dossier can "
                                         "only be received with a reason.").format(names="; ".join(missing)))

    # ---- inline checks (the core's rules) ---------------------------------------------------
    def _show(self, key: str, fn) -> bool:
        try:
            fn()
        except UserError as exc:
            self.errors[key].show_message(str(exc))
            return False
        self.errors[key].show_message("")
        return True

    def _check_name(self) -> None:
        self._show("name", lambda: None if self.name.text().strip() else _raise(
            self.tr("Enter the applicant's name.")))

    def _check_id(self) -> None:
        """The number as typed, against the birth date and sex when those are filled in: an error,
        or warnings the officer may accept (shown in amber; registration keeps them)."""
        text = self.id_number.text().strip()
        self.id_warning.show_message("")
        found = []
        if self.kind.currentData() == int(ApplicantKind.CITIZEN):
            try:
                birth = parse_day(self.birth_date.text())
            except UserError:
                birth = None  # the birth date's own error is shown under it
            ok = self._show("cccd", lambda: text and found.append(
                checks.inspect_cccd(text, birth_date=birth, sex=self.sex.currentData())))
        else:
            ok = self._show("tax_code", lambda: text and found.append(checks.inspect_tax_code(text)))
        if ok and found:
            self.id_warning.show_warnings(found[0].warnings)

    def _check_phone(self) -> None:
        text = self.phone.text().strip()
        self._show("phone", lambda: text and checks.check_phone(text))

    def _check_email(self) -> None:
        text = self.email.text().strip()
        self._show("email", lambda: text and checks.check_email(text))

    def _check_birth(self) -> None:
        self._show("birth_date", lambda: parse_day(self.birth_date.text()))

    # ---- saving ---------------------------------------------------------------------------
    def request(self) -> RegisterRequest:
        proc = self.procedure.current
        if proc is None:
            raise UserError(self.tr("Choose the procedure from the list."), field="procedure")
        citizen = self.kind.currentData() == int(ApplicantKind.CITIZEN)
        birth: date | None = parse_day(self.birth_date.text()) if citizen else None
        person = Applicant(
            name=self.name.text(), kind=ApplicantKind(self.kind.currentData()),
            id_number=self.id_number.text() or None, birth_date=birth,
            sex=self.sex.currentData() if citizen else None, phone=self.phone.text() or None,
            email=self.email.text() or None, representative=None if citizen else (self.representative.text() or None))
        person.address, person.province_code, person.commune_code, person.address_old = self.address_fields.value()
        person_fields = self.identity_fields  # how identity was checked; the principal, if any
        fees = self.fees.lines()
        return RegisterRequest(
            procedure_code=proc.code, applicant=person, channel=Channel(self.channel.currentData()),
            documents=self.documents.lines(), fees=fees, sets=self.sets.value(),
            result_method=ResultMethod(self.result_method.currentData()),
            result_address=self.result_address.text() or None,
            due_override=to_datetime(self.due_edit.dateTime()) if self.change_due.isChecked() else None,
            due_override_reason=self.due_reason.text() or None,
            missing_documents_reason=self.missing_reason.text() or None, notes=self.notes.text() or None,
            ticket=self.ticket, identity_check=person_fields.identity_check(),
            principal=person_fields.principal(), notice_channels=self.consent.channels(),
            received_at=self.clock())

    def save(self) -> Registered | None:
        """Enter: register off the GUI thread (ui/ops.py). The result comes back as `saved`; with
        a synchronous pool (tests) it is also returned. A failure of any kind leaves the form as
        it was typed."""
        if self._saving:
            return None  # a second Enter while the first is being written
        for e in self.errors.values():
            e.show_message("")
        self.identity_fields.clear_errors()
        try:
            request = self.request()
        except UserError as exc:
            self._failed(exc)
            return None
        self._saving = True
        self._saving_procedure = request.procedure_code
        self._saving_fees = sum(f.amount for f in request.fees or ())
        self._saving_payer = request.applicant.name
        work = (op(self, register, self.db, self.actor, request).success(self._saved).failure(self._failed)
                .changes(Changed.DOSSIER).progress().run())
        return work.result if work.done else None

    def _saved(self, result: Registered) -> None:
        self._saving = False
        self._dirty = False
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saved dossier {code}.").format(code=result.code))
        self.last_saved_code = result.code
        self.digitize_button.setText(self.tr("Digitize {code} (F7)").format(code=result.code))
        self.digitize_button.show()
        self.saved_notice.hide()
        self._saved_payer = self._saving_payer
        self._show_owed(result.code, self._saving_fees)
        if self._saving_procedure is not None:
            (op(self, counting_start_for, self.db, result.received_at, self._saving_procedure)
             .success(lambda late: self._show_late_start(result.code, late)).run())
        self.saved.emit(result)

    def _show_owed(self, code: str, owed: int) -> None:
        """A dossier saved with a fee says what is owed, and "Thu phí" takes it now."""
        self.last_owed = owed
        self.pay_button.setVisible(owed > 0 and self.actor.can(Permission.COLLECT_FEES))
        if owed > 0:
            self.message.setText(self.tr("Saved dossier {code}. Still owed: {amount}.").format(
                code=code, amount=money(owed)))
            self.pay_button.setText(self.tr("Take the payment: {amount}").format(amount=money(owed)))

    def pay_last(self) -> None:
        """The payment dialog for the dossier saved last; once recorded, the button goes."""
        if self.last_saved_code is None or self.last_owed <= 0 or self.payment is not None:
            return
        from ui.intake.payment_dialog import PaymentDialog

        self.payment = PaymentDialog(self.db, self.actor, self.last_saved_code, self.last_owed, self,
                                     payer=self._saved_payer)
        self.payment.finished.connect(self._paid)
        self.payment.open()

    def _paid(self, result: int) -> None:
        dialog, self.payment = self.payment, None
        if dialog is None or result != QDialog.DialogCode.Accepted.value or dialog.recorded is None:
            return
        self.last_owed = dialog.recorded.outstanding
        self.pay_button.setVisible(self.last_owed > 0)
        self.pay_button.setText(self.tr("Take the payment: {amount}").format(amount=money(self.last_owed)))
        self.message.setText(self.tr("Payment recorded for dossier {code}; still owed: {amount}.").format(
            code=self.last_saved_code, amount=money(self.last_owed)))

    def _show_late_start(self, code: str, late: LateStart | None) -> None:
        """Received on a day off, outside office hours or after the cutoff: from when it counts."""
        if late is None:
            return
        moment = with_weekday(late.starts)
        if late.why is Why.DAY_OFF:
            text = self.tr("Received on a day off: the processing time counts from {moment} (dossier {code}).")
        elif late.why is Why.AFTER_CUTOFF:
            text = self.tr("Received after {cutoff}: the processing time counts from {moment} (dossier {code}).")
        else:
            text = self.tr("Received outside office hours: the processing time counts from {moment} "
                           "(dossier {code}).")
        cutoff = f"{late.cutoff:%H:%M}" if late.cutoff else ""
        self.saved_notice.setText(text.format(moment=moment, code=code, cutoff=cutoff))
        self.saved_notice.show()

    def digitize_last(self):
        """F7: the capture desk (ui/digitize) for the dossier saved last; None if there is none."""
        if self.last_saved_code is None:
            return None
        from ui.digitize import open_capture

        return open_capture(self, self.last_saved_code, db=self.db, actor=self.actor, data_dir=self.data_dir)

    def _failed(self, exc: UserError) -> None:
        self._saving = False
        key = exc.field if exc.field in self.errors else None
        if key:
            self.errors[key].show_message(str(exc))
            self._focus_for(key)
        elif exc.field and exc.field.startswith(("principal_", "identity_check")):
            self.identity_fields.show_error(exc.field, str(exc))
            self.identity_fields.focus_for(exc.field)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def _focus_for(self, key: str) -> None:
        widget = {"procedure": self.procedure, "name": self.name, "cccd": self.id_number,
                  "tax_code": self.id_number, "birth_date": self.birth_date, "sex": self.sex,
                  "phone": self.phone, "email": self.email, "documents": self.missing_reason,
                  "notice_channels": self.consent,
                  "sets": self.sets, "result_address": self.result_address, "due_at": self.due_reason}.get(key)
        if widget is not None:
            widget.setFocus()

    def confirm_discard(self) -> bool:
        """Esc: ask before throwing away what was typed."""
        if not self._dirty:
            return True
        return ask(self, self.tr("Cancel intake"), self.tr("Discard what has been entered for this dossier?"))


def _raise(message: str):
    raise UserError(message)

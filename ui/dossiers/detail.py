"""One dossier, everything about it: its fields grouped as on the receipt, the documents
received, the fees (their payments and receipts, ui/dossiers/detail_fees.py), and its history. It
can ask for the receipt to be printed again.
Given the data folder, it also lists the dossier's digitized files (each document line's state,
its files, the result documents): a file opens in ui/dossiers/file_viewer.py, a line is digitized
in the capture dialog, a result is attached from a file or a scan (ui/dossiers/detail_files.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.event_notes import event_note
from app.domain.permissions import Actor, Permission
from app.domain.vocab import ApplicantKind, DossierStatus, ResultMethod
from app.formatting import money, number
from app.services.dossiers.listing import action_label
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.intake.identity_fields import identity_rows
from ui.ops import op
from ui.screen import fit
from ui.widgets import ERROR_STYLE

_SHORT = 30  # characters that fit a field's column on one line at the window's narrowest


def _day(value: str | None) -> str:
    try:
        return date.fromisoformat(value[:10]).strftime("%d/%m/%Y") if value else ""
    except ValueError:  # masked by the service (a date of birth as **/**/****): shown as it came
        return value


def _stamp(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _status(value: int | None) -> str:
    return DossierStatus(value).label if value is not None else ""


class DossierDetailDialog(QDialog):
    reprint_requested = Signal(str)
    CHANGED = 2  # the dialog's result after an action: the caller reopens it on the new state

    def __init__(self, db: Database, actor: Actor, code: str, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = now_local, detail: dict | None = None,
                 data_dir: Path | None = None):
        # Raises NotFound / PermissionDenied before the dialog exists: a half-built one would stay
        # a child of the desk's window. The desk reads `detail` off the GUI thread (ui/ops.py).
        d = detail if detail is not None else dossier_detail(db, actor, code)
        super().__init__(parent)
        self.clock = clock
        self.detail = d
        self.code = d["code"]
        self.setObjectName("dossierDetail")
        self.setWindowTitle(self.tr("Dossier {code}").format(code=self.code))
        fit(self, 940, 860)  # tall enough for the history, never off the screen (ui/screen.py)

        body = QWidget()
        body.setObjectName("dossierDetailBody")
        column = QVBoxLayout(body)
        heading = QLabel(f"{d['applicant_name']} · {self.code}")
        heading.setObjectName("detailHeading")
        font = heading.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        heading.setFont(font)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(heading)
        groups = QHBoxLayout()
        groups.addWidget(self._dossier_group(d), 1)
        groups.addWidget(self._applicant_group(d), 1)
        column.addLayout(groups)
        column.addWidget(self._section(self.tr("History"), self._history_table(d["events"])))
        column.addWidget(self._section(self.tr("Documents"), self._documents_table(d["documents"])))
        self.files = None  # the digitized files: only where the files can be opened (the data folder)
        if data_dir is not None:
            from ui.dossiers.detail_files import DossierFilesPanel

            self.files = DossierFilesPanel(db, actor, d, data_dir, say=lambda text: self.say(text), parent=self)
            column.addWidget(self._section(self.tr("Digitized files"), self.files))
        from ui.dossiers.detail_fees import FeePanel

        # Fees, payments and their receipts, with what the officer may do about them (detail_fees.py).
        self.fees_panel = FeePanel(db, actor, d, clock=clock, say=lambda text: self.say(text), parent=self)
        self.fees_panel.changed.connect(lambda: self.done(self.CHANGED))
        self.fees = self.fees_panel.summary
        column.addWidget(self._section(self.tr("Fees"), self.fees_panel))
        from ui.notices.dossier_notices import DossierNoticesPanel

        # The citizen's consent and the notices sent: read off the GUI thread, shown when they come.
        self.notices = DossierNoticesPanel(db, actor, d, say=lambda text: self.say(text), parent=self,
                                           load_now=False)
        column.addWidget(self.notices)
        self.signatures = None  # the documents the office signs for it (ui/signing/dossier_panel.py)
        if data_dir is not None:
            from ui.signing.dossier_panel import DossierSignaturesPanel

            self.signatures = DossierSignaturesPanel(db, actor, self.code, data_dir, say=lambda text: self.say(text),
                                                     parent=self)
            column.addWidget(self.signatures)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.reprint = QPushButton(self.tr("Reprint the receipt"))
        self.reprint.setObjectName("reprintReceipt")
        self.reprint.setAutoDefault(False)
        self.reprint.clicked.connect(lambda: self.reprint_requested.emit(self.code))
        self.reprint.setVisible(actor.can(Permission.VIEW_DOSSIER))
        self.pay = self.fees_panel.pay_button  # "Thu phí", in the fee panel
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeDetail")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)  # Esc closes too (QDialog)
        self.message = QLabel()  # why an action or a form was refused
        self.message.setObjectName("detailMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        from ui.dossiers.actions import ActionBar

        self.db, self.actor = db, actor
        self.actions = ActionBar(db, actor, d, clock=clock, parent=self)
        self.actions.changed.connect(lambda _code: self.done(self.CHANGED))
        self.actions.failed.connect(self.say)
        self.actions.form_requested.connect(self.print_form)
        self._wrap_actions()
        self.preview = None

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.actions)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._panels_asked = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._panels_asked:
            # The files and the notices are read off the GUI thread (ui/ops.py) once the window is
            # up: read while it was being built, they held Python's lock against it, and a scan at
            # the counter waited longer for its dossier.
            self._panels_asked = True
            QTimer.singleShot(0, self._load_panels)

    def _load_panels(self) -> None:
        if self.files is not None:
            self.files.refresh()
        self.notices.refresh()
        if self.signatures is not None:
            self.signatures.refresh()

    def _wrap_actions(self) -> None:
        """The action buttons wrap onto a second line rather than widen the window: after a
        hand-over a dossier offers eight, some 1,500 px on one line, wider than the counter's
        screen (ui/flow_layout.py)."""
        from ui.flow_layout import FlowLayout

        row = self.actions.layout()
        flow = FlowLayout(spacing=row.spacing())
        for button in self.actions.buttons.values():
            row.removeWidget(button)
            flow.addWidget(button)
        row.insertLayout(0, flow, 1)
        for i in range(row.count()):  # the row's blank stretch would take half the width: the buttons take it
            if row.itemAt(i).spacerItem() is not None:
                row.setStretch(i, 0)
        row.setAlignment(self.actions.forms, Qt.AlignmentFlag.AlignTop)  # beside the first line

    def record_payment(self) -> None:
        self.fees_panel.pay()

    def print_form(self, form: str, code: str) -> None:
        from app.services.dossiers.forms import print_form
        from ui.dossiers.actions import FORM_LABELS
        from ui.intake.receipt_preview import ReceiptPreview

        def show(pdf: bytes) -> None:
            self.preview = ReceiptPreview(code, pdf, parent=self)
            self.preview.setWindowTitle(f"{FORM_LABELS[form]} · {code}" + self.preview.masked_suffix())
            self.preview.open()

        self.say("")
        (op(self, print_form, self.db, self.actor, form, code, self.clock()).success(show)
         .failure(lambda exc: self.say(str(exc))).category("motcua.print").progress().run())

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- field groups -------------------------------------------------------------------------
    def _form(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)
        top = Qt.AlignmentFlag.AlignTop
        for r, (label, value) in enumerate(rows):
            field = QLabel(value or "—")
            # Only what may not fit wraps, and only a value can be copied: a wrapping or selectable
            # label costs the window's first showing more (layout by height-for-width, a text control).
            field.setWordWrap(len(value or "") > _SHORT)
            if value:
                field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(QLabel(label), r, 0, top)
            grid.addWidget(field, r, 1, top)
        grid.setRowStretch(len(rows), 1)  # rows stay at the top when the other group is taller
        return box

    def _dossier_group(self, d: dict) -> QGroupBox:
        p = d["procedure"]
        method = ResultMethod(d["result_method"]).label if d.get("result_method") else ""
        rows = [
            (self.tr("Code:"), d["code"]),
            (self.tr("Status:"), d["status_label"]),
            (self.tr("Procedure:"), f"{p['name']} ({p['code']})"),
            (self.tr("Sector:"), p.get("sector") or ""),
            (self.tr("Channel:"), d["channel_label"]),
            (self.tr("Received:"), _stamp(d["received_at"])),
            (self.tr("Due:"), _stamp(d["due_at"])),
            (self.tr("Finished:"), _stamp(d.get("finished_at"))),
            (self.tr("Result returned on:"), _stamp(d.get("returned_at"))),
            (self.tr("Result returned:"), method),
        ]
        if d.get("result_address"):
            rows.append((self.tr("Post to:"), d["result_address"]))
        rows += [(self.tr("Number of sets:"), str(d.get("sets") or 1)),
                 (self.tr("Fees total:"), money(d.get("fees_total") or 0)),
                 (self.tr("Summary:"), d.get("summary") or ""),
                 (self.tr("Notes:"), d.get("notes") or "")]
        return self._form(self.tr("Dossier"), rows)

    def _applicant_group(self, d: dict) -> QGroupBox:
        kind = ApplicantKind(d["applicant_kind"])
        business = kind is ApplicantKind.BUSINESS
        rows = [
            (self.tr("Applicant:"), kind.label),
            (self.tr("Organisation name:") if business else self.tr("Full name:"), d["applicant_name"]),
            (self.tr("Tax code:") if business else self.tr("CCCD number:"), d.get("applicant_id_number") or ""),
        ]
        if not business:
            rows += [(self.tr("Date of birth:"), _day(d.get("applicant_birth_date"))),
                     (self.tr("Sex:"), d.get("applicant_sex") or "")]
        rows += [(self.tr("Phone:"), d.get("applicant_phone") or ""),
                 (self.tr("E-mail:"), d.get("applicant_email") or ""),
                 (self.tr("Address:"), d.get("applicant_address") or "")]
        if d.get("applicant_address_old"):  # converted at intake from a pre-2025 address: both are kept
            rows.append((self.tr("Address as first given (before 2025):"), d["applicant_address_old"]))
        rows += [(self.tr("Representative:"), d.get("representative") or "")]
        rows += identity_rows(self, d)  # ui/intake/identity_fields.py
        box = self._form(self.tr("Applicant"), rows)
        if d.get("masked"):  # the service masked them: say so, so no one takes *** for a typo
            note = QLabel(self.tr("Personal data is partly hidden for your role."))
            note.setObjectName("maskedNote")
            note.setWordWrap(True)
            note.setStyleSheet("color: #555; font-style: italic;")
            box.layout().addWidget(note, len(rows) + 1, 0, 1, 2)
        return box

    # ---- tables ---------------------------------------------------------------------------------
    def _section(self, title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(content)
        return box

    def _table(self, name: str, headers: list[str], rows: list[list[str]], stretch: int,
               centered: tuple[int, ...] = (), right: tuple[int, ...] = ()) -> QTableWidget:
        t = QTableWidget(len(rows), len(headers))
        t.setObjectName(name)
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setWordWrap(True)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in centered:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                elif c in right:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        header = t.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        t.resizeRowsToContents()
        # Tall enough for every row: the dialog scrolls, not each small table.
        height = t.horizontalHeader().sizeHint().height() + sum(t.rowHeight(r) for r in range(len(rows)))
        t.setFixedHeight(height + 2 * t.frameWidth())
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return t

    def _documents_table(self, docs: list[dict]) -> QWidget:
        if not docs:
            return QLabel(self.tr("No documents recorded."))
        yes, no = self.tr("Yes"), self.tr("No")
        rows = [[x["name"], number(x["originals"]), number(x["copies"]),
                 yes if x["mandatory"] else no, yes if x["received"] else no] for x in docs]
        self.documents = self._table("detailDocuments", [self.tr("Document"), self.tr("Originals"),
                                     self.tr("Copies"), self.tr("Mandatory"), self.tr("Received")],
                                     rows, 0, centered=(1, 2, 3, 4))
        return self.documents

    def _history_table(self, events: list[dict]) -> QWidget:
        rows = []
        for e in events:
            change = _status(e["status_to"])
            if e.get("status_from") is not None and e["status_from"] != e["status_to"]:
                change = f"{_status(e['status_from'])} → {change}"  # a step that changes nothing says only where it is
            rows.append([_stamp(e["at"]), action_label(e["action"]), change,
                         event_note(e["action"], e.get("note"), e.get("details"))])
        self.history = self._table("detailHistory", [self.tr("Time"), self.tr("Action"), self.tr("Status"),
                                   self.tr("Note")], rows, 3)
        return self.history

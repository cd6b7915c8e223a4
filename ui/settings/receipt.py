"""Cài đặt › Giấy tiếp nhận: the receipt's paper and copies, its header and place name, where
it says the result is collected at the counter, the addresses behind its QR codes, the bank
account for fees, and the set of form templates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QVBoxLayout, QWidget

from app.services.dossiers.forms import template_sets
from app.services.settings.store import SPECS
from ui.settings.common import SettingsForm, form_label, line_edit, new_form, note, spin_box


class ReceiptTab(SettingsForm):
    def __init__(self, editable: bool, data_dir: Path | None = None, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.paper = QComboBox()
        self.paper.setObjectName("receiptPaper")
        self.paper.addItems(["A4", "A5"])
        self.copies = spin_box("receiptCopies", 1, 3)
        self.direct = QCheckBox(SPECS["receipt.print_direct"].label)
        self.direct.setObjectName("printDirect")
        self.header = {key: line_edit(key.replace(".", "_"), self.tr("Empty: as in the office record"))
                       for key in ("receipt.header_parent", "receipt.header_unit", "receipt.place")}
        self.result_place = line_edit("receiptResultPlace", self.tr("Empty: Bộ phận Một cửa – <agency name>"))
        self.lookup = line_edit("lookupUrl", self.tr("Empty: no look-up QR code on the receipt"))
        self.evaluation = line_edit("evaluationUrl", self.tr("Empty: no evaluation QR code on the receipt"))
        self.guide_url = line_edit("guideOnlineUrl")
        self.bank = {"bank.bin": line_edit("bankBin", self.tr("6 digits, e.g. 970436")),
                     "bank.account": line_edit("bankAccount"), "bank.holder": line_edit("bankHolder")}
        self.bank["bank.bin"].setMaxLength(6)
        self.forms_set = QComboBox()
        self.forms_set.setObjectName("formsSet")
        self.forms_set.addItems(template_sets(data_dir))

        printing = self._group(self.tr("Printing"), [
            ("receipt.paper", self.paper, False), ("receipt.copies", self.copies, False),
            ("receipt.print_direct", self.direct, True), ("forms.set", self.forms_set, False)])
        heading = self._group(self.tr("Header and place name"),
                              [*((key, edit, True) for key, edit in self.header.items()),
                               ("receipt.result_place", self.result_place, True)])
        heading.layout().addWidget(note(self.tr("The receipt and the forms print these two lines at the top left "
                                                "and the place name before the date.")))
        qr = self._group(self.tr("Addresses in the QR codes"), [
            ("receipt.lookup_url", self.lookup, True), ("rating.evaluation_url", self.evaluation, True),
            ("guide.online_url", self.guide_url, True)])
        qr.layout().addWidget(note(self.tr("{code} in an address is replaced by the dossier code (on the receipt) "
                                           "or by the procedure code (at the guide desk).")))
        qr.layout().addWidget(note(self.tr("Enter your portal's own look-up address: with none, the receipt "
                                           "prints no look-up QR code.")))
        bank = self._group(self.tr("Bank account for fees"), [(key, edit, True) for key, edit in self.bank.items()])
        bank.layout().addWidget(note(self.tr("With an account here, fee notices carry a VietQR code for the "
                                             "amount due; leave the bank code empty for none.")))
        # Forms 04, 06 and 07: who signs the apology letter, which agency resolves (app/services/dossiers/forms.py).
        self.signers = {key: line_edit(key.replace(".", "_")) for key in (
            "forms.apology_signer_on_behalf", "forms.apology_signer_title", "forms.apology_signer_name",
            "forms.resolving_agency")}
        signers = self._group(self.tr("Forms after the receipt"), [(k, e, True) for k, e in self.signers.items()])
        signers.layout().addWidget(note(self.tr("The apology letter (form 04) is signed by the head of the late "
                                                "agency, or for them (KT./TL. line). The control sheet and the "
                                                "ledger name this agency until a dossier is handed over.")))
        layout = QVBoxLayout(self)
        for box in (printing, heading, qr, bank, signers):
            layout.addWidget(box)
        layout.addStretch(1)

    def _group(self, title: str, rows: list[tuple[str, QWidget, bool]]) -> QGroupBox:
        form = new_form()
        for key, widget, grow in rows:
            row = self.bind(key, widget, grow=grow)
            if isinstance(widget, QCheckBox):
                form.addRow("", row)
            else:
                form.addRow(form_label(SPECS[key].label + ":"), row)
        box = QGroupBox(title)
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        return box

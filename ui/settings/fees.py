"""Cài đặt › Phí, lệ phí (docs/fees.md "Tại quầy"): the office's fees.* settings, saved with the other
office settings by the page's one button (a bad value anywhere saves nothing): whether a result may
leave while a fee is owed, and the e-receipt provider (on or off, which one, its address and key,
the office's receipt series, the collecting unit as the receipt names it, how long to wait). The
key is a secret: who may not change it sees only whether it is set. "Thử kết nối" asks the provider
with the values on screen (B's check_provider), off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.settings.store import SPECS
from ui.ops import op
from ui.settings.common import SettingsForm, form_label, line_edit, new_form, note, spin_box

RETURN = ("fees.block_unpaid_return",)
RECEIPTS = ("fees.receipts.enabled", "fees.receipts.provider", "fees.receipts.url", "fees.receipts.api_key",
            "fees.receipts.template_code", "fees.receipts.symbol", "fees.receipts.unit_name",
            "fees.receipts.unit_tax_code", "fees.receipts.timeout_s")


def check_connection(settings: dict[str, Any]) -> str:
    """One Vietnamese line: the provider answers, or why not (on the pool: it may wait on the network)."""
    from app.services.fees.receipts import check_provider

    return check_provider(settings)


def provider_labels() -> dict[str, str]:
    from app.fees.providers import PROVIDERS

    return dict(PROVIDERS)


class FeeSettingsTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.setObjectName("feesTab")
        self.saved: dict[str, Any] = {}
        self.providers = provider_labels()

        returning = QGroupBox(self.tr("Returning results"))
        form = new_form()
        for key in RETURN:
            self._add(form, key)
        returning.setLayout(form)
        receipts = QGroupBox(self.tr("Electronic fee receipts"))
        receipts.setObjectName("feeReceipts")
        form = new_form()
        for key in RECEIPTS:
            self._add(form, key)
        self.check_button = QPushButton(self.tr("Test the connection"))
        self.check_button.setObjectName("checkProvider")
        self.check_button.setAutoDefault(False)
        self.check_button.setEnabled(self.editable)  # it sends the key: the administrator's
        self.check_button.clicked.connect(self.check_provider)
        self.check_message = QLabel()
        self.check_message.setObjectName("providerMessage")
        self.check_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.check_message, 1)
        form.addRow(row)
        receipts.setLayout(form)

        form = returning.layout()
        form.addRow(note(self.tr("The supervisor's leave and its reason are kept in the dossier's history and the "
                                 "audit log. Turned off, nothing stops a result from being returned while a fee is "
                                 "still owed.")))
        layout = QVBoxLayout(self)
        layout.addWidget(returning)
        layout.addWidget(receipts)
        layout.addWidget(note(self.tr(
            "With e-receipts on, every payment gets a receipt from the provider; while it cannot be reached the "
            "receipt waits on the \"Fee collection\" page and is issued once it answers. With them off, the officer hands "
            "over a paper receipt from the office's book and enters its number. The template code and the symbol "
            "are those of the office's own receipt series: none comes with the app.")))
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Fees")

    def _add(self, form, key: str) -> None:
        spec = SPECS[key]
        name = key.replace(".", "_")
        if key == "fees.receipts.provider":
            widget = QComboBox()
            widget.setObjectName(name)
            for value, label in self.providers.items():
                widget.addItem(label, value)
            form.addRow(form_label(spec.label + ":"), self.bind(key, widget, grow=False))
            return
        if spec.kind == "bool":
            form.addRow(self.bind(key, QCheckBox(spec.label)))
            return
        if spec.kind == "int":
            widget = spin_box(name, 2, 120, self.tr(" s"))
            form.addRow(form_label(spec.label + ":"), self.bind(key, widget, grow=False))
            return
        edit = line_edit(name)
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        elif key == "fees.receipts.url":
            edit.setPlaceholderText(self.tr("e.g. https://bienlai.example.vn/api"))
        elif key == "fees.receipts.unit_name":
            edit.setPlaceholderText(self.tr("Empty: the agency's name"))
        elif key in ("fees.receipts.template_code", "fees.receipts.symbol"):
            edit.setPlaceholderText(self.tr("As in the office's notice of receipt issuance"))
        form.addRow(form_label(spec.label + ":"), self.bind(key, edit))

    # ---- the office's values ----------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        self.saved = values
        for key, (widget, _row, _error) in self.bound.items():
            value = values[key]
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:  # a provider this build does not know: still shown by its name
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
            else:
                widget.setValue(int(value))
            if SPECS[key].secret:
                if not self.editable:  # who may not change the key never sees it
                    widget.clear()
                widget.setPlaceholderText(self.tr("(set)") if value else self.tr("(not set)"))

    def values(self) -> dict[str, Any]:
        out = super().values()
        out["fees.receipts.provider"] = self.bound["fees.receipts.provider"][0].currentData()
        if not self.editable:  # the key was never shown: keep what is saved
            out["fees.receipts.api_key"] = self.saved.get("fees.receipts.api_key", "")
        return out

    # ---- "Thử kết nối" ----------------------------------------------------------------------------
    def check_provider(self) -> None:
        self.check_message.setStyleSheet("")
        self.check_message.setText(self.tr("Asking the provider…"))
        self.check_button.setEnabled(False)
        (op(self, check_connection, {**self.saved, **self.values()})
         .success(self._checked).failure(lambda exc: self._checked(str(exc)))
         .category("motcua.fees").run())

    def _checked(self, text: str) -> None:
        self.check_message.setText(text)
        self.check_button.setEnabled(self.editable)

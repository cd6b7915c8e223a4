"""Cài đặt › Cổng dịch vụ công: where the dossiers are synchronised, with which token, and how many
dossier numbers are leased ahead for a day without network."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain import codes
from app.services.settings import secrets
from app.services.settings.store import SPECS
from ui.settings.common import (
    SettingsForm,
    form_label,
    line_edit,
    new_form,
    note,
    spin_box,
    with_button,
)


class PortalTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.url = line_edit("portalUrl", self.tr("Empty: no portal, this office numbers its own dossiers"))
        self.token = line_edit("portalToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.reveal = QPushButton(self.tr("Show"))
        self.reveal.setObjectName("showToken")
        self.reveal.setCheckable(True)
        self.reveal.setEnabled(editable)  # who may not change the token never sees it
        self.reveal.toggled.connect(self._reveal)
        self.lease_size = spin_box("leaseSize", 1, 1000)
        self.lease_days = spin_box("leaseDays", 1, 10)
        # The dossier code's shape the office issues (Circular 03/2025 or, on a nationally
        # centralised system, 04/2025 with its AA): data, DOMAIN.md §5 (check).
        self.code_shape = QComboBox()
        self.code_shape.setObjectName("codeShape")
        self.code_shape.addItems(list(codes.shapes().dossier))
        self.system_id = line_edit("systemId", self.tr("2 digits; empty for the 2018 shape"))
        self.system_id.setMaxLength(2)
        # Two digits need little room, but the hint must be read whole.
        self.system_id.setMinimumWidth(self.system_id.fontMetrics().horizontalAdvance(
            self.system_id.placeholderText()) + 24)
        token_row = with_button(self.bind("portal.token", self.token), self.reveal)
        form = new_form()
        form.addRow(form_label(SPECS["portal.url"].label + ":"), self.bind("portal.url", self.url))
        form.addRow(form_label(SPECS["portal.token"].label + ":"), token_row)
        self.store = note("", "tokenStore")
        store = secrets.store_name()
        self.store.setText(self.tr("The token is kept in: {store}.").format(store=store) if store
                           else self.tr("This computer has no keyring of the operating system: the token is kept "
                                        "in the office database."))
        form.addRow(self.store)  # across both columns: a wrapped label in the field column gets the height of a narrow one
        form.addRow(form_label(SPECS["portal.lease_size"].label + ":"),
                    self.bind("portal.lease_size", self.lease_size, grow=False))
        form.addRow(form_label(SPECS["portal.lease_days"].label + ":"),
                    self.bind("portal.lease_days", self.lease_days, grow=False))
        form.addRow(form_label(SPECS["codes.shape"].label + ":"),
                    self.bind("codes.shape", self.code_shape, grow=False))
        form.addRow(form_label(SPECS["codes.system_id"].label + ":"),
                    self.bind("codes.system_id", self.system_id, grow=False))
        form.addRow(note(self.tr("Examples: {examples}.").format(
            examples="; ".join(f"{s.id}: {s.example}" for s in codes.shapes().dossier.values()))))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr(
            "Dossier numbers are leased from the portal ahead of time, so the counter keeps issuing official "
            "codes when the network is down. Without a portal address this office numbers its own dossiers.")))
        layout.addStretch(1)

    def _reveal(self, shown: bool) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.reveal.setText(self.tr("Hide") if shown else self.tr("Show"))

    def load(self, values: dict[str, Any]) -> None:
        super().load(values)
        if not self.editable:  # the token stays out of reach: only whether there is one is said
            self.token.clear()
            self.token.setPlaceholderText(self.tr("(set)") if values["portal.token"] else self.tr("(not set)"))

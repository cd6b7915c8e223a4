"""The token's PIN, asked once per log-in the first time something needs signing (ui/signing/
session.py). Masked; shows which token and, when known from an earlier opening, whose certificate.
The PIN lives only in the field until `take_pin` hands it over and clears it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import ERROR_STYLE


class PinDialog(QDialog):
    def __init__(self, token_label: str = "", holder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Digital signature: token PIN"))
        intro = QLabel(self.tr("Documents of this desk are waiting to be signed. Enter the PIN of the USB "
                               "token: it is asked once until you log out or the screen locks, and it is "
                               "never saved."))
        intro.setWordWrap(True)
        self.token = QLabel(token_label or self.tr("(the token plugged into this computer)"))
        self.token.setObjectName("pinToken")
        self.holder = QLabel(holder or self.tr("(known once the token is opened)"))
        self.holder.setObjectName("pinHolder")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(64)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Token:"), self.token)
        form.addRow(self.tr("Certificate of:"), self.holder)
        form.addRow(self.tr("PIN:"), self.pin)
        buttons = QDialogButtonBox()
        self.sign_button = buttons.addButton(self.tr("Open the token"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setObjectName("pinOk")
        self.sign_button.setDefault(True)
        later = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("pinCancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _accept(self) -> None:
        if not self.pin.text():
            self.show_message(self.tr("Enter the PIN."))
            return
        self.accept()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.pin.setFocus()

    def take_pin(self) -> str:
        pin = self.pin.text()
        self.pin.setText("")
        return pin

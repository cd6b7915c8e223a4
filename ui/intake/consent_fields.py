"""Consent to notices at intake (issue 23 §2): "Đồng ý nhận thông báo qua: ☐ Thư điện tử ☐ SMS
☐ Zalo". Consent is the citizen's act: every box starts unticked, and a box is enabled only once
its contact is typed (e-mail for the first, the phone for SMS and Zalo); clearing the contact
unticks it. Space ticks the box Tab reached. Registration checks it all again
(app/services/notices/consent.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.services.notices.consent import CHANNEL_ORDER


class ConsentFields(QWidget):
    edited = Signal()

    def __init__(self, phone: QLineEdit, email: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeConsent")
        self.phone, self.email = phone, email
        labels = {"email": self.tr("E-mail"), "sms": self.tr("SMS"), "zalo": self.tr("Zalo")}
        self.boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for channel in CHANNEL_ORDER:
            box = QCheckBox(labels[channel])
            box.setObjectName(f"consent_{channel}")
            box.toggled.connect(lambda _on: self.edited.emit())
            self.boxes[channel] = box
            row.addWidget(box)
        row.addStretch(1)
        self.label = QLabel(self.tr("Agrees to notices by:"))  # the form's label for this row
        self.label.setWordWrap(True)
        self.setToolTip(self.tr("Only if the citizen agrees: a channel can be ticked once its contact is entered."))
        phone.textChanged.connect(self.follow_contacts)
        email.textChanged.connect(self.follow_contacts)
        self.follow_contacts()

    def follow_contacts(self, *_args) -> None:
        has = {"email": bool(self.email.text().strip()), "sms": bool(self.phone.text().strip())}
        has["zalo"] = has["sms"]
        for channel, box in self.boxes.items():
            box.setEnabled(has[channel])
            if not has[channel]:
                box.setChecked(False)

    def clear(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)
        self.follow_contacts()

    def channels(self) -> list[str]:
        """What was ticked (an empty list: asked, the citizen wants none)."""
        return [c for c, box in self.boxes.items() if box.isChecked() and box.isEnabled()]

    def tab_chain(self) -> list[QWidget]:
        return list(self.boxes.values())

"""Cài đặt › Thông báo: the notices' texts per event and channel (ui/notices/template_editor.py)
and the channels: the SMTP server for e-mail, the SMS and Zalo gateways (provider, address,
brand name, key). Every channel is off until the office turns it on. Saved with the other office
settings by the page's one button (change_settings: a bad value anywhere saves nothing); the
password and the keys go to the keyring where this PC has one (app/services/settings/secrets.py),
like the portal token. "Gửi thử" sends a test through the saved settings, off the GUI thread."""

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

from app.notify.providers import PROVIDERS
from app.services.settings import secrets
from app.services.settings.store import SPECS
from ui.notices.template_editor import TemplateEditor
from ui.ops import op
from ui.settings.common import (
    SettingsForm,
    form_label,
    line_edit,
    new_form,
    note,
    set_value,
    spin_box,
)
from ui.widgets import DONE_STYLE, ERROR_STYLE

TEMPLATES = "notices.templates"
ZALO_IDS = "notices.zalo.template_ids"
SECURITY = {"starttls": "STARTTLS (cổng 587)", "tls": "TLS (cổng 465)", "none": "Không mã hóa (máy chủ trong cơ quan)"}
CHANNEL_FIELDS = {
    "email": ("enabled", "host", "port", "security", "username", "password", "sender", "sender_name"),
    "sms": ("enabled", "provider", "url", "sender", "api_key", "unaccented"),
    "zalo": ("enabled", "provider", "url", "sender", "api_key", "template_ids"),
}


def _send_test(db, actor, channel: str, recipient: str):
    from app.services.notices.actions import send_test

    return send_test(db, actor, channel, recipient)


class NoticesTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None, *, db=None, actor=None):
        super().__init__(editable, parent)
        self.setObjectName("noticesTab")
        self.db, self.actor = db, actor
        self.choices: dict[str, dict[str, str]] = {}  # a combo's key: {stored value: label}
        self.templates = TemplateEditor(editable)
        self.tests: dict[str, tuple[QLineEdit, QPushButton, QLabel]] = {}
        texts = QGroupBox(self.tr("Texts of the notices"))
        box = QVBoxLayout(texts)
        box.addWidget(note(self.tr(
            "One text per event: e-mail has a subject and a body, SMS and Zalo share a short text. The fields in "
            "braces are replaced by the dossier's facts when a notice is written.")))
        box.addWidget(self.templates)
        self.keep_days = spin_box("noticesKeepDays", 1, 365, self.tr(" days"))
        self.attempts = spin_box("noticesAttempts", 1, 30)
        sending = QGroupBox(self.tr("Sending"))
        general = new_form()
        general.addRow(form_label(SPECS["notices.result_keep_days"].label + ":"),
                       self.bind("notices.result_keep_days", self.keep_days, grow=False))
        general.addRow(form_label(SPECS["notices.max_attempts"].label + ":"),
                       self.bind("notices.max_attempts", self.attempts, grow=False))
        sending.setLayout(general)

        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Notices go only to citizens who agreed at intake, by the channels they chose, and only through the "
            "channels turned on here. Sending runs in the background: the counter never waits for it.")))
        layout.addWidget(texts)
        titles = {"email": self.tr("E-mail (SMTP server)"), "sms": self.tr("SMS gateway"),
                  "zalo": self.tr("Zalo gateway (ZNS)")}
        for channel, names in CHANNEL_FIELDS.items():
            layout.addWidget(self._channel_box(channel, titles[channel], names))
        layout.addWidget(sending)
        store = secrets.store_name()
        layout.addWidget(note(self.tr("The password and the keys are kept in: {store}.").format(store=store) if store
                              else self.tr("This computer has no keyring of the operating system: the password and "
                                           "the keys are kept in the office database."), "noticeSecretsStore"))
        layout.addStretch(1)
        unaccent = self.bound["notices.sms.unaccented"][0]
        unaccent.toggled.connect(self._unaccent_changed)

    # ---- building ---------------------------------------------------------------------------------
    def _field(self, key: str) -> QWidget:
        spec = SPECS[key]
        name = key.replace("notices.", "notices_").replace(".", "_")
        if key.endswith(".provider") or key.endswith(".security"):
            widget = QComboBox()
            widget.setObjectName(name)
            self.choices[key] = PROVIDERS if key.endswith(".provider") else SECURITY
            for value, label in self.choices[key].items():
                widget.addItem(label, value)
            return widget
        if spec.kind == "bool":
            return QCheckBox(spec.label) if key.endswith(".enabled") or key.endswith(".unaccented") else QCheckBox()
        if spec.kind == "int":
            return spin_box(name, 1, 65535)
        edit = line_edit(name)
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if key == ZALO_IDS:
            edit.setPlaceholderText("result_ready=231234; supplement=231235")
        return edit

    def _channel_box(self, channel: str, title: str, names: tuple[str, ...]) -> QGroupBox:
        group = QGroupBox(title)
        group.setObjectName(f"notices_{channel}")
        form = new_form()
        for part in names:
            key = f"notices.{channel}.{part}"
            widget = self._field(key)
            grow = not isinstance(widget, (QCheckBox, QComboBox)) and SPECS[key].kind != "int"
            row = self.bind(key, widget, grow=grow or key.endswith(".provider"))
            if isinstance(widget, QCheckBox) and widget.text():
                form.addRow(row)
            else:
                form.addRow(form_label(SPECS[key].label + ":"), row)
        recipient = line_edit(f"testRecipient_{channel}",
                              self.tr("e-mail address") if channel == "email" else self.tr("phone number"))
        recipient.setReadOnly(not self.editable)
        button = QPushButton(self.tr("Send a test"))
        button.setObjectName(f"sendTest_{channel}")
        button.setAutoDefault(False)
        button.setEnabled(self.editable and self.db is not None)
        button.clicked.connect(lambda _c=False, ch=channel: self.send_test(ch))
        said = QLabel()
        said.setObjectName(f"testResult_{channel}")
        said.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(recipient, 1)
        row.addWidget(button)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(form_label(self.tr("Test to (uses the saved settings):")), holder)
        form.addRow(said)
        self.tests[channel] = (recipient, button, said)
        group.setLayout(form)
        return group

    # ---- the values -------------------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        for key, (widget, _row, _error) in self.bound.items():
            value = values[key]
            if key in self.choices:
                index = widget.findData(value)
                if index < 0:  # a value this desk does not know: still shown, kept as it is
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
            elif key == ZALO_IDS:
                widget.setText("; ".join(value))
            else:
                set_value(widget, value)
            if SPECS[key].secret and not self.editable:  # who may not change a key never sees it
                widget.clear()
                widget.setPlaceholderText(self.tr("(set)") if value else self.tr("(not set)"))
        self.templates.unaccent = values["notices.sms.unaccented"]
        self.templates.load(values[TEMPLATES])

    def values(self) -> dict[str, Any]:
        out = super().values()
        for key in self.choices:
            out[key] = self.bound[key][0].currentData()
        out[ZALO_IDS] = [part.strip() for part in self.bound[ZALO_IDS][0].text().split(";") if part.strip()]
        out[TEMPLATES] = self.templates.overrides()
        return out

    def clear_errors(self) -> None:
        super().clear_errors()
        self.templates.show_error("")

    def show_error(self, key: str | None, message: str) -> QWidget | None:
        if key == TEMPLATES:
            self.templates.show_error(message)
            self.templates.text.setFocus()
            return self.templates
        return super().show_error(key, message)

    def _unaccent_changed(self, on: bool) -> None:
        self.templates.unaccent = on
        if self.templates.texts:
            self.templates.refresh_preview()

    # ---- a test message ---------------------------------------------------------------------------
    def send_test(self, channel: str) -> None:
        recipient, _button, said = self.tests[channel]
        said.setStyleSheet("")
        said.setText(self.tr("Sending…"))

        def sent(outcome) -> None:  # app.services.notices.actions.TestOutcome: its message is Vietnamese
            said.setStyleSheet(DONE_STYLE if outcome.ok else ERROR_STYLE)
            said.setText(outcome.message)

        def refused(exc) -> None:
            said.setStyleSheet(ERROR_STYLE)
            said.setText(str(exc))

        (op(self, _send_test, self.db, self.actor, channel, recipient.text().strip()).success(sent)
         .failure(refused).category("motcua.notify").progress().run())

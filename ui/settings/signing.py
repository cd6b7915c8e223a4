"""Cài đặt › Chữ ký số (docs/signing.md, "Tại quầy"): the office's signing.* settings (saved with
the other office settings by the page's one button: a bad value anywhere saves nothing), and what
belongs to this PC only: the token's PKCS#11 library (devices.json `token`, saved by its own
button), "Tìm thiết bị ký" (the tokens the library sees), "Thử ký" (open the token with its PIN,
sign a small test PDF, check it, say whose certificate and until when) and the trusted roots the
office checks signatures against (<data>/signing/roots)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.settings.store import SPECS
from ui.ops import op
from ui.settings.common import (
    SettingsForm,
    form_label,
    line_edit,
    new_form,
    note,
    spin_box,
    with_button,
)
from ui.widgets import DONE_STYLE, ERROR_STYLE, FieldError

OFFICE = ("signing.enabled", "signing.method", "signing.sign_intake_copies", "signing.sign_results",
          "signing.timestamp_url", "signing.location")
REMOTE = ("signing.remote.provider", "signing.remote.url", "signing.remote.client_id", "signing.remote.api_key",
          "signing.remote.wait_s")
METHODS = {"pkcs11": "Thiết bị ký số USB (token)", "remote": "Ký số từ xa"}


# ---- off the GUI thread -------------------------------------------------------------------------------
def _token_settings(library: str, label: str):
    from app.devices.config import TokenSettings

    return TokenSettings(library=library, label=label)


def check_library(library: str) -> None:
    """A library path this PC can load: empty (no token here) or an existing file."""
    if library and not Path(library).is_file():
        raise UserError(f"Không thấy thư viện PKCS#11 «{library}» trên máy này: chọn tệp .dll (Windows) "
                        "hoặc .so mà bộ cài của nhà cung cấp chữ ký số đã cài.", field="token.library")


def save_token(data_dir: Path, library: str, label: str) -> None:
    from app.devices.config import load_devices, save_devices

    check_library(library)
    save_devices(data_dir, replace(load_devices(data_dir), token=_token_settings(library, label)))


def find_tokens(library: str) -> list:
    from app.signing.base import NO_TOKEN, SigningError
    from app.signing.pkcs11_signer import list_tokens

    if not library:
        raise SigningError(NO_TOKEN, "Chưa chọn thư viện PKCS#11 của thiết bị ký số.")
    check_library(library)
    return list_tokens(library)


def _test_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out, pagesize=(595, 842))
    page.drawString(72, 760, "Mot Cua - test signature")
    page.save()
    return out.getvalue()


def try_signing(settings: dict, data_dir: Path, library: str, label: str, pin_box: list):
    """Open the signer as the desk would, sign a test PDF, check it against the trusted roots: the
    certificate's facts and the verdict. The PIN leaves `pin_box` here and is kept nowhere."""
    from app.devices.config import load_devices
    from app.signing.base import SignatureBox
    from app.signing.roots import trusted_roots
    from app.signing.session import open_signer
    from app.signing.verify import verify_pdf

    check_library(library)
    devices = replace(load_devices(data_dir), token=_token_settings(library, label))
    signer = open_signer({**settings, "signing.enabled": True}, devices, pin_box.pop() if pin_box else None)
    try:
        signed = signer.sign_pdf(_test_pdf(), SignatureBox(0, (300, 60, 560, 130)), reason="Thử ký số",
                                 location=settings.get("signing.location") or "")
        return signer.info, verify_pdf(signed, trusted_roots(Path(data_dir)))
    finally:
        signer.close()


def list_roots(data_dir: Path) -> list:
    from app.signing import roots

    return roots.list_roots(Path(data_dir))


def add_root(data_dir: Path, path: str) -> None:
    from app.signing import roots

    roots.add_root(Path(data_dir), Path(path))


def remove_root(data_dir: Path, fingerprint: str) -> None:
    from app.signing import roots

    roots.remove_root(Path(data_dir), fingerprint)


class SigningTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None, *, data_dir: Path | None = None):
        super().__init__(editable, parent)
        self.setObjectName("signingTab")
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.choices: dict[str, dict[str, str]] = {}
        self.saved: dict[str, Any] = {}
        self.pin_dialog = None

        office = QGroupBox(self.tr("The office's digital signatures"))
        form = new_form()
        for key in OFFICE:
            self._add(form, key)
        office.setLayout(form)
        self.remote = remote = QGroupBox(self.tr("Remote signing service"))
        remote.setObjectName("signingRemote")
        form = new_form()
        for key in REMOTE:
            self._add(form, key)
        remote.setLayout(form)
        method = self.bound["signing.method"][0]
        method.currentIndexChanged.connect(lambda _i: remote.setVisible(method.currentData() == "remote"))

        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "When signing is on, the forms given to online applicants (the receipt, Forms 02-05) are signed by the "
            "receiving officer at the counter, in the background; what cannot be signed waits in \"Unsigned\". "
            "Nothing is signed until the office turns it on here.")))
        layout.addWidget(office)
        layout.addWidget(remote)
        layout.addWidget(self._token_box())
        layout.addWidget(self._roots_box())
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Digital signatures")

    # ---- building ---------------------------------------------------------------------------------
    def _add(self, form, key: str) -> None:
        spec = SPECS[key]
        name = key.replace(".", "_")
        if key in ("signing.method", "signing.remote.provider"):
            widget = QComboBox()
            widget.setObjectName(name)
            self.choices[key] = METHODS if key == "signing.method" else _provider_labels()
            for value, label in self.choices[key].items():
                widget.addItem(label, value)
            form.addRow(form_label(spec.label + ":"), self.bind(key, widget, grow=False))
            return
        if spec.kind == "bool":
            form.addRow(self.bind(key, QCheckBox(spec.label)))
            return
        if spec.kind == "int":
            widget = spin_box(name, 10, 600, self.tr(" s"))
            form.addRow(form_label(spec.label + ":"), self.bind(key, widget, grow=False))
            return
        edit = line_edit(name)
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if key == "signing.timestamp_url":
            edit.setPlaceholderText(self.tr("Empty: no time-stamp"))
        form.addRow(form_label(spec.label + ":"), self.bind(key, edit))

    def _token_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This computer's signing token"))
        box.setObjectName("signingToken")
        self.library = line_edit("tokenLibrary", self.tr("e.g. C:\\Windows\\System32\\vnptca_p11_v8.dll"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("chooseLibrary")
        choose.clicked.connect(self.choose_library)
        self.label = line_edit("tokenLabel", self.tr("Empty: the first token plugged in"))
        self.library_error = FieldError()
        self.save_token_button = QPushButton(self.tr("Save for this computer"))
        self.save_token_button.setObjectName("saveToken")
        self.save_token_button.clicked.connect(self.save_token)
        self.find_button = QPushButton(self.tr("Find signing tokens"))
        self.find_button.setObjectName("findTokens")
        self.find_button.clicked.connect(self.find_tokens)
        self.try_button = QPushButton(self.tr("Test signing"))
        self.try_button.setObjectName("trySigning")
        self.try_button.clicked.connect(self.try_signing)
        self.tokens = QListWidget()
        self.tokens.setObjectName("foundTokens")
        self.tokens.setMaximumHeight(80)
        self.tokens.itemActivated.connect(lambda item: self.label.setText(item.data(256)))
        self.tokens.hide()
        self.token_message = QLabel()
        self.token_message.setObjectName("tokenMessage")
        self.token_message.setWordWrap(True)
        for button in (choose, self.save_token_button, self.find_button, self.try_button):
            button.setAutoDefault(False)
        for w in (self.library, self.label):
            w.setReadOnly(not self.editable)
        choose.setEnabled(self.editable)
        self.save_token_button.setEnabled(self.editable and self.data_dir is not None)
        self.find_button.setEnabled(self.editable)  # setting up the token is the administrator's
        self.try_button.setEnabled(self.editable and self.data_dir is not None)
        form = new_form()
        library = QWidget()
        column = QVBoxLayout(library)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(with_button(self.library, choose))
        column.addWidget(self.library_error)
        form.addRow(form_label(self.tr("PKCS#11 library of the token's driver:")), library)
        form.addRow(form_label(self.tr("Token label:")), self.label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.try_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_token_button)
        form.addRow(buttons)
        form.addRow(self.tokens)
        form.addRow(self.token_message)
        form.addRow(note(self.tr("Each counter PC has its own token and driver: this is kept on this computer "
                                 "(devices.json), not in the office database. The PIN is asked at the desk and "
                                 "never saved.")))
        box.setLayout(form)
        self._load_token()
        return box

    def _roots_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Trusted root certificates"))
        box.setObjectName("signingRoots")
        self.roots = QListWidget()
        self.roots.setObjectName("trustedRoots")
        self.roots.setMaximumHeight(110)
        self.roots.itemSelectionChanged.connect(self._enable_roots)
        self.add_root_button = QPushButton(self.tr("Add a root certificate…"))
        self.add_root_button.setObjectName("addRoot")
        self.add_root_button.clicked.connect(self.add_root)
        self.remove_root_button = QPushButton(self.tr("Remove"))
        self.remove_root_button.setObjectName("removeRoot")
        self.remove_root_button.clicked.connect(self.remove_root)
        self.roots_message = QLabel()
        self.roots_message.setObjectName("rootsMessage")
        self.roots_message.setWordWrap(True)
        for button in (self.add_root_button, self.remove_root_button):
            button.setAutoDefault(False)
        self.add_root_button.setEnabled(self.editable and self.data_dir is not None)
        self.remove_root_button.setEnabled(False)  # until a root of the office's own is selected
        buttons = QHBoxLayout()
        buttons.addWidget(self.roots_message, 1)
        buttons.addWidget(self.add_root_button)
        buttons.addWidget(self.remove_root_button)
        column = QVBoxLayout(box)
        column.addWidget(note(self.tr("A signature is trusted when its certificate chains to one of these roots. The "
                                      "app ships none: an office adds the national root CA and the roots of the CAs "
                                      "its officers use, from the files those CAs publish.")))
        column.addWidget(self.roots)
        column.addLayout(buttons)
        self.refresh_roots()
        return box

    # ---- the office's values ----------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        self.saved = values
        for key, (widget, _row, _error) in self.bound.items():
            value = values[key]
            if key in self.choices:
                index = widget.findData(value)
                if index < 0:
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
            else:
                widget.setValue(int(value))
            if SPECS[key].secret and not self.editable:  # who may not change a key never sees it
                widget.clear()
                widget.setPlaceholderText(self.tr("(set)") if value else self.tr("(not set)"))
        self.remote.setVisible(values["signing.method"] == "remote")  # its fields matter only then

    def values(self) -> dict[str, Any]:
        out = super().values()
        for key in self.choices:
            out[key] = self.bound[key][0].currentData()
        return out

    # ---- this PC's token --------------------------------------------------------------------------
    def _load_token(self) -> None:
        if self.data_dir is None:
            return
        from app.devices.config import load_devices

        try:
            token = getattr(load_devices(self.data_dir), "token", None)  # None: a build before token settings
        except UserError as exc:
            self._say_token(str(exc), error=True)
            return
        if token is None:
            return
        self.library.setText(token.library)
        self.label.setText(token.label)

    def _say_token(self, text: str, *, error: bool = False) -> None:
        self.token_message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.token_message.setText(text)

    def _token_refused(self, exc: UserError) -> None:
        if getattr(exc, "field", None) == "token.library":
            self.library_error.show_message(exc.message)
            self._say_token("")
        else:
            self._say_token(str(exc), error=True)

    def choose_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The PKCS#11 library of the token's driver"),
                                              self.library.text(), self.tr("Libraries (*.dll *.so *.dylib)"))
        if path:
            self.library.setText(str(Path(path)))

    def save_token(self) -> None:
        self.library_error.show_message("")
        (op(self, save_token, self.data_dir, self.library.text().strip(), self.label.text().strip())
         .success(lambda _r: self._say_token(self.tr("Saved for this computer.")))
         .failure(self._token_refused).category("motcua.signing").progress().run())

    def find_tokens(self) -> None:
        self.library_error.show_message("")
        self._say_token(self.tr("Looking for tokens…"))

        def found(tokens: list) -> None:
            self.tokens.clear()
            for t in tokens:
                item = QListWidgetItem(self.tr("{label} (serial {serial}, {maker})").format(
                    label=t.label, serial=t.serial, maker=t.manufacturer))
                item.setData(256, t.label)
                self.tokens.addItem(item)
            self.tokens.setVisible(bool(tokens))
            self._say_token(self.tr("{n} token(s) found: double-click one to use its label.").format(n=len(tokens))
                            if tokens else self.tr("The library sees no token: plug it in and look again."),
                            error=not tokens)

        (op(self, find_tokens, self.library.text().strip()).success(found).failure(self._token_refused)
         .category("motcua.signing").progress().run())

    def try_signing(self) -> None:
        """Open as the desk would (the PIN asked for a USB token), sign and check a test PDF."""
        from ui.signing.pin_dialog import PinDialog

        self.library_error.show_message("")
        settings = {**self.saved, **self.values()}
        pin_box: list = []
        if settings["signing.method"] == "pkcs11":
            self.pin_dialog = PinDialog(self.label.text().strip(), "", self)
            accepted = self.pin_dialog.exec() == PinDialog.DialogCode.Accepted
            if accepted:
                pin_box.append(self.pin_dialog.take_pin())
            self.pin_dialog.deleteLater()
            self.pin_dialog = None
            if not accepted:
                return
        self._say_token(self.tr("Signing a test document…"))
        (op(self, try_signing, settings, self.data_dir, self.library.text().strip(), self.label.text().strip(),
            pin_box).success(self._tried).failure(self._token_refused).category("motcua.signing").progress().run())

    def _tried(self, result) -> None:
        info, verdict = result
        self._say_token(self.tr("Signed with the certificate of {name}{org}, issued by {issuer}, valid from {start} to "
                                "{end}. Check of the test document: {summary}").format(
            name=info.name, org=f" ({info.organization})" if info.organization else "", issuer=info.issuer,
            start=f"{info.not_before:%d/%m/%Y}", end=f"{info.not_after:%d/%m/%Y}", summary=verdict.summary),
            error=not verdict.ok)

    # ---- trusted roots ----------------------------------------------------------------------------
    def refresh_roots(self) -> None:
        if self.data_dir is None:
            return
        op(self, list_roots, self.data_dir).success(self._show_roots) \
            .failure(lambda exc: self._say_roots(str(exc), error=True)).category("motcua.signing").run()

    def _show_roots(self, roots: list) -> None:
        self.roots.clear()
        for root in roots:
            text = self.tr("{name} (valid until {end})").format(name=root.name, end=f"{root.not_after:%d/%m/%Y}")
            if _bundled(root):
                text += self.tr(", comes with the app")
            if root.problem:
                text += f": {root.problem}"
            item = QListWidgetItem(text)
            item.setData(256, root)
            self.roots.addItem(item)
        self._enable_roots()

    def _enable_roots(self) -> None:
        item = self.roots.currentItem()
        removable = item is not None and not _bundled(item.data(256))
        self.remove_root_button.setEnabled(self.editable and removable and bool(self.roots.selectedItems()))

    def _say_roots(self, text: str, *, error: bool = False) -> None:
        self.roots_message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.roots_message.setText(text)

    def add_root(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("A root certificate"), "",
                                                  self.tr("Certificates (*.cer *.crt *.pem *.der)"))
        if not path:
            return
        (op(self, add_root, self.data_dir, path).success(lambda _r: self._rooted(self.tr("Root added.")))
         .failure(lambda exc: self._say_roots(str(exc), error=True)).category("motcua.signing").run())

    def remove_root(self) -> None:
        item = self.roots.currentItem()
        if item is None:
            return
        (op(self, remove_root, self.data_dir, item.data(256).fingerprint)
         .success(lambda _r: self._rooted(self.tr("Root removed.")))
         .failure(lambda exc: self._say_roots(str(exc), error=True)).category("motcua.signing").run())

    def _rooted(self, text: str) -> None:
        self._say_roots(text)
        self.refresh_roots()


def _provider_labels() -> dict[str, str]:
    from app.signing.providers import PROVIDERS, load

    labels = {}
    for name in PROVIDERS:
        try:
            labels[name] = getattr(load(name), "LABEL", name)
        except ImportError:  # a provider module missing from this build: still choosable by name
            labels[name] = name
    return labels


def _bundled(root) -> bool:
    from app.signing.roots import BUNDLED

    return root.source == BUNDLED

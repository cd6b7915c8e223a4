"""Identity at intake (issue 20 §5): how the officer checked who the applicant is, and the
principal when someone files on another's behalf ("Nộp thay / theo ủy quyền"), with the
authorisation paper. The checks are the core's (app/domain/applicant.py); registration checks
everything again (app/services/intake/registration.py). `identity_rows` shows both on the
dossier screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from app.domain import applicant as checks
from app.domain.applicant import describe_principal
from app.domain.vocab import IdentityCheck
from app.errors import UserError
from app.services.intake.registration import Principal
from ui.widgets import FieldError, with_notes

WARNING_STYLE = "color: #8a5300;"
CONTEXT = "IdentityFields"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class FieldWarning(FieldError):
    """Like FieldError, in amber: something to compare with the papers, not a refusal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldWarning")
        self.setStyleSheet(WARNING_STYLE)

    def show_warnings(self, warnings) -> None:
        self.show_message("\n".join(warnings))


class IdentityFields(QWidget):
    """The identity check (card seen, card QR read, VNeID level 2, passport) and the principal."""

    edited = Signal()  # something typed or chosen: the intake form is dirty

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("identityFields")
        self.identity = QComboBox()
        self.identity.setObjectName("identityCheck")
        self.identity.addItem("", None)
        for check in IdentityCheck:
            self.identity.addItem(check.label, check.value)
        self.on_behalf = QCheckBox(_tr("Filed on behalf of someone / by authorisation"))
        self.on_behalf.setObjectName("onBehalf")

        self.name = self._edit("principalName")
        self.id_number = self._edit("principalId")
        self.address = self._edit("principalAddress")
        self.phone = self._edit("principalPhone")
        self.email = self._edit("principalEmail")
        self.paper = self._edit("principalPaper")
        self.paper.setPlaceholderText(_tr("e.g. Authorisation paper no. … dated …"))
        self.errors = {k: FieldError() for k in (
            "principal_name", "principal_cccd", "principal_address", "principal_phone", "principal_email",
            "principal_paper")}
        self.id_warning = FieldWarning()
        self.id_warning.setObjectName("principalIdWarning")

        form = QFormLayout()
        form.addRow(_tr("Full name:"), with_notes(self.name, self.errors["principal_name"]))
        form.addRow(_tr("Personal ID number:"),
                    with_notes(self.id_number, self.errors["principal_cccd"], self.id_warning))
        form.addRow(_tr("Address:"), with_notes(self.address, self.errors["principal_address"]))
        form.addRow(_tr("Phone:"), with_notes(self.phone, self.errors["principal_phone"]))
        form.addRow(_tr("E-mail:"), with_notes(self.email, self.errors["principal_email"]))
        form.addRow(_tr("Authorisation:"), with_notes(self.paper, self.errors["principal_paper"]))
        self.principal_box = QGroupBox(_tr("Principal (the person filed for)"))
        self.principal_box.setObjectName("principalBox")
        self.principal_box.setLayout(form)

        top = QFormLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addRow(_tr("Identity checked by:"), self.identity)
        top.addRow(self.on_behalf)
        top.addRow(self.principal_box)

        self.on_behalf.toggled.connect(self._toggled)
        self.on_behalf.toggled.connect(lambda _on: self.edited.emit())
        self.identity.activated.connect(lambda _i: self.edited.emit())
        self.id_number.editingFinished.connect(self.check_id)
        self.phone.editingFinished.connect(lambda: self._show("principal_phone", checks.check_phone,
                                                              self.phone.text()))
        self.email.editingFinished.connect(lambda: self._show("principal_email", checks.check_email,
                                                              self.email.text()))
        self.clear()

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.textEdited.connect(lambda _t: self.edited.emit())
        return edit

    # ---- state --------------------------------------------------------------------------------
    def clear(self) -> None:
        self.identity.setCurrentIndex(0)
        self.on_behalf.setChecked(False)
        for e in self.edits():
            e.clear()
        self.clear_errors()
        self._toggled(False)

    def clear_errors(self) -> None:
        for e in self.errors.values():
            e.show_message("")
        self.id_warning.show_message("")

    def edits(self) -> list[QLineEdit]:
        return [self.name, self.id_number, self.address, self.phone, self.email, self.paper]

    def tab_chain(self) -> list[QWidget]:
        """In the intake form's Tab order (hidden fields are skipped by Qt)."""
        return [self.identity, self.on_behalf, *self.edits()]

    def _toggled(self, on: bool) -> None:
        self.principal_box.setVisible(on)
        if not on:
            self.clear_errors()

    def identity_check(self) -> str | None:
        return self.identity.currentData()

    def set_identity_check(self, check: IdentityCheck | None) -> None:
        self.identity.setCurrentIndex(self.identity.findData(check.value if check else None))

    def principal(self) -> Principal | None:
        if not self.on_behalf.isChecked():
            return None
        return Principal(name=self.name.text(), address=self.address.text() or None,
                         id_number=self.id_number.text() or None, phone=self.phone.text() or None,
                         email=self.email.text() or None, paper=self.paper.text() or None)

    # ---- messages -----------------------------------------------------------------------------
    def _show(self, key: str, check, text: str) -> None:
        try:
            if text.strip():
                check(text)
        except UserError as exc:
            self.errors[key].show_message(str(exc))
            return
        self.errors[key].show_message("")

    def check_id(self) -> None:
        """The principal's ID as typed: an error, or the warnings the officer may accept."""
        text = self.id_number.text().strip()
        self.id_warning.show_message("")
        try:
            found = checks.inspect_cccd(text) if text else None
        except UserError as exc:
            self.errors["principal_cccd"].show_message(str(exc))
            return
        self.errors["principal_cccd"].show_message("")
        if found is not None:
            self.id_warning.show_warnings(found.warnings)

    def show_error(self, key: str | None, message: str) -> bool:
        """A refusal of registration on one of these fields: shown under it. False if not ours."""
        if key not in self.errors:
            return False
        self.errors[key].show_message(message)
        self.focus_for(key)
        return True

    def focus_for(self, key: str) -> None:
        widget = {"principal_name": self.name, "principal_cccd": self.id_number,
                  "principal_address": self.address, "principal_phone": self.phone,
                  "principal_email": self.email, "principal_paper": self.paper}.get(key)
        if key == "identity_check":
            widget = self.identity
        if widget is not None:
            widget.setFocus()


def identity_rows(_owner: QWidget, d: dict) -> list[tuple[str, str]]:
    """The dossier screen's rows: how identity was checked, and the principal if there is one
    (masked by the service for roles that see masked data)."""
    check = d.get("identity_check")
    rows = [(_tr("Identity checked by:"), IdentityCheck(check).label if check else "")]
    if d.get("principal"):
        rows.append((_tr("Filed on behalf of:"), describe_principal(d["principal"])))
    return rows

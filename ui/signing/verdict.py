"""The verdict on a signed document (B's app.signing.verify.verify_pdf), in plain words: one line
for the whole file, then each signature with who signed, when (dd/MM/yyyy HH:mm:ss), whether the
file is unchanged since, whether the signature covers the whole file, whether the certificate
chains to a root the office trusts; each answer green when good, red when not."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.screen import fit
from ui.widgets import DONE_STYLE, ERROR_STYLE


def signed_at(moment) -> str:
    return f"{moment:%d/%m/%Y %H:%M:%S}" if moment else ""


class VerdictDialog(QDialog):
    def __init__(self, verdict, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdictDialog")
        self.setWindowTitle(self.tr("Signature check") + (f" · {title}" if title else ""))
        fit(self, 640, 560)
        self.summary = QLabel(verdict.summary)
        self.summary.setObjectName("verdictSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setStyleSheet(DONE_STYLE if verdict.ok else ERROR_STYLE)
        body = QWidget()
        column = QVBoxLayout(body)
        for n, check in enumerate(verdict.signatures, 1):
            column.addWidget(self._signature(n, check))
        if not verdict.signatures:
            column.addWidget(QLabel(self.tr("The file holds no digital signature.")))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeVerdict")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _signature(self, n: int, check) -> QGroupBox:
        box = QGroupBox(self.tr("Signature {n}").format(n=n))
        box.setObjectName(f"signature{n}")
        form = QFormLayout(box)
        signer = check.signer + (f" ({check.organization})" if check.organization else "")
        form.addRow(self.tr("Signed by:"), self._plain(signer or self.tr("(unknown)")))
        when = signed_at(check.signed_at) or self.tr("(not stated)")
        if check.signed_at and check.timestamped:
            when += " " + self.tr("(from a time-stamp server)")
        form.addRow(self.tr("Signed at:"), self._plain(when))
        form.addRow(self.tr("Integrity:"), self._judged(check.intact, self.tr("The file is unchanged since it was signed"),
                                                        self.tr("The file was changed after it was signed")))
        # What the signature covers, in the checker's words; good also when only other signatures
        # were added after it (the first of two signatures does not cover the second).
        scope = check.scope
        form.addRow(self.tr("Coverage:"), self._judged(check.whole_file or check.ok,
                                                       scope or self.tr("The signature covers the whole file"),
                                                       scope or self.tr("The signature covers only part of the file")))
        form.addRow(self.tr("Trust:"), self._judged(check.trusted, self.tr("The certificate chains to a trusted root"),
                                                    self.tr("The certificate does not chain to a trusted root")))
        for problem in check.problems:
            form.addRow(self._judged(False, "", problem))
        for line in check.notes:
            form.addRow(self._plain(line))
        return box

    @staticmethod
    def _plain(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _judged(good: bool, yes: str, no: str) -> QLabel:
        label = QLabel(yes if good else no)
        label.setObjectName("good" if good else "bad")
        label.setWordWrap(True)
        label.setStyleSheet(DONE_STYLE if good else ERROR_STYLE)
        return label

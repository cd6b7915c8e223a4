"""The notices' texts as the office edits them (Cài đặt › Thông báo): pick the event and the part
(the e-mail's subject, its body, or the short text SMS and Zalo share), edit it with the fields a
dossier gives listed beside it (double-click or Enter puts one in), and see the notice as a
citizen would get it, with made-up dossier facts, as you type. A {field} no dossier has is said at
once; saving refuses it again in the core (app/services/notices/templates.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.notices import NoticeKind
from app.services.notices.templates import (
    FIELDS,
    PARTS,
    SAMPLE_FIELDS,
    default_templates,
    merged,
    render,
    template_problem,
)
from ui.widgets import ERROR_STYLE, FieldError

PREVIEW_CHANNEL = {"subject": "email", "email": "email", "text": "sms"}


class TemplateEditor(QWidget):
    edited = Signal()

    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeTemplates")
        self.texts: dict[tuple[str, str], str] = {}
        self.unaccent = True  # the SMS setting, followed by the tab
        self.office: dict[str, str] = {}  # the office's name and address for the preview
        self.kind = QComboBox()
        self.kind.setObjectName("templateKind")
        for kind in NoticeKind:
            self.kind.addItem(kind.label, kind.value)
        self.part = QComboBox()
        self.part.setObjectName("templatePart")
        for part, label in PARTS.items():
            self.part.addItem(label[0].upper() + label[1:], part)
        self.text = QPlainTextEdit()
        self.text.setObjectName("templateText")
        self.text.setTabChangesFocus(True)
        self.text.setReadOnly(not editable)
        self.text.setFixedHeight(110)  # the channels below stay in sight on a 768-pixel screen
        self.problem = FieldError()
        self.problem.setObjectName("templateProblem")
        self.fields = QListWidget()
        self.fields.setObjectName("templateFields")
        for name, label in FIELDS.items():
            item = QListWidgetItem(f"{{{name}}}  {label}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.fields.addItem(item)
        self.fields.setEnabled(editable)
        self.fields.setFixedHeight(110)
        self.fields.itemActivated.connect(self._insert_field)
        self.reset = QPushButton(self.tr("Restore the default text"))
        self.reset.setObjectName("resetTemplate")
        self.reset.setAutoDefault(False)
        self.reset.setEnabled(editable)
        self.reset.clicked.connect(self.restore_default)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setFixedHeight(100)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("templatePreviewNote")
        self.preview_note.setWordWrap(True)

        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Event:")))
        choose.addWidget(self.kind, 1)
        choose.addWidget(QLabel(self.tr("Part:")))
        choose.addWidget(self.part, 1)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Text (fields in braces):")), 0, 0)
        grid.addWidget(QLabel(self.tr("Fields (double-click to insert):")), 0, 1)
        grid.addWidget(self.text, 1, 0)
        grid.addWidget(self.fields, 1, 1)
        grid.addWidget(self.problem, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Preview with a sample dossier:")), 3, 0, 1, 2)
        grid.addWidget(self.preview, 4, 0)
        grid.addWidget(self.preview_note, 4, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addLayout(grid)
        layout.addWidget(self.reset, 0, Qt.AlignmentFlag.AlignLeft)
        self.kind.currentIndexChanged.connect(self._show_current)
        self.part.currentIndexChanged.connect(self._show_current)
        self.text.textChanged.connect(self._typed)

    # ---- the values ---------------------------------------------------------------------------------
    def current(self) -> tuple[str, str]:
        return self.kind.currentData(), self.part.currentData()

    def load(self, overrides: list) -> None:
        texts = merged(overrides)
        self.texts = {(k, p): texts[k][p] for k in texts for p in PARTS}
        self._show_current()

    def overrides(self) -> list[dict]:
        """What differs from the defaults, in the setting's shape."""
        defaults = default_templates()
        return [{"kind": k, "part": p, "text": text} for (k, p), text in self.texts.items()
                if text.strip() != defaults[k][p].strip()]

    def show_error(self, message: str) -> None:
        self.problem.show_message(message)

    # ---- editing ------------------------------------------------------------------------------------
    def _show_current(self, *_args) -> None:
        if not self.texts:
            return
        self.text.blockSignals(True)
        self.text.setPlainText(self.texts[self.current()])
        self.text.blockSignals(False)
        self.refresh_preview()

    def _typed(self) -> None:
        self.texts[self.current()] = self.text.toPlainText()
        self.refresh_preview()
        self.edited.emit()

    def _insert_field(self, item: QListWidgetItem) -> None:
        self.text.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.text.setFocus()

    def restore_default(self) -> None:
        kind, part = self.current()
        self.text.setPlainText(default_templates()[kind][part])

    def refresh_preview(self) -> None:
        kind, part = self.current()
        text = self.texts[kind, part]
        problem = template_problem([{"kind": kind, "part": part, "text": text}]) if text.strip() else \
            self.tr("The text cannot be empty.")
        if problem:
            problem = problem[0].upper() + problem[1:] + ("" if problem.endswith(".") else ".")
        self.problem.show_message(problem or "")
        channel = PREVIEW_CHANNEL[part]
        templates = {k: {p: self.texts[k, p] for p in PARTS} for k in default_templates()}
        fields = {**SAMPLE_FIELDS, **self.office}
        shown = render(kind, channel, fields, templates, unaccent=channel == "sms" and self.unaccent)
        if channel == "email":
            self.preview.setPlainText(self.tr("Subject: {subject}").format(subject=shown.subject) + "\n\n" + shown.body)
            self.preview_note.setText(self.tr("As an e-mail."))
        else:
            self.preview.setPlainText(shown.body)
            self.preview_note.setText(self.tr("As an SMS: {n} characters, {segments} message(s). Zalo gets the "
                                              "same text with its diacritics.").format(
                n=len(shown.body), segments=shown.segments))
        self.preview_note.setStyleSheet(ERROR_STYLE if problem else "")

"""Bàn hướng dẫn: the volunteer guide's desk. The procedure explorer (the same as "Tra cứu thủ
tục") with a panel for the selected procedure: whether it can be filed online, the QR code of its
online form for the citizen's phone, the printed guide, and the "helped file online" log with the
desk's counts. The guide sees the catalog and their own log entries, nothing of any dossier."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Actor, Permission
from app.domain.vocab import ProcessClass
from app.errors import UserError
from app.services.guide.guidance import (
    guided_today,
    log_guidance,
    online_filing,
    print_guide_sheet,
    recent,
)
from app.services.settings.store import load_settings
from db.engine import Database
from db.models import Procedure
from printing.barcodes import qr_modules
from ui.dossiers.procedures_page import ProceduresPage
from ui.ops import op
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title

QUIET = 4  # modules of white around the code: what phone cameras need to find it on a screen
RECENT = 8
COUNTER_STYLE = "color: #8a5a00;"  # amber: a fact about the procedure, not an error


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def breakable(url: str) -> str:
    """The address with zero-width spaces after its separators, so a narrow label can wrap it."""
    for sep in "/?&=":
        url = url.replace(sep, sep + "\u200b")
    return url


class QrView(QWidget):
    """A QR code drawn module by module from printing.barcodes' matrix, black on white."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideQr")
        self.rows: tuple[tuple[bool, ...], ...] = ()
        self.value: str | None = None
        self.setMinimumSize(180, 180)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def set_value(self, value: str | None) -> None:
        self.value = value
        self.rows = qr_modules(value) if value else ()
        self.setVisible(bool(value))
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.rows:
            return
        p = QPainter(self)
        side = min(self.width(), self.height())
        p.fillRect(0, 0, side, side, QColor("white"))
        box = side / (len(self.rows) + 2 * QUIET)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("black"))
        for r, row in enumerate(self.rows):
            for c, dark in enumerate(row):
                if dark:
                    # A hair wider than a module: no light seams between neighbours when scaled.
                    p.drawRect(QRectF((c + QUIET) * box, (r + QUIET) * box, box + 0.5, box + 0.5))
        p.end()


class GuideDeskPage(QWidget):
    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime], data_dir: Path,
                 parent: QWidget | None = None, *, open_file: Callable[[Path], bool] = open_with_system):
        super().__init__(parent)
        self.setObjectName("guideDeskPage")
        self.db, self.actor, self.clock, self.data_dir = db, actor, clock, Path(data_dir)
        self.open_file = open_file  # the tests pass their own: no viewer opens
        self.settings = load_settings(db)
        self.procedure: Procedure | None = None
        self.online_url: str | None = None
        self.can_log = actor.can(Permission.LOG_GUIDANCE)

        self.explorer = ProceduresPage(db, actor)
        self.status = QLabel()
        self.status.setObjectName("onlineStatus")
        self.status.setWordWrap(True)
        self.qr = QrView()
        self.url = QLabel()
        self.url.setObjectName("onlineUrl")
        self.url.setWordWrap(True)
        self.url.setTextFormat(Qt.TextFormat.RichText)
        self.url.setOpenExternalLinks(True)  # the desk's computer opens the form for the citizen
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.print_button = QPushButton(self.tr("Print the guide for the citizen"))
        self.print_button.setObjectName("printGuide")
        self.print_button.clicked.connect(self.print_guide)
        self.print_message = QLabel()
        self.print_message.setObjectName("printMessage")
        self.print_message.setWordWrap(True)
        self.print_message.hide()

        self.consent = QCheckBox(self.tr("The citizen agrees to leave a phone number"))
        self.consent.setObjectName("phoneConsent")
        self.phone = QLineEdit()
        self.phone.setObjectName("guidePhone")
        self.phone.setPlaceholderText(self.tr("Phone number (only with consent)"))
        self.phone.setEnabled(False)
        self.consent.toggled.connect(self._consent_changed)
        self.phone.returnPressed.connect(self.log_helped)
        self.log_button = QPushButton(self.tr("Helped file online"))
        self.log_button.setObjectName("logGuidance")
        self.log_button.clicked.connect(self.log_helped)
        self.log_message = QLabel()
        self.log_message.setObjectName("logMessage")
        self.log_message.setWordWrap(True)
        self.log_message.hide()
        self.today = QLabel()
        self.today.setObjectName("guidedToday")
        self.today.setWordWrap(True)
        font = self.today.font()
        font.setBold(True)
        self.today.setFont(font)
        self.recent = QListWidget()
        self.recent.setObjectName("recentGuidance")
        self.recent.setMaximumHeight(150)
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        helped = QGroupBox(self.tr("Helped a citizen file online"))
        box = QVBoxLayout(helped)
        box.addWidget(self.consent)
        box.addWidget(self.phone)
        box.addWidget(self.log_button)
        box.addWidget(self.log_message)
        box.addWidget(self.today)
        box.addWidget(QLabel(self.tr("Latest:")))
        box.addWidget(self.recent)
        helped.setVisible(self.can_log)

        panel = QWidget()
        panel.setObjectName("guidePanel")
        panel.setFixedWidth(360)
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.status)
        side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.url)
        side.addWidget(self.print_button)
        side.addWidget(self.print_message)
        side.addWidget(helped)
        side.addStretch(1)

        row = QHBoxLayout()
        row.addWidget(self.explorer, 1)
        row.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Guide desk")))
        hint = QLabel(self.tr("Find the procedure the citizen asks about (diacritics optional), let them scan "
                              "the QR code or print the guide, then record that you helped."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(row, 1)

        self.explorer.list.currentRowChanged.connect(self._selected)
        self._selected(self.explorer.list.currentRow())
        self.refresh_counts()
        self._fresh = True  # just read: the first showing need not read it all again

    # ---- the selected procedure ---------------------------------------------------------------
    def current_procedure(self) -> Procedure | None:
        item = self.explorer.list.currentItem()
        if item is None:
            return None
        return self.explorer.procedures[item.data(Qt.ItemDataRole.UserRole)]

    def select(self, code: str) -> bool:
        """Select a procedure by its code in the list as filtered now."""
        for row in range(self.explorer.list.count()):
            index = self.explorer.list.item(row).data(Qt.ItemDataRole.UserRole)
            if self.explorer.procedures[index].code == code:
                self.explorer.list.setCurrentRow(row)
                return True
        return False

    def _selected(self, _row: int) -> None:
        self.procedure = p = self.current_procedure()
        self._say(self.print_message, "")
        self._say(self.log_message, "")  # a message about the previous procedure
        if p is None:
            self.online_url = None
            self.status.setText(self.tr("Choose a procedure in the list."))
            self.status.setStyleSheet("")
            self.qr.set_value(None)
            self.url.clear()
            self.print_button.setEnabled(False)
            self.log_button.setEnabled(False)
            return
        online, self.online_url = online_filing(p, self.settings)
        if online:
            level = [self.tr("level {n}").format(n=p.online_level)] if p.online_level else []
            if p.process_class:
                level.append(ProcessClass(p.process_class).label.lower())
            text = self.tr("Can be filed online") + (f" ({', '.join(level)})" if level else "")
            self.status.setText(f"<b>{html.escape(text)}</b>")
            self.status.setStyleSheet(DONE_STYLE)
            self.url.setText(f'<a href="{html.escape(self.online_url, quote=True)}">'
                             f"{html.escape(breakable(self.online_url))}</a>")
        else:
            text = self.tr("At the counter only: this procedure cannot be filed online yet.")
            self.status.setText(f"<b>{html.escape(text)}</b>")
            self.status.setStyleSheet(COUNTER_STYLE)
            self.url.clear()
        if online and not p.code_verified:  # its online address is built from an unchecked code
            self.status.setText(self.status.text() + "<br>" + html.escape(self.explorer.unverified_mark()))
        self.qr.set_value(self.online_url)
        self.print_button.setEnabled(True)
        self.log_button.setEnabled(online and self.can_log)
        self.log_button.setToolTip("" if online else self.tr("Only procedures filed online are recorded here."))

    # ---- actions ------------------------------------------------------------------------------
    def print_guide(self) -> Path | None:
        """Write the guide's PDF under the data folder and open it for printing."""
        if self.procedure is None:
            return None
        def written(path: Path) -> None:
            if self.open_file(path):
                self._say(self.print_message, self.tr("Guide opened for printing (saved as {path}).").format(path=path))
            else:
                self._say(self.print_message, self.tr("Guide saved as {path}: open it from that folder to print.")
                          .format(path=path))

        work = (op(self, print_guide_sheet, self.db, self.actor, self.procedure.code, self.data_dir, self.clock())
                .success(written).failure(lambda exc: self._say(self.print_message, str(exc), ok=False))
                .category("motcua.print").progress().run())
        return work.result if work.done else None  # the file, when written by the time it returns

    def log_helped(self) -> bool:
        """Record that this citizen was helped to file the selected procedure online."""
        if self.procedure is None or not self.log_button.isEnabled():
            return False
        phone = self.phone.text() if self.consent.isChecked() else None
        work = (op(self, log_guidance, self.db, self.actor, self.procedure.code, phone=phone,
                   consent=self.consent.isChecked(), at=self.clock())
                .success(self._logged).failure(self._not_logged).progress().run())
        return work.done and work.error is None  # recorded by the time it returns (a synchronous pool)

    def _not_logged(self, exc: UserError) -> None:
        self._say(self.log_message, str(exc), ok=False)
        if exc.field == "phone":
            self.phone.setFocus()

    def _logged(self, entry) -> None:
        # The next citizen starts with a blank phone field and no consent ticked.
        self.consent.setChecked(False)
        self.phone.clear()
        self._say(self.log_message, self.tr("Recorded at {time}: {name}.").format(
            time=f"{entry.at:%H:%M}", name=entry.procedure_name))
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Read the counts through ops and paint them when they come; meanwhile the ones shown stay."""
        if not self.can_log:
            return
        db, actor, today = self.db, self.actor, self.clock().date()

        def read() -> tuple[int, int, list]:
            return (guided_today(db, actor, today), guided_today(db, actor, today, whole_office=True),
                    recent(db, actor, RECENT))

        (op(self, read).success(lambda counts: self._paint_counts(*counts))
         .failure(lambda exc: self._say(self.log_message, str(exc), ok=False)).run())

    def _paint_counts(self, mine: int, office: int, entries: list) -> None:
        self.today.setText(self.tr("Today you helped: {mine}\nThe whole office today: {office}").format(
            mine=mine, office=office))
        self.recent.clear()
        for e in entries:
            phone = self.tr(" · phone left") if e.phone_left else ""
            self.recent.addItem(f"{e.at:%H:%M %d/%m} · {e.procedure_name}{phone}")
        if not entries:
            self.recent.addItem(self.tr("No one recorded yet."))

    def _consent_changed(self, ticked: bool) -> None:
        self.phone.setEnabled(ticked)
        if ticked:
            self.phone.setFocus()
        else:
            self.phone.clear()  # no consent, no number kept on screen either

    def _say(self, label: QLabel, text: str, ok: bool = True) -> None:
        label.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        label.setText(text)
        label.setVisible(bool(text))  # an empty message leaves no gap

    def _settings_loaded(self, settings: dict) -> None:
        self.settings = settings
        self._selected(self.explorer.list.currentRow())

    def showEvent(self, event) -> None:
        # Shown again later: the office may have changed the portal address, and the day may have turned.
        if not self._fresh:
            op(self, load_settings, self.db).success(self._settings_loaded).run()
            self.refresh_counts()
        self._fresh = False
        super().showEvent(event)

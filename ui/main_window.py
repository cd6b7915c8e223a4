"""The main window. For now a home page that says where the data is and what is loaded; the
counter desk (intake, dossier list, returns) fills the navigation column in the next issue."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class HomeFacts:
    """What the home page shows, gathered by the core before the window opens."""

    agency_name: str
    unit_code: str
    database: str
    procedures: int
    dossiers: int
    demo_logins: tuple[str, ...] = ()
    demo_password: str = ""


class MainWindow(QMainWindow):
    def __init__(self, facts: HomeFacts):
        super().__init__()
        self.setWindowTitle(self.tr("Một Cửa: reception and result return"))
        self.resize(1000, 640)

        nav = QListWidget()
        nav.setObjectName("navigation")
        for label in (self.tr("Intake"), self.tr("Dossiers"), self.tr("Return results"),
                      self.tr("Procedures"), self.tr("Reports"), self.tr("Settings")):
            nav.addItem(label)
        nav.setFixedWidth(200)
        nav.setCurrentRow(0)

        title = QLabel(facts.agency_name)
        title.setObjectName("agencyName")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)

        form = QFormLayout()
        form.addRow(self.tr("Unit code:"), QLabel(facts.unit_code))
        form.addRow(self.tr("Database:"), QLabel(facts.database))
        form.addRow(self.tr("Procedures in the catalog:"), QLabel(f"{facts.procedures:,}".replace(",", ".")))
        form.addRow(self.tr("Dossiers:"), QLabel(f"{facts.dossiers:,}".replace(",", ".")))
        if facts.demo_logins:
            form.addRow(self.tr("Demo accounts:"),
                        QLabel(self.tr("{logins} (password: {password})").format(
                            logins=", ".join(facts.demo_logins), password=facts.demo_password)))

        coming = QLabel(self.tr("The counter desk (intake, dossier list, result return) is coming "
                                "in the next version."))
        coming.setObjectName("comingNotice")
        coming.setWordWrap(True)

        page = QVBoxLayout()
        page.addWidget(title)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        page.addWidget(line)
        page.addLayout(form)
        page.addSpacing(12)
        page.addWidget(coming)
        page.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(nav)
        body.addLayout(page, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        status = QStatusBar()
        self.db_label = QLabel(facts.database)
        status.addPermanentWidget(QLabel(self.tr("Portal: not connected")))
        status.addPermanentWidget(QLabel(self.tr("Devices: none")))
        status.addPermanentWidget(self.db_label)
        self.setStatusBar(status)
        nav.setFocus(Qt.FocusReason.OtherFocusReason)

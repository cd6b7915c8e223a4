"""Starting the desktop app: open (and on first run prepare) the database, then the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import UserError
from ui.i18n import install_translators
from ui.main_window import HomeFacts, MainWindow

DEMO_DOSSIERS = 2000


def gather_facts(url: str, *, demo: bool) -> HomeFacts:
    from sqlalchemy import func, select

    from app.domain.permissions import Actor
    from app.services import bootstrap
    from db.engine import Database
    from db.models import Agency, Dossier, Procedure, Setting

    db = Database(url)
    first_run = bootstrap.migrate_if_needed(db) and bootstrap.is_empty(db)
    if bootstrap.is_empty(db):
        bootstrap.seed_demo_office(db)
        first_run = True
    if first_run and demo:
        from app.services.demo_data import generate

        generate(db, Actor.system(), DEMO_DOSSIERS, seed=1)
    with db.reading() as s:
        agency = s.scalar(select(Agency).order_by(Agency.id).limit(1))
        demo_mode = bool(s.scalar(select(Setting.value).where(Setting.key == "demo_mode")))
        facts = HomeFacts(
            agency_name=agency.name, unit_code=agency.unit_code, database=db.display_name,
            procedures=s.scalar(select(func.count()).select_from(Procedure)),
            dossiers=s.scalar(select(func.count()).select_from(Dossier)),
            demo_logins=tuple(u[0] for u in bootstrap.DEMO_USERS) if demo_mode else (),
            demo_password=bootstrap.DEMO_PASSWORD if demo_mode else "",
        )
    db.dispose()
    return facts


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Một Cửa")
    app.setOrganizationName("motcua")
    app.setFont(QFont("DejaVu Sans", 10))
    if not hasattr(app, "_motcua_translators"):
        app._motcua_translators = install_translators(app)  # kept alive with the app
    return app


def run(url: str, data_dir: Path, demo: bool = False) -> int:
    app = make_app()
    try:
        facts = gather_facts(url, demo=demo)
    except UserError as exc:
        QMessageBox.critical(None, app.translate("main", "Cannot open the database"), str(exc))
        return 1
    window = MainWindow(facts)
    window.show()
    return app.exec()

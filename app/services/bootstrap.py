"""Opening a database: migrate it, and on first run load the bundled catalog and a demo office."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from app.clock import now_local
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.paths import CATALOG_FILE
from app.services.catalog import import_catalog_in, load_catalog_file
from app.services.journal import audit
from app.services.trust.users import create_user
from db.engine import Database
from db.migrate import needs_upgrade, upgrade
from db.models import Agency, Counter, Procedure, Setting

log = logging.getLogger("motcua.db")

DEMO_PASSWORD = "motcua2026"
DEMO_USERS = [
    ("canbo", Role.OFFICER, "Nguyễn Thị Mai"),
    ("huongdan", Role.GUIDE, "Trần Văn Bình"),
    ("lanhdao", Role.SUPERVISOR, "Lê Hoàng Nam"),
    ("quantri", Role.ADMIN, "Phạm Quốc Huy"),
]


def migrate_if_needed(db: Database) -> bool:
    from app.services.settings.store import upgrade_settings

    migrated = False
    if needs_upgrade(db):
        log.info("migrating %s", db.display_name)
        upgrade(db)
        migrated = True
    upgrade_settings(db)  # the stored settings have a version of their own
    return migrated


def is_empty(db: Database) -> bool:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Agency)) == 0


def seed_demo_office(db: Database, *, force_password_change: bool = True) -> None:
    """The bundled catalog, a demo office with three counters and one account per role, all in
    one transaction. Demo passwords are printed in the README and on the log-in window, so each
    account must choose its own at its first log-in (`force_password_change` False: for tests and
    benches that log in as the demo accounts directly)."""
    actor = Actor.system()
    catalog = load_catalog_file(CATALOG_FILE)
    now = now_local()
    with db.writing() as s:
        if s.scalar(select(func.count()).select_from(Procedure)) == 0:
            import_catalog_in(s, actor, catalog, CATALOG_FILE.name)
        # A post-2025 intake point: the province's Public Administration Service Centre (Decree
        # 118/2025) in Phường Long Châu, the new Vĩnh Long's centre (former Phường 1, 9 and
        # Trường An of Thành phố Vĩnh Long): an address with no district.
        agency = Agency(
            name="Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long (dữ liệu mẫu)",
            parent_name="UBND TỈNH VĨNH LONG", unit_code="000.00.01.H62",
            address="Số 1 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long", phone="0270 3822 000",
            place_name="Vĩnh Long", office_hours="07:30-11:30,13:30-17:00",
        )
        agency.counters = [Counter(number=n, name=f"Quầy số {n}", active=True) for n in (1, 2, 3)]
        s.add(agency)
        s.flush()
        for login, role, name in DEMO_USERS:
            create_user(s, actor, login, role, DEMO_PASSWORD, full_name=name, agency_id=agency.id,
                        must_change_password=force_password_change, enforce_policy=False)
        s.add(Setting(key="demo_mode", value=True, updated_at=now))
        audit(s, actor, "setup.demo_office", "agency", agency.unit_code)


def open_ready(db: Database, *, seed_demo: bool = False) -> None:
    migrate_if_needed(db)
    if seed_demo and is_empty(db):
        seed_demo_office(db)

"""The role × action matrix, enforced by the services themselves: every service that takes an
actor is called here as every role, on a real database. A role the matrix refuses gets
PermissionDenied before anything happens; a role it allows never does (it may still meet another
refusal, such as a missing file, which is not about who it is). A new service that takes an actor
and is not listed here fails `test_every_service_with_an_actor_is_in_the_matrix_test`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, datetime
from pathlib import Path

import pytest

import app.services as services_pkg
from app.domain.lifecycle import TRANSITIONS, Action
from app.domain.permissions import MATRIX, Actor, Permission
from app.domain.report import ReportFilter
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.paths import CATALOG_FILE
from app.services import (
    backup,
    calendar_service,
    catalog,
    demo_data,
    dossier_list,
    dossier_query,
    forms,
    guidance,
    lifecycle,
    numbering,
    office,
    online_inbox,
    payments,
    quarantine,
    queue,
    receipts,
    registration,
    reports,
    settings,
    settings_file,
    users,
    watch,
)
from app.services.registration import register
from db.models import User
from tests.helpers.factories import OFFICER, procedure_code, request

P = Permission
NOW = datetime(2026, 11, 23, 9, 30)

# (name, permission, call(db, actor, ctx)); ctx: a real dossier code, a procedure code, a folder.
CALLS = [
    ("backup.backup", P.BACKUP, lambda db, a, c: backup.backup(db, c["folder"] / f"sao-luu-{a.role.value}.sqlite3",
                                                            actor=a)),
    ("backup.restore", P.BACKUP, lambda db, a, c: backup.restore(db, c["folder"] / "khong-co.sqlite3", actor=a)),
    ("calendar_service.add_override", P.EDIT_CALENDAR,
     lambda db, a, c: calendar_service.add_override(db, a, date(2026, 12, 28), calendar_service.DAY_OFF, "Họp")),
    ("calendar_service.remove_override", P.EDIT_CALENDAR,
     lambda db, a, c: calendar_service.remove_override(db, a, date(2026, 12, 29))),
    ("catalog.import_catalog", P.EDIT_CATALOG, lambda db, a, c: catalog.import_catalog(db, a, CATALOG_FILE)),
    ("catalog.list_procedures", P.VIEW_CATALOG, lambda db, a, c: catalog.list_procedures(db, a)),
    ("demo_data.generate", P.GENERATE_DEMO_DATA, lambda db, a, c: demo_data.generate(db, a, 1, seed=7)),
    ("dossier_list.fetch_page", P.SEARCH_DOSSIERS,
     lambda db, a, c: dossier_list.fetch_page(db, a, dossier_list.DossierFilter())),
    ("dossier_query.dossier_detail", P.VIEW_DOSSIER, lambda db, a, c: dossier_query.dossier_detail(db, a, c["code"])),
    ("dossier_query.search", P.SEARCH_DOSSIERS, lambda db, a, c: dossier_query.search(db, a, c["code"])),
    ("forms.ledger_xlsx", P.EXPORT_DOSSIERS, lambda db, a, c: forms.ledger_xlsx(db, a, NOW.date(), NOW.date())),
    ("forms.print_form", P.VIEW_DOSSIER, lambda db, a, c: forms.print_form(db, a, "control", c["code"], NOW)),
    ("forms.print_ledger", P.EXPORT_DOSSIERS,
     lambda db, a, c: forms.print_ledger(db, a, NOW.date(), NOW.date(), NOW)),
    ("guidance.guided_today", P.LOG_GUIDANCE, lambda db, a, c: guidance.guided_today(db, a, NOW.date())),
    ("guidance.log_guidance", P.LOG_GUIDANCE, lambda db, a, c: guidance.log_guidance(db, a, c["online_procedure"])),
    ("guidance.print_guide_sheet", P.VIEW_CATALOG,
     lambda db, a, c: guidance.print_guide_sheet(db, a, c["procedure"], c["folder"], NOW)),
    ("guidance.recent", P.LOG_GUIDANCE, lambda db, a, c: guidance.recent(db, a)),
    ("numbering.mark_reprinted", P.REGISTER_DOSSIER, lambda db, a, c: numbering.mark_reprinted(db, a, 999_999, "print")),
    ("office.add_counter", P.EDIT_SETTINGS, lambda db, a, c: office.add_counter(db, a, 7, "Quầy số 7")),
    ("office.remove_counter", P.EDIT_SETTINGS, lambda db, a, c: office.remove_counter(db, a, 999_999)),
    ("office.update_agency", P.EDIT_SETTINGS,
     lambda db, a, c: office.update_agency(db, a, phone="0270 3822 111")),
    ("office.update_counter", P.EDIT_SETTINGS,
     lambda db, a, c: office.update_counter(db, a, c["counter_id"], name="Quầy số 1 (hộ tịch)")),
    ("online_inbox.attachments", P.VIEW_DOSSIER,
     lambda db, a, c: online_inbox.attachments(db, a, c["code"], c["folder"])),
    ("online_inbox.inbox", P.VIEW_DOSSIER, lambda db, a, c: online_inbox.inbox(db, a)),
    ("online_inbox.open_attachment", P.VIEW_DOSSIER,
     lambda db, a, c: online_inbox.open_attachment(db, a, c["code"], "x.pdf", c["folder"])),
    ("payments.record_payment", P.CHANGE_DOSSIER,
     lambda db, a, c: payments.record_payment(db, a, c["code"], 1000, "cash")),
    ("quarantine.correct_contact", P.REGISTER_DOSSIER,
     lambda db, a, c: quarantine.correct_contact(db, a, c["code"], {"applicant_phone": "0912345678"}, "Gõ nhầm")),
    ("quarantine.quarantined", P.VIEW_DOSSIER, lambda db, a, c: quarantine.quarantined(db, a)),
    ("quarantine.retry", P.REGISTER_DOSSIER, lambda db, a, c: quarantine.retry(db, a, 999_999)),
    ("queue.call_next", P.SERVE_QUEUE, lambda db, a, c: queue.call_next(db, a, c["counter_id"])),
    ("queue.recall", P.SERVE_QUEUE, lambda db, a, c: queue.recall(db, a, c["counter_id"])),
    ("queue.serve", P.SERVE_QUEUE, lambda db, a, c: queue.serve(db, a, c["counter_id"])),
    ("queue.done", P.SERVE_QUEUE, lambda db, a, c: queue.done(db, a, c["counter_id"])),
    ("queue.no_show", P.SERVE_QUEUE, lambda db, a, c: queue.no_show(db, a, c["counter_id"])),
    ("queue.set_counter_groups", P.ARRANGE_QUEUE,
     lambda db, a, c: queue.set_counter_groups(db, a, c["counter_id"], None)),
    ("queue.transfer", P.SERVE_QUEUE, lambda db, a, c: queue.transfer(db, a, c["counter_id"], to_counter=2)),
    ("receipts.print_receipt", P.VIEW_DOSSIER,
     lambda db, a, c: receipts.print_receipt(db, a, c["code"], c["folder"])),
    ("registration.register", P.REGISTER_DOSSIER,
     lambda db, a, c: registration.register(db, a, request(c["procedure"], NOW))),
    ("reports.build_report", P.VIEW_REPORTS,
     lambda db, a, c: reports.build_report(db, a, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)), NOW)),
    ("reports.filter_options", P.VIEW_REPORTS, lambda db, a, c: reports.filter_options(db, a)),
    ("settings.change_setting", P.EDIT_SETTINGS, lambda db, a, c: settings.change_setting(db, a, "receipt.copies", 1)),
    ("settings.change_settings", P.EDIT_SETTINGS,
     lambda db, a, c: settings.change_settings(db, a, {"receipt.copies": 3})),
    ("settings_file.export_settings", P.EDIT_SETTINGS, lambda db, a, c: settings_file.export_settings(db, a)),
    ("settings_file.import_settings", P.EDIT_SETTINGS,
     lambda db, a, c: settings_file.import_settings(db, a, c["folder"] / "khong-co.json")),
    ("users.add_user", P.MANAGE_USERS,
     lambda db, a, c: users.add_user(db, a, f"moi-{a.role.value}", Role.OFFICER, "mat-khau-dai-9")),
    ("users.change_password", P.MANAGE_USERS,
     lambda db, a, c: users.change_password(db, a, "huongdan" if a.role is not Role.GUIDE else "canbo",
                                            "dat-lai-boi-qt9")),
    ("watch.overdue_watch", P.SEARCH_DOSSIERS, lambda db, a, c: watch.overdue_watch(db, a, now=NOW)),
]

# Services that take an actor but are not a door of their own: they run inside a service above
# (which checked), only record who did something, or serve the ticket kiosk, which no one logs in to.
NOT_DOORS = {
    "audit_chain.record_digest": "hashes a record: `actor` is a field",
    "catalog.import_catalog_in": "inside import_catalog and the first-run setup",
    "journal.audit": "records who did what",
    "journal.dossier_changed": "records who did what",
    "lifecycle.act_in": "inside lifecycle.act (tested below with the lifecycle's own table)",
    "lifecycle.act": "the lifecycle's own role table: test_lifecycle_actions_follow_their_role_table",
    "registration.register_in": "inside register and the demo generator",
    "users.create_user": "inside add_user and the first-run setup",
    "privacy.log_view": "records a view", "privacy.log_lookup": "records a look-up",
    "privacy.log_export": "records an export", "privacy.masked_rows": "masks rows for the actor",
    "queue.void": "the kiosk voids a ticket its printer refused",
}


def _actor(db, role: Role) -> Actor:
    from sqlalchemy import select

    login = {Role.OFFICER: "canbo", Role.GUIDE: "huongdan", Role.SUPERVISOR: "lanhdao", Role.ADMIN: "quantri"}[role]
    with db.reading() as s:
        user = s.scalar(select(User).where(User.login == login))
    return Actor(login=login, role=role, user_id=user.id, counter_id=1, full_name=user.full_name)


def _context(db, tmp_path: Path) -> dict:
    from sqlalchemy import select

    from db.models import Counter, Procedure

    proc = procedure_code(db)
    code = register(db, OFFICER, request(proc, NOW)).code
    with db.reading() as s:
        online = s.scalar(select(Procedure.code).where(Procedure.online_level >= 3).order_by(Procedure.code).limit(1))
        counter_id = s.scalar(select(Counter.id).where(Counter.number == 1))
    return {"code": code, "procedure": proc, "online_procedure": online, "folder": tmp_path,
            "counter_id": counter_id}


def _outcome(call) -> str:
    try:
        call()
    except PermissionDenied:
        return "refused"
    except UserError:
        return "allowed"  # let in, then stopped by something that is not about the role
    return "allowed"


@pytest.mark.parametrize("role", list(Role))
def test_every_service_follows_the_matrix(db, tmp_path, role):
    actor, ctx = _actor(db, role), _context(db, tmp_path)
    wrong = []
    for name, permission, call in CALLS:
        expected = "allowed" if permission in MATRIX[role] else "refused"
        got = _outcome(lambda call=call: call(db, actor, ctx))
        if got != expected:
            wrong.append(f"{name}: {role.value} {got}, the matrix says {expected}")
    assert wrong == []


@pytest.mark.parametrize("role", list(Role))
def test_lifecycle_actions_follow_their_role_table(db, role):
    """Each action from the received state, as each role: the lifecycle's table decides."""
    from app.domain.vocab import DossierStatus as S
    from app.services.lifecycle import Facts

    actor, proc = _actor(db, role), procedure_code(db)
    wrong = []
    for (status, action), rule in TRANSITIONS.items():
        if status is not S.RECEIVED:
            continue
        code = register(db, OFFICER, request(proc, NOW)).code
        facts = Facts(reason="Lý do thử", division="Phòng Tư pháp", giver="Mai", taker="Bảo", at=NOW)
        got = _outcome(lambda code=code, action=action, facts=facts: lifecycle.act(db, actor, code, action, facts))
        expected = "allowed" if role in rule.roles else "refused"
        if got != expected:
            wrong.append(f"{action.value}: {role.value} {got}, the table says {expected}")
    assert wrong == []


def test_every_service_with_an_actor_is_in_the_matrix_test():
    listed = {name for name, _, _ in CALLS} | set(NOT_DOORS)
    found = set()
    for m in pkgutil.iter_modules(services_pkg.__path__):
        mod = importlib.import_module(f"app.services.{m.name}")
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ == mod.__name__ and not name.startswith("_") and "actor" in inspect.signature(fn).parameters:
                found.add(f"{m.name}.{name}")
    assert sorted(found - listed) == []  # a new door: add it to CALLS with its permission
    assert sorted(listed - found) == []  # a door that is gone


def test_the_written_matrix_is_the_enforced_one():
    from app.domain.roles_doc import matrix_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text(encoding="utf-8")
    assert matrix_markdown() in doc
    assert all(p in MATRIX[Role.ADMIN] for p in Permission)
    assert {a for (_s, a) in TRANSITIONS} == set(Action)  # every action is a step some role can take

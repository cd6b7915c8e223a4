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
from app.domain.vocab import USER_ROLES, DossierStatus, Role
from app.errors import PermissionDenied, UserError
from app.paths import CATALOG_FILE
from app.services import catalog, demo_data, procedure_search
from app.services.dossiers import (
    digitization,
    forms,
    lifecycle,
    numbering,
    online_inbox,
    payments,
    quarantine,
    receipts,
    reuse,
    watch,
)
from app.services.dossiers import listing as dossier_list
from app.services.dossiers import query as dossier_query
from app.services.guide import guidance
from app.services.intake import registration
from app.services.intake.registration import register
from app.services.notices import actions as notice_actions
from app.services.notices import consent as notice_consent
from app.services.notices import query as notice_query
from app.services.queue import tickets as queue
from app.services.ratings.answering import answer as rate
from app.services.ratings.answering import no_answer as leave_unrated
from app.services.ratings.answering import screen_actor
from app.services.reports import report as reports
from app.services.settings import calendar as calendar_service
from app.services.settings import file as settings_file
from app.services.settings import office
from app.services.settings import store as settings
from app.services.signing import query as signing_query
from app.services.signing import signing as signing_service
from app.services.trust import backup, db_copy, users
from db.models import User
from tests.helpers.factories import OFFICER, procedure_code, request

P = Permission
NOW = datetime(2026, 11, 23, 9, 30)

# (name, permission, call(db, actor, ctx)); ctx: a real dossier code, a procedure code, a folder.
FEES_OR_REPORTS = (P.COLLECT_FEES, P.VIEW_REPORTS)


def _closing():
    return importlib.import_module("app.services.fees.closing")


def _receipts():
    return importlib.import_module("app.services.fees.receipts")


CALLS = [
    ("trust.backup.backup", P.BACKUP, lambda db, a, c: backup.backup(db, c["folder"] / f"sao-luu-{a.role.value}.sqlite3",
                                                            actor=a)),
    ("trust.backup.restore", P.BACKUP, lambda db, a, c: backup.restore(db, c["folder"] / "khong-co.sqlite3", actor=a)),
    ("settings.calendar.add_override", P.EDIT_CALENDAR,
     lambda db, a, c: calendar_service.add_override(db, a, date(2026, 12, 28), calendar_service.DAY_OFF, "Họp")),
    ("settings.calendar.remove_override", P.EDIT_CALENDAR,
     lambda db, a, c: calendar_service.remove_override(db, a, date(2026, 12, 29))),
    ("catalog.import_catalog", P.EDIT_CATALOG, lambda db, a, c: catalog.import_catalog(db, a, CATALOG_FILE)),
    ("catalog.list_procedures", P.VIEW_CATALOG, lambda db, a, c: catalog.list_procedures(db, a)),
    ("procedure_search.recent_use_counts", P.VIEW_CATALOG,
     lambda db, a, c: procedure_search.recent_use_counts(db, a, datetime(2026, 11, 20, 9, 0))),
    ("demo_data.generate", P.GENERATE_DEMO_DATA, lambda db, a, c: demo_data.generate(db, a, 1, seed=7)),
    # Onto itself: refused as "the same database" once the role is let in (no copy is made here).
    ("trust.db_copy.copy_office", P.BACKUP,
     lambda db, a, c: db_copy.copy_office(db, db.url.render_as_string(hide_password=False), a)),
    ("dossiers.listing.fetch_page", P.SEARCH_DOSSIERS,
     lambda db, a, c: dossier_list.fetch_page(db, a, dossier_list.DossierFilter())),
    ("dossiers.query.dossier_detail", P.VIEW_DOSSIER, lambda db, a, c: dossier_query.dossier_detail(db, a, c["code"])),
    ("dossiers.query.search", P.SEARCH_DOSSIERS, lambda db, a, c: dossier_query.search(db, a, c["code"])),
    ("dossiers.forms.ledger_xlsx", P.EXPORT_DOSSIERS, lambda db, a, c: forms.ledger_xlsx(db, a, NOW.date(), NOW.date())),
    ("dossiers.forms.print_form", P.VIEW_DOSSIER, lambda db, a, c: forms.print_form(db, a, "control", c["code"], NOW)),
    ("dossiers.forms.print_ledger", P.EXPORT_DOSSIERS,
     lambda db, a, c: forms.print_ledger(db, a, NOW.date(), NOW.date(), NOW)),
    ("guide.guidance.guided_today", P.LOG_GUIDANCE, lambda db, a, c: guidance.guided_today(db, a, NOW.date())),
    ("guide.guidance.log_guidance", P.LOG_GUIDANCE, lambda db, a, c: guidance.log_guidance(db, a, c["online_procedure"])),
    ("guide.guidance.print_guide_sheet", P.VIEW_CATALOG,
     lambda db, a, c: guidance.print_guide_sheet(db, a, c["procedure"], c["folder"], NOW)),
    ("guide.guidance.recent", P.LOG_GUIDANCE, lambda db, a, c: guidance.recent(db, a)),
    ("dossiers.numbering.mark_reprinted", P.REGISTER_DOSSIER, lambda db, a, c: numbering.mark_reprinted(db, a, 999_999, "print")),
    ("dossiers.numbering.reprint_list", P.SEARCH_DOSSIERS, lambda db, a, c: numbering.reprint_list(db, a)),
    ("settings.office.add_counter", P.EDIT_SETTINGS, lambda db, a, c: office.add_counter(db, a, 7, "Quầy số 7")),
    ("settings.office.remove_counter", P.EDIT_SETTINGS, lambda db, a, c: office.remove_counter(db, a, 999_999)),
    ("settings.office.update_agency", P.EDIT_SETTINGS,
     lambda db, a, c: office.update_agency(db, a, phone="0270 3822 111")),
    ("settings.office.update_counter", P.EDIT_SETTINGS,
     lambda db, a, c: office.update_counter(db, a, c["counter_id"], name="Quầy số 1 (hộ tịch)")),
    ("dossiers.online_inbox.attachments", P.VIEW_DOSSIER,
     lambda db, a, c: online_inbox.attachments(db, a, c["code"], c["folder"])),
    ("dossiers.online_inbox.inbox", P.VIEW_DOSSIER, lambda db, a, c: online_inbox.inbox(db, a)),
    ("dossiers.online_inbox.open_attachment", P.VIEW_PERSONAL_DATA,
     lambda db, a, c: online_inbox.open_attachment(db, a, c["code"], "x.pdf", c["folder"])),
    # Fees (docs/fees.md): the registered dossier owes nothing, and there is no payment 999999:
    # refused after the role.
    ("dossiers.payments.record_payment", P.COLLECT_FEES,
     lambda db, a, c: payments.record_payment(db, a, c["code"], 1000, "cash")),
    ("dossiers.payments.void_payment", P.COLLECT_FEES,
     lambda db, a, c: payments.void_payment(db, a, 999_999, "Ghi nhầm")),
    ("dossiers.payments.owed_dossiers", P.SEARCH_DOSSIERS, lambda db, a, c: payments.owed_dossiers(db, a)),
    # Closings (app/services/fees/closing.py): counter 1 took nothing, closing 999999 is not there.
    # FEES_OR_REPORTS: the officer for their own counter, or whoever sees the reports.
    ("fees.closing.closing_draft", P.COLLECT_FEES, lambda db, a, c: _closing().closing_draft(db, a, c["counter_id"])),
    ("fees.closing.close_counter", P.COLLECT_FEES,
     lambda db, a, c: _closing().close_counter(db, a, c["counter_id"], 0)),
    ("fees.closing.correct_closing", FEES_OR_REPORTS,
     lambda db, a, c: _closing().correct_closing(db, a, 999_999, 1000, "Tìm thấy tiền")),
    ("fees.closing.closings", FEES_OR_REPORTS, lambda db, a, c: _closing().closings(db, a, NOW.date(), NOW.date())),
    ("fees.closing.open_differences", FEES_OR_REPORTS, lambda db, a, c: _closing().open_differences(db, a)),
    ("fees.closing.closing_sheet", FEES_OR_REPORTS, lambda db, a, c: _closing().closing_sheet(db, a, 999_999)),
    ("fees.closing.closing_pdf", FEES_OR_REPORTS, lambda db, a, c: _closing().closing_pdf(db, a, 999_999)),
    ("fees.closing.closing_xlsx", FEES_OR_REPORTS, lambda db, a, c: _closing().closing_xlsx(db, a, 999_999)),
    ("fees.closing.payment_slip_pdf", P.COLLECT_FEES, lambda db, a, c: _closing().payment_slip_pdf(db, a, 999_999)),
    ("fees.slip.slip_pdf", P.COLLECT_FEES,
     lambda db, a, c: importlib.import_module("app.services.fees.slip").slip_pdf(db, a, 999_999)),
    # Receipts (app/services/fees/receipts.py): there is no receipt 999999, refused after the role.
    ("fees.receipts.cancel_receipt", P.COLLECT_FEES, lambda db, a, c: _receipts().cancel_receipt(db, a, 999_999, "Sai")),
    ("fees.receipts.enter_paper_number", P.COLLECT_FEES, lambda db, a, c: _receipts().enter_paper_number(
        db, a, 999_999, _receipts().PaperNumber("01BLP0-001", "AA-26P", "1"))),
    ("fees.receipts.retry_receipt", P.COLLECT_FEES, lambda db, a, c: _receipts().retry_receipt(db, a, 999_999)),
    ("fees.receipts.receipt_list", FEES_OR_REPORTS, lambda db, a, c: _receipts().receipt_list(db, a)),
    ("dossiers.quarantine.correct_contact", P.REGISTER_DOSSIER,
     lambda db, a, c: quarantine.correct_contact(db, a, c["code"], {"applicant_phone": "0912345678"}, "Gõ nhầm")),
    ("dossiers.quarantine.quarantined", P.VIEW_DOSSIER, lambda db, a, c: quarantine.quarantined(db, a)),
    ("dossiers.quarantine.retry", P.REGISTER_DOSSIER, lambda db, a, c: quarantine.retry(db, a, 999_999)),
    ("queue.tickets.call_next", P.SERVE_QUEUE, lambda db, a, c: queue.call_next(db, a, c["counter_id"])),
    ("queue.tickets.recall", P.SERVE_QUEUE, lambda db, a, c: queue.recall(db, a, c["counter_id"])),
    ("queue.tickets.serve", P.SERVE_QUEUE, lambda db, a, c: queue.serve(db, a, c["counter_id"])),
    ("queue.tickets.done", P.SERVE_QUEUE, lambda db, a, c: queue.done(db, a, c["counter_id"])),
    ("queue.tickets.no_show", P.SERVE_QUEUE, lambda db, a, c: queue.no_show(db, a, c["counter_id"])),
    ("queue.tickets.set_counter_groups", P.ARRANGE_QUEUE,
     lambda db, a, c: queue.set_counter_groups(db, a, c["counter_id"], None)),
    ("queue.tickets.transfer", P.SERVE_QUEUE, lambda db, a, c: queue.transfer(db, a, c["counter_id"], to_counter=2)),
    ("dossiers.receipts.print_receipt", P.VIEW_DOSSIER,
     lambda db, a, c: receipts.print_receipt(db, a, c["code"], c["folder"])),
    ("intake.registration.register", P.REGISTER_DOSSIER,
     lambda db, a, c: registration.register(db, a, request(c["procedure"], NOW))),
    ("reports.report.build_report", P.VIEW_REPORTS,
     lambda db, a, c: reports.build_report(db, a, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)), NOW)),
    ("reports.report.filter_options", P.VIEW_REPORTS, lambda db, a, c: reports.filter_options(db, a)),
    ("reports.satisfaction.build_satisfaction", P.VIEW_REPORTS,
     lambda db, a, c: importlib.import_module("app.services.reports.satisfaction").build_satisfaction(
         db, a, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)))),
    ("reports.fees.fee_report", P.VIEW_REPORTS,
     lambda db, a, c: importlib.import_module("app.services.reports.fees").fee_report(
         db, a, date(2026, 11, 1), date(2026, 11, 30))),
    ("settings.store.change_setting", P.EDIT_SETTINGS, lambda db, a, c: settings.change_setting(db, a, "receipt.copies", 1)),
    ("settings.store.change_settings", P.EDIT_SETTINGS,
     lambda db, a, c: settings.change_settings(db, a, {"receipt.copies": 3})),
    ("settings.file.export_settings", P.EDIT_SETTINGS, lambda db, a, c: settings_file.export_settings(db, a)),
    ("settings.file.import_settings", P.EDIT_SETTINGS,
     lambda db, a, c: settings_file.import_settings(db, a, c["folder"] / "khong-co.json")),
    ("trust.users.add_user", P.MANAGE_USERS,
     lambda db, a, c: users.add_user(db, a, f"moi-{a.role.value}", Role.OFFICER, "mat-khau-dai-9")),
    ("trust.users.change_password", P.MANAGE_USERS,
     lambda db, a, c: users.change_password(db, a, "huongdan" if a.role is not Role.GUIDE else "canbo",
                                            "dat-lai-boi-qt9")),
    ("dossiers.watch.overdue_watch", P.SEARCH_DOSSIERS, lambda db, a, c: watch.overdue_watch(db, a, now=NOW)),
    ("dossiers.digitization.record_digitization", P.REGISTER_DOSSIER,
     lambda db, a, c: digitization.record_digitization(db, a, c["code"], 0, "shown", data_dir=c["folder"])),
    ("dossiers.digitization.attach_result", P.CHANGE_DOSSIER,  # received, no result yet: refused after the role
     lambda db, a, c: digitization.attach_result(db, a, c["code"], [digitization.FileInput(b"%PDF-1.4")],
                                                 c["folder"])),
    ("dossiers.digitization.dossier_files", P.VIEW_DOSSIER,
     lambda db, a, c: digitization.dossier_files(db, a, c["code"])),
    ("dossiers.digitization.open_dossier_file", P.VIEW_PERSONAL_DATA,
     lambda db, a, c: digitization.open_dossier_file(db, a, c["code"], "0" * 64, c["folder"])),
    # Reuse: recording the line (REGISTER_DOSSIER) from another dossier's scans, which needs
    # VIEW_PERSONAL_DATA too; every role with the first has the second.
    ("dossiers.reuse.reusable_documents", P.REGISTER_DOSSIER,
     lambda db, a, c: reuse.reusable_documents(db, a, c["code"], 0, data_dir=c["folder"])),
    ("notices.query.notices_of", P.VIEW_DOSSIER, lambda db, a, c: notice_query.notices_of(db, a, c["code"])),
    ("notices.query.failed_notices", P.MANAGE_NOTICES, lambda db, a, c: notice_query.failed_notices(db, a)),
    ("notices.query.recent_notices", P.MANAGE_NOTICES, lambda db, a, c: notice_query.recent_notices(db, a)),
    ("notices.actions.retry", P.MANAGE_NOTICES, lambda db, a, c: notice_actions.retry(db, a, "khong-co")),
    ("notices.actions.cancel", P.MANAGE_NOTICES, lambda db, a, c: notice_actions.cancel(db, a, "khong-co")),
    ("notices.actions.send_test", P.EDIT_SETTINGS,  # no channel set up: refused after the role
     lambda db, a, c: notice_actions.send_test(db, a, "sms", "0912345678")),
    ("notices.consent.dossier_consent", P.VIEW_DOSSIER,
     lambda db, a, c: notice_consent.dossier_consent(db, a, c["code"])),
    ("notices.consent.change_consent", P.CHANGE_DOSSIER,
     lambda db, a, c: notice_consent.change_consent(db, a, c["code"], ["email"])),
    ("dossiers.reuse.reusable_count", P.REGISTER_DOSSIER, lambda db, a, c: reuse.reusable_count(db, a, c["code"])),
    ("dossiers.reuse.candidate_bytes", P.REGISTER_DOSSIER,  # a dossier that is not there: refused after the role
     lambda db, a, c: reuse.candidate_bytes(db, a, reuse.ReuseCandidate(
         "local", "x", "KHONG-CO", None, "0" * 64, "application/pdf", 1, 1), c["folder"])),
    # The citizen's rating: only the counter's rating screen records it (a rating not asked at this
    # counter: refused after the role).
    ("ratings.answering.answer", P.RECORD_RATING,
     lambda db, a, c: rate(db, c["counter_id"], "khong-co", 5, [], "screen", NOW, actor=a)),
    ("ratings.answering.no_answer", P.RECORD_RATING,
     lambda db, a, c: leave_unrated(db, c["counter_id"], "khong-co", NOW, actor=a)),
    ("dossiers.reuse.reuse_document", P.REGISTER_DOSSIER,  # a candidate not offered: refused after the role
     lambda db, a, c: reuse.reuse_document(db, a, c["code"], 0, reuse.ReuseCandidate(
         "local", "x", None, None, "0" * 64, "application/pdf", 1, 1), c["folder"])),
    # Digital signatures (app/services/signing/): a document that is not there is refused after the
    # role, before any signer is used (so none is given).
    ("signing.query.unsigned", P.SIGN_DOCUMENTS, lambda db, a, c: signing_query.unsigned(db, a)),
    ("signing.query.documents_of", P.VIEW_DOSSIER, lambda db, a, c: signing_query.documents_of(db, a, c["code"])),
    ("signing.query.signed_pdf", P.VIEW_DOSSIER,
     lambda db, a, c: signing_query.signed_pdf(db, a, 999_999, c["folder"])),
    ("signing.signing.sign_document", P.SIGN_DOCUMENTS,
     lambda db, a, c: signing_service.sign_document(db, a, 999_999, None, c["folder"])),
    ("signing.signing.sign_pending", P.SIGN_DOCUMENTS,
     lambda db, a, c: signing_service.sign_pending(db, a, None, c["folder"], dossier_code="KHONG-CO")),
]

# Services that take an actor but are not a door of their own: they run inside a service above
# (which checked), only record who did something, or serve the ticket kiosk, which no one logs in to.
NOT_DOORS = {
    "trust.audit_chain.record_digest": "hashes a record: `actor` is a field",
    "catalog.import_catalog_in": "inside import_catalog and the first-run setup",
    "journal.audit": "records who did what",
    "journal.dossier_changed": "records who did what",
    "dossiers.lifecycle.act_in": "inside lifecycle.act (tested below with the lifecycle's own table)",
    "dossiers.digitization.record_digitization_in": "inside record_digitization",
    "dossiers.lifecycle.act": "the lifecycle's own role table: test_lifecycle_actions_follow_their_role_table",
    "intake.registration.register_in": "inside register and the demo generator",
    "trust.users.create_user": "inside add_user and the first-run setup",
    "trust.privacy.log_view": "records a view", "trust.privacy.log_lookup": "records a look-up",
    "trust.privacy.log_export": "records an export", "trust.privacy.masked_rows": "masks rows for the actor",
    "queue.tickets.void": "the kiosk voids a ticket its printer refused",
    "notices.consent.record_consent_in": "inside registration and change_consent",
    "ratings.ask.ask_in": "inside queue.tickets.done and lifecycle.act_in: asks, records no score",
    "signing.signing.note_failure": "records a failure inside sign_document (`actor` names who tried)",
    "fees.receipts.open_receipt_in": "inside record_payment (its permission)",
    "fees.receipts.void_receipts_in": "inside void_payment (its permission)",
}


def _actor(db, role: Role) -> Actor:
    from sqlalchemy import select

    if role is Role.RATING_SCREEN:  # no account: the counter's rating screen acts as itself
        from db.models import Counter

        with db.reading() as s:
            return screen_actor(s.scalar(select(Counter.id).where(Counter.number == 1)))
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
        anyof = permission if isinstance(permission, tuple) else (permission,)  # any one of them lets in
        expected = "allowed" if any(p in MATRIX[role] for p in anyof) else "refused"
        got = _outcome(lambda call=call: call(db, actor, ctx))
        if got != expected:
            wrong.append(f"{name}: {role.value} {got}, the matrix says {expected}")
    assert wrong == []


@pytest.mark.parametrize("role", list(Role))
def test_lifecycle_actions_follow_their_role_table(db, role):
    """Each action from the received state, as each role: the lifecycle's table decides."""
    from app.domain.vocab import DossierStatus as S
    from app.services.dossiers.lifecycle import Facts

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


@pytest.mark.parametrize("role", USER_ROLES)  # an approver logs in: the rating screen has no account
def test_a_second_supplement_is_approved_only_by_a_role_that_may(db, role):
    """The approver of a second supplement request (Decree 118/2025 Art. 11), logged in beside the
    officer with their own password, as each role: `approve_repeat_supplement` decides."""
    from app.services.bootstrap import DEMO_PASSWORD
    from app.services.dossiers.lifecycle import Facts

    approver = _actor(db, role)
    code = register(db, OFFICER, request(procedure_code(db), NOW)).code
    lifecycle.act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Thiếu", at=NOW))
    lifecycle.act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=NOW))
    again = Facts(items=["Tờ khai"], reason="Thiếu", ground="Căn cứ mới", at=NOW,
                  approver_login=approver.login, approver_password=DEMO_PASSWORD)
    try:
        lifecycle.act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, again)
        got = "approved"
    except UserError as exc:
        assert "không có quyền phê duyệt" in str(exc)
        got = "refused"
    assert got == ("approved" if P.APPROVE_REPEAT_SUPPLEMENT in MATRIX[role] else "refused")


def test_every_service_with_an_actor_is_in_the_matrix_test():
    listed = {name for name, _, _ in CALLS} | set(NOT_DOORS)
    found = set()
    for m in pkgutil.walk_packages(services_pkg.__path__, "app.services."):
        mod = importlib.import_module(m.name)
        where = m.name.removeprefix("app.services.")
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ == mod.__name__ and not name.startswith("_") and "actor" in inspect.signature(fn).parameters:
                found.add(f"{where}.{name}")
    assert sorted(found - listed) == []  # a new door: add it to CALLS with its permission
    assert sorted(listed - found) == []  # a door that is gone


def test_the_written_matrix_is_the_enforced_one():
    from app.domain.roles_doc import matrix_markdown, privacy_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text(encoding="utf-8")
    assert matrix_markdown() in doc
    assert privacy_markdown() in doc  # what a supervisor sees of an applicant, from the masking rule itself
    # Everything but the citizen's own rating, which only the counter's rating screen records.
    assert set(MATRIX[Role.ADMIN]) == set(Permission) - {P.RECORD_RATING}
    assert MATRIX[Role.RATING_SCREEN] == {P.RECORD_RATING}
    assert [r for r in Role if P.RECORD_RATING in MATRIX[r]] == [Role.RATING_SCREEN]
    assert {a for (_s, a) in TRANSITIONS} == set(Action)  # every action is a step some role can take



# ---- Personal data on every path that shows an applicant --------------------------------------
# Every path is called as every role on one dossier whose applicant has all the personal data; the
# output is read as a person would get it (pdftotext of a PDF, the cells of a workbook, the JSON or
# text of the command line). A role with view_personal_data gets the whole values the path carries;
# any other role allowed on the path gets none of them whole, only their masked forms.

WHOLE = {"id": "079090004321", "phone": "0939123456", "email": "an.nguyen@example.vn", "street": "12 Lê Lợi",
         "birth": "1990"}
# The street masked, the commune kept (the ledger leaves out the office's own province).
MASKED = {"id": "079******321", "phone": "093****456", "email": "a********@example.vn",
          "street": "***, Phường 1", "birth": "**/**/****"}
# The supplement's reason carries the phone too: free text is masked like the field.
SUPPLEMENT_NOTE = "Bản sao giấy khai sinh; Gọi lại số 0939123456 khi bổ sung"


def _pdf_text(pdf: bytes, folder: Path) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf", dir=folder, delete=False) as f:
        f.write(pdf)
    out = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def _json_text(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _person():
    from tests.helpers.factories import citizen

    return citizen(id_number=WHOLE["id"], phone=WHOLE["phone"], email=WHOLE["email"])


def _applicant_dossiers(db) -> dict:
    """Dossiers of one applicant with every form printable: extended, asked for a supplement
    (with the phone in the reason), stopped; one refused after a supplement request; and one still
    open (on the watch list once it is late)."""
    from datetime import timedelta

    from app.services.dossiers.lifecycle import Facts
    from app.services.intake.registration import FeeLine

    proc = procedure_code(db)
    person = _person()
    codes = {}
    for key in ("stopped", "refused"):
        reg = register(db, OFFICER, request(proc, NOW, applicant=person, fees=[FeeLine("Lệ phí", 30000)]))
        codes[key] = reg.code
        at = NOW + timedelta(minutes=5)
        if key == "stopped":
            lifecycle.act(db, OFFICER, reg.code, Action.EXTEND,
                          Facts(reason="Chờ xác minh", at=at, new_due=reg.due_at + timedelta(days=3)))
        lifecycle.act(db, OFFICER, reg.code, Action.REQUEST_SUPPLEMENT,
                      Facts(reason=SUPPLEMENT_NOTE, at=at + timedelta(minutes=1)))
        final = Action.STOP if key == "stopped" else Action.REFUSE
        lifecycle.act(db, Actor.system(), reg.code, final, Facts(reason="Công dân đề nghị", at=at + timedelta(minutes=2)))
    codes["open"] = register(db, OFFICER, request(proc, NOW, applicant=person)).code
    return codes


def _form(form: str):
    key = "refused" if form == "refusal" else "stopped"
    return lambda db, a, c: _pdf_text(forms.print_form(db, a, form, c[key], NOW), c["folder"])


def _report(fmt: str):
    def call(db, a, c):
        from printing.report_pdf import build_report_pdf
        from printing.report_xlsx import build_report_xlsx

        r = reports.build_report(db, a, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)), NOW)
        return _xlsx_text(build_report_xlsx(r)) if fmt == "xlsx" else _pdf_text(build_report_pdf(r), c["folder"])
    return call


def _fee_report(fmt: str):
    def call(db, a, c):
        from app.services.reports.fees import fee_report
        from printing.report_fees import fee_report_pdf, fee_report_xlsx

        r = fee_report(db, a, date(2026, 11, 1), date(2026, 11, 30), now=NOW)
        return _xlsx_text(fee_report_xlsx(r)) if fmt == "xlsx" else _pdf_text(fee_report_pdf(r), c["folder"])
    return call


# (path, permission it needs, the personal data it carries, call(db, actor, ctx) -> the text shown)
PATHS = [
    ("dossier detail (screen, return page, inbox)", P.VIEW_DOSSIER, ("id", "phone", "email", "street", "birth"),
     lambda db, a, c: _json_text(dossier_query.dossier_detail(db, a, c["stopped"]))),
    ("search by CCCD", P.SEARCH_DOSSIERS, ("id", "phone"),
     lambda db, a, c: _json_text([r.to_json() for r in dossier_query.search(db, a, WHOLE["id"])])),
    ("dossier list", P.SEARCH_DOSSIERS, ("id", "phone"),
     lambda db, a, c: _json_text([r.to_json() for r in dossier_list.fetch_page(
         db, a, dossier_list.DossierFilter(text=WHOLE["phone"]))])),
    ("receipt reprint", P.VIEW_DOSSIER, ("id", "phone", "email", "street"),
     lambda db, a, c: _pdf_text(receipts.print_receipt(db, a, c["stopped"], c["folder"]).pdf, c["folder"])),
    *[(f"form {f}", P.VIEW_DOSSIER, carries, _form(f)) for f, carries in (
        ("supplement", ("phone", "street")), ("refusal", ("id", "phone", "street")),
        ("apology", ("id", "phone", "street")), ("stop", ("phone", "street")),
        ("control", ("phone",)),  # the supplement's reason, in the history rows
        ("fee_notice", ("street",)))],
    ("ledger pdf", P.EXPORT_DOSSIERS, ("phone", "street"),
     lambda db, a, c: _pdf_text(forms.print_ledger(db, a, NOW.date(), NOW.date(), NOW), c["folder"])),
    ("ledger xlsx", P.EXPORT_DOSSIERS, ("phone", "street"),
     lambda db, a, c: _xlsx_text(forms.ledger_xlsx(db, a, NOW.date(), NOW.date()))),
    ("overdue watch", P.SEARCH_DOSSIERS, ("id", "phone"),
     lambda db, a, c: _json_text([r.to_json() for r in watch.overdue_watch(db, a, now=LATE).overdue.rows])),
    ("reprint list (sync page)", P.SEARCH_DOSSIERS, (),  # empty here: its phone is checked in test_numbering
     lambda db, a, c: _json_text(numbering.reprint_list(db, a))),
    ("report xlsx", P.VIEW_REPORTS, (), _report("xlsx")),  # counts only: no applicant for anyone
    ("report pdf", P.VIEW_REPORTS, (), _report("pdf")),
    ("fee report pdf", P.VIEW_REPORTS, (), _fee_report("pdf")),  # payers' names only, no id or phone
    ("fee report xlsx", P.VIEW_REPORTS, (), _fee_report("xlsx")),
]


LATE = datetime(2027, 12, 1, 9, 0)  # every open dossier is overdue by then


def _check_output(role: Role, name: str, allowed: bool, carries: tuple[str, ...], shown) -> list[str]:
    """What is wrong with what `role` got from the path `name` (`allowed`: whether the tables let
    it in; shown: the text, or "refused")."""
    if shown == "refused" or not allowed:
        return [] if (shown == "refused") == (not allowed) else [f"{name}: {role.value} refused={shown == 'refused'}"]
    if Permission.VIEW_PERSONAL_DATA in MATRIX[role]:
        return [f"{name}: {role.value} lacks the whole {k}" for k in carries if WHOLE[k] not in shown]
    wrong = [f"{name}: {role.value} sees the whole {k}" for k, v in WHOLE.items() if v in shown]
    return wrong + [f"{name}: {role.value} lacks the masked {k}" for k in carries if MASKED[k] not in shown]


@pytest.mark.parametrize("role", list(Role))
def test_personal_data_on_every_path_follows_the_matrix(db, tmp_path, role):
    codes = _applicant_dossiers(db)
    ctx = {**codes, "folder": tmp_path}
    archived = receipts.print_receipt(db, OFFICER, codes["stopped"], tmp_path)  # the citizen's receipt
    actor, wrong = _actor(db, role), []
    for name, permission, carries, call in PATHS:
        try:
            shown = call(db, actor, ctx)
        except PermissionDenied:
            shown = "refused"
        wrong += _check_output(role, name, permission in MATRIX[role], carries, shown)
    assert wrong == []
    # The archive is the citizen's receipt whatever anyone printed since.
    assert archived.path.read_bytes() == archived.pdf
    if MATRIX[role] >= {P.VIEW_DOSSIER} and P.VIEW_PERSONAL_DATA not in MATRIX[role]:
        copy = receipts.print_receipt(db, actor, codes["stopped"], tmp_path)
        assert (copy.masked, copy.path, copy.reprint) == (True, None, False)
        assert "BẢN XEM CHE THÔNG TIN CÁ NHÂN" in _pdf_text(copy.pdf, tmp_path)
        detail = dossier_query.dossier_detail(db, actor, codes["stopped"])
        assert detail["masked"] and detail["applicant_birth_date"] == MASKED["birth"]
        assert "1990" not in _json_text(detail["applicant_birth_date"])


@pytest.mark.parametrize("role", list(Role))
def test_the_apology_letter_made_by_an_extension_is_shown_as_its_author_may_see_it(db, tmp_path, role):
    """An extension makes its apology letter (form 04) in its own transaction and opens it at once
    for whoever extended: that is a path too (a supervisor extends from the watch page)."""
    from datetime import timedelta

    from app.services.dossiers.lifecycle import Facts

    code = _applicant_dossiers(db)["stopped"]
    fresh = register(db, OFFICER, request(procedure_code(db), NOW, applicant=_person()))
    facts = Facts(reason="Chờ xác minh", at=NOW + timedelta(hours=1), new_due=fresh.due_at + timedelta(days=2))
    try:
        letter = _pdf_text(lifecycle.act(db, _actor(db, role), fresh.code, Action.EXTEND, facts).document, tmp_path)
    except PermissionDenied:
        letter = "refused"
    may_extend = role in TRANSITIONS[(DossierStatus.RECEIVED, Action.EXTEND)].roles
    assert _check_output(role, "extension letter", may_extend, ("id", "phone", "street"), letter) == []
    # Printed again later from the dossier screen, the letter follows the reader, not the author.
    assert WHOLE["id"] in _pdf_text(forms.print_form(db, OFFICER, "apology", code, NOW), tmp_path)


def test_a_masked_view_keeps_its_audit_record(db, tmp_path):
    from sqlalchemy import select

    from db.models import AuditRecord

    codes = _applicant_dossiers(db)
    boss = _actor(db, Role.SUPERVISOR)
    dossier_query.dossier_detail(db, boss, codes["stopped"])
    forms.print_form(db, boss, "refusal", codes["refused"], NOW)
    receipts.print_receipt(db, boss, codes["stopped"], tmp_path)
    with db.reading() as s:
        rows = s.execute(select(AuditRecord.actor, AuditRecord.action, AuditRecord.entity_id, AuditRecord.details)
                         .where(AuditRecord.actor == "lanhdao").order_by(AuditRecord.id)).all()
    assert [(a, act, e, d.get("what"), d.get("masked")) for a, act, e, d in rows] == [
        ("lanhdao", "dossier.view", codes["stopped"], "detail", True),
        ("lanhdao", "dossier.view", codes["refused"], "form:refusal", True),
        ("lanhdao", "receipt.masked_copy", codes["stopped"], None, True)]
    assert not (tmp_path / "receipts").exists()  # a masked copy is never archived


def test_the_ledger_masks_for_a_role_that_may_export_but_not_see_personal_data(db, tmp_path, monkeypatch):
    """No role has export_dossiers without view_personal_data today; the ledger still follows the
    second on its own (the matrix is patched for this test only)."""
    monkeypatch.setitem(MATRIX, Role.SUPERVISOR, MATRIX[Role.SUPERVISOR] | {P.EXPORT_DOSSIERS})
    _applicant_dossiers(db)
    boss = _actor(db, Role.SUPERVISOR)
    wrong = []
    for name, permission, carries, call in PATHS:
        if name.startswith("ledger"):
            shown = call(db, boss, {"folder": tmp_path})
            wrong += _check_output(Role.SUPERVISOR, name, permission in MATRIX[Role.SUPERVISOR], carries, shown)
    assert wrong == []


# ---- The command line: `--as LOGIN --password-stdin`, else the system account ------------------

LOGINS = {Role.OFFICER: "canbo", Role.GUIDE: "huongdan", Role.SUPERVISOR: "lanhdao", Role.ADMIN: "quantri"}


def _cli(capsys, monkeypatch, db_url: str, data: Path, *argv: str, login: str | None = None):
    import io
    import sys

    from app.cli.main import main
    from app.services.bootstrap import DEMO_PASSWORD

    who = ["--as", login, "--password-stdin"] if login else []
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    rc = main([*argv, "--db", db_url, "--data-dir", str(data), *who])
    out, err = capsys.readouterr()
    return rc, out, err


def _cli_paths(stopped: str, refused: str, out: Path):
    """(name, permission, carries, argv, the file it writes or None for stdout)"""
    paths = [("cli dossier show", P.VIEW_DOSSIER, ("id", "phone", "email", "street", "birth"),
              ["dossier", "show", stopped], None),
             ("cli dossier show --json", P.VIEW_DOSSIER, ("id", "phone", "email", "street", "birth"),
              ["dossier", "show", stopped, "--json"], None),
             ("cli dossier search", P.SEARCH_DOSSIERS, ("id", "phone"),
              ["dossier", "search", WHOLE["id"], "--json"], None),
             ("cli print receipt", P.VIEW_DOSSIER, ("id", "phone", "email", "street"),
              ["print", "receipt", stopped, "-o", str(out / "r.pdf")], out / "r.pdf")]
    for form, carries in (("supplement", ("phone", "street")), ("refusal", ("id", "phone", "street")),
                          ("apology", ("id", "phone", "street")), ("stop", ("phone", "street")),
                          ("control", ("phone",)), ("fee-notice", ("street",))):
        code = refused if form == "refusal" else stopped
        paths.append((f"cli print {form}", P.VIEW_DOSSIER, carries, ["print", form, code, "-o", str(out / f"{form}.pdf")],
                      out / f"{form}.pdf"))
    day_ = f"{NOW:%d/%m/%Y}"
    for fmt in ("pdf", "xlsx"):
        paths.append((f"cli print ledger {fmt}", P.EXPORT_DOSSIERS, ("phone", "street"),
                      ["print", "ledger", "--from", day_, "--to", day_, "-o", str(out / f"so.{fmt}")], out / f"so.{fmt}"))
        paths.append((f"cli report {fmt}", P.VIEW_REPORTS, (),
                      ["report", "--from", "01/11/2026", "--to", "30/11/2026", "-o", str(out / f"bc.{fmt}")],
                      out / f"bc.{fmt}"))
    paths.append(("cli report json", P.VIEW_REPORTS, (), ["report", "--from", "01/11/2026", "--to", "30/11/2026"], None))
    paths.append(("cli fees report", P.VIEW_REPORTS, (),
                  ["fees", "report", "--from", "01/11/2026", "--to", "30/11/2026", "--json",
                   "--pdf", str(out / "thu-phi.pdf")], None))
    return paths


@pytest.mark.parametrize("role", USER_ROLES)  # `--as LOGIN`: the rating screen has no account
def test_the_command_line_as_a_user_follows_the_matrix(db, sqlite_url, tmp_path, capsys, monkeypatch, role):
    from sqlalchemy import select

    from db.models import AuditRecord

    codes = _applicant_dossiers(db)
    out = tmp_path / "ra"
    out.mkdir()
    wrong = []
    for name, permission, carries, argv, target in _cli_paths(codes["stopped"], codes["refused"], out):
        rc, stdout, err = _cli(capsys, monkeypatch, sqlite_url, tmp_path / "data", *argv, login=LOGINS[role])
        if rc != 0:
            assert rc == 1 and err.count("\n") == 1 and "không được phép" in err, (name, err)
            shown = "refused"
        elif target is None:
            shown = stdout
        else:
            data = target.read_bytes()
            shown = _xlsx_text(data) if target.suffix == ".xlsx" else _pdf_text(data, tmp_path)
        wrong += _check_output(role, name, permission in MATRIX[role], carries, shown)
    assert wrong == []
    with db.reading() as s:  # the audit names the user, never the system account
        actors = set(s.scalars(select(AuditRecord.actor).where(AuditRecord.action.in_(
            ["dossier.view", "dossier.lookup", "receipt.print", "receipt.reprint", "receipt.masked_copy",
             "export.ledger"]))))
    assert actors == ({LOGINS[role]} if P.VIEW_DOSSIER in MATRIX[role] else set())


def test_the_command_line_without_as_is_the_system_account_and_a_wrong_password_is_refused(
        db, sqlite_url, tmp_path, capsys, monkeypatch):
    codes = _applicant_dossiers(db)
    rc, out, _ = _cli(capsys, monkeypatch, sqlite_url, tmp_path / "data", "dossier", "show", codes["stopped"])
    assert rc == 0 and WHOLE["id"] in out and WHOLE["phone"] in out  # the administrator's view
    import io
    import sys

    from app.cli.main import main

    monkeypatch.setattr(sys, "stdin", io.StringIO("sai-mat-khau-1\n"))
    rc = main(["dossier", "show", codes["stopped"], "--db", sqlite_url, "--as", "lanhdao", "--password-stdin"])
    out, err = capsys.readouterr()
    assert (rc, out) == (1, "") and err == "motcua: lỗi: Tên đăng nhập hoặc mật khẩu không đúng.\n"
    rc, out, err = _cli(capsys, monkeypatch, sqlite_url, tmp_path / "data", "dossier", "show", codes["stopped"],
                        "--password-stdin")
    assert (rc, out) == (1, "") and "--as" in err and err.count("\n") == 1

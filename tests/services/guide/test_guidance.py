"""The guide desk's log: one record and one audit record per citizen helped, the phone number only
with consent, only roles allowed to log, and the desk's counts; where a procedure is filed online."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.domain.permissions import MATRIX, Actor, Permission
from app.domain.vocab import Role
from app.errors import NotFound, PermissionDenied, UserError
from app.services.guide.guidance import guided_today, log_guidance, online_filing, recent
from app.services.settings.store import SPECS, change_setting, load_settings
from db.models import AuditRecord, GuidanceRecord, User

MON = datetime(2026, 11, 23, 9, 30)
BIRTH = "1.001193"  # Đăng ký khai sinh, level 4
CONTRACT = "2.009201"  # Chứng thực hợp đồng, level 2: at the counter only


def guide(db, login: str = "huongdan") -> Actor:
    with db.reading() as s:
        user = s.scalar(select(User).where(User.login == login))
    return Actor(login=login, role=Role(user.role), user_id=user.id, full_name=user.full_name)


def counts(db) -> tuple[int, int]:
    with db.reading() as s:
        return (s.scalar(select(func.count(GuidanceRecord.id))),
                s.scalar(select(func.count(AuditRecord.id)).where(AuditRecord.action == "guidance.log")))


def test_log_writes_the_record_and_its_audit_in_one_transaction(db):
    g = guide(db)
    entry = log_guidance(db, g, BIRTH, phone="0912 345 678", consent=True, at=MON)
    assert (entry.procedure_code, entry.procedure_name, entry.at, entry.phone_left) == (
        BIRTH, "Đăng ký khai sinh", MON, True)
    with db.reading() as s:
        record = s.scalar(select(GuidanceRecord))
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "guidance.log"))
    assert (record.uuid, record.at, record.user_id, record.phone, record.phone_consent) == (
        entry.uuid, MON, g.user_id, "0912345678", True)
    assert (audit.entity, audit.entity_id, audit.actor, audit.user_id, audit.at) == (
        "guidance", record.uuid, "huongdan", g.user_id, MON)
    assert audit.details == {"procedure": BIRTH, "phone_left": True}  # the number itself stays in the log row
    assert counts(db) == (1, 1)


def test_a_failure_after_the_record_leaves_neither_record_nor_audit(db, monkeypatch):
    import app.services.guide.guidance as guidance

    def broken_audit(*_args, **_kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(guidance, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        log_guidance(db, guide(db), BIRTH, at=MON)
    assert counts(db) == (0, 0)


def test_without_a_phone_nothing_personal_is_kept(db):
    log_guidance(db, guide(db), BIRTH, consent=True, at=MON)  # consent ticked, no number typed
    with db.reading() as s:
        record = s.scalar(select(GuidanceRecord))
    assert record.phone is None and record.phone_consent is False


def test_a_phone_without_consent_is_refused_and_nothing_written(db):
    with pytest.raises(UserError, match="Chỉ ghi số điện thoại khi công dân đồng ý") as caught:
        log_guidance(db, guide(db), BIRTH, phone="0912345678", consent=False, at=MON)
    assert caught.value.field == "phone"
    assert counts(db) == (0, 0)


@pytest.mark.parametrize("phone", ["12345", "0912 345 67", "không có"])
def test_a_bad_phone_is_refused_and_nothing_written(db, phone):
    with pytest.raises(UserError, match="Số điện thoại phải có 10 chữ số"):
        log_guidance(db, guide(db), BIRTH, phone=phone, consent=True, at=MON)
    assert counts(db) == (0, 0)


def test_unknown_procedure_is_not_found(db):
    with pytest.raises(NotFound, match="Không có thủ tục mã «9.999999»"):
        log_guidance(db, guide(db), "9.999999", at=MON)
    assert counts(db) == (0, 0)


def test_a_procedure_filed_only_at_the_counter_is_not_logged_as_online(db):
    with pytest.raises(UserError, match="chưa nộp được trực tuyến"):
        log_guidance(db, guide(db), CONTRACT, at=MON)
    assert counts(db) == (0, 0)


@pytest.mark.parametrize("role", [r for r in Role if Permission.LOG_GUIDANCE not in MATRIX[r]])
def test_roles_without_log_guidance_are_refused(db, role):
    # The matrix as it stands: guides and admins log; the rating screen records ratings only.
    assert role in (Role.OFFICER, Role.SUPERVISOR, Role.RATING_SCREEN)
    someone = Actor(login="x", role=role, user_id=1)
    with pytest.raises(PermissionDenied, match="không được phép ghi nhận hướng dẫn"):
        log_guidance(db, someone, BIRTH, at=MON)
    for call in (lambda: guided_today(db, someone, MON.date()), lambda: recent(db, someone, 5)):
        with pytest.raises(PermissionDenied):
            call()
    assert counts(db) == (0, 0)


def test_counts_today_for_the_guide_and_the_whole_office(db):
    g, admin = guide(db), guide(db, "quantri")
    log_guidance(db, g, BIRTH, at=datetime(2026, 11, 23, 7, 45))
    log_guidance(db, g, "1.004222", at=datetime(2026, 11, 23, 16, 59))
    log_guidance(db, admin, BIRTH, at=MON)
    log_guidance(db, g, BIRTH, at=datetime(2026, 11, 22, 23, 59))  # yesterday
    log_guidance(db, g, BIRTH, at=datetime(2026, 11, 24, 0, 0))  # tomorrow
    today = date(2026, 11, 23)
    assert guided_today(db, g, today) == 2
    assert guided_today(db, g, today, whole_office=True) == 3
    assert guided_today(db, admin, today) == 1


def test_recent_shows_only_the_guide_s_own_entries_without_the_number(db):
    g = guide(db)
    log_guidance(db, g, BIRTH, at=datetime(2026, 11, 23, 8, 0))
    log_guidance(db, g, "1.004222", phone="0907111222", consent=True, at=datetime(2026, 11, 23, 9, 0))
    log_guidance(db, guide(db, "quantri"), BIRTH, at=datetime(2026, 11, 23, 10, 0))
    entries = recent(db, g, 5)
    assert [(e.at.hour, e.procedure_code, e.procedure_name, e.phone_left) for e in entries] == [
        (9, "1.004222", "Đăng ký thường trú", True), (8, BIRTH, "Đăng ký khai sinh", False)]
    assert not any("0907111222" in str(vars(e)) for e in entries)
    assert len(recent(db, g, 1)) == 1


def proc(level, process_class, code="1.000001"):
    return SimpleNamespace(code=code, online_level=level, process_class=process_class)


@pytest.mark.parametrize("level, process_class, online", [
    (4, "toan_trinh", True), (3, None, True), (None, "mot_phan", True), (2, None, False), (None, None, False)])
def test_online_filing_follows_the_level_or_the_decree_42_class(level, process_class, online):
    can, url = online_filing(proc(level, process_class), {})
    assert can is online
    assert url == (SPECS["guide.online_url"].default.replace("{code}", "1.000001") if online else None)


def test_the_online_address_is_the_office_s_setting(db):
    change_setting(db, Actor.system(), "guide.online_url", "https://dichvucong.vinhlong.gov.vn/thu-tuc/{code}")
    assert online_filing(proc(4, None, "1.001193"), load_settings(db)) == (
        True, "https://dichvucong.vinhlong.gov.vn/thu-tuc/1.001193")
    with pytest.raises(UserError, match="http"):
        change_setting(db, Actor.system(), "guide.online_url", "dichvucong.gov.vn/{code}")


def test_a_guide_reaches_no_dossier_and_no_report(db, tmp_path):
    """A guide sees the catalog and their own log, nothing of any citizen's dossier: every service
    that shows one refuses them, whatever the desk shows or hides."""
    from app.domain.report import ReportFilter
    from app.services.dossiers.listing import DossierFilter, fetch_page
    from app.services.dossiers.online_inbox import attachments, inbox
    from app.services.dossiers.query import dossier_detail, search
    from app.services.dossiers.watch import overdue_watch
    from app.services.intake.registration import register
    from app.services.reports.report import build_report
    from tests.helpers.factories import OFFICER, request

    code = register(db, OFFICER, request(BIRTH, received_at=MON)).code
    me = guide(db)
    for call in (lambda: search(db, me, "Nguyễn Văn An"), lambda: dossier_detail(db, me, code),
                 lambda: fetch_page(db, me, DossierFilter()), lambda: overdue_watch(db, me, MON),
                 lambda: inbox(db, me), lambda: attachments(db, me, code, tmp_path),
                 lambda: build_report(db, me, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)))):
        with pytest.raises(PermissionDenied, match="Tình nguyện viên"):
            call()

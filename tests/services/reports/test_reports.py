"""The report agencies publish: a known set of dossiers, each moved through the real services,
and every figure checked exactly, on SQLite and PostgreSQL; then the seed article's own example."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.report import Counts, ReportFilter
from app.domain.vocab import Channel, Role
from app.errors import PermissionDenied, UserError
from app.portal.contract import OnlineDossier
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers import online_inbox
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.queue import tickets as q
from app.services.reports.report import build_report, filter_options
from db.models import Dossier, GuidanceRecord, Procedure
from tests.helpers.factories import OFFICER, request

BOSS = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3)
SECOND = Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=2, full_name="Phạm Quốc Huy")
MARRIAGE = "1.000894"  # Tư pháp - Hộ tịch; level 3, một phần; within the day (cutoff 15:00)
SINGLE = "1.004873"  # Tư pháp - Hộ tịch; level 4, toàn trình; 3 working days
SHOW = "2.009101"  # Văn hóa - Nghệ thuật biểu diễn; level 4, toàn trình; 5 working days
NOV = ReportFilter(date(2026, 11, 1), date(2026, 11, 30))
NOW = datetime(2026, 12, 1, 8, 0)
HAND = Facts(division="Phòng Tư pháp", giver="Mai", taker="Bình")


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


def counter_visit(db, code: str, when: datetime, *, method: str) -> None:
    facts = (Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa", at=when) if method == "post" else
             Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345", at=when))
    act(db, OFFICER, code, Action.RETURN_RESULT, facts)


def walk_in(db, procedure: str, received: datetime, *, actor=OFFICER, channel=Channel.IN_PERSON,
            ready: datetime | None = None) -> str:
    code = register(db, actor, request(procedure, received_at=received, channel=channel)).code
    act(db, actor, code, Action.HAND_OVER, Facts(**{**HAND.__dict__, "at": received}))
    if ready:
        act(db, actor, code, Action.RESULT_READY, Facts(at=ready))
    return code


def filed_online(db, procedure: str, filed: datetime, level: int | None, whole: bool | None, serial: int = 0) -> str:
    item = OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-{filed:%y%m%d}-{9000 + serial + filed.hour:04d}",
        procedure_code=procedure, applicant_kind=1, applicant_name="Lê Thị Hồng Đào",
        applicant_id_number="079190012345", applicant_phone="0987654321", applicant_email=None,
        applicant_address="5 Trần Phú, Vĩnh Long", summary=None, submitted_at=filed, online_level=level,
        whole_process=whole, result_method="post", result_address="5 Trần Phú, Vĩnh Long")
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    return item.code


@pytest.fixture
def november(any_db):
    """The month of a small office, every dossier in a known state (see each line)."""
    db = any_db
    # a: in person, ready the same day (on time), collected at the counter the next day.
    a = walk_in(db, MARRIAGE, at(2), ready=at(2, 10))
    counter_visit(db, a, at(3), method="counter")
    # b: in person, due Thu 05/11, ready Tue 03/11 (early); planned for the counter, sent by post
    # after all: counted by how it actually went out.
    b = walk_in(db, SINGLE, at(2), ready=at(3))
    counter_visit(db, b, at(4), method="post")
    # c: by post, at counter 2 by another officer, due Mon 09/11, ready Thu 12/11 (late).
    walk_in(db, SHOW, at(2), actor=SECOND, channel=Channel.POST, ready=at(12))
    # d: online at level 4, toàn trình; received Mon 02/11 (due Thu 05/11), still processing: overdue.
    d = filed_online(db, SINGLE, at(1, 22), 4, True)
    act(db, OFFICER, d, Action.RECEIVE, Facts(at=at(2, 8)))
    act(db, OFFICER, d, Action.HAND_OVER, Facts(**{**HAND.__dict__, "at": at(2, 8, 30)}))
    # e: online, never accepted: waiting.
    filed_online(db, MARRIAGE, at(10, 7), 3, False)
    # f: online, the portal says level 3 (the procedure says 4) and no class (the procedure's:
    # toàn trình); a supplement asked for: open, but the citizen holds it, so not overdue.
    f = filed_online(db, SHOW, at(10, 6), 3, None)
    act(db, OFFICER, f, Action.RECEIVE, Facts(at=at(10, 8)))
    act(db, OFFICER, f, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu bản sao kịch bản", at=at(11)))
    # g: online, refused at intake.
    g = filed_online(db, MARRIAGE, at(11, 6), 3, False)
    act(db, OFFICER, g, Action.REFUSE, Facts(reason="Không thuộc thẩm quyền", at=at(11, 8)))
    # k: online with neither level nor class (the procedure's: 3, một phần), ready the same day.
    k = filed_online(db, MARRIAGE, at(12, 6), None, None)
    act(db, OFFICER, k, Action.RECEIVE, Facts(at=at(12, 8)))
    act(db, OFFICER, k, Action.HAND_OVER, Facts(**{**HAND.__dict__, "at": at(12, 8, 30)}))
    act(db, OFFICER, k, Action.RESULT_READY, Facts(at=at(12, 14)))
    # h: received Fri 30/10 (due that day), ready Tue 03/11: carried over, then resolved late.
    walk_in(db, MARRIAGE, at(30, month=10), ready=at(3))
    # j: received Sun 25/10, withdrawn 05/11: carried over, closed in the month.
    j = walk_in(db, MARRIAGE, at(26, month=10))
    act(db, OFFICER, j, Action.WITHDRAW, Facts(reason="Công dân rút hồ sơ", at=at(5)))
    # i: December: in no November figure, nor in the year's row up to 30/11.
    walk_in(db, MARRIAGE, at(2, month=12))
    # The guide desk helped one citizen in November and one in December.
    with db.writing() as s:
        single = s.scalar(select(Procedure.id).where(Procedure.code == SINGLE))
        s.add_all([GuidanceRecord(at=at(16, 10), user_id=2, procedure_id=single, phone_consent=False),
                   GuidanceRecord(at=at(1, 10, month=12), user_id=2, procedure_id=single, phone_consent=False)])
    # The queue on Mon 02/11: A001 waits 5 min and is served 10; A002 waits 20 and is served 4;
    # A003 is called three times and does not come.
    for minute in (0, 10, 20):
        q.issue_ticket(db, "TP", at=at(2, 8, minute))
    q.call_next(db, OFFICER, 1, ["TP"], at=at(2, 8, 5))
    q.serve(db, OFFICER, 1, at=at(2, 8, 5))
    q.call_next(db, OFFICER, 1, ["TP"], at=at(2, 8, 15))  # finishes A001 (10 min) and calls A002 after 5…
    q.recall(db, OFFICER, 1, at=at(2, 8, 30))  # …who comes at the second call: waited 20
    q.serve(db, OFFICER, 1, at=at(2, 8, 30))
    q.call_next(db, OFFICER, 1, ["TP"], at=at(2, 8, 34))  # A002 served 4 min; A003 called
    for minute in (35, 36):
        q.recall(db, OFFICER, 1, at=at(2, 8, minute))
    q.no_show(db, OFFICER, 1, at=at(2, 8, 40))  # the counter records it, not the supervisor
    return db


def test_every_figure_of_a_known_month(november):
    r = build_report(november, BOSS, NOV, now=NOW)
    # How identity was checked is counted in its own test: here only that every dossier received is in it.
    t = r.total
    assert t.id_card_seen + t.id_card_qr + t.id_vneid + t.id_passport + t.id_unrecorded == t.received
    # A current period: online dossiers by the catalog's class, no levels (the historical series' own).
    assert replace(t, id_card_seen=0, id_card_qr=0, id_vneid=0, id_passport=0, id_unrecorded=0) == Counts(
        received=6, online=3, in_person=2, post=1, level3=0, level4=0, online_class={"toan_trinh": 2, "mot_phan": 1},
        waiting_online=1, refused=1, carried_over=2, resolved=5, early=1, on_time=2, late=2, open=2,
        open_overdue=1, returned=2, returned_by_post=1, returned_online=0, guided=1)
    assert (r.historical, r.online_classes) == (False, [("toan_trinh", "Toàn trình"), ("mot_phan", "Một phần")])
    assert (r.total.online_share, r.total.on_time_share, r.total.post_share) == (0.5, 0.6, 0.5)
    assert (r.agency_name != "", r.unit_code) == (True, "000.00.01.H62")

    procs = {row.key: row.counts for row in r.by_procedure}
    # Most received first; equal counts in Vietnamese alphabetical order (Đăng… among the d's).
    assert [row.key for row in r.by_procedure] == [SINGLE, MARRIAGE, SHOW]
    assert (procs[MARRIAGE].received, procs[MARRIAGE].resolved, procs[MARRIAGE].late, procs[MARRIAGE].refused,
            procs[MARRIAGE].waiting_online, procs[MARRIAGE].carried_over) == (2, 3, 1, 1, 1, 2)
    assert (procs[SINGLE].received, procs[SINGLE].online_class, procs[SINGLE].early, procs[SINGLE].open_overdue,
            procs[SINGLE].returned_by_post, procs[SINGLE].guided) == (2, {"toan_trinh": 1}, 1, 1, 1, 1)
    # f: the portal gave no class: the catalog's (toàn trình).
    assert (procs[SHOW].received, procs[SHOW].post, procs[SHOW].online, procs[SHOW].online_class,
            procs[SHOW].open, procs[SHOW].open_overdue) == (2, 1, 1, {"toan_trinh": 1}, 1, 0)
    sectors = {row.key: (row.counts.received, row.counts.resolved) for row in r.by_sector}
    assert sectors == {"TP-HT": (4, 4), "VHTTDL-NTBD": (2, 1)}

    officers = {row.key: (row.counts.received, row.counts.online, row.counts.guided) for row in r.by_officer}
    assert officers == {"canbo": (5, 3, 0), "quantri": (1, 0, 0), "huongdan": (0, 0, 1)}
    counters = {row.label: (row.counts.received, row.counts.resolved, row.counts.returned,
                            row.counts.waiting_online + row.counts.refused) for row in r.by_counter}
    # The online dossiers not accepted (waiting, refused) were at no counter.
    assert counters == {"Quầy số 1": (5, 4, 2, 0), "Quầy số 2": (1, 1, 0, 0), "Chưa gắn với quầy nào": (0, 0, 0, 2)}

    assert [(m.key, m.counts.received, m.counts.online, m.counts.in_person, m.counts.post)
            for m in r.by_month] == [("2026-11", 6, 3, 2, 1)]
    # Levels only in the historical years (before the online classes, 2023); after: every online dossier.
    assert [(y.year, y.received, y.online, y.level3, y.level4) for y in r.years] == [
        (2022, 0, 0, 0, 0), (2023, 0, 0, None, None), (2024, 0, 0, None, None), (2025, 0, 0, None, None),
        (2026, 8, 3, None, None)]
    assert r.years[-1].online_share == 3 / 8 and r.years[0].online_share is None

    day, *hours = [row for row in r.queue if row.group_code == "TP"]
    assert (day.hour, day.issued, day.served, day.no_show) == (None, 3, 2, 1)
    # Waits: A001 5, A002 20, A003 (reached no counter) not counted; service: 10 and 4.
    assert (day.waiting.count, day.waiting.mean, day.waiting.p50, day.waiting.p90) == (2, 12.5, 5.0, 20.0)
    assert (day.service.count, day.service.mean, day.service.p50, day.service.p90) == (2, 7.0, 4.0, 10.0)
    assert [(h.hour, h.issued) for h in hours] == [(8, 3)]


def test_filters_narrow_every_figure(november):
    by_sector = build_report(november, BOSS, ReportFilter(NOV.start, NOV.end, sector_code="VHTTDL-NTBD"), now=NOW)
    assert (by_sector.total.received, by_sector.total.resolved, by_sector.total.guided) == (2, 1, 0)
    assert by_sector.filter_labels == {"sector": "Nghệ thuật biểu diễn"}
    single = build_report(november, BOSS, ReportFilter(NOV.start, NOV.end, procedure_code=SINGLE), now=NOW)
    assert (single.total.received, single.total.early, single.total.guided, single.years[-1].received) == (2, 1, 1, 2)
    assert single.filter_labels == {"procedure": f"Cấp Giấy xác nhận tình trạng hôn nhân ({SINGLE})"}
    online = build_report(november, BOSS, ReportFilter(NOV.start, NOV.end, channel=Channel.ONLINE), now=NOW)
    assert (online.total.received, online.total.in_person, online.total.guided, online.queue) == (3, 0, 1, [])
    second = build_report(november, BOSS, ReportFilter(NOV.start, NOV.end, counter_id=2), now=NOW)
    assert (second.total.received, second.total.late, second.total.guided, second.queue) == (1, 1, 0, [])


def test_bad_filters_and_roles_are_refused(db):
    with pytest.raises(UserError, match="Ngày cuối"):
        build_report(db, BOSS, ReportFilter(date(2026, 11, 30), date(2026, 11, 1)))
    with pytest.raises(UserError, match="9.999"):
        build_report(db, BOSS, ReportFilter(NOV.start, NOV.end, procedure_code="9.999"))
    with pytest.raises(UserError, match="lĩnh vực"):
        build_report(db, BOSS, ReportFilter(NOV.start, NOV.end, sector_code="KHONG-CO"))
    with pytest.raises(UserError, match="quầy"):
        build_report(db, BOSS, ReportFilter(NOV.start, NOV.end, counter_id=99))
    for role in (Role.OFFICER, Role.GUIDE):
        with pytest.raises(PermissionDenied):
            build_report(db, Actor(login="x", role=role), NOV)
        with pytest.raises(PermissionDenied):
            filter_options(db, Actor(login="x", role=role))
    options = filter_options(db, BOSS)
    assert (MARRIAGE, "Đăng ký kết hôn", "TP-HT") in options.procedures
    assert [c[1] for c in options.counters] == ["Quầy số 1", "Quầy số 2", "Quầy số 3"]


def test_the_seed_articles_half_year(db):
    """Vĩnh Long, H1 2021 (DOMAIN.md §2): 240 received, 221 online, 19 in person or by post,
    all resolved on time or early, about 67 % of results returned by post (160 of 240)."""
    days = [d for d in range(1, 32) if date(2021, 3, d).weekday() < 5]  # March 2021's working days
    for i in range(240):
        day = datetime(2021, 3, days[i % len(days)], 8, 0)
        if i < 221:
            code = filed_online(db, SINGLE, day.replace(hour=7), 4, True, serial=i * 10)
            act(db, OFFICER, code, Action.RECEIVE, Facts(at=day))
        else:
            channel = Channel.IN_PERSON if i < 233 else Channel.POST
            code = register(db, OFFICER, request(SINGLE, received_at=day, channel=channel)).code
        act(db, OFFICER, code, Action.HAND_OVER, Facts(**{**HAND.__dict__, "at": day.replace(hour=9)}))
        act(db, OFFICER, code, Action.RESULT_READY, Facts(at=day.replace(hour=10)))
        counter_visit(db, code, day.replace(hour=11), method="post" if i < 160 else "counter")
    r = build_report(db, BOSS, ReportFilter(date(2021, 1, 1), date(2021, 6, 30)), now=datetime(2021, 7, 1))
    t = r.total
    assert (t.received, t.online, t.in_person + t.post, t.resolved, t.late) == (240, 221, 19, 240, 0)
    assert t.on_time_share == 1.0
    assert (t.returned, t.returned_by_post, round(100 * t.post_share)) == (240, 160, 67)
    # 2021 is in the historical series: online dossiers by level (all 221 at level 4), no classes.
    assert (r.historical, t.level3, t.level4, t.online_class) == (True, 0, 221, {})
    assert [m.counts.received for m in r.by_month] == [0, 0, 240, 0, 0, 0]


def test_levels_before_the_classes_and_classes_after(db):
    """The same online dossier counts by level in a period that starts before the class list's
    date (resources/data/online_classes.json: 01/01/2023) and by class in one that starts on it."""
    from app.domain.report import online_classes

    assert online_classes().classes_from == date(2023, 1, 1)
    code = filed_online(db, MARRIAGE, datetime(2023, 1, 3, 7), 3, None)
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=datetime(2023, 1, 3, 8)))
    old = build_report(db, BOSS, ReportFilter(date(2022, 12, 31), date(2023, 1, 31)), now=NOW).total
    new = build_report(db, BOSS, ReportFilter(date(2023, 1, 1), date(2023, 1, 31)), now=NOW).total
    assert (old.online, old.level3, old.online_class) == (1, 1, {})
    assert (new.online, new.level3, new.online_class) == (1, 0, {"mot_phan": 1})


def test_identity_checks_and_repeated_supplements(any_db):
    db = any_db
    checks = ["vneid", "vneid", "card_qr", "card_seen", "passport", None]
    codes = [walk_in(db, MARRIAGE, at(2, 8, i)) for i in range(len(checks))]
    refused = filed_online(db, MARRIAGE, at(3, 6), 3, False)
    act(db, OFFICER, refused, Action.REFUSE, Facts(reason="Không thuộc thẩm quyền", at=at(3, 8)))
    with db.writing() as s:  # as intake records it (the column is filled by the intake screen)
        for code, check in zip([*codes, refused], [*checks, "vneid"], strict=True):
            s.query(Dossier).filter(Dossier.code == code).update({"identity_check": check})

    def supplement(code: str, when: datetime, again: bool) -> None:
        facts = Facts(items=["Tờ khai"], reason="Thiếu chữ ký", at=when)
        if again:
            facts = replace(facts, ground="Kết quả xác minh mới", approver_login="lanhdao",
                            approver_password=DEMO_PASSWORD)
        act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, facts)
        act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=when + timedelta(hours=1)))

    a, b, c, d = codes[:4]
    supplement(a, at(4), False)
    supplement(a, at(6), True)  # again in November: counted
    supplement(b, at(4), False)  # once: not counted
    supplement(c, at(5), False)
    supplement(c, at(1, month=12), True)  # again, but in December
    for day, again in ((4, False), (5, True), (6, True)):  # three times: one dossier
        supplement(d, at(day, 14), again)
    r = build_report(db, BOSS, NOV, now=NOW)
    t = r.total
    assert (t.received, t.refused) == (6, 1)
    assert (t.id_vneid, t.id_card_qr, t.id_card_seen, t.id_passport, t.id_unrecorded) == (2, 1, 1, 1, 1)
    assert t.vneid_share == 2 / 6  # the refused one was never received
    assert t.repeat_supplement == 2
    assert [(row.key, row.counts.repeat_supplement, row.counts.id_vneid) for row in r.by_procedure] == [
        (MARRIAGE, 2, 2)]
    december = build_report(db, BOSS, ReportFilter(date(2026, 12, 1), date(2026, 12, 31)), now=NOW)
    assert (december.total.repeat_supplement, december.total.id_vneid) == (1, 0)
    assert r.as_dict()["total"]["vneid_share"] == 2 / 6


def test_the_second_connection_reads_beside_the_builder_and_its_error_surfaces(november, monkeypatch):
    """build_report runs the independent reads on a thread and connection of their own
    (app/services/reports/readers.py): the same report as all reads in one session, and an error
    there is the report's error, with no reading thread left behind."""
    import threading

    from sqlalchemy.exc import OperationalError

    from app.services.reports import report as module
    from app.services.reports.readers import sorter_threads

    seen = []
    side_reads = module._Builder.side_reads

    def recorded(self, s):
        seen.append((threading.current_thread().name, s is self.s))
        return side_reads(self, s)

    monkeypatch.setattr(module._Builder, "side_reads", recorded)
    parallel = build_report(november, BOSS, NOV, now=NOW)
    assert len(seen) == 1 and seen[0][0].startswith("report-reader") and seen[0][1] is False
    with november.reading() as s, sorter_threads(s):
        alone = module._Builder(s, NOV, NOW).build()  # no second reader: all reads in this session
    assert seen[1] == (threading.current_thread().name, True)
    assert parallel == alone and parallel.total.returned and parallel.queue and parallel.years

    def broken(self, s):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(module._Builder, "side_reads", broken)
    with pytest.raises(OperationalError):
        build_report(november, BOSS, NOV, now=NOW)
    assert not [t for t in threading.enumerate() if t.name.startswith("report-reader")]

"""The digitization figures of the supervisors' report (app/services/reports/digitization.py): two
months of a small office whose dossiers are in every digitization state, moved through the real
services on a real SQLite file (and once on the real PostgreSQL server); each figure's numerator
and denominator checked per officer, procedure and month, then read back from the XLSX
(openpyxl) and the PDF (pdftotext)."""

from __future__ import annotations

import re
import subprocess
import uuid
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.report import ReportFilter
from app.domain.vocab import Channel, Role
from app.portal.contract import OnlineDossier
from app.services.dossiers import online_inbox
from app.services.dossiers.digitization import (
    FileInput,
    attach_result,
    dossier_files,
    record_digitization,
)
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import DocumentLine, register
from app.services.reports.report import build_report
from db.models import Dossier, User
from printing.report_pdf import write_report_pdf
from printing.report_xlsx import write_report_xlsx
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
SINGLE = "1.004873"
HAND = dict(division="Phòng Tư pháp", giver="Mai", taker="Bình")
NOW = datetime(2026, 11, 30, 18, 0)
PERIOD = ReportFilter(date(2026, 10, 1), date(2026, 11, 30))
LINES = [DocumentLine("Tờ khai"), DocumentLine("Giấy xác nhận tình trạng hôn nhân"),
         DocumentLine("Căn cước xuất trình"), DocumentLine("Bản sao sổ hộ khẩu", mandatory=False, received=False)]


def pdf(text: str) -> FileInput:
    return FileInput(f"%PDF-1.4\n% {text}\n%%EOF\n".encode(), f"{text}.pdf", 1)


def second_officer(db) -> Actor:
    with db.writing() as s:
        user = User(login="canbo2", full_name="Đỗ Văn Khoa", role=Role.OFFICER.value, password_hash="x",
                    created_at=NOW)
        s.add(user)
        s.flush()
        uid = user.id
    return Actor(login="canbo2", role=Role.OFFICER, user_id=uid, counter_id=1, full_name="Đỗ Văn Khoa")


def walk_in(db, actor, procedure, received, states, tmp_path, ready=None, result_file=None) -> str:
    """A dossier received in person whose lines are recorded as `states` (position: (state, extra))."""
    code = register(db, actor, request(procedure, received_at=received, documents=list(LINES))).code
    for position, (state, extra) in states.items():
        record_digitization(db, actor, code, position, state, data_dir=tmp_path, at=received, **extra)
    act(db, actor, code, Action.HAND_OVER, Facts(**HAND, at=received))
    if ready:
        act(db, actor, code, Action.RESULT_READY, Facts(at=ready))
        if result_file:
            attach_result(db, actor, code, [pdf(result_file)], tmp_path, at=ready)
    return code


def online(db, procedure, filed, n) -> str:
    item = OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-{filed:%y%m%d}-90{n:02d}", procedure_code=procedure,
        applicant_kind=1, applicant_name="Lê Thị Hồng Đào", applicant_id_number="079190012345",
        applicant_phone="0987654321", applicant_email=None, applicant_address="5 Trần Phú, Vĩnh Long",
        summary=None, submitted_at=filed, online_level=4, whole_process=True, result_method="post",
        result_address="5 Trần Phú, Vĩnh Long")
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    return item.code


def build_office(db, tmp_path) -> None:
    other = second_officer(db)
    shown = ("shown", {})

    def scan(name):
        return ("scanned", {"files": [pdf(name)], "paper_pages": 1})

    def note(state):
        return (state, {"note": "Giấy tờ mật" if state == "exempt" else "Máy quét hỏng"})

    # G (canbo, October): scanned, scanned, shown; the 4th line not received and undecided (it holds
    # nothing back): done. Its result is ready in November, with its file.
    first = walk_in(db, OFFICER, MARRIAGE, datetime(2026, 10, 5, 9), {0: scan("a0"), 1: scan("a1"), 2: shown},
                    tmp_path)
    act(db, OFFICER, first, Action.RESULT_READY, Facts(at=datetime(2026, 11, 2, 10)))
    attach_result(db, OFFICER, first, [pdf("kq-g")], tmp_path, at=datetime(2026, 11, 2, 10))
    kept = dossier_files(db, OFFICER, first).lines[0].files[0].sha256
    # A (canbo): scanned, reused from the earlier dossier here, shown: done; ready with its file.
    walk_in(db, OFFICER, MARRIAGE, datetime(2026, 11, 2, 9),
            {0: scan("b0"), 1: ("reused", {"files": [kept]}), 2: shown}, tmp_path,
            ready=datetime(2026, 11, 3, 9), result_file="kq-a")
    # B (canbo): scanned, reused from the citizen's store on the portal, exempt: done; ready, no file.
    walk_in(db, OFFICER, MARRIAGE, datetime(2026, 11, 3, 9),
            {0: scan("c0"), 1: ("reused", {"files": [kept], "reuse_source": "portal"}), 2: note("exempt")},
            tmp_path, ready=datetime(2026, 11, 4, 9))
    # C (canbo, another procedure): one line not digitized, with its reason: not done.
    walk_in(db, OFFICER, SINGLE, datetime(2026, 11, 4, 9), {0: scan("d0"), 1: note("not_digitized"), 2: shown},
            tmp_path)
    # D (canbo2): a line left undecided: not done.
    walk_in(db, other, MARRIAGE, datetime(2026, 11, 5, 9), {1: scan("e1"), 2: shown}, tmp_path)
    # E (canbo2): every paper only shown or exempt: nothing to digitize.
    walk_in(db, other, MARRIAGE, datetime(2026, 11, 6, 9), {0: shown, 1: note("exempt"), 2: shown}, tmp_path)
    # F: filed online, accepted by canbo: exempt; its result ready with a file (results count every channel).
    f = online(db, SINGLE, datetime(2026, 11, 16, 22), 1)
    act(db, OFFICER, f, Action.RECEIVE, Facts(at=datetime(2026, 11, 17, 8)))
    act(db, OFFICER, f, Action.HAND_OVER, Facts(**HAND, at=datetime(2026, 11, 17, 8)))
    act(db, OFFICER, f, Action.RESULT_READY, Facts(at=datetime(2026, 11, 18, 8)))
    attach_result(db, OFFICER, f, [pdf("kq-f")], tmp_path, at=datetime(2026, 11, 18, 8))
    # Filed online and still waiting: never received, never counted.
    online(db, MARRIAGE, datetime(2026, 11, 20, 22), 2)


def figures(counts) -> dict:
    c = counts
    return {"received": c.received, "online": c.exempt_online, "no_paper": c.no_paper,
            "intake": (c.intake_done, c.intake_due), "reuse": (c.lines_reused, c.lines_digitized),
            "portal": c.lines_reused_portal, "results": (c.results_with_file, c.results)}


EXPECTED_TOTAL = {"received": 7, "online": 1, "no_paper": 1, "intake": (3, 5), "reuse": (2, 8), "portal": 1,
                  "results": (3, 4)}


@pytest.fixture
def office(db, tmp_path):
    build_office(db, tmp_path / "data")
    return db


def check_figures(d) -> None:
    assert figures(d.total) == EXPECTED_TOTAL
    assert (d.total.intake_share, d.total.reuse_share, d.total.result_share) == (3 / 5, 2 / 8, 3 / 4)
    officers = {r.key: (r.label, figures(r.counts)) for r in d.by_officer}
    assert officers == {
        "canbo": ("Nguyễn Thị Mai", {"received": 5, "online": 1, "no_paper": 0, "intake": (3, 4), "reuse": (2, 7),
                                     "portal": 1, "results": (3, 4)}),
        "canbo2": ("Đỗ Văn Khoa", {"received": 2, "online": 0, "no_paper": 1, "intake": (0, 1), "reuse": (0, 1),
                                   "portal": 0, "results": (0, 0)}),
    }
    assert [r.key for r in d.by_officer] == ["canbo", "canbo2"]  # most received first
    procs = {r.key: figures(r.counts) for r in d.by_procedure}
    assert procs == {
        MARRIAGE: {"received": 5, "online": 0, "no_paper": 1, "intake": (3, 4), "reuse": (2, 7), "portal": 1,
                   "results": (2, 3)},
        SINGLE: {"received": 2, "online": 1, "no_paper": 0, "intake": (0, 1), "reuse": (0, 1), "portal": 0,
                 "results": (1, 1)},
    }
    months = {r.key: (r.label, figures(r.counts)) for r in d.by_month}
    assert months == {
        # The October dossier: received and digitized then; its result counts in November.
        "2026-10": ("10/2026", {"received": 1, "online": 0, "no_paper": 0, "intake": (1, 1), "reuse": (0, 2),
                                "portal": 0, "results": (0, 0)}),
        "2026-11": ("11/2026", {"received": 6, "online": 1, "no_paper": 1, "intake": (2, 4), "reuse": (2, 6),
                                "portal": 1, "results": (3, 4)}),
    }


def test_every_state_counts_as_the_rules_say(office):
    report = build_report(office, Actor.system(), PERIOD, now=NOW)
    check_figures(report.digitization)
    # The JSON the command line prints carries them, shares with their parts.
    total = report.as_dict()["digitization"]["total"]
    assert (total["intake_done"], total["intake_due"], total["intake_share"]) == (3, 5, 0.6)


@pytest.mark.postgres
def test_the_same_figures_on_postgresql(pg_db, tmp_path):
    build_office(pg_db, tmp_path / "data")
    check_figures(build_report(pg_db, Actor.system(), PERIOD, now=NOW).digitization)


def test_the_report_filters_narrow_them(office):
    one = build_report(office, Actor.system(), ReportFilter(PERIOD.start, PERIOD.end, procedure_code=SINGLE),
                       now=NOW).digitization
    assert figures(one.total) == {"received": 2, "online": 1, "no_paper": 0, "intake": (0, 1), "reuse": (0, 1),
                                  "portal": 0, "results": (1, 1)}
    walk = build_report(office, Actor.system(), ReportFilter(PERIOD.start, PERIOD.end, channel=Channel.ONLINE),
                        now=NOW).digitization
    # Online only: nothing to digitize at intake, so no share (never 0 %).
    assert (walk.total.intake_due, walk.total.intake_share, walk.total.result_share) == (0, None, 1.0)


def test_an_empty_period_has_no_share(office):
    d = build_report(office, Actor.system(), ReportFilter(date(2026, 1, 1), date(2026, 1, 31)), now=NOW).digitization
    assert (d.by_officer, d.by_procedure, [r.key for r in d.by_month]) == ([], [], ["2026-01"])
    assert (d.total.intake_share, d.total.result_share, d.total.reuse_share) == (None, None, None)


def test_the_workbook_carries_the_three_tables(office, tmp_path):
    report = build_report(office, Actor.system(), PERIOD, now=NOW)
    book = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    ws = book["Số hóa"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]

    def row(first: str) -> list:
        return next(r for r in cells if r[0] == first)

    heads = next(r for r in cells if r[0] == "Tên đăng nhập")
    assert heads[:12] == ["Tên đăng nhập", "Họ tên", "Tiếp nhận", "Nộp trực tuyến (không phải số hóa)",
                          "Không có giấy phải số hóa", "Phải số hóa khi tiếp nhận", "Số hóa đủ khi tiếp nhận",
                          "Tỷ lệ số hóa khi tiếp nhận", "Có kết quả", "Kết quả có tệp", "Tỷ lệ kết quả được số hóa",
                          "Thành phần đã số hóa"]
    canbo = row("canbo")
    r = cells.index(canbo) + 1
    assert canbo[2:7] == [5, 1, 0, 4, 3]
    assert canbo[7] == f'=IF(F{r}=0,"",G{r}/F{r})'  # a share is a formula over its parts
    assert canbo[8:10] == [4, 3] and canbo[10] == f'=IF(I{r}=0,"",J{r}/I{r})'
    assert canbo[11:14] == [7, 2, 1] and canbo[14] == f'=IF(L{r}=0,"",M{r}/L{r})'
    assert row("canbo2")[2:7] == [2, 0, 1, 1, 0]
    assert row(MARRIAGE)[2:7] == [5, 0, 1, 4, 3]
    october = next(x for x in cells if x[0] == datetime(2026, 10, 1))
    assert october[2:7] == [1, 0, 0, 1, 1]
    # Each table's total is a SUM over its rows; the rule is written under the tables.
    totals = [x for x in cells if x[0] == "Tổng cộng"]
    assert len(totals) == 3 and all(str(t[2]).startswith("=SUM(C") for t in totals)
    assert any(str(x[0]).startswith("Cách tính: (1) Số hóa khi tiếp nhận") for x in cells)


def test_the_pdf_prints_the_three_tables_and_the_rule(office, tmp_path):
    report = build_report(office, Actor.system(), PERIOD, now=NOW)
    path = write_report_pdf(report, tmp_path / "r.pdf")
    whole = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "X. SỐ HÓA HỒ SƠ, KẾT QUẢ VÀ TÁI SỬ DỤNG" in whole
    # The office's figures: 3 of 5 at intake, 3 of 4 results, 2 of 8 lines reused.
    assert re.search(r"Hồ sơ số hóa khi tiếp nhận\s+3\s+5\s+60,0 %", whole)
    assert re.search(r"Kết quả được số hóa\s+3\s+4\s+75,0 %", whole)
    assert re.search(r"Thành phần hồ sơ tái sử dụng\s+2\s+8\s+25,0 %", whole)
    assert "nộp trực tuyến (không phải số hóa) 1, không có giấy phải số hóa 1, phải" in whole
    assert re.search(r"Nguyễn Thị Mai \(canbo\)\s+5\s+4\s+3\s+75,0 %\s+4\s+3\s+75,0 %\s+7\s+2\s+28,6 %", whole)
    # canbo2 had no result: its share is "–", never 0 % (pdftotext may close up a narrow "0 %").
    assert re.search(r"Đỗ Văn Khoa \(canbo2\)\s+2\s+1\s+0\s+0 ?%\s+0\s+0\s+–\s+1\s+0\s+0 ?%", whole)
    assert re.search(r"10/2026\s+1\s+1\s+1\s+100 %\s+0\s+0\s+–\s+2\s+0\s+0 ?%", whole)
    assert re.search(r"11/2026\s+6\s+4\s+2\s+50,0 %\s+4\s+3\s+75,0 %\s+6\s+2\s+33,3 %", whole)
    assert "Cách tính: (1) Số hóa khi tiếp nhận" in whole


def test_dossiers_received_by_no_known_officer_are_one_row(office):
    with office.writing() as s:  # as an imported dossier, or one the portal received, has it
        s.query(Dossier).filter(Dossier.received_at < datetime(2026, 11, 1)).update({"received_by": None})
    d = build_report(office, Actor.system(), PERIOD, now=NOW).digitization
    officers = {r.label: (r.key, figures(r.counts)) for r in d.by_officer}
    assert officers["Không rõ người tiếp nhận"] == ("", {"received": 1, "online": 0, "no_paper": 0, "intake": (1, 1),
                                                         "reuse": (0, 2), "portal": 0, "results": (1, 1)})
    assert figures(d.total) == EXPECTED_TOTAL  # moved between rows, never lost

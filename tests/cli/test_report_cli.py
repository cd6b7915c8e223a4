"""`motcua report`: JSON to stdout, Excel and PDF files, and one Vietnamese line for each mistake
with nothing written. Runs against the `db` fixture's database through --db (or MOTCUA_DB)."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.cli.main import main
from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.report import Counts, ReportFilter
from app.domain.vocab import Channel, Role
from app.portal.contract import OnlineDossier
from app.services.dossiers import online_inbox
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.reports.report import build_report
from tests.cli.test_cli import motcua
from tests.helpers.factories import OFFICER, request

MARRIAGE, SINGLE, SHOW = "1.000894", "1.004873", "2.009101"  # Hộ tịch l3, Hộ tịch l4, Biểu diễn l4
SECOND = Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=2, full_name="Phạm Quốc Huy")
HAND = dict(division="Phòng Tư pháp", giver="Mai", taker="Bình")
NOV = ("--from", "01/11/2026", "--to", "2026-11-30")


def walk_in(db, procedure: str, received: datetime, *, actor=OFFICER, channel=Channel.IN_PERSON) -> str:
    code = register(db, actor, request(procedure, received_at=received, channel=channel)).code
    act(db, actor, code, Action.HAND_OVER, Facts(**HAND, at=received.replace(hour=9)))
    return code


def filed_online(db, procedure: str, filed: datetime, serial: int = 0) -> str:
    item = OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-{filed:%y%m%d}-{9000 + serial:04d}",
        procedure_code=procedure, applicant_kind=1, applicant_name="Lê Thị Hồng Đào",
        applicant_id_number="079190012345", applicant_phone="0987654321", applicant_email=None,
        applicant_address="5 Trần Phú, Vĩnh Long", summary=None, submitted_at=filed, online_level=4,
        whole_process=True, result_method="post", result_address="5 Trần Phú, Vĩnh Long")
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    act(db, OFFICER, item.code, Action.RECEIVE, Facts(at=filed.replace(hour=8)))
    act(db, OFFICER, item.code, Action.HAND_OVER, Facts(**HAND, at=filed.replace(hour=8, minute=30)))
    return item.code


def ready_and_sent(db, code: str, ready: datetime, *, by_post: bool) -> None:
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=ready))
    facts = (Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa", at=ready.replace(hour=16)) if by_post
             else Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345", at=ready.replace(hour=16)))
    act(db, OFFICER, code, Action.RETURN_RESULT, facts)


@pytest.fixture
def office(db, data_dir):
    """November 2026: one dossier in person at counter 1 (returned by post), one by post at
    counter 2 (still open), one filed online (returned at the counter)."""
    a = walk_in(db, MARRIAGE, datetime(2026, 11, 2, 8))
    ready_and_sent(db, a, datetime(2026, 11, 2, 14), by_post=True)
    walk_in(db, SHOW, datetime(2026, 11, 3, 8), actor=SECOND, channel=Channel.POST)
    c = filed_online(db, SINGLE, datetime(2026, 11, 4, 7))
    ready_and_sent(db, c, datetime(2026, 11, 5, 10), by_post=False)
    return db


def run(capsys, url, *argv):
    """In process; argparse's own refusals (exit 2) come back as a code like the others."""
    try:
        code = main(["report", "--db", url, *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _without_moment(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "generated_at"}


def test_json_goes_to_stdout_with_every_figure(capsys, office, sqlite_url):
    code, out, err = run(capsys, sqlite_url, *NOV)
    assert code == 0 and err == ""
    got = json.loads(out)
    # The satisfaction ratings and notices, built beside the report (tests/printing/test_report_satisfaction.py).
    assert got.pop("satisfaction")["total"]["asked"] == 0
    expected = build_report(office, Actor.system(), ReportFilter(date(2026, 11, 1), date(2026, 11, 30)))
    assert _without_moment(got) == _without_moment(json.loads(json.dumps(expected.as_dict())))
    assert set(got["total"]) == {*Counts.__dataclass_fields__, "online_share", "on_time_share", "post_share",
                                 "vneid_share"}
    t = got["total"]
    # A current period counts online dossiers by the catalog's class; levels are the historical series'.
    assert (t["received"], t["online"], t["in_person"], t["post"], t["online_class"], t["level4"]) == (
        3, 1, 1, 1, {"toan_trinh": 1}, 0)
    assert (t["resolved"], t["returned"], t["returned_by_post"], t["open"]) == (2, 2, 1, 1)
    assert got["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long" in out  # UTF-8, not \\u escapes
    assert out.startswith('{\n  "agency"')  # indented by two


@pytest.mark.parametrize("argv, received, labels", [
    (("--channel", "post"), 1, {"channel": "Qua bưu chính công ích"}),
    (("--counter", "2"), 1, {"counter": "Quầy số 2"}),
    (("--procedure", MARRIAGE), 1, {"procedure": "Đăng ký kết hôn (1.000894)"}),
    (("--sector", "TP-HT"), 2, {"sector": "Hộ tịch"}),
])
def test_filters_narrow_the_report(capsys, office, sqlite_url, argv, received, labels):
    code, out, err = run(capsys, sqlite_url, *NOV, *argv)
    assert code == 0, err
    got = json.loads(out)
    assert got["total"]["received"] == received and got["filter"]["labels"] == labels


def test_xlsx_and_pdf_files_are_written(capsys, office, sqlite_url, tmp_path, monkeypatch):
    folder = tmp_path / "ra"
    folder.mkdir()
    out_xlsx = folder / "bao-cao-thang-11.xlsx"
    code, out, err = run(capsys, sqlite_url, *NOV, "-o", str(out_xlsx))  # format from the suffix
    assert code == 0, err
    assert out == f"Đã ghi báo cáo ra {out_xlsx}.\n"
    ws = load_workbook(out_xlsx)["Tổng hợp"]
    figures = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert figures["Hồ sơ tiếp nhận trong kỳ"] == 3 and figures["Trả qua bưu chính công ích"] == 1
    # Without -o: a file named after the period, in the current folder, and the line says where.
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, sqlite_url, *NOV, "--format", "pdf")
    pdf = folder / "bao-cao-20261101-20261130.pdf"
    assert code == 0 and out == f"Đã ghi báo cáo ra {pdf}.\n", err
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Hồ sơ tiếp nhận trong kỳ\s+3\n", text) and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    code, out, err = run(capsys, sqlite_url, *NOV, "-o", "so-lieu.json")
    assert code == 0 and json.loads((folder / "so-lieu.json").read_text(encoding="utf-8"))["total"]["received"] == 3
    assert sorted(p.name for p in folder.iterdir()) == [
        "bao-cao-20261101-20261130.pdf", "bao-cao-thang-11.xlsx", "so-lieu.json"]  # no temporary file left


def _bad_cases(folder):
    a_file = folder / "tep-thuong"
    a_file.write_text("x")
    out = str(folder / "r.pdf")
    return [
        (("--from", "31/02/2026", "--to", "30/11/2026", "-o", out), 2, "ngày «31/02/2026» không hợp lệ"),
        (("--from", "30/11/2026", "--to", "01/11/2026", "-o", out), 1,
         "Ngày cuối của kỳ báo cáo phải sau hoặc bằng ngày đầu."),
        ((*NOV, "--procedure", "9.999999", "-o", out), 1, "Không có thủ tục mã «9.999999»."),
        ((*NOV, "--sector", "KHONG-CO", "-o", out), 1, "Không có lĩnh vực mã «KHONG-CO»."),
        ((*NOV, "--counter", "9", "-o", out), 1, "Không có quầy số 9."),
        ((*NOV, "--channel", "email", "-o", out), 2, "lựa chọn không hợp lệ: 'email'"),
        ((*NOV, "-o", str(folder / "khong-co" / "r.pdf")), 1, "Không có thư mục"),
        ((*NOV, "-o", str(a_file / "r.pdf")), 1, "Không có thư mục"),
        ((*NOV, "-o", "/proc/bao-cao.pdf"), 1, "Không ghi được tệp «/proc/bao-cao.pdf»"),  # even for root
        ((*NOV, "-o", str(folder)), 1, "là một thư mục"),
        ((*NOV, "--format", "pdf", "-o", str(folder / "r.xlsx")), 1, "không khớp định dạng pdf"),
    ]


def test_each_mistake_gives_one_vietnamese_line_and_no_file(capsys, office, sqlite_url, tmp_path, monkeypatch):
    folder = tmp_path / "ra"
    folder.mkdir()
    monkeypatch.chdir(folder)  # where a default file name would land
    cases = _bad_cases(folder)
    for argv, want_code, words in cases:
        code, out, err = run(capsys, sqlite_url, *argv)
        assert (code, out) == (want_code, ""), (argv, err)
        assert err.startswith("motcua") and "lỗi:" in err and words in err and err.count("\n") == 1, (argv, err)
        assert list(folder.iterdir()) == [folder / "tep-thuong"], argv  # no file, no temporary file
    assert not list((tmp_path / "data" / "logs").glob("crash-*"))  # no failure was an unexpected one


def test_a_real_process_exits_without_a_traceback(office, sqlite_url, tmp_path):
    env = {"MOTCUA_DB": sqlite_url}
    r = motcua("report", *NOV, "--counter", "9", "-o", str(tmp_path / "r.xlsx"), env=env)
    assert r.returncode == 1 and r.stderr == "motcua: lỗi: Không có quầy số 9.\n" and r.stdout == ""
    r = motcua("report", "--from", "hôm qua", "--to", "30/11/2026", env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "r.xlsx").exists()
    r = motcua("report", *NOV, env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["total"]["received"] == 3


def test_the_seed_articles_half_year(capsys, db, data_dir, sqlite_url, tmp_path):
    """Vĩnh Long, H1 2021 (DOMAIN.md §2): 240 received, 221 online, 19 in person or by post, all
    on time, 160 of 240 results returned by post (about 67 %), through JSON, Excel and PDF."""
    days = [d for d in range(1, 32) if date(2021, 3, d).weekday() < 5]
    for i in range(240):
        day = datetime(2021, 3, days[i % len(days)], 8, 0)
        if i < 221:
            code = filed_online(db, SINGLE, day.replace(hour=7), serial=i)
        else:
            code = walk_in(db, SINGLE, day, channel=Channel.IN_PERSON if i < 233 else Channel.POST)
        ready_and_sent(db, code, day.replace(hour=10), by_post=i < 160)
    half = ("--from", "01/01/2021", "--to", "30/06/2021")
    code, out, err = run(capsys, sqlite_url, *half)
    assert code == 0, err
    t = json.loads(out)["total"]
    assert (t["received"], t["online"], t["in_person"] + t["post"], t["late"]) == (240, 221, 19, 0)
    assert t["on_time_share"] == 1.0 and (t["returned_by_post"], t["returned"]) == (160, 240)
    assert round(100 * t["post_share"]) == 67
    assert run(capsys, sqlite_url, *half, "-o", str(tmp_path / "h1.pdf"))[0] == 0
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "h1.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    for pattern in (r"Hồ sơ tiếp nhận trong kỳ\s+240\n", r"Nộp trực tuyến\s+221\s+92,1 %",
                    r"Trước hạn và đúng hạn\s+240\s+100 %", r"Trả qua bưu chính công ích\s+160\s+66,7 %"):
        assert re.search(pattern, text), pattern
    assert run(capsys, sqlite_url, *half, "-o", str(tmp_path / "h1.xlsx"))[0] == 0
    ws = load_workbook(tmp_path / "h1.xlsx")["Tổng hợp"]
    figures = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert (figures["Hồ sơ tiếp nhận trong kỳ"], figures["Nộp trực tuyến"]) == (240, 221)
    assert (figures["Kết quả đã trả"], figures["Trả qua bưu chính công ích"]) == (240, 160)

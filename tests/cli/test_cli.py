"""The command line, in process (fast) and as a real subprocess (exit codes, no traceback)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli.main import main
from db.migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def motcua(*argv, env=None, stdin=None):
    e = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "app", *argv], cwd=ROOT, env=e, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_version_subprocess():
    r = motcua("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"motcua {__version__}"


def test_db_upgrade_creates_the_sqlite_file_in_the_data_dir(capsys, data_dir):
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and f"đã nâng cấp trống → {head_revision()}" in out
    assert (data_dir / "motcua.sqlite3").exists()
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "đã ở phiên bản mới nhất" in out


def test_explicit_data_dir_and_db_options(capsys, tmp_path, data_dir):
    other = tmp_path / "khac"
    assert run(capsys, "--data-dir", str(other), "db", "upgrade")[0] == 0
    assert (other / "motcua.sqlite3").exists() and not data_dir.exists()
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert run(capsys, "db", "upgrade", "--db", url)[0] == 0
    assert (tmp_path / "x.sqlite3").exists()


def test_catalog_list_and_json(capsys, data_dir):
    code, out, err = run(capsys, "catalog", "list")
    assert code == 0 and "Chứng thực bản sao" in out and "thủ tục" in err
    code, out, _ = run(capsys, "catalog", "list", "--json")
    items = json.loads(out)
    assert len(items) >= 30 and {"code", "name", "documents", "fees"} <= set(items[0])


def test_catalog_import_bad_file_lists_errors_and_changes_nothing(capsys, data_dir, tmp_path):
    run(capsys, "catalog", "list", "--json")
    before = run(capsys, "catalog", "list", "--json")[1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "procedures": [{"code": "1", "name": ""}]}), encoding="utf-8")
    code, out, err = run(capsys, "catalog", "import", str(bad))
    assert code == 1 and "thủ tục #1 (1), trường «name»" in err and "danh mục không thay đổi" in err
    assert run(capsys, "catalog", "list", "--json")[1] == before


def test_user_add_and_passwd_from_stdin(capsys, data_dir, monkeypatch):
    code, out, _ = run(capsys, "user", "add", "NguoiMoi", "--role", "officer", "--password-stdin",
                       stdin="mat-khau-123\n", monkeypatch=monkeypatch)
    assert code == 0 and "nguoimoi" in out
    code, _, err = run(capsys, "user", "add", "x2", "--role", "boss", "--password-stdin",
                       stdin="mat-khau-123\n", monkeypatch=monkeypatch)
    assert code == 1 and "Vai trò «boss» không tồn tại" in err
    code, out, _ = run(capsys, "user", "passwd", "nguoimoi", "--password-stdin",
                       stdin="mat-khau-456\n", monkeypatch=monkeypatch)
    assert code == 0
    from app.errors import PasswordChangeRequired
    from app.services.trust.users import authenticate, change_initial_password
    from db.engine import Database

    db = Database(f"sqlite:///{data_dir / 'motcua.sqlite3'}")
    with pytest.raises(PasswordChangeRequired):  # set by the administrator: the user chooses their own
        authenticate(db, "nguoimoi", "mat-khau-456")
    change_initial_password(db, "nguoimoi", "mat-khau-456", "cua-toi-789")
    assert authenticate(db, "nguoimoi", "cua-toi-789").login == "nguoimoi"


def test_calendar_commands(capsys, data_dir):
    assert run(capsys, "calendar", "add-day-off", "23/11/2026", "--reason", "Đại hội cơ quan")[0] == 0
    assert run(capsys, "calendar", "add-working-day", "2026-11-28", "--reason", "Làm bù")[0] == 0
    code, out, _ = run(capsys, "calendar", "list", "--year", "2026")
    assert code == 0
    assert "23/11/2026\tnghỉ\tĐại hội cơ quan" in out and "28/11/2026\tlàm việc\tLàm bù" in out
    assert "24/11/2026\tnghỉ" in out  # Vietnam Cultural Day, from the holidays package
    assert run(capsys, "calendar", "remove", "23/11/2026")[0] == 0
    code, _, err = run(capsys, "calendar", "remove", "23/11/2026")
    assert code == 1 and "không có điều chỉnh" in err


def test_due_date(capsys, data_dir):
    # Fri 20/11/2026 09:00 + 3 working days: Mon 23, (Tue 24 is Vietnam Cultural Day), Wed 25, Thu 26
    code, out, _ = run(capsys, "due-date", "--received", "2026-11-20T09:00", "--days", "3")
    assert code == 0 and out.strip() == "2026-11-26T17:00:00+07:00"
    code, out, _ = run(capsys, "due-date", "--received", "2026-11-20T14:00", "--hours", "4")
    assert out.strip() == "2026-11-23T08:30:00+07:00"  # 14:00-17:00 is 3 h, then 1 h from 07:30 Monday
    code, out, _ = run(capsys, "due-date", "--received", "2026-11-20T15:30", "--days", "0", "--cutoff", "15:00")
    assert out.strip() == "2026-11-23T17:00:00+07:00"


def test_dossier_show_and_search(capsys, data_dir):
    from app.services.intake.registration import register
    from db.engine import Database
    from tests.helpers.factories import OFFICER, procedure_code, request

    run(capsys, "db", "upgrade")
    from app.services.bootstrap import seed_demo_office

    db = Database(f"sqlite:///{data_dir / 'motcua.sqlite3'}")
    seed_demo_office(db)
    r = register(db, OFFICER, request(procedure_code(db)))
    code, out, _ = run(capsys, "dossier", "search", "nguyen van an", "--json")
    assert code == 0 and [x["code"] for x in json.loads(out)] == [r.code]
    code, out, _ = run(capsys, "dossier", "show", r.code)
    assert code == 0 and "Nguyễn Văn An" in out and "Được tiếp nhận" in out
    code, out, _ = run(capsys, "dossier", "show", r.code, "--json")
    assert json.loads(out)["code"] == r.code
    code, _, err = run(capsys, "dossier", "show", "000.00.01.H62-261120-9999")
    assert code == 1 and "Không có hồ sơ" in err


@pytest.mark.parametrize("argv,message", [
    (["--bogus"], "tham số không hợp lệ: --bogus"),
    (["calendar", "add-day-off", "31/02/2026", "--reason", "x"], "ngày «31/02/2026» không hợp lệ"),
    (["due-date", "--received", "hôm qua", "--days", "3"], "thời điểm «hôm qua» không hợp lệ"),
    (["due-date", "--received", "2026-11-20T09:00"], "cần một trong các tham số"),
    (["--db", "mysql://x/y", "catalog", "list"], "Không hỗ trợ cơ sở dữ liệu «mysql»"),
    (["--db", "not a url", "catalog", "list"], "Địa chỉ cơ sở dữ liệu không hợp lệ"),
    (["user", "add", "abc", "--role", "officer"], "dùng --password-stdin"),
])
def test_bad_input_gives_one_clear_line_and_no_traceback(argv, message, data_dir):
    r = motcua(*argv, env={"MOTCUA_DATA_DIR": str(data_dir)}, stdin="")
    assert r.returncode != 0
    assert message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_corrupt_and_locked_sqlite_files(tmp_path, data_dir):
    corrupt = tmp_path / "hong.sqlite3"
    corrupt.write_bytes(b"this is not a database" * 100)
    r = motcua("--db", f"sqlite:///{corrupt}", "catalog", "list")
    assert r.returncode == 1 and "bị hỏng" in r.stderr and "Traceback" not in r.stderr
    assert corrupt.read_bytes() == b"this is not a database" * 100  # untouched

    path = tmp_path / "khoa.sqlite3"
    assert motcua("--db", f"sqlite:///{path}", "db", "upgrade").returncode == 0
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = motcua("--db", f"sqlite:///{path}", "calendar", "add-day-off", "23/11/2026", "--reason", "x",
                   env={"MOTCUA_SQLITE_BUSY_MS": "300"})
    finally:
        holder.rollback()
        holder.close()
    assert r.returncode == 1 and "đang bị khóa" in r.stderr and "Traceback" not in r.stderr


def test_data_dir_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    r = motcua("--data-dir", str(blocker / "sub"), "db", "upgrade")
    assert r.returncode == 1 and "Không tạo được thư mục dữ liệu" in r.stderr and "Traceback" not in r.stderr


def test_unreachable_postgresql_server():
    r = motcua("--db", "postgresql+psycopg://motcua@127.0.0.1:1/none", "catalog", "list")
    assert r.returncode == 1 and "Không kết nối được máy chủ" in r.stderr and "Traceback" not in r.stderr


def test_demo_data_command(capsys, data_dir):
    code, out, err = run(capsys, "demo-data", "--dossiers", "60", "--seed", "3")
    assert code == 0 and out.strip() == "Đã tạo 60 hồ sơ mẫu." and "60 hồ sơ" in err
    code, out, _ = run(capsys, "dossier", "search", "nguyen", "--json", "--limit", "5")
    assert code == 0 and all("Nguyễn" in x["applicant_name"] for x in json.loads(out))
    code, _, err = run(capsys, "demo-data", "--dossiers", "0")
    assert code == 1 and "Số hồ sơ mẫu phải từ 1 đến 5.000.000" in err


def test_demo_data_rejects_a_non_number(data_dir):
    r = motcua("demo-data", "--dossiers", "nhiều", env={"MOTCUA_DATA_DIR": str(data_dir)})
    assert r.returncode == 2 and "nhiều" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

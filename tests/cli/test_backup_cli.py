"""`motcua backup` and `motcua restore` as real subprocesses: what they print, one Vietnamese line
on stderr for a refusal, exit codes, and the confirmation asked on a terminal."""

from __future__ import annotations

import os
import pty
import select as io_select
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services.intake.registration import register
from app.services.trust.backup import size_text
from db.models import Dossier
from tests.helpers.factories import OFFICER, procedure_code, request

ROOT = Path(__file__).resolve().parents[2]


def motcua(*argv, stdin: str | None = "", **kw):
    return subprocess.run([sys.executable, "-m", "app", *argv], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=120, **kw)


def codes(db) -> list[str]:
    with db.reading() as s:
        return list(s.scalars(select(Dossier.code).order_by(Dossier.code)))


def add(db, n: int) -> None:
    code = procedure_code(db)
    for _ in range(n):
        register(db, OFFICER, request(code, datetime(2026, 11, 20, 9)))


def one_error_line(r) -> str:
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("motcua: lỗi: ")
    return lines[0]


@pytest.fixture
def url(db, data_dir):
    return db.url.render_as_string(hide_password=False)


def test_backup_then_restore_through_the_command_line(db, url, tmp_path):
    add(db, 2)
    target = tmp_path / "sao-luu" / "hom-nay.sqlite3"
    r = motcua("--db", url, "backup", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"Đã sao lưu SQLite: {db.url.database} vào {target}: ")
    assert r.stdout.rstrip().endswith(" KB, 2 hồ sơ.")
    kept = codes(db)
    add(db, 3)

    r = motcua("--db", url, "restore", str(target), "--yes")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"Tệp {target}: bản sao lưu SQLite ghi lúc ") and ", 2 hồ sơ, " in lines[0]
    assert lines[2] == f"Đã khôi phục 2 hồ sơ từ {target} vào SQLite: {db.url.database}."
    assert lines[3].startswith("Dữ liệu trước khi khôi phục được giữ tại ") and "truoc-khoi-phuc" in lines[3]
    assert codes(db) == kept


def test_restore_refuses_a_bad_file_with_one_line(db, url, tmp_path):
    add(db, 1)
    before = codes(db)
    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("không phải sao lưu\n", encoding="utf-8")
    r = motcua("--db", url, "restore", str(notes), "--yes")
    assert r.returncode == 1 and r.stdout == ""
    assert one_error_line(r) == (f"motcua: lỗi: Tệp «{notes}» không phải bản sao lưu của Một Cửa: "
                                 "không phải tệp SQLite hay bản sao PostgreSQL (pg_dump).")
    r = motcua("--db", url, "restore", str(tmp_path / "khong-co.sqlite3"), "--yes")
    assert r.returncode == 1 and "Không tìm thấy tệp" in one_error_line(r)
    assert codes(db) == before


def test_restore_without_yes_and_without_a_terminal_changes_nothing(db, url, tmp_path):
    target = tmp_path / "b.sqlite3"
    assert motcua("--db", url, "backup", "-o", str(target)).returncode == 0
    add(db, 1)
    before = codes(db)
    r = motcua("--db", url, "restore", str(target), stdin="có\n")
    assert r.returncode == 1
    assert one_error_line(r) == "motcua: lỗi: Không có bàn phím để xác nhận: thêm --yes để khôi phục."
    assert codes(db) == before


def _on_terminal(argv: list[str], answer: str) -> tuple[int, str]:
    """Runs motcua with a pseudo-terminal as stdin and types `answer` at the question."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "app", *argv], cwd=ROOT, stdin=follower,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.close(follower)
    try:
        out = b""
        question = "phím khác để hủy".encode()
        while question not in out:
            ready, _, _ = io_select.select([proc.stdout], [], [], 60)
            assert ready, f"no question asked: {out!r}"
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, f"ended without asking: {out!r}"
            out += chunk
        os.write(leader, answer.encode() + b"\n")
        rest, _ = proc.communicate(timeout=120)
        return proc.returncode, (out + rest).decode()
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("answer,restored", [("có", True), ("không", False)])
def test_restore_asks_on_a_terminal(db, url, tmp_path, answer, restored):
    target = tmp_path / "b.sqlite3"
    assert motcua("--db", url, "backup", "-o", str(target)).returncode == 0
    kept = codes(db)
    add(db, 2)
    changed = codes(db)
    code, out = _on_terminal(["--db", url, "restore", str(target)], answer)
    assert "Khôi phục sẽ thay toàn bộ dữ liệu hiện có" in out
    if restored:
        assert code == 0 and "Đã khôi phục 0 hồ sơ" in out and codes(db) == kept
    else:
        assert code == 1 and "Đã hủy: dữ liệu giữ nguyên." in out and codes(db) == changed


def test_backup_auto_makes_one_a_day_in_the_data_folder(db, url, data_dir):
    r = motcua("--db", url, "--data-dir", str(data_dir), "backup", "--auto")
    assert r.returncode == 0, r.stderr
    made = sorted((data_dir / "backups").iterdir())
    assert len(made) == 1 and made[0].suffix == ".sqlite3"
    assert r.stdout == f"Đã sao lưu tự động vào {made[0]} ({size_text(made[0].stat().st_size)}).\n"
    r = motcua("--db", url, "--data-dir", str(data_dir), "backup", "--auto")
    assert r.returncode == 0 and r.stdout == "Hôm nay đã có bản sao lưu tự động: không làm gì thêm.\n"
    assert sorted((data_dir / "backups").iterdir()) == made


def test_backup_of_a_database_that_does_not_exist(tmp_path, data_dir):
    missing = tmp_path / "chua-co.sqlite3"
    r = motcua("--db", f"sqlite:///{missing}", "backup", "-o", str(tmp_path / "x.sqlite3"))
    assert r.returncode == 1
    assert one_error_line(r) == f"motcua: lỗi: Chưa có cơ sở dữ liệu «{missing}»: không có gì để sao lưu."
    assert not missing.exists() and not (tmp_path / "x.sqlite3").exists()


def test_backup_needs_a_file_or_auto(data_dir):
    r = motcua("backup")
    assert r.returncode == 2
    assert r.stderr == ("motcua backup: lỗi: cần một trong các tham số -o/--output --auto "
                        "(xem «motcua backup --help»)\n")

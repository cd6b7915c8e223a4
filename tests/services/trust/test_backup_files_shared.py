"""The automatic daily backups keep each digitized file once, in `backup-files` beside them
(app/services/trust/backup_files.py `share`): a day adds only the new files, a restore of any of them
brings back exactly its files from there (each re-hashed), pruning removes only the shared files no
kept backup names, and a manual backup stays one self-contained file. Real SQLite files, real
files (PDFs assembled by the desk's own code from real PNGs, and PNGs)."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.domain.permissions import Actor
from app.errors import UserError
from app.services.dossiers.digitization import open_dossier_file
from app.services.files import store
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from app.services.trust.backup import (
    auto_name,
    backup,
    check_backup,
    prune,
    restore,
    run_daily_backup,
)
from app.services.trust.backup_files import MANIFEST, SHARED, shared_path
from db.engine import Database
from db.models import Dossier
from tests.helpers.factories import OFFICER, procedure_code, request
from tests.helpers.scanned_text import scanned_dossier, scanned_pdf

ADMIN = Actor.system()
DAY1, DAY2, DAY3 = datetime(2026, 11, 20, 7, 30), datetime(2026, 11, 21, 7, 30), datetime(2026, 11, 22, 7, 30)
TWO_DAYS_AGO = time.time() - 2 * 86400


def codes(db) -> list[str]:
    with db.reading() as s:
        return sorted(s.scalars(select(Dossier.code)))


def shared_files(folder: Path) -> set[str]:
    root = folder / SHARED
    return {p.name for p in root.glob("*/*/*") if p.is_file()} if root.is_dir() else set()


def bytes_inside(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT coalesce(sum(length(data)), 0) FROM stored_files").fetchone()[0]


def big_scan(db, data_dir: Path, tmp_path: Path) -> tuple[str, bytes]:
    from app.services.dossiers.digitization import FileInput, record_digitization

    pdf = scanned_pdf(tmp_path, pages=3)
    code = register(db, OFFICER, request(procedure_code(db), DAY1)).code
    record_digitization(db, OFFICER, code, 0, "scanned", data_dir=data_dir, files=[FileInput(pdf, "to-khai.pdf", 3)])
    return code, pdf


def store_files(data_dir: Path) -> set[str]:
    return {p.name for p in (data_dir / "files").glob("*/*/*") if p.is_file()}


def test_two_daily_backups_share_the_files_and_the_second_adds_only_the_new_ones(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    _, first = scanned_dossier(db, data_dir, "Nguyen Van An")
    day1 = check_backup(run_daily_backup(db, data_dir, DAY1))
    assert (day1.files, day1.files_missing, day1.files_folder) == (2, (), folder / SHARED)
    assert (day1.files_added, day1.bytes_added) == (2, sum(map(len, first.values())))
    assert "để trong thư mục" in day1.summary() and "lần này thêm 2 tệp" in day1.summary()
    assert bytes_inside(day1.path) == 0
    for sha, data in first.items():  # written once, whole, by content
        assert shared_path(folder, sha).read_bytes() == data
    inodes = {sha: shared_path(folder, sha).stat().st_ino for sha in first}
    for sha in first:
        os.utime(shared_path(folder, sha), (TWO_DAYS_AGO, TWO_DAYS_AGO))

    _, big = big_scan(db, data_dir, tmp_path)  # a three-page scan at 200 dpi, the next day
    day2 = check_backup(run_daily_backup(db, data_dir, DAY2))
    assert (day2.files, day2.files_missing) == (3, ())
    assert (day2.files_added, day2.bytes_added) == (1, len(big))  # only the new one
    assert shared_files(folder) == set(first) | {hashlib.sha256(big).hexdigest()}
    assert {sha: shared_path(folder, sha).stat().st_ino for sha in first} == inodes  # not written again …
    assert all(shared_path(folder, sha).stat().st_mtime > TWO_DAYS_AGO + 86400 for sha in first)  # … but touched
    # Its size stays that of the database alone: it grew by the day's rows, not by the scan,
    # which a self-contained copy of the same moment does hold.
    assert bytes_inside(day2.path) == 0 and day2.size - day1.size < len(big) // 4
    manual = backup(db, tmp_path / "tay.sqlite3", actor=ADMIN, data_dir=data_dir)
    assert bytes_inside(manual.path) == len(big) + sum(map(len, first.values()))
    assert manual.size - day2.size > len(big) // 2


def test_a_restore_of_either_daily_backup_brings_back_exactly_its_files(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    code1, first = scanned_dossier(db, data_dir, "Le Van Cuong")
    day1 = run_daily_backup(db, data_dir, DAY1)
    code2, second = scanned_dossier(db, data_dir, "Pham Thi Dung")
    day2 = run_daily_backup(db, data_dir, DAY2)

    shutil.rmtree(data_dir / "files")  # the disk lost the scans; the backup folder survived
    done = restore(db, day1, actor=ADMIN, data_dir=data_dir)
    assert (done.files, done.files_missing, done.files_folder) == (2, (), folder / SHARED)
    assert codes(db) == [code1] and store_files(data_dir) == set(first)
    found = store.verify(db, data_dir)
    assert found.ok and found.checked == 2
    with sqlite3.connect(db.url.database) as conn:  # the backup's own note stays out of the data
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (MANIFEST,)).fetchone() is None

    shutil.rmtree(data_dir / "files")
    assert restore(db, day2, actor=ADMIN, data_dir=data_dir).files == 4
    assert codes(db) == sorted([code1, code2]) and store_files(data_dir) == set(first) | set(second)
    assert store.verify(db, data_dir).ok
    for sha, data in second.items():
        assert open_dossier_file(db, OFFICER, code2, sha, data_dir) == data

    # Another PC: the backup and its folder of files, copied together, bring the office back.
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy2(day2, usb / day2.name)
    shutil.copytree(folder / SHARED, usb / SHARED)
    other_dir = tmp_path / "may-khac"
    other = Database(f"sqlite:///{other_dir / 'motcua.sqlite3'}")
    try:
        assert restore(other, usb / day2.name, actor=ADMIN, data_dir=other_dir).files_folder == usb / SHARED
        assert store.verify(other, other_dir).ok and store_files(other_dir) == set(first) | set(second)
    finally:
        other.dispose()


def test_prune_removes_only_the_shared_files_no_kept_backup_names(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    change_settings(db, ADMIN, {"backup.keep": 2})
    day0 = run_daily_backup(db, data_dir, datetime(2026, 11, 19, 7, 30))  # before any scan
    _, first = scanned_dossier(db, data_dir, "Hoang Van Em")
    day1 = run_daily_backup(db, data_dir, DAY1)
    restore(db, day0, actor=ADMIN, data_dir=data_dir)  # the office went back: the first scans are gone
    _, second = scanned_dossier(db, data_dir, "Vo Thi Giang")
    day2 = run_daily_backup(db, data_dir, DAY2)
    assert not day0.exists()  # pruned; day1 is kept and still names the first scans
    assert shared_files(folder) == set(first) | set(second)

    old, young = sorted(first)
    for sha in (old, *second):  # long ago, except one that a backup under way might have just added
        os.utime(shared_path(folder, sha), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    day3 = run_daily_backup(db, data_dir, DAY3)
    assert sorted(p.name for p in folder.glob("motcua-*")) == [day2.name, day3.name]  # day1 pruned
    assert shared_files(folder) == {young} | set(second)  # second: named by day2 and day3, kept
    assert check_backup(day3).files_missing == () and check_backup(day2).files_missing == ()

    gone = prune(folder, 2, files_older_than=0)
    assert gone == [shared_path(folder, young)] and shared_files(folder) == set(second)
    assert not day1.exists()
    shutil.rmtree(data_dir / "files")
    assert restore(db, day2, actor=ADMIN, data_dir=data_dir).files == 2 and store.verify(db, data_dir).ok


@pytest.mark.expected_log("motcua.db", logging.WARNING, "shared backup files not swept: ban-hong.sqlite3 unreadable")
def test_a_backup_in_the_folder_that_cannot_be_read_keeps_every_shared_file(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    _, files = scanned_dossier(db, data_dir, "Dang Van Hung")
    run_daily_backup(db, data_dir, DAY1)
    hand = backup(db, folder / "ban-hong.sqlite3", actor=ADMIN, data_dir=data_dir)  # a copy someone made
    with sqlite3.connect(hand.path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'stored_files'")]
    with hand.path.open("r+b") as f:  # its list of files is damaged (table and indexes): it might name any
        for root in roots:
            f.seek((root - 1) * page_size)
            f.write(b"\xff" * page_size)
    (folder / auto_name(db, DAY1)).unlink()
    for sha in files:
        os.utime(shared_path(folder, sha), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    assert prune(folder, 1, files_older_than=0) == []
    assert shared_files(folder) == set(files)


def test_a_damaged_or_missing_shared_file_is_named_and_refused_unless_accepted(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    code, files = scanned_dossier(db, data_dir, "Bui Thi Lan")
    day1 = run_daily_backup(db, data_dir, DAY1)
    damaged, lost = sorted(files)
    data = bytearray(files[damaged])
    data[-20] ^= 0xFF  # same size: only a re-hash finds it
    shared_path(folder, damaged).write_bytes(bytes(data))
    shutil.rmtree(data_dir / "files")
    after = register(db, OFFICER, request(procedure_code(db), DAY1)).code

    assert check_backup(day1).files_missing == ()  # the cheap look sees the right size
    with pytest.raises(UserError, match=rf"«{folder / SHARED}» có 1 tệp số hóa bị hỏng .*{damaged[:12]}….*"
                                        "Cơ sở dữ liệu chưa thay đổi"):
        restore(db, day1, actor=ADMIN, data_dir=data_dir)
    assert after in codes(db)

    shared_path(folder, lost).unlink()
    shutil.rmtree(data_dir / "files")  # the refused restore wrote the sound one back: whole, by its hash
    info = check_backup(day1)
    assert info.files_missing == (lost,) and lost[:12] in info.missing_text() and str(folder / SHARED) in info.missing_text()
    with pytest.raises(UserError, match=rf"cần 1 tệp số hóa không có trong thư mục tệp sao lưu .*{lost[:12]}….*"
                                        "chưa khôi phục gì"):
        restore(db, day1, actor=ADMIN, data_dir=data_dir)
    assert after in codes(db)

    done = restore(db, day1, actor=ADMIN, data_dir=data_dir, allow_missing_files=True)
    assert done.files_missing == tuple(sorted(files)) and codes(db) == [code]
    found = store.verify(db, data_dir)
    assert found.checked == 2 and len(found.missing) == 2


def test_a_manual_backup_stays_self_contained_and_restores_on_an_empty_pc(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    code, files = scanned_dossier(db, data_dir, "Ngo Van Minh")
    run_daily_backup(db, data_dir, DAY1)  # the daily backups share theirs meanwhile
    for target in (tmp_path / "usb" / "ban.sqlite3", folder / "ban-tay.sqlite3"):  # even into their folder
        target.parent.mkdir(exist_ok=True)
        info = backup(db, target, actor=ADMIN, data_dir=data_dir)
        assert (info.files, info.files_folder, info.files_added) == (2, None, 0)
        assert bytes_inside(info.path) == sum(map(len, files.values()))
        other_dir = tmp_path / f"may-trong-{target.parent.name}"
        other = Database(f"sqlite:///{other_dir / 'motcua.sqlite3'}")
        try:
            restored = restore(other, info.path, actor=ADMIN, data_dir=other_dir)
            assert restored.files == 2 and restored.files_folder is None
            for sha, data in files.items():
                assert open_dossier_file(other, OFFICER, code, sha, other_dir) == data
            assert store.verify(other, other_dir).ok
        finally:
            other.dispose()
    assert not (tmp_path / "usb" / SHARED).exists()


def test_an_old_self_contained_daily_backup_still_restores_beside_shared_ones(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    code, files = scanned_dossier(db, data_dir, "Ly Thi Nga")
    # What the daily backup wrote before its files were shared: the bytes inside, an automatic name.
    old = backup(db, folder / auto_name(db, DAY1), actor=ADMIN, data_dir=data_dir)
    assert old.files_folder is None and bytes_inside(old.path) > 0
    later, _ = scanned_dossier(db, data_dir, "Mai Van Oanh")
    day2 = check_backup(run_daily_backup(db, data_dir, DAY2))
    assert day2.files_added == 4  # the first shared backup puts every file there once
    shutil.rmtree(folder / SHARED)  # the old backup does not need the shared folder
    shutil.rmtree(data_dir / "files")
    done = restore(db, old.path, actor=ADMIN, data_dir=data_dir)
    assert (done.files, done.files_missing, done.files_folder) == (2, (), None)
    assert codes(db) == [code] and store.verify(db, data_dir).ok


def test_motcua_backup_auto_and_restore_say_what_was_added(db, tmp_path, data_dir, capsys):
    url = f"sqlite:///{db.url.database}"
    _, files = scanned_dossier(db, data_dir, "Trinh Van Phuc")
    assert main(["backup", "--db", url, "--auto"]) == 0
    out = capsys.readouterr().out
    shared = data_dir / "backups" / SHARED
    assert f"2 tệp số hóa để trong thư mục «{shared}», lần này thêm 2 tệp, < 0,1 MB." in out
    made = next((data_dir / "backups").glob("motcua-*.sqlite3"))
    assert main(["backup", "--db", url, "-o", str(tmp_path / "tay.sqlite3")]) == 0
    assert ", 2 tệp số hóa." in capsys.readouterr().out  # manual: inside the file, as before

    shutil.rmtree(data_dir / "files")
    assert main(["restore", "--db", url, str(made), "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"2 tệp số hóa để trong thư mục «{shared}» (lần này thêm 2 tệp, < 0,1 MB)" in out
    assert f"và 2 tệp số hóa (mã băm đều khớp) lấy từ thư mục «{shared}»" in out
    assert all(store.path_of(data_dir, sha).read_bytes() == data for sha, data in files.items())



def test_a_shared_folder_that_cannot_be_written_publishes_no_backup(db, tmp_path):
    data_dir = tmp_path / "data"
    folder = data_dir / "backups"
    scanned_dossier(db, data_dir, "Kieu Van Quang")
    folder.mkdir(parents=True)
    (folder / SHARED).write_text("not a folder")  # a file took the folder's place
    with pytest.raises(UserError, match=rf"^Sao lưu tự động không thành công: Không ghi được tệp số hóa vào thư mục "
                                        rf"sao lưu «{folder / SHARED}"):
        run_daily_backup(db, data_dir, DAY1)
    assert sorted(p.name for p in folder.iterdir()) == [SHARED]  # no backup, no temporary file

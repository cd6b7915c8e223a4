"""`motcua files verify` on a real SQLite office (files in its data folder) and on the real
PostgreSQL server (files in the database): exit 0 when every file is whole; one stdout line per
missing or altered file, one stderr line and exit 1 otherwise; files nothing points at reported."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import update

from app.cli.main import main
from app.services.dossiers.digitization import FileInput, record_digitization
from app.services.files import store
from app.services.intake.registration import register
from db.models import StoredFile
from tests.helpers.factories import OFFICER, request

PDF = b"%PDF-1.4\n% ban quet\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def office(any_db, tmp_path, data_dir):
    """The database (either kind), its data folder, and a dossier with two scanned lines."""
    code = register(any_db, OFFICER, request("1.000894")).code
    for position, data in ((0, PDF), (1, PNG)):
        record_digitization(any_db, OFFICER, code, position, "scanned", files=[FileInput(data)], data_dir=data_dir)
    url = any_db.url.render_as_string(hide_password=False)
    return any_db, data_dir, ["--db", url, "--data-dir", str(data_dir)]


def run(capsys, *argv):
    code = main(["files", "verify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_whole_files_verify_clean(capsys, office):
    _db, _folder, where = office
    code, out, err = run(capsys, *where)
    assert (code, err) == (0, "")
    assert out == ("Kho tệp toàn vẹn: 2 tệp, mã băm đều khớp.\n"
                   "Nhận dạng chữ (OCR): 1 tệp chờ nhận dạng chữ.\n")  # the PDF; an image is shown as it is


def test_an_empty_store_says_so(capsys, any_db, data_dir):
    code, out, err = run(capsys, "--db", any_db.url.render_as_string(hide_password=False), "--data-dir", str(data_dir))
    assert (code, out, err) == (0, "Kho tệp chưa có tệp nào.\n", "")


def test_an_altered_and_a_missing_file_are_each_named(capsys, office):
    db, folder, where = office
    pdf, png = hashlib.sha256(PDF).hexdigest(), hashlib.sha256(PNG).hexdigest()
    if db.is_sqlite:
        store.path_of(folder, pdf).write_bytes(PDF + b"sua")
        store.path_of(folder, png).unlink()
        expected = {f"Tệp «{store.path_of(folder, pdf)}» đã bị thay đổi (mã băm không khớp).",
                    f"Thiếu tệp «{store.path_of(folder, png)}»."}
    else:
        with db.writing() as s:
            s.execute(update(StoredFile).where(StoredFile.sha256 == pdf).values(data=PDF + b"sua"))
        expected = {f"Tệp {pdf[:12]}… trong cơ sở dữ liệu đã bị thay đổi (mã băm không khớp)."}
    code, out, err = run(capsys, *where)
    assert code == 1
    assert set(out.splitlines()) == expected | {"Nhận dạng chữ (OCR): 1 tệp chờ nhận dạng chữ."}
    assert err == f"motcua: lỗi: {len(expected)}/2 tệp bị thiếu hoặc bị thay đổi: cần khôi phục từ bản sao lưu.\n"


def test_a_file_without_its_row_is_reported_and_the_store_still_whole(capsys, office):
    db, folder, where = office
    with pytest.raises(RuntimeError), db.writing() as s:
        sha = store.put(s, folder, b"%PDF-1.4\n% chua luu\n")
        raise RuntimeError("killed before the commit")
    code, out, err = run(capsys, *where)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    if db.is_sqlite:  # a young orphan: another counter may be about to commit it
        assert lines[0] == f"Tệp chưa thuộc hồ sơ nào (có thể đang được ghi, để lại): «{store.path_of(folder, sha)}»."
        assert store.path_of(folder, sha).is_file()
    assert lines[-2:] == ["Kho tệp toàn vẹn: 2 tệp, mã băm đều khớp.", "Nhận dạng chữ (OCR): 1 tệp chờ nhận dạng chữ."]

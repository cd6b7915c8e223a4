"""The file store on a real SQLite file with a real data folder, and on the real PostgreSQL server:
content-addressed, kept once, re-hashed on every read, written before its row is committed."""

from __future__ import annotations

import hashlib
import io
import os
import stat

import pytest
from PIL import Image
from sqlalchemy import func, select, update

from app.errors import UserError
from app.services.files import store
from db.models import StoredFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("L", (8, 8), 200).save(out, format=fmt)
    return out.getvalue()


def rows(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(StoredFile))


def put(db, data_dir, data, media_type=None, name=None) -> str:
    with db.writing() as s:
        return store.put(s, data_dir, data, media_type, name=name)


def open_(db, data_dir, sha256) -> bytes:
    with db.reading() as s:
        return store.open_file(s, data_dir, sha256)


def damage(db, data_dir, sha256: str) -> None:
    """Change the kept bytes where they are: the data folder (SQLite) or the row (PostgreSQL)."""
    if db.is_sqlite:
        path = store.path_of(data_dir, sha256)
        path.write_bytes(path.read_bytes() + b"x")
    else:
        with db.writing() as s:
            s.execute(update(StoredFile).where(StoredFile.sha256 == sha256).values(data=b"%PDF-altered"))


def test_put_keeps_a_file_once_by_its_sha256_and_open_gives_it_back(any_db, tmp_path):
    data_dir = tmp_path / "data"
    sha = put(any_db, data_dir, PDF, store.PDF, "to-khai.pdf")
    assert sha == hashlib.sha256(PDF).hexdigest()
    assert put(any_db, data_dir, PDF) == sha  # the same bytes again: the same file, one row
    assert rows(any_db) == 1
    assert open_(any_db, data_dir, sha) == PDF
    with any_db.reading() as s:
        row = s.get(StoredFile, sha)
        assert (row.size, row.media_type) == (len(PDF), "application/pdf")
        in_row = row.data
    on_disk = store.path_of(data_dir, sha)
    if any_db.is_sqlite:  # one PC: the data folder holds the bytes
        assert in_row is None and on_disk.read_bytes() == PDF
        assert on_disk.relative_to(data_dir).parts == ("files", sha[:2], sha[2:4], sha)
        if os.name == "posix":  # private like the rest of the data folder (app/data_folder.py)
            assert stat.S_IMODE(on_disk.stat().st_mode) == 0o600
            assert {stat.S_IMODE(f.stat().st_mode) for f in on_disk.parents[:3]} == {0o700}
    else:  # the office server: the database holds them, every counter sees them
        assert in_row == PDF and not on_disk.exists()


@pytest.mark.parametrize("fmt, media_type", [("PNG", store.PNG), ("JPEG", store.JPEG), ("TIFF", store.TIFF)])
def test_images_are_known_by_their_bytes(db, tmp_path, fmt, media_type):
    data = image(fmt)
    sha = put(db, tmp_path, data, name=f"anh.{fmt.lower()}")
    with db.reading() as s:
        assert s.get(StoredFile, sha).media_type == media_type


@pytest.mark.parametrize("data, media_type, expected", [
    (b"", None, "trống"),
    (b"Ho ten: Nguyen Van An\n", None, "không phải PDF, JPEG, PNG hay TIFF"),
    (b"PK\x03\x04 a zip named .pdf", store.PDF, "không phải PDF, JPEG, PNG hay TIFF"),
    (PDF, store.JPEG, "không phải JPEG như đã ghi: nội dung là tệp PDF"),
])
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_kept(any_db, tmp_path, data, media_type, expected):
    with pytest.raises(UserError, match=expected) as err:
        put(any_db, tmp_path, data, media_type, "giay-to.pdf")
    assert "«giay-to.pdf»" in str(err.value)
    assert rows(any_db) == 0 and not (tmp_path / "files").exists()


def test_a_file_over_the_size_limit_is_refused(db, tmp_path):
    from app.domain.permissions import Actor
    from app.services.settings.store import change_settings

    change_settings(db, Actor.system(), {"files.max_mb": 1})  # the office's limit
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(UserError, match=r"lớn 1\.0 MB, vượt giới hạn 1 MB cho mỗi tệp"):
        put(db, tmp_path, big, name="ban-ve.pdf")
    assert rows(db) == 0 and not (tmp_path / "files").exists()
    assert put(db, tmp_path, big[:1024 * 1024]) == hashlib.sha256(big[:1024 * 1024]).hexdigest()


def test_an_altered_file_is_named_by_open_and_by_verify(any_db, tmp_path):
    whole = put(any_db, tmp_path, image("PNG"))
    sha = put(any_db, tmp_path, PDF)
    damage(any_db, tmp_path, sha)
    with pytest.raises(UserError, match="đã bị thay đổi") as err:
        open_(any_db, tmp_path, sha)
    where = str(store.path_of(tmp_path, sha)) if any_db.is_sqlite else sha[:12]
    assert where in str(err.value)
    result = store.verify(any_db, tmp_path)
    assert (result.checked, result.ok, result.missing) == (2, False, [])
    assert len(result.altered) == 1 and where in result.altered[0]
    assert open_(any_db, tmp_path, whole) == image("PNG")


def test_a_missing_file_is_named_and_putting_it_again_heals_it(db, tmp_path):
    sha = put(db, tmp_path, PDF)
    store.path_of(tmp_path, sha).unlink()
    with pytest.raises(UserError, match=f"Thiếu tệp «{store.path_of(tmp_path, sha)}»"):
        open_(db, tmp_path, sha)
    assert store.verify(db, tmp_path).missing == [f"Thiếu tệp «{store.path_of(tmp_path, sha)}»."]
    put(db, tmp_path, PDF)  # the same scan again: written whole
    assert store.verify(db, tmp_path).ok and open_(db, tmp_path, sha) == PDF


def test_an_unknown_sha256_is_refused(any_db, tmp_path):
    for key in ("0" * 64, "không-phải-mã", ""):
        with pytest.raises(UserError, match="Không có tệp mã"):
            open_(any_db, tmp_path, key)


def test_a_crash_between_the_file_and_the_commit_leaves_no_row_and_an_orphan_verify_sweeps(any_db, tmp_path):
    class Crash(Exception):
        pass

    with pytest.raises(Crash), any_db.writing() as s:
        sha = store.put(s, tmp_path, PDF)
        raise Crash  # the process dies after the file is written, before the commit
    assert rows(any_db) == 0
    orphan = store.path_of(tmp_path, sha)
    if not any_db.is_sqlite:  # the bytes were only ever in the rolled-back row
        assert not orphan.exists() and store.verify(any_db, tmp_path).orphans_kept == []
        return
    assert orphan.read_bytes() == PDF  # whole, and pointed at by nothing
    young = store.verify(any_db, tmp_path)  # another counter may be about to commit its row: kept
    assert (young.ok, young.orphans_kept, young.orphans_removed) == (True, [orphan], [])
    assert orphan.exists()
    old = store.verify(any_db, tmp_path, sweep_older_than=0)
    assert (old.ok, old.orphans_kept, old.orphans_removed) == (True, [], [orphan])
    assert not orphan.exists()


def test_verify_leaves_a_file_whose_row_exists(db, tmp_path):
    sha = put(db, tmp_path, PDF)
    result = store.verify(db, tmp_path, sweep_older_than=0)
    assert (result.checked, result.ok, result.orphans_removed) == (1, True, [])
    assert store.path_of(tmp_path, sha).is_file()


def test_a_row_copied_without_its_bytes_is_read_from_the_data_folder_then_filled(pg_db, tmp_path):
    """A PC's store copied to the office server (`motcua db copy`) has rows without bytes: they are
    read from the data folder until the same file is kept again, which fills the row."""
    sha = hashlib.sha256(PDF).hexdigest()
    path = store.path_of(tmp_path, sha)
    path.parent.mkdir(parents=True)
    path.write_bytes(PDF)
    with pg_db.writing() as s:
        s.add(StoredFile(sha256=sha, size=len(PDF), media_type=store.PDF, created_at=store.now_local(), data=None))
    assert open_(pg_db, tmp_path, sha) == PDF
    put(pg_db, tmp_path, PDF)
    path.unlink()
    assert open_(pg_db, tmp_path, sha) == PDF


def test_a_data_folder_that_cannot_take_the_file_is_one_vietnamese_line(db, tmp_path):
    """The store's folder is a file here (a real OSError from the system, as a full disk would give)."""
    (tmp_path / "files").write_text("không phải thư mục", encoding="utf-8")
    with pytest.raises(UserError, match=r"Không lưu được tệp «to-khai.pdf» vào kho tệp «.*»: "
                                        r"một phần của đường dẫn là tệp, không phải thư mục\."):
        put(db, tmp_path, PDF, name="to-khai.pdf")
    assert rows(db) == 0

"""Files offered to the store: any bytes, any claimed type, any name. Each is kept (its type read from
its bytes) or refused with one clean Vietnamese line; a refusal leaves no row and nothing on disk,
and a kept file reads back whole. Real SQLite file, real data folder."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.errors import UserError
from app.services.files import store
from db.models import StoredFile
from tests.fuzz.strategies import any_text, assert_refusal, fuzz

MAGICS = [m for m, _ in store.MAGIC]
file_bytes = st.one_of(
    st.binary(max_size=200),
    st.tuples(st.sampled_from(MAGICS), st.binary(max_size=200)).map(lambda t: t[0] + t[1]),
    st.sampled_from([b"", b"%PDF", b"%PDF-", b"\xff\xd8", b"II*", b"MM\x00*", b"PK\x03\x04", "Tờ khai".encode()]),
)
claimed = st.one_of(st.none(), st.sampled_from([store.PDF, store.JPEG, store.PNG, store.TIFF]), any_text)


def on_disk(folder) -> set:
    return {p for p in (folder / "files").rglob("*") if p.is_file()} if (folder / "files").exists() else set()


@fuzz(60)
@given(data=file_bytes, media_type=claimed, name=st.one_of(st.none(), any_text))
def test_any_file_is_kept_whole_or_refused_in_one_line(db, tmp_path, data, media_type, name):
    with db.reading() as s:
        rows_before = s.scalar(select(func.count()).select_from(StoredFile))
    files_before = on_disk(tmp_path)
    try:
        with db.writing() as s:
            sha = store.put(s, tmp_path, data, media_type, name=name)
    except UserError as exc:
        assert_refusal(str(exc))
        with db.reading() as s:
            assert s.scalar(select(func.count()).select_from(StoredFile)) == rows_before
        assert on_disk(tmp_path) == files_before
        return
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.sniff(data) is not None and media_type in (None, store.sniff(data))
    with db.reading() as s:
        assert store.open_file(s, tmp_path, sha) == data

"""Catalog files (`motcua catalog import FILE`): any bytes, and valid catalogs with a few changes,
are imported whole or refused with every problem named in Vietnamese, the database exactly as it
was; valid catalogs round-trip, at every limit the schema allows, on SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.domain.catalog_schema import MAX_AMOUNT
from app.domain.permissions import Actor
from app.errors import UserError, ValidationFailed
from app.services.catalog import import_catalog, list_procedures, load_catalog_file
from db.models import AuditRecord, Procedure, ProcedureDocument, ProcedureFee
from tests.fuzz.strategies import assert_refusal, dumps, fuzz, mutations, vietnamese_text

ADMIN = Actor.system()


def text(most: int) -> st.SearchStrategy:
    return vietnamese_text.map(lambda t: t[:most].strip() or "a")


@st.composite
def procedures(draw, code: str, edge: bool = False) -> dict:
    """A valid catalog entry; `edge`: every value at the limit the schema allows."""
    unit = draw(st.sampled_from(["working_days", "working_hours", "within_day"]))
    value = 365 if edge else draw(st.integers(1, 365) if unit != "within_day" else st.integers(0, 365))
    fees = [{"name": "Lệ phí " * 142 + "x" if edge else draw(text(80)), "amount": MAX_AMOUNT if edge else
             draw(st.integers(0, MAX_AMOUNT)), "kind": draw(st.sampled_from(["le_phi", "phi", "khac"])),
             "online_amount": MAX_AMOUNT if edge else draw(st.none() | st.integers(0, MAX_AMOUNT)),
             "note": draw(st.none() | text(200).map(lambda t: t + "\ndòng hai\tcột"))}
            for _ in range(draw(st.integers(0, 3)))]
    documents = [{"name": "Tờ khai " * 124 + "x" if edge else draw(text(120)), "originals": draw(st.integers(1, 20)),
                  "copies": 20 if edge else draw(st.integers(0, 20)), "mandatory": draw(st.booleans())}
                 for _ in range(draw(st.integers(1, 3)))]
    return {
        "code": code, "code_verified": draw(st.booleans()), "name": "Đăng ký " * 124 + "x" if edge else draw(text(200)),
        "sector_code": "Đ" * 64 if edge else draw(st.from_regex(r"\A[A-Z]{2}-[A-Z]{1,4}\Z")),
        "sector_name": "Hộ tịch " * 37 + "ab" * 2 if edge else draw(text(100)),
        "agency_level": draw(st.sampled_from(["province", "district", "commune"])),
        "online_level": draw(st.none() | st.integers(1, 4)),
        "process_class": draw(st.none() | st.sampled_from(["toan_trinh", "mot_phan"])),
        "processing_time": {"value": value, "unit": unit},
        "cutoff": draw(st.none() | st.from_regex(r"\A([01][0-9]|2[0-3]):[0-5][0-9]\Z")),
        "fees": fees, "documents": documents,
        "result_return": draw(st.lists(st.sampled_from(["counter", "post", "online"]), min_size=1, max_size=3,
                                       unique=True)),
        "legal_basis": draw(st.none() | text(300)), "notes": draw(st.none() | text(300)),
    }


@st.composite
def catalogs(draw, edge: bool = False) -> dict:
    codes = draw(st.lists(st.from_regex(r"\A9\.[0-9]{6}\Z"), min_size=1, max_size=3, unique=True))
    if edge:
        codes[0] = ("9." + "Ư" * 62)[:64]
    return {"version": 1, "source": draw(st.none() | text(100)), "procedures": [draw(procedures(c, edge)) for c in codes]}


VALID = {"version": 1, "procedures": [{
    "code": "9.000001", "code_verified": False, "name": "Thủ tục thử", "sector_code": "X", "sector_name": "Thử",
    "agency_level": "commune", "processing_time": {"value": 3, "unit": "working_days"}, "cutoff": "15:00",
    "fees": [{"name": "Lệ phí", "amount": 20000, "online_amount": 10000}],
    "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0}], "result_return": ["counter"]}]}


def check_refusal(exc: UserError) -> None:
    assert_refusal(exc.message, names=("tệp", "Tệp", "«"))
    if isinstance(exc, ValidationFailed):
        assert exc.problems and "lỗi; danh mục không thay đổi" in exc.message
        for problem in exc.problems:
            assert_refusal(problem, names=("thủ tục #", "tệp", "… và"))


def load(path) -> object | None:
    try:
        return load_catalog_file(path)
    except UserError as exc:
        check_refusal(exc)
        return None


@fuzz(200)
@given(st.one_of(st.binary(max_size=400), mutations(VALID).map(dumps), st.just(dumps(VALID)).map(lambda b: b[:-7])))
@example(b"[" * 100_000)  # was: RecursionError
@example(b'{"version": 1, "procedures": [' + b"1" * 5000 + b"]}")  # was: ValueError (int digits)
@example(dumps({**VALID, "procedures": [{**VALID["procedures"][0], "name": "A\ud800"}]}))  # was: UnicodeEncodeError
@example(dumps({**VALID, "procedures": [{**VALID["procedures"][0], "code": "9." + "1" * 100}]}))  # PG: too long
@example(dumps({**VALID, "version": True}))  # was: accepted
def test_any_file(tmp_path, data):
    path = tmp_path / "danh-muc.json"
    path.write_bytes(data)
    load(path)


@fuzz(100)
@given(catalogs())
def test_valid_catalogs_round_trip(tmp_path, catalog):
    path = tmp_path / "danh-muc.json"
    path.write_bytes(dumps(catalog))
    loaded = load_catalog_file(path).model_dump(mode="json")
    assert within(catalog, loaded)


def within(given_, got) -> bool:
    """Everything in `given_` is in `got` (which also has the defaults of what was left out)."""
    if isinstance(given_, dict):
        return isinstance(got, dict) and all(k in got and within(v, got[k]) for k, v in given_.items())
    if isinstance(given_, list):
        return isinstance(got, list) and len(got) == len(given_) and all(map(within, given_, got))
    return given_ == got


def snapshot(db) -> tuple:
    with db.reading() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in
                       (Procedure, ProcedureFee, ProcedureDocument, AuditRecord))
        rows = sorted(s.execute(select(Procedure.code, Procedure.name, Procedure.time_value,
                                       Procedure.updated_at)).all())
        return counts, rows


def import_and_check(db, path, catalog, valid: bool) -> None:
    """Import `catalog` (written at `path`): a valid one lands whole, anything refused leaves the
    database as it was."""
    before = snapshot(db)
    try:
        import_catalog(db, ADMIN, path)
    except UserError as exc:
        assert not valid, f"a valid catalog was refused: {exc}"
        check_refusal(exc)
        assert snapshot(db) == before, "a refused catalog changed the database"
        return
    procs = {p.code: p for p in list_procedures(db, ADMIN)}
    for p in catalog["procedures"]:
        got = procs[unicodedata.normalize("NFC", p["code"].strip())]
        assert got.name == unicodedata.normalize("NFC", p["name"].strip())
        assert [(f.amount, f.online_amount) for f in got.fees] == \
            [(f["amount"], f.get("online_amount")) for f in p.get("fees", [])]
        assert len(got.documents) == len(p["documents"])


def marked(strategy: st.SearchStrategy, valid: bool) -> st.SearchStrategy:
    return strategy.map(lambda c: (c, valid))


@fuzz(25)
@given(st.one_of(marked(catalogs(), True), marked(mutations(VALID), False),
                 marked(catalogs().flatmap(mutations), False)))
@example((VALID, True))
def test_import_into_sqlite_is_whole_or_nothing(db, tmp_path, case):
    catalog, valid = case
    path = tmp_path / "danh-muc.json"
    path.write_bytes(dumps(catalog))
    import_and_check(db, path, catalog, valid)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@fuzz(6)
@given(case=st.one_of(marked(catalogs(edge=True), True), marked(catalogs(edge=True).flatmap(mutations), False)))
@example(case=({**VALID, "procedures": [{**VALID["procedures"][0], "code": "9." + "1" * 63}]}, False))
@example(case=({**VALID, "procedures": [{**VALID["procedures"][0], "name": "A\x00"}]}, False))
@example(case=({**VALID, "procedures": [{**VALID["procedures"][0], "fees": [{"name": "x", "amount": 2**31}]}]},
               False))
def test_every_limit_fits_the_database(request, tmp_path, backend, case):
    catalog, valid = case
    db = request.getfixturevalue("db" if backend == "sqlite" else "pg_db")
    # A file name longer than the audit record's 64-character id (was: refused by PostgreSQL).
    path = tmp_path / ("danh-muc-thu-tuc-hanh-chinh-cap-xa-tinh-vinh-long-cap-nhat-thang-11-nam-2026.json")
    path.write_bytes(dumps(catalog))
    import_and_check(db, path, catalog, valid)

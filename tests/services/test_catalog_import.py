import json

import pytest
from sqlalchemy import func, select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError, ValidationFailed
from app.paths import CATALOG_FILE
from app.services.catalog import import_catalog, list_procedures
from db.models import AuditRecord, Procedure

ADMIN = Actor.system()


def proc(code, **kw):
    p = {"code": code, "code_verified": False, "name": f"Thủ tục {code}", "sector_code": "X",
         "sector_name": "Lĩnh vực thử", "agency_level": "commune",
         "processing_time": {"value": 3, "unit": "working_days"},
         "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0, "mandatory": True}],
         "result_return": ["counter"]}
    p.update(kw)
    return p


def write(tmp_path, procedures):
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"version": 1, "procedures": procedures}, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(db):
    with db.reading() as s:
        return (s.scalar(select(func.count()).select_from(Procedure)),
                s.scalar(select(func.count()).select_from(AuditRecord)),
                sorted(s.scalars(select(Procedure.name))))


def test_bundled_catalog_is_loaded(db):
    procs = list_procedures(db, ADMIN)
    assert len(procs) >= 30
    import_catalog(db, ADMIN, CATALOG_FILE)  # importing it again only updates
    assert len(list_procedures(db, ADMIN)) == len(procs)


def test_import_adds_and_updates(db, tmp_path):
    before = snapshot(db)[0]
    existing = list_procedures(db, ADMIN)[0].code
    r = import_catalog(db, ADMIN, write(tmp_path, [proc("9.000001"), proc(existing, name="Tên mới")]))
    assert (r.added, r.updated, r.total) == (1, 1, 2)
    assert snapshot(db)[0] == before + 1
    assert "Tên mới" in snapshot(db)[2]


def test_bad_file_reports_every_error_by_record_and_field_and_changes_nothing(db, tmp_path):
    before = snapshot(db)
    bad = [
        proc("9.000001"),
        proc("9.000002", processing_time={"value": 2.5, "unit": "working_days"}),
        proc("9.000003", cutoff="25:00", documents=[]),
        proc("9.000004", fees=[{"name": "Lệ phí", "amount": -5}]),
    ]
    with pytest.raises(ValidationFailed) as err:
        import_catalog(db, ADMIN, write(tmp_path, bad))
    text = str(err.value)
    assert "4 lỗi" in text
    assert "thủ tục #2 (9.000002), trường «processing_time»" in text
    assert "thủ tục #3 (9.000003), trường «cutoff»" in text
    assert "thủ tục #3 (9.000003), trường «documents»" in text
    assert "thủ tục #4 (9.000004), trường «fees[0].amount»" in text
    assert snapshot(db) == before


def test_duplicate_codes_and_broken_json(db, tmp_path):
    with pytest.raises(ValidationFailed, match="3 lỗi|1 lỗi"):
        import_catalog(db, ADMIN, write(tmp_path, [proc("9.1"), proc("9.1")]))
    path = tmp_path / "broken.json"
    path.write_text('{"version": 1, "procedures": [', encoding="utf-8")
    with pytest.raises(UserError, match="không phải JSON hợp lệ: dòng 1"):
        import_catalog(db, ADMIN, path)
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        import_catalog(db, ADMIN, tmp_path / "missing.json")


def test_officer_cannot_change_the_catalog(db, tmp_path):
    with pytest.raises(PermissionDenied):
        import_catalog(db, Actor("o", Role.OFFICER), write(tmp_path, [proc("9.000001")]))


def test_online_amount_is_imported_and_checked(db, tmp_path):
    fees = [{"name": "Lệ phí", "amount": 20000, "kind": "le_phi", "online_amount": 0},
            {"name": "Phí bản sao", "amount": 8000, "kind": "phi"}]
    import_catalog(db, ADMIN, write(tmp_path, [proc("9.000002", fees=fees)]))
    p = next(x for x in list_procedures(db, ADMIN) if x.code == "9.000002")
    assert [(f.amount, f.online_amount) for f in p.fees] == [(20000, 0), (8000, None)]
    bad = [{"name": "Lệ phí", "amount": 20000, "online_amount": -1}]
    with pytest.raises(ValidationFailed) as err:
        import_catalog(db, ADMIN, write(tmp_path, [proc("9.000003", fees=bad)]))
    assert "online_amount" in " ".join(err.value.problems)


def test_bundled_residence_fees_are_cheaper_online(db):
    p = next(x for x in list_procedures(db, ADMIN) if x.code == "1.004222")
    assert [(f.amount, f.online_amount) for f in p.fees] == [(20000, 10000)]

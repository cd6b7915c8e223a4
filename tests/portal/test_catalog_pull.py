"""Catalog updates from the portal: what the portal knows is updated, what only the office knows is
kept, and the next pull asks only for what changed since."""

import pytest
from sqlalchemy import func, select, update

from app.portal.client import PortalClient
from app.portal.dvc_mapping import MappingError, procedure_update
from app.portal.sync import SyncEngine
from db.models import AuditRecord, Procedure, ProcedureFee

MARRIAGE = "1.000894"


def test_the_portal_catalog_updates_the_office_catalog(db, sandbox, tmp_path):
    with db.writing() as s:
        s.execute(update(Procedure).where(Procedure.code == MARRIAGE).values(
            name="Tên cũ", time_value=99, cutoff="15:00", legal_basis="Quyết định của tỉnh"))
        before = s.scalar(select(Procedure.name).where(Procedure.code == "2.000815"))
        total = s.scalar(select(func.count()).select_from(Procedure))  # the sandbox serves the same catalog
        proc_id = s.scalar(select(Procedure.id).where(Procedure.code == MARRIAGE))
        s.execute(update(ProcedureFee).where(ProcedureFee.procedure_id == proc_id).values(online_amount=0))
    engine = SyncEngine(db, PortalClient(sandbox.url, sandbox.token), data_dir=tmp_path)
    first = engine.run_once()
    assert first.ok and first.catalog == total
    with db.reading() as s:
        p = s.scalar(select(Procedure).where(Procedure.code == MARRIAGE))
        assert p.name != "Tên cũ" and p.time_value != 99  # the portal's values
        assert (p.cutoff, p.legal_basis) == ("15:00", "Quyết định của tỉnh")  # the office's own
        assert all(f.online_amount == 0 for f in p.fees)
        assert s.scalar(select(Procedure.name).where(Procedure.code == "2.000815")) == before
        assert s.scalar(select(AuditRecord).where(AuditRecord.action == "catalog.portal_update")) is not None
    assert engine.run_once().catalog == 0  # nothing changed since


def test_an_item_of_the_wrong_shape_is_named():
    written = procedure_update({"MaTTHC": "1.0", "TenTTHC": "A", "DonViThoiHan": "Ngày làm việc",
                                "ThoiHanGiaiQuyet": 3, "ToanTrinh": "false", "MucDoDVC": "4"})
    assert (written["process_class"], written["online_level"]) == ("mot_phan", 4)  # not read as truthy text
    with pytest.raises(MappingError, match="ToanTrinh"):
        procedure_update({"MaTTHC": "1.0", "DonViThoiHan": "Ngày làm việc", "ToanTrinh": "có"})
    ok = procedure_update({"MaTTHC": "1.0", "TenTTHC": "A", "DonViThoiHan": "Ngày làm việc", "ThoiHanGiaiQuyet": 3})
    assert ok["processing_time"] == {"value": 3, "unit": "working_days"}
    with pytest.raises(MappingError, match="no MaTTHC"):
        procedure_update({"TenTTHC": "no code"})
    with pytest.raises(MappingError, match="1.0.*tuần"):
        procedure_update({"MaTTHC": "1.0", "DonViThoiHan": "tuần"})

"""A dossier's rating reaches the portal with the dossier's changes: the "rated" event drained from
the outbox to the real sandbox portal process (DanhGiaHaiLongMC), read back from the sandbox; the
sandbox checks the rating's fields like any record's."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.portal import dvc_mapping as m
from app.portal.client import PortalClient
from app.portal.sandbox import validation
from app.portal.sync import SyncEngine
from app.services.dossiers.lifecycle import Facts, act
from app.services.ratings import answer
from db.models import Dossier, OutboxMessage
from tests.helpers.factories import OFFICER
from tests.helpers.sandbox import Sandbox
from tests.services.ratings.conftest import MON, ratings, resolved_dossier

RETURNED_AT = MON + timedelta(hours=3)


@pytest.fixture
def sandbox(tmp_path):
    """The sandbox portal as its own process (tests/helpers/sandbox.py), always stopped."""
    portal = Sandbox(tmp_path / "portal-sandbox.sqlite3")
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()


def test_a_rating_reaches_the_sandbox_portal_with_the_dossiers_changes(on_db, sandbox, tmp_path):
    db = on_db
    code = resolved_dossier(db)
    act(db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                       collector_id_number="079090012345", at=RETURNED_AT))
    r = ratings(db)[-1]
    answer(db, 1, r.uuid, 2, ["staff_attitude", "timeliness"], "keypad", RETURNED_AT + timedelta(seconds=6))
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as client:
        engine = SyncEngine(db, client, batch=50, data_dir=tmp_path / "data")
        assert engine.drain() == 5  # receive, hand over, result ready, return, rated
        assert engine.drain() == 0  # nothing sent twice
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        outbox = s.execute(select(OutboxMessage.kind, OutboxMessage.state, OutboxMessage.seq)
                           .where(OutboxMessage.dossier_id == d.id).order_by(OutboxMessage.seq)).all()
    assert outbox[-1] == ("rated", "sent", 5)
    assert ratings(db)[-1].portal_state == "sent"
    applied = [a for a in sandbox.applied() if a["HoSoId"] == d.uuid]
    assert [a["DichVu"] for a in applied] == ["DongBoHoSoMC"] * 4 + ["DanhGiaHaiLongMC"]
    sent = applied[-1]["Data"]
    assert sent == {"MaHoSo": code, "MaDanhGia": r.uuid, "DiemDanhGia": 2, "MucDoHaiLong": "Không hài lòng",
                    "LyDo": [{"MaTieuChi": "staff_attitude", "TenTieuChi": "Thái độ của cán bộ"},
                             {"MaTieuChi": "timeliness", "TenTieuChi": "Giải quyết đúng hẹn"}],
                    "ThoiDiemDanhGia": "20261123110006", "NoiDanhGia": "Trả kết quả",
                    "CanBoPhucVu": "Nguyễn Thị Mai", "TrangThai": 10}
    with sandbox.client() as client:  # the portal's own copy of the dossier now holds the rating
        record = client.get(f"/api/v1/dossiers/{code}").json()
    assert record["TrangThaiHoSo"] == 10 and record["PhienBan"] == 5
    assert [(x["MaDanhGia"], x["DiemDanhGia"]) for x in record["DanhGia"]] == [(r.uuid, 2)]


def _rating_item(**data) -> dict:
    base = {"MaHoSo": "000.00.01.H62-261123-0001", "MaDanhGia": str(uuid.uuid4()), "DiemDanhGia": 2,
            "ThoiDiemDanhGia": "20261123110006", "TrangThai": 10,
            "LyDo": [{"MaTieuChi": "timeliness", "TenTieuChi": "Giải quyết đúng hẹn"}]}
    return {**base, **data}


@pytest.mark.parametrize("data, field", [
    ({"DiemDanhGia": 7}, "DiemDanhGia"),
    ({"DiemDanhGia": "5"}, "DiemDanhGia"),
    ({"DiemDanhGia": 5}, "LyDo"),  # reasons at a good score
    ({"LyDo": ["timeliness"]}, "LyDo"),
    ({"ThoiDiemDanhGia": "23/11/2026"}, "ThoiDiemDanhGia"),
    ({"MaDanhGia": None}, "MaDanhGia"),
])
def test_the_sandbox_refuses_a_malformed_rating(data, field):
    problems = validation.data_problems(validation.RATING, _rating_item(**data))
    assert [p["field"] for p in problems] == [field]


def test_a_well_formed_rating_passes_and_the_mapping_names_the_service():
    assert validation.data_problems(validation.RATING, _rating_item()) == []
    assert validation.RATING == m.RATING_SERVICE and m.action_label("rated") == "Công dân đánh giá"

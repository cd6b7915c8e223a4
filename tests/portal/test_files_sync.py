"""Digitized files travel with their dossier through the outbox to the real sandbox portal: before
the record that links them, once each, resumed after drops across cycles, a failing file holding
back only its own dossier, a refused one quarantining its dossier's change with the portal's
message; the record carries the links and the digitization flags; the portal's citizen store
then offers them back."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.portal.client import PortalClient
from app.portal.sync import CycleReport, SyncEngine
from app.services.dossiers import quarantine
from app.services.dossiers.digitization import FileInput, attach_result, record_digitization
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import Dossier, OutboxMessage, PortalFile
from tests.helpers.factories import OFFICER, citizen, request
from tests.portal.test_sync import assert_applied_in_order

MARRIAGE = "1.000894"  # three document lines
MON = datetime(2026, 11, 23, 9, 0)
ID_NUMBER = "079090012345"


def pdf(size: int) -> bytes:
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=10.0) as c:
        yield c


@pytest.fixture
def engine(db, client, data_dir):
    return SyncEngine(db, client, batch=50, data_dir=data_dir)


@pytest.fixture
def any_engine(any_db, client, data_dir):
    """On SQLite (files in the data folder) and PostgreSQL (files in the database)."""
    return SyncEngine(any_db, client, batch=50, data_dir=data_dir)


def scanned(db, data_dir, data: bytes, *, id_number: str = ID_NUMBER, lines: int = 1) -> str:
    """A registered marriage dossier whose first `lines` document lines are scanned from `data`."""
    code = register(db, OFFICER, request(MARRIAGE, MON, applicant=citizen(id_number=id_number))).code
    for position in range(lines):
        record_digitization(db, OFFICER, code, position, "scanned",
                            files=[FileInput(data, f"to-{position}.pdf", 1)], data_dir=data_dir)
    return code


def outbox(db, code: str) -> list[tuple[str, str | None]]:
    with db.reading() as s:
        return list(s.execute(select(OutboxMessage.state, OutboxMessage.last_error)
                              .join(Dossier, Dossier.id == OutboxMessage.dossier_id)
                              .where(Dossier.code == code).order_by(OutboxMessage.id)))


def uploads(sandbox) -> dict[str, dict]:
    return {f["sha256"]: f for f in sandbox._admin("GET", "files")["items"]}


def portal_record(sandbox, code: str) -> dict:
    with sandbox.client() as http:
        return http.get(f"/api/v1/dossiers/{code}").json()


def test_the_record_carries_the_files_links_and_flags(any_db, any_engine, client, sandbox, data_dir):
    db, engine = any_db, any_engine
    other, own, portal_copy, result = pdf(3000), pdf(4000), pdf(5000), pdf(2500)
    scanned(db, data_dir, other)  # a file this office already keeps (reused "local")
    code = scanned(db, data_dir, own)
    record_digitization(db, OFFICER, code, 1, "reused", files=[sha(other)], data_dir=data_dir)
    record_digitization(db, OFFICER, code, 2, "reused", files=[FileInput(portal_copy, "tu-kho.pdf")],
                        data_dir=data_dir, reuse_source="portal")
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)
    attach_result(db, OFFICER, code, [FileInput(result, "giay-chung-nhan.pdf")], data_dir)
    plain = register(db, OFFICER, request(MARRIAGE, MON)).code

    engine.drain()
    assert all(state == "sent" for state, _ in outbox(db, code) + outbox(db, plain))
    record = portal_record(sandbox, code)
    lines = record["TaiLieuNop"]
    link = {s: f"/api/v1/files/{s}" for s in map(sha, (own, other, portal_copy, result))}
    assert [(x["DuocSoHoa"], x["DuocTaiSuDung"], x["DuocLayTuKhoDMQG"]) for x in lines] == \
        [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    assert [x["DuongDanTaiTepTin"] for x in lines] == [link[sha(own)], link[sha(other)], link[sha(portal_copy)]]
    assert [[(f["TepDinhKemId"], f["TenTep"], f["LoaiTep"], f["KichThuoc"]) for f in x["DanhSachTepDinhKem"]]
            for x in lines] == [[(sha(own), "to-0.pdf", "application/pdf", len(own))],
                                [(sha(other), "to-0.pdf", "application/pdf", len(other))],  # as first kept
                                [(sha(portal_copy), "tu-kho.pdf", "application/pdf", len(portal_copy))]]
    assert record["HoSoCoThanhPhanSoHoa"] == 1
    assert [(r["GiayToId"], r["TenGiayTo"], r["DuongDanTepTinKetQua"]) for r in record["DanhSachGiayToKetQua"]] == \
        [(sha(result), "giay-chung-nhan.pdf", link[sha(result)])]
    bare = portal_record(sandbox, plain)
    assert bare["HoSoCoThanhPhanSoHoa"] == 0 and bare["DanhSachGiayToKetQua"] == []
    assert {(x["DuocSoHoa"], x["DuongDanTaiTepTin"]) for x in bare["TaiLieuNop"]} == {(0, "")}
    for data in (own, other, portal_copy, result):  # every link opens the very file
        assert client.download_file(link[sha(data)]) == data


def test_the_citizen_store_offers_a_received_dossiers_files_and_seeded_ones(db, engine, client, sandbox, data_dir):
    import base64

    own, seeded = pdf(3000), pdf(3500)
    code = scanned(db, data_dir, own)
    engine.drain()
    sandbox._admin("POST", "citizen-documents", json={
        "SoDinhDanh": ID_NUMBER, "TenGiayTo": "Giấy khai sinh", "NoiDung": base64.b64encode(seeded).decode()})
    docs = client.citizen_documents(ID_NUMBER)
    by_sha = {d.sha256: d for d in docs}
    assert set(by_sha) == {sha(own), sha(seeded)}
    mine = by_sha[sha(own)]
    assert (mine.name, mine.dossier_code, mine.size, mine.media_type) == \
        ("Tờ khai đăng ký kết hôn theo mẫu", code, len(own), "application/pdf")
    assert mine.received_at is not None
    assert (by_sha[sha(seeded)].name, by_sha[sha(seeded)].dossier_code) == ("Giấy khai sinh", "")
    assert client.download_file(by_sha[sha(seeded)].url) == seeded
    assert client.citizen_documents("079190099999") == []
    assert client.citizen_documents("0101234567") == []  # a tax code: no citizen store, not even asked
    with sandbox.client() as http:
        assert http.get("/api/v1/citizens/07909001234/documents").status_code == 422


def test_a_failing_file_holds_back_only_its_own_dossier(any_db, any_engine, sandbox, data_dir):
    db, engine = any_db, any_engine
    big = pdf(400_000)
    held = scanned(db, data_dir, big)
    free = register(db, OFFICER, request(MARRIAGE, MON)).code
    sandbox.faults(drop_upload=1.0)
    report = CycleReport()
    engine.drain(report)
    assert [s for s, _ in outbox(db, free)] == ["sent"]
    assert [s for s, _ in outbox(db, held)] == ["pending", "pending"]
    assert all("Chưa gửi trọn tệp «to-0.pdf»" in e for _, e in outbox(db, held))
    assert report.held == 2 and report.quarantined == 0
    with db.reading() as s:
        row = s.get(PortalFile, sha(big))
        assert (row.state, row.url, row.attempts) == ("pending", None, 1)
    assert uploads(sandbox)[sha(big)]["offset"] == 200_000  # half arrived before the drop

    sandbox.reset_faults()
    engine.drain()  # the next cycle resumes the file, then sends the dossier
    assert [s for s, _ in outbox(db, held)] == ["sent", "sent"]
    got = uploads(sandbox)[sha(big)]
    assert got["complete"] and got["offsets"] == [0, 200_000] and got["bytes_received"] == len(big)
    with db.reading() as s:
        assert (s.get(PortalFile, sha(big)).state, s.get(PortalFile, sha(big)).offset_bytes) == ("sent", len(big))


def test_a_refused_file_quarantines_its_dossiers_change_with_the_portals_message(db, engine, sandbox, data_dir):
    small, big = pdf(2000), pdf(30_000)
    fine = scanned(db, data_dir, small)
    refused = scanned(db, data_dir, big)
    sandbox._admin("POST", "files-limit", json={"max_bytes": 10_000})
    report = CycleReport()
    engine.drain(report)
    assert [s for s, _ in outbox(db, fine)] == ["sent", "sent"]
    states = outbox(db, refused)
    assert [s for s, _ in states] == ["quarantined", "pending"]
    assert states[0][1].startswith("Cổng không nhận tệp «to-0.pdf»: Tệp lớn")
    assert "vượt giới hạn" in states[0][1]
    assert report.quarantined == 1
    with db.reading() as s:
        assert s.get(PortalFile, sha(big)).state == "refused"
        first = s.scalar(select(OutboxMessage.id).join(Dossier).where(Dossier.code == refused)
                         .order_by(OutboxMessage.id).limit(1))
    assert sha(big) not in uploads(sandbox)
    engine.drain()  # nothing is tried again behind the quarantine
    assert [s for s, _ in outbox(db, refused)] == ["quarantined", "pending"]

    sandbox._admin("POST", "files-limit", json={"max_bytes": 50_000})  # the portal is fixed
    quarantine.retry(db, OFFICER, first)  # the officer sends it again: the file goes first
    engine.drain()
    assert [s for s, _ in outbox(db, refused)] == ["sent", "sent"]
    assert uploads(sandbox)[sha(big)]["complete"]
    with db.reading() as s:
        assert s.get(PortalFile, sha(big)).state == "sent"


def test_files_arrive_once_under_faults_across_cycles(db, engine, sandbox, data_dir):
    files = [pdf(n) for n in (150_000, 90_000, 260_000, 40_000)]
    codes = [scanned(db, data_dir, data, lines=2 if i % 2 else 1) for i, data in enumerate(files)]
    codes.append(scanned(db, data_dir, files[0]))  # the same file in a second dossier: sent once
    engine.client.chunk_bytes = 64 * 1024
    sandbox.faults(drop_upload=0.3, drop_after=0.2, error500=0.15, drop_before=0.1, seed=21)
    for _ in range(200):
        engine.run_once()
        if all(state == "sent" for code in codes for state, _ in outbox(db, code)):
            break
    else:
        pytest.fail("the outbox did not empty under faults")
    fired = sandbox.stats()["faults"]
    assert fired["drop_upload"] > 0 and fired["drop_after"] > 0
    sandbox.reset_faults()
    with db.reading() as s:
        uuids = {c: s.scalar(select(Dossier.uuid).where(Dossier.code == c)) for c in codes}
        counts = {c: s.scalar(select(OutboxMessage.seq).join(Dossier).where(Dossier.code == c)
                              .order_by(OutboxMessage.seq.desc()).limit(1)) for c in codes}
    assert_applied_in_order(sandbox.applied(), {uuids[c]: counts[c] for c in codes})
    held = uploads(sandbox)
    assert set(held) == {sha(f) for f in files}
    for data in files:  # whole, and never a byte received twice: every request resumed from the portal's count
        got = held[sha(data)]
        assert got["complete"] and got["bytes_received"] == len(data)
    before = {k: v["patches"] for k, v in held.items()}
    engine.run_once()
    assert {k: v["patches"] for k, v in uploads(sandbox).items()} == before  # confirmed: never again
    with db.reading() as s:
        assert {r.state for r in s.scalars(select(PortalFile))} == {"sent"}

"""Reuse of a document the citizen already gave (issue 21 §2 "reused", §4 "Reuse"), on a real
SQLite database with a real data folder: the same applicant's earlier scans of the same kind are
offered newest first, nothing of another applicant, another kind, a result, or a file that is not
whole; reusing records the line "reused" from "local" with the very same file; every look at
another dossier's papers leaves an audit record."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.digitization import FileInput, dossier_files, record_digitization
from app.services.dossiers.reuse import (
    NO_ID_NUMBER,
    ReuseCandidate,
    candidate_bytes,
    reusable_count,
    reusable_documents,
    reuse_document,
)
from app.services.files import store
from app.services.intake.registration import register
from db.models import AuditRecord, DossierDocument
from tests.helpers.factories import OFFICER, citizen, request

MARRIAGE = "1.000894"
ID_NUMBER = "079090012345"  # factories.citizen()'s
OLD, NEWER, TODAY = datetime(2026, 3, 2, 9, 0), datetime(2026, 9, 14, 10, 0), datetime(2026, 11, 23, 9, 0)


def pdf(text: str) -> bytes:
    return f"%PDF-1.4\n% {text}\n%%EOF\n".encode()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dossier(db, at, **applicant) -> str:
    return register(db, OFFICER, request(MARRIAGE, received_at=at, applicant=citizen(**applicant))).code


def scan(db, code, position, data, folder, pages=2):
    record_digitization(db, OFFICER, code, position, "scanned", files=[FileInput(data, "to-khai.pdf", pages)],
                        data_dir=folder, at=TODAY)


def names(db, code):
    return [line.name for line in dossier_files(db, OFFICER, code).lines]


def audits(db, action):
    with db.reading() as s:
        return [(a.entity_id, a.details) for a in
                s.scalars(select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.id))]


@pytest.fixture
def earlier(db, tmp_path):
    """Two earlier dossiers of the applicant with line 0 scanned (and line 1 in the older one)."""
    old, newer = dossier(db, OLD), dossier(db, NEWER)
    scan(db, old, 0, pdf("to khai 2026-03"), tmp_path, pages=1)
    scan(db, old, 1, pdf("giay khac"), tmp_path)
    scan(db, newer, 0, pdf("to khai 2026-09"), tmp_path, pages=3)
    return old, newer


def test_the_same_applicants_scans_of_the_same_kind_newest_first(db, tmp_path, earlier):
    old, newer = earlier
    code = dossier(db, TODAY)
    got = reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)
    assert [(c.source, c.dossier_code, c.received_at, c.sha256, c.media_type, c.pages, c.files) for c in got] == [
        ("local", newer, NEWER, sha(pdf("to khai 2026-09")), "application/pdf", 3, (sha(pdf("to khai 2026-09")),)),
        ("local", old, OLD, sha(pdf("to khai 2026-03")), "application/pdf", 1, (sha(pdf("to khai 2026-03")),)),
    ]
    assert {c.name for c in got} == {names(db, code)[0]}
    assert got[0].size == len(pdf("to khai 2026-09"))
    assert got.note is None
    # Line 1 is another kind: only the older dossier's line 1 is offered for it.
    assert [c.sha256 for c in reusable_documents(db, OFFICER, code, 1, data_dir=tmp_path)] == [sha(pdf("giay khac"))]


def test_another_applicant_or_no_id_number_gets_nothing(db, tmp_path, earlier):
    other = dossier(db, TODAY, id_number="001203004567", birth_date=None, sex=None)
    assert reusable_documents(db, OFFICER, other, 0, data_dir=tmp_path) == []
    nobody = dossier(db, TODAY, id_number=None)
    got = reusable_documents(db, OFFICER, nobody, 0, data_dir=tmp_path)
    assert (list(got), got.note) == ([], NO_ID_NUMBER)
    assert reusable_count(db, OFFICER, nobody) == 0


def test_the_same_kind_is_known_by_its_name_folded(db, tmp_path, earlier):
    """An earlier catalog's spelling of the same paper (case, diacritics, đ, spacing) is the same
    kind; a paper of another name is not, even in the same place of the list."""
    old, newer = earlier
    code = dossier(db, TODAY)
    name = names(db, code)[0]
    shouted = "  " + name.upper().replace(" ", "   ") + " "
    with db.writing() as s:
        s.execute(update(DossierDocument).where(DossierDocument.position == 0,
                                                DossierDocument.dossier_id == _id(s, newer)).values(name=shouted))
        s.execute(update(DossierDocument).where(DossierDocument.position == 0,
                                                DossierDocument.dossier_id == _id(s, old))
                  .values(name="Giấy chứng nhận kết hôn trước đây"))
    got = reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)
    assert [(c.dossier_code, c.name) for c in got] == [(newer, shouted)]


def _id(s, code):
    from db.models import Dossier

    return s.scalar(select(Dossier.id).where(Dossier.code == code))


def test_folding_treats_d_with_stroke_and_tone_marks_alike(db, tmp_path, earlier):
    old, newer = earlier
    code = dossier(db, TODAY)
    with db.writing() as s:
        for c, name in ((code, "Tờ khai đăng ký"), (newer, "TO KHAI  DANG KY"), (old, "Tờ khai đăng kí")):
            s.execute(update(DossierDocument).where(DossierDocument.position == 0,
                                                    DossierDocument.dossier_id == _id(s, c)).values(name=name))
    assert [c.dossier_code for c in reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)] == [newer]


def test_a_missing_or_altered_file_is_not_offered(db, tmp_path, earlier):
    old, newer = earlier
    code = dossier(db, TODAY)
    store.path_of(tmp_path, sha(pdf("to khai 2026-09"))).unlink()
    store.path_of(tmp_path, sha(pdf("to khai 2026-03"))).write_bytes(pdf("to khai da bi sua"))
    assert reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path) == []
    # The database alone still knows the kind: the intake hint counts it, the list is honest.
    assert reusable_count(db, OFFICER, code) == 2


def test_results_and_lines_not_scanned_are_not_offered(db, tmp_path):
    from app.domain.lifecycle import Action
    from app.services.dossiers.digitization import attach_result
    from app.services.dossiers.lifecycle import Facts, act

    old = dossier(db, OLD)
    record_digitization(db, OFFICER, old, 0, "shown", data_dir=tmp_path, at=TODAY)
    act(db, OFFICER, old, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, old, Action.RESULT_READY)
    attach_result(db, OFFICER, old, [FileInput(pdf("ket qua"), "ket-qua.pdf", 1)], tmp_path)
    code = dossier(db, TODAY)
    assert all(reusable_documents(db, OFFICER, code, p, data_dir=tmp_path) == []
               for p in range(len(names(db, code))))
    assert reusable_count(db, OFFICER, code) == 0


def test_reuse_records_the_line_reused_from_local_with_the_same_file(db, tmp_path, earlier):
    old, newer = earlier
    code = dossier(db, TODAY)
    assert reusable_count(db, OFFICER, code) == 2  # lines 0 and 1 have an earlier scan
    chosen = reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)[1]  # the older one, on purpose
    done = reuse_document(db, OFFICER, code, 0, chosen, tmp_path)
    line = dossier_files(db, OFFICER, code).lines[0]
    assert (line.digitization, line.reuse_source, [f.sha256 for f in line.files]) == \
        ("reused", "local", [sha(pdf("to khai 2026-03"))])
    assert done.sha256s == [chosen.sha256]
    assert line.files[0].pages == chosen.pages  # the page count as first recorded comes along
    assert chosen.pages is not None
    assert audits(db, "dossier.reuse_file") == [
        (old, {"for": code, "document": 0, "files": [chosen.sha256]})]
    lookups = audits(db, "dossier.reuse_lookup")
    assert lookups[-1] == (code, {"document": 0, "read_from": [newer, old], "offered_local": 2, "portal": None})


def test_a_candidate_no_longer_whole_or_not_the_applicants_is_refused(db, tmp_path, earlier):
    old, newer = earlier
    code = dossier(db, TODAY)
    chosen = reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)[0]
    store.path_of(tmp_path, chosen.sha256).unlink()
    with pytest.raises(UserError, match="không còn tái sử dụng được"):
        reuse_document(db, OFFICER, code, 0, chosen, tmp_path)
    # Another applicant's dossier cannot take this applicant's file by naming it.
    stranger = dossier(db, TODAY, id_number="001203004567", birth_date=None, sex=None)
    theirs = reusable_documents(db, OFFICER, code, 0, data_dir=tmp_path)[0]
    with pytest.raises(UserError, match="không còn tái sử dụng được"):
        reuse_document(db, OFFICER, stranger, 0, theirs, tmp_path)
    forged = ReuseCandidate("local", "x", old, OLD, "ab" * 32, "application/pdf", 1, 1, ("ab" * 32,))
    with pytest.raises(UserError, match="không còn tái sử dụng được"):
        reuse_document(db, OFFICER, code, 0, forged, tmp_path)
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None
    assert audits(db, "dossier.reuse_file") == []


@pytest.mark.parametrize("role", [Role.GUIDE, Role.SUPERVISOR])
def test_only_who_receives_dossiers_and_sees_personal_data(db, tmp_path, earlier, role):
    code = dossier(db, TODAY)
    actor = Actor(login="x", role=role, user_id=None, counter_id=1)
    for call in (lambda: reusable_documents(db, actor, code, 0, data_dir=tmp_path),
                 lambda: reusable_count(db, actor, code)):
        with pytest.raises(PermissionDenied):
            call()
    assert audits(db, "dossier.reuse_lookup") == []


# --- the citizen's store on the portal: the real sandbox portal process ----------------------------
@pytest.fixture
def portal(tmp_path):
    from app.portal.client import PortalClient
    from tests.helpers.sandbox import Sandbox

    with Sandbox(tmp_path / "portal-sandbox.sqlite3") as sandbox, PortalClient(sandbox.url, sandbox.token) as client:
        client.sandbox = sandbox
        yield client


def seed(portal, name: str, data: bytes, code: str = "", number: str = ID_NUMBER) -> dict:
    """The citizen's store gains a document, as the portal's admin endpoint seeds it."""
    import base64

    import httpx

    r = httpx.post(f"{portal.sandbox.url}/__sandbox/citizen-documents", timeout=30.0, json={
        "SoDinhDanh": number, "TenGiayTo": name, "NoiDung": base64.b64encode(data).decode(), "MaHoSo": code})
    r.raise_for_status()
    return r.json()


def test_the_portals_documents_of_the_same_kind_come_after_the_offices(db, tmp_path, earlier, portal):
    old, newer = earlier
    code = dossier(db, TODAY)
    name = names(db, code)[0]
    seed(portal, name.upper(), pdf("kho cong dan"), "H99.1-261101-0001")
    seed(portal, "Giấy tờ loại khác", pdf("loai khac"))
    seed(portal, name, pdf("to khai 2026-09"), "H99.1-260914-0002")  # the office has it already
    seed(portal, name, pdf("cua nguoi khac"), number="001203004567")  # another citizen's
    got = reusable_documents(db, OFFICER, code, 0, portal=portal, data_dir=tmp_path)
    assert [(c.source, c.dossier_code, c.sha256) for c in got] == [
        ("local", newer, sha(pdf("to khai 2026-09"))), ("local", old, sha(pdf("to khai 2026-03"))),
        ("portal", "H99.1-261101-0001", sha(pdf("kho cong dan")))]
    on_portal = got[2]
    assert (on_portal.name, on_portal.media_type, on_portal.size, on_portal.url) == \
        (name.upper(), "application/pdf", len(pdf("kho cong dan")), f"/api/v1/files/{on_portal.sha256}")
    assert on_portal.received_at is not None and got.note is None
    assert audits(db, "dossier.reuse_lookup")[-1][1]["portal"] == 1


def test_reuse_from_the_portal_downloads_the_file_and_flags_it(db, tmp_path, portal):
    code = dossier(db, TODAY)
    name = names(db, code)[0]
    seed(portal, name, pdf("kho cong dan"), "H99.1-261101-0001")
    (chosen,) = reusable_documents(db, OFFICER, code, 0, portal=portal, data_dir=tmp_path)
    assert candidate_bytes(db, OFFICER, chosen, tmp_path, portal) == pdf("kho cong dan")  # the preview
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None
    reuse_document(db, OFFICER, code, 0, chosen, tmp_path, portal=portal)
    line = dossier_files(db, OFFICER, code).lines[0]
    assert (line.digitization, line.reuse_source, [f.sha256 for f in line.files]) == \
        ("reused", "portal", [sha(pdf("kho cong dan"))])
    assert store.path_of(tmp_path, chosen.sha256).read_bytes() == pdf("kho cong dan")  # kept like a scan


def test_a_portal_file_that_is_not_the_chosen_one_is_refused(db, tmp_path, portal):
    from dataclasses import replace

    code = dossier(db, TODAY)
    seed(portal, names(db, code)[0], pdf("kho cong dan"))
    (chosen,) = reusable_documents(db, OFFICER, code, 0, portal=portal, data_dir=tmp_path)
    other = seed(portal, "Giấy tờ khác", pdf("tep khac"))
    swapped = replace(chosen, url=other["DuongDan"])  # the link now leads to other bytes
    with pytest.raises(UserError, match="không đúng tệp đã chọn"):
        reuse_document(db, OFFICER, code, 0, swapped, tmp_path, portal=portal)
    with pytest.raises(UserError, match="Cần kết nối Cổng DVC"):
        reuse_document(db, OFFICER, code, 0, chosen, tmp_path)
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None


def test_a_portal_that_cannot_be_asked_still_gives_the_offices_own(db, tmp_path, earlier, portal):
    old, newer = earlier
    code = dossier(db, TODAY)
    portal.sandbox.stop()
    got = reusable_documents(db, OFFICER, code, 0, portal=portal, data_dir=tmp_path)
    assert [(c.source, c.dossier_code) for c in got] == [("local", newer), ("local", old)]
    assert got.note.startswith("Không hỏi được kho dữ liệu công dân trên Cổng DVC (Không kết nối được")
    assert got.note.endswith("chỉ hiện giấy tờ có tại cơ quan.")
    assert audits(db, "dossier.reuse_lookup")[-1][1]["portal"] == "unreachable"


def test_on_the_office_server_the_files_in_the_database_are_offered_and_reused(pg_db, tmp_path):
    """PostgreSQL keeps the bytes in the database: the same rules, the same file reused."""
    old = dossier(pg_db, OLD)
    scan(pg_db, old, 0, pdf("to khai tren may chu"), tmp_path)
    dossier(pg_db, NEWER, id_number="001203004567", birth_date=None, sex=None)
    code = dossier(pg_db, TODAY)
    assert reusable_count(pg_db, OFFICER, code) == 1
    (chosen,) = reusable_documents(pg_db, OFFICER, code, 0, data_dir=tmp_path)
    assert (chosen.dossier_code, chosen.sha256) == (old, sha(pdf("to khai tren may chu")))
    reuse_document(pg_db, OFFICER, code, 0, chosen, tmp_path)
    line = dossier_files(pg_db, OFFICER, code).lines[0]
    assert (line.digitization, line.reuse_source, [f.sha256 for f in line.files]) == \
        ("reused", "local", [chosen.sha256])
    assert not (tmp_path / "files").exists()  # nothing on this PC's disk: the server has it

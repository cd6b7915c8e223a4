"""Each document line's digitization state and the dossier's result files, through the service on
SQLite (with a real data folder) and PostgreSQL: one transaction writing the line, its files, the
dossier's event, audit and outbox records; a refusal writes nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.errors import NotFound, UserError
from app.services.dossiers.digitization import (
    FileInput,
    attach_result,
    dossier_files,
    open_dossier_file,
    record_digitization,
)
from app.services.dossiers.lifecycle import Facts, act
from app.services.files import store
from app.services.intake.registration import register
from db.models import (
    AuditRecord,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFile,
    OutboxMessage,
    StoredFile,
)
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
MON = datetime(2026, 11, 23, 9, 0)
PDF = b"%PDF-1.4\n% to khai dang ky ket hon\n%%EOF\n"
PDF2 = b"%PDF-1.4\n% giay xac nhan tinh trang hon nhan\n%%EOF\n"


def counts(db):
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (DossierEvent, AuditRecord, OutboxMessage, DossierFile, StoredFile))


def line(db, code, position):
    return next(x for x in dossier_files(db, OFFICER, code).lines if x.position == position)


@pytest.fixture
def code(any_db):
    return register(any_db, OFFICER, request(MARRIAGE, received_at=MON)).code


def test_a_scanned_line_keeps_its_file_with_one_event_audit_and_outbox(any_db, code, tmp_path):
    before = counts(any_db)
    done = record_digitization(any_db, OFFICER, code, 0, "scanned", files=[FileInput(PDF, "to-khai.pdf", 2)],
                               data_dir=tmp_path)
    assert done.sha256s == [hashlib.sha256(PDF).hexdigest()]
    assert counts(any_db) == tuple(b + 1 for b in before)  # event, audit, outbox, file row, stored file
    got = line(any_db, code, 0)
    assert (got.digitization, got.note, got.digitization_label) == ("scanned", None, "Đã số hóa (quét hoặc chọn tệp)")
    assert [(f.sha256, f.pages, f.name, f.media_type, f.size) for f in got.files] == \
        [(done.sha256s[0], 2, "to-khai.pdf", "application/pdf", len(PDF))]
    with any_db.reading() as s:
        event = s.scalars(select(DossierEvent).where(DossierEvent.uuid == done.event_uuid)).one()
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).one()
        outbox = s.scalars(select(OutboxMessage).where(OutboxMessage.event_uuid == done.event_uuid)).one()
    assert (event.action, event.details["document"], event.details["state"], event.details["state_from"]) == \
        ("digitize", 0, "scanned", None)
    assert event.details["files"] == [{"sha256": done.sha256s[0], "media_type": "application/pdf",
                                       "size": len(PDF), "pages": 2}]
    assert (audit.action, audit.entity_id, audit.details["event"]) == ("dossier.digitize", code, done.event_uuid)
    assert (outbox.kind, outbox.seq) == ("digitize", 2)  # after the receipt's own
    assert open_dossier_file(any_db, OFFICER, code, done.sha256s[0], tmp_path) == PDF


@pytest.mark.parametrize("state", ["not_digitized", "exempt"])
def test_a_line_not_digitized_or_exempt_needs_its_reason(any_db, code, tmp_path, state):
    before = counts(any_db)
    with pytest.raises(UserError, match="cần ghi lý do"):
        record_digitization(any_db, OFFICER, code, 0, state, note="   ", data_dir=tmp_path)
    assert counts(any_db) == before
    record_digitization(any_db, OFFICER, code, 0, state, note="Giấy tờ mật", data_dir=tmp_path)
    got = line(any_db, code, 0)
    assert (got.digitization, got.note, got.files) == (state, "Giấy tờ mật", [])


def test_an_unknown_state_is_refused_in_vietnamese(any_db, code, tmp_path):
    before = counts(any_db)
    with pytest.raises(UserError, match=r"Trạng thái số hóa «photocopied» không hợp lệ: chọn một trong scanned, "):
        record_digitization(any_db, OFFICER, code, 0, "photocopied", data_dir=tmp_path)
    assert counts(any_db) == before


def test_only_the_dossiers_own_lines(any_db, code, tmp_path):
    other = register(any_db, OFFICER, request(MARRIAGE, received_at=MON)).code
    lines = len(dossier_files(any_db, OFFICER, code).lines)
    before = counts(any_db)
    for position in (lines, -1, 10_000):
        with pytest.raises(NotFound, match=f"Hồ sơ «{code}» không có thành phần số {position + 1}"):
            record_digitization(any_db, OFFICER, code, position, "shown", data_dir=tmp_path)
    with pytest.raises(NotFound, match="Không có hồ sơ mã «KHONG-CO»"):
        record_digitization(any_db, OFFICER, "KHONG-CO", 0, "shown", data_dir=tmp_path)
    assert counts(any_db) == before
    record_digitization(any_db, OFFICER, code, 0, "shown", data_dir=tmp_path)
    assert line(any_db, other, 0).digitization is None  # the other dossier's line is untouched


def test_files_go_with_scanned_and_reused_only(any_db, code, tmp_path):
    before = counts(any_db)
    with pytest.raises(UserError, match="«Đã số hóa \\(quét hoặc chọn tệp\\)» cần ít nhất một tệp"):
        record_digitization(any_db, OFFICER, code, 0, "scanned", data_dir=tmp_path)
    with pytest.raises(UserError, match="«Chỉ xuất trình» không kèm tệp"):
        record_digitization(any_db, OFFICER, code, 0, "shown", files=[FileInput(PDF)], data_dir=tmp_path)
    with pytest.raises(NotFound, match="để tái sử dụng"):
        record_digitization(any_db, OFFICER, code, 0, "reused", files=["ab" * 32], data_dir=tmp_path)
    assert counts(any_db) == before


def test_a_bad_second_file_leaves_the_line_as_it_was(any_db, code, tmp_path):
    record_digitization(any_db, OFFICER, code, 0, "shown", data_dir=tmp_path)
    before = counts(any_db)
    with pytest.raises(UserError, match="«trang-2.pdf» không phải PDF, JPEG, PNG hay TIFF"):
        record_digitization(any_db, OFFICER, code, 0, "scanned", data_dir=tmp_path,
                            files=[FileInput(PDF, "trang-1.pdf"), FileInput(b"<html>", "trang-2.pdf")])
    assert counts(any_db) == before
    assert line(any_db, code, 0).digitization == "shown"
    # The first file reached the disk (SQLite) before the refusal: pointed at by nothing, swept later.
    assert store.verify(any_db, tmp_path).orphans_kept == \
        ([store.path_of(tmp_path, hashlib.sha256(PDF).hexdigest())] if any_db.is_sqlite else [])


def test_deciding_a_line_again_replaces_its_files_and_the_history_keeps_them(any_db, code, tmp_path):
    first = record_digitization(any_db, OFFICER, code, 0, "scanned", files=[FileInput(PDF)], data_dir=tmp_path)
    second = record_digitization(any_db, OFFICER, code, 0, "scanned", data_dir=tmp_path,
                                 files=[FileInput(PDF2, pages=1), FileInput(PDF, pages=3)])
    assert [(f.sha256, f.position, f.pages) for f in line(any_db, code, 0).files] == \
        [(second.sha256s[0], 0, 1), (first.sha256s[0], 1, 3)]
    record_digitization(any_db, OFFICER, code, 0, "shown", data_dir=tmp_path)
    assert line(any_db, code, 0).files == []
    with any_db.reading() as s:
        states = [(e.details["state_from"], e.details["state"], [f["sha256"] for f in e.details["files"]])
                  for e in s.scalars(select(DossierEvent).where(DossierEvent.action == "digitize")
                                     .order_by(DossierEvent.id))]
        kept = s.scalar(select(func.count()).select_from(StoredFile))
    assert states == [(None, "scanned", first.sha256s), ("scanned", "scanned", second.sha256s),
                      ("scanned", "shown", [])]
    assert kept == 2  # stored files are immutable: a line that no longer uses one does not delete it


def test_a_file_on_record_is_reused_by_its_sha256(any_db, code, tmp_path):
    other = register(any_db, OFFICER, request(MARRIAGE, received_at=MON)).code
    sha = record_digitization(any_db, OFFICER, other, 0, "scanned", files=[FileInput(PDF)], data_dir=tmp_path).sha256s[0]
    before = counts(any_db)
    record_digitization(any_db, OFFICER, code, 1, "reused", files=[sha.upper()], data_dir=tmp_path)
    after = counts(any_db)
    assert after[3:] == (before[3] + 1, before[4])  # one more file row, no new stored file
    got = line(any_db, code, 1)
    assert (got.digitization, [f.sha256 for f in got.files]) == ("reused", [sha])


def test_results_attach_once_the_dossier_has_its_result(any_db, code, tmp_path):
    with pytest.raises(UserError, match="chỉ đính kèm tệp kết quả khi hồ sơ đã có kết quả"):
        attach_result(any_db, OFFICER, code, [FileInput(PDF, "giay-chung-nhan.pdf")], tmp_path)
    act(any_db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(any_db, OFFICER, code, Action.RESULT_READY)
    before = counts(any_db)
    done = attach_result(any_db, OFFICER, code, [FileInput(PDF, "giay-chung-nhan.pdf", 1)], tmp_path)
    assert counts(any_db) == tuple(b + 1 for b in before)
    more = attach_result(any_db, OFFICER, code, [FileInput(PDF2, "ban-sao.pdf")], tmp_path)
    with pytest.raises(UserError, match="đã được đính kèm hồ sơ này"):
        attach_result(any_db, OFFICER, code, [FileInput(PDF)], tmp_path)
    listing = dossier_files(any_db, OFFICER, code)
    assert [(f.sha256, f.name, f.position) for f in listing.results] == \
        [(done.sha256s[0], "giay-chung-nhan.pdf", 0), (more.sha256s[0], "ban-sao.pdf", 1)]
    assert all(x.files == [] for x in listing.lines)  # results belong to the dossier, not to a line
    with any_db.reading() as s:
        e = s.scalars(select(DossierEvent).where(DossierEvent.uuid == done.event_uuid)).one()
    assert (e.action, e.status_from, e.status_to) == ("attach_result", e.status_to, 9)


def test_a_file_opens_only_through_its_own_dossier_and_whole(any_db, code, tmp_path):
    other = register(any_db, OFFICER, request(MARRIAGE, received_at=MON)).code
    sha = record_digitization(any_db, OFFICER, other, 0, "scanned", files=[FileInput(PDF)], data_dir=tmp_path).sha256s[0]
    with pytest.raises(NotFound, match=f"Hồ sơ «{code}» không có tệp mã {sha[:12]}"):
        open_dossier_file(any_db, OFFICER, code, sha, tmp_path)
    if any_db.is_sqlite:
        store.path_of(tmp_path, sha).write_bytes(PDF2)
        with pytest.raises(UserError, match="đã bị thay đổi"):
            open_dossier_file(any_db, OFFICER, other, sha, tmp_path)


def test_the_listing_shows_every_line_undecided_at_first(any_db, code):
    listing = dossier_files(any_db, OFFICER, code)
    with any_db.reading() as s:
        names = list(s.scalars(select(DossierDocument.name).join(Dossier, Dossier.id == DossierDocument.dossier_id)
                               .where(Dossier.code == code).order_by(DossierDocument.position)))
    assert listing.code == code and listing.results == []
    assert len(names) >= 2 and [x.name for x in listing.lines] == names
    assert [x.position for x in listing.lines] == list(range(len(names)))
    assert {(x.digitization, x.digitization_label) for x in listing.lines} == {(None, "Chưa ghi nhận")}

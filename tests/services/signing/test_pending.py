"""What is noted to be signed, in the very transaction that makes it (app/services/signing/documents.py):
an online dossier's Form 01 when it is received and Forms 02–05 with their steps, the digitized
copies and results when the office turns them on; nothing for a walk-in, nothing when signing is
off (the default), nothing left behind when the transaction is undone."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.services.dossiers.digitization import FileInput, attach_result, record_digitization
from app.services.dossiers.lifecycle import Facts, act, act_in
from app.services.intake.registration import register
from db.models import DossierEvent, DossierFile, SignedDocument
from tests.helpers.factories import OFFICER, request
from tests.services.signing.delivery_kit import MARRIAGE, MON, plain_pdf, pulled

from .signing_kit import image, received, rows, switch_on

LATER = datetime(2026, 11, 23, 10, 0)


def test_off_by_default_nothing_is_noted(db):
    code = received(db)
    assert rows(db, code) == []


def test_receiving_an_online_dossier_notes_its_receipt_with_the_event(any_db):
    db = any_db
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    with db.reading() as s:
        event = s.scalar(select(DossierEvent).where(DossierEvent.uuid == doc.event_uuid))
    assert (doc.kind, doc.state, doc.event_uuid, doc.created_at, doc.attempts, doc.signed_sha256) == (
        "receipt", "pending", event.uuid, MON, 0, None)
    assert (event.action, event.at) == ("receive", MON)


def test_the_receipt_and_its_receiving_are_one_transaction(any_db):
    db = any_db
    switch_on(db)
    code = pulled(db)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), db.writing() as s:
        act_in(s, OFFICER, code, Action.RECEIVE, Facts(at=MON))
        assert s.scalar(select(func.count()).select_from(SignedDocument)) == 1  # written …
        raise Undo  # … and undone with the receiving
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SignedDocument)) == 0
        assert s.scalar(select(func.count()).select_from(DossierEvent).where(DossierEvent.action == "receive")) == 0
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=MON))  # the same receiving, done: its one receipt
    assert [d.kind for d in rows(db, code)] == ["receipt"]


def test_a_walk_in_dossier_gets_nothing_to_sign(db):
    switch_on(db)
    code = register(db, OFFICER, request(MARRIAGE, MON)).code
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Thiếu chữ ký", at=LATER))
    act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=LATER))
    act(db, OFFICER, code, Action.WITHDRAW, Facts(reason="Người nộp rút hồ sơ", at=LATER))
    assert rows(db, code) == []


def test_forms_02_to_05_of_an_online_dossier_each_with_its_step(db):
    switch_on(db)
    code = received(db)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai có chữ ký"], reason="Thiếu chữ ký", at=LATER))
    act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=LATER))  # no form: nothing to sign
    other = received(db, 2)
    act(db, OFFICER, other, Action.EXTEND, Facts(reason="Cần xác minh", new_due=datetime(2027, 1, 29, 17, 0),
                                                 at=LATER))
    act(db, OFFICER, other, Action.WITHDRAW, Facts(reason="Người nộp rút hồ sơ", at=LATER))
    with db.reading() as s:
        events = dict(s.execute(select(DossierEvent.uuid, DossierEvent.action)).all())
    assert [(d.kind, events[d.event_uuid]) for d in rows(db, code)] == [
        ("receipt", "receive"), ("supplement", "request_supplement")]
    assert [(d.kind, events[d.event_uuid]) for d in rows(db, other)] == [
        ("receipt", "receive"), ("apology", "extend"), ("stop", "withdraw")]


def test_a_refusal_at_intake_is_signed_without_a_receipt(db):
    switch_on(db)
    code = pulled(db)
    act(db, OFFICER, code, Action.REFUSE, Facts(reason="Hồ sơ không đúng thủ tục", at=MON))
    assert [d.kind for d in rows(db, code)] == ["refusal"]


def test_copies_and_results_only_when_the_office_turns_them_on(db, data_dir):
    switch_on(db)  # the forms only
    code = register(db, OFFICER, request(MARRIAGE, MON)).code
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(plain_pdf("a"), "to-khai.pdf")],
                        data_dir=data_dir, at=MON)
    assert rows(db, code) == []
    switch_on(db, sign_intake_copies=True, sign_results=True)
    two = [FileInput(plain_pdf("b"), "to-khai.pdf"), FileInput(image(), "trang-2.jpg")]
    record_digitization(db, OFFICER, code, 0, "scanned", files=two, data_dir=data_dir, at=MON)
    with db.reading() as s:
        files = {f.id: f.sha256 for f in s.scalars(select(DossierFile).where(DossierFile.kind == "intake"))}
    pending = rows(db, code)
    assert [(d.kind, d.state, files[d.dossier_file_id], d.source_sha256) for d in pending] == [
        ("intake", "pending", d.source_sha256, d.source_sha256) for d in pending]
    assert len(pending) == 2 and sorted(files.values()) == sorted(d.source_sha256 for d in pending)

    # The line digitized again: its old files are replaced, their rows cancelled with why, kept.
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(plain_pdf("c"), "moi.pdf")],
                        data_dir=data_dir, at=LATER)
    after = rows(db, code)
    assert [d.state for d in after] == ["cancelled", "cancelled", "pending"]
    assert after[0].last_error == "Tệp đã được thay khi số hóa lại thành phần hồ sơ."
    assert after[2].dossier_file_id is not None

    for action in (Action.HAND_OVER, Action.RESULT_READY):
        act(db, OFFICER, code, action, Facts(division="Phòng Tư pháp", giver="An", taker="Bình", at=LATER))
    attach_result(db, OFFICER, code, [FileInput(plain_pdf("kết quả"), "ket-qua.pdf")], data_dir, at=LATER)
    assert [d.kind for d in rows(db, code)][-1] == "result"


def test_results_alone_when_only_results_are_signed(db, data_dir):
    switch_on(db, sign_results=True)
    code = register(db, OFFICER, request(MARRIAGE, MON)).code
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(plain_pdf("a"), "a.pdf")],
                        data_dir=data_dir, at=MON)
    for action in (Action.HAND_OVER, Action.RESULT_READY):
        act(db, OFFICER, code, action, Facts(division="Phòng Tư pháp", giver="An", taker="Bình", at=LATER))
    attach_result(db, OFFICER, code, [FileInput(plain_pdf("kq"), "kq.pdf"), FileInput(image(), "kq.jpg")],
                  data_dir, at=LATER)
    assert [(d.kind, d.state) for d in rows(db, code)] == [("result", "pending"), ("result", "pending")]


def test_a_reused_file_is_not_signed_again(db, data_dir):
    switch_on(db, sign_intake_copies=True)
    first = register(db, OFFICER, request(MARRIAGE, MON)).code
    record_digitization(db, OFFICER, first, 0, "scanned", files=[FileInput(plain_pdf("a"), "a.pdf")],
                        data_dir=data_dir, at=MON)
    [scanned] = rows(db, first)
    second = register(db, OFFICER, request(MARRIAGE, MON)).code
    record_digitization(db, OFFICER, second, 0, "reused", files=[scanned.source_sha256], data_dir=data_dir, at=LATER)
    assert rows(db, second) == []

"""What is signed is what the step gave (app/services/signing/signing.py `prepare`): an e-form is
rendered from the dossier and the very event it reports, dated by that event; an e-receipt signed
after an extension still promises the due moment the receiving set."""

from __future__ import annotations

import subprocess
from datetime import datetime

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.services.dossiers.lifecycle import Facts, act
from app.services.signing.signing import prepare
from tests.helpers.factories import OFFICER

from .signing_kit import received, rows, switch_on

LATER = datetime(2026, 11, 23, 10, 0)
NEW_DUE = datetime(2027, 1, 29, 17, 0)


def text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_an_e_receipt_signed_after_an_extension_keeps_the_first_due_moment(db, data_dir, tmp_path):
    switch_on(db)
    code = received(db)
    [receipt] = rows(db, code)
    before = prepare(db, receipt.id, data_dir)
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Cần xác minh", new_due=NEW_DUE, at=LATER))
    after = prepare(db, receipt.id, data_dir)
    assert after.pdf == before.pdf
    body = text(after.pdf, tmp_path)
    assert "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 23/11/2026" in body
    assert "29/01/2027" not in body
    apology = rows(db, code)[1]
    assert "29/01/2027" in text(prepare(db, apology.id, data_dir).pdf, tmp_path)


def test_each_supplement_request_is_rendered_from_its_own_event(db, data_dir, tmp_path):
    switch_on(db)
    code = received(db)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai có chữ ký"], reason="Thiếu", at=LATER))
    act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=LATER))
    # A second request needs its ground and a supervisor's right: the administrator asks it.
    act(db, Actor.system(), code, Action.REQUEST_SUPPLEMENT, Facts(items=["Bản sao giấy khai sinh"], reason="Mờ",
                                                           ground="Giấy mới nộp bị mờ", at=datetime(2026, 12, 1, 8)))
    first, second = rows(db, code)[1:]
    one, two = text(prepare(db, first.id, data_dir).pdf, tmp_path), text(prepare(db, second.id, data_dir).pdf, tmp_path)
    assert "1. Tờ khai có chữ ký" in one and "Bản sao giấy khai sinh" not in one
    assert "ngày 23 tháng 11 năm 2026" in one and "Số: 1/" in one
    assert "1. Bản sao giấy khai sinh" in two and "ngày 01 tháng 12 năm 2026" in two and "Số: 2/" in two
    assert prepare(db, first.id, data_dir).reason == f"Phiếu yêu cầu bổ sung (Mẫu 02), hồ sơ {code}"

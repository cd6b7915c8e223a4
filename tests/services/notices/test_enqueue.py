"""Notices written in the dossier's transaction (app/services/notices/enqueue.py): one per event
and channel the citizen consented to, that the office set up and that has an address; each
event kind with its facts; none when the transaction is undone."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import UserError
from app.portal.contract import Lease
from app.services.dossiers import numbering
from app.services.dossiers.lifecycle import Facts, act, act_in
from app.services.dossiers.query import dossier_detail, get_dossier
from app.services.notices.query import notices_of
from app.services.settings.store import change_settings
from db.models import DossierEvent, Notice
from tests.helpers.factories import OFFICER

from .helpers import EMAIL, NOW, PHONE, dossier, notices, switch_on

SUPPLEMENT = Facts(items=["Tờ khai có chữ ký", "Bản sao giấy chứng sinh"], reason="Tờ khai chưa ký", at=NOW)


def _event_uuid(db, code, action):
    with db.reading() as s:
        d = get_dossier(s, code)
        return s.scalar(select(DossierEvent.uuid).where(DossierEvent.dossier_id == d.id, DossierEvent.action == action))


@pytest.mark.parametrize("consent", [None, []])
def test_no_consent_no_notice(db, consent):
    switch_on(db, "email", "sms")
    code = dossier(db, consent)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    assert notices(db) == []


def test_one_notice_per_consented_channel_the_office_set_up(db):
    switch_on(db, "email", "sms")  # Zalo stays off: no row for it, though the citizen agreed
    code = dossier(db, ["email", "sms", "zalo"])
    other = dossier(db, ["sms"])
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    act(db, OFFICER, other, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    event = _event_uuid(db, code, "request_supplement")
    email, sms = notices(db, code)
    assert [(n.channel, n.recipient, n.kind, n.state, n.event_uuid) for n in (email, sms)] == [
        ("email", EMAIL, "supplement", "pending", event), ("sms", PHONE, "supplement", "pending", event)]
    assert email.uuid != sms.uuid and email.next_attempt_at == NOW
    assert email.subject == f"Hồ sơ {code}: cần bổ sung, hoàn thiện"
    assert "Tờ khai có chữ ký; Bản sao giấy chứng sinh" in email.body and "Lý do: Tờ khai chưa ký" in email.body
    # SMS without diacritics by default (GSM-7: 160 characters a message)
    assert f"Ho so {code} can bo sung: To khai co chu ky; Ban sao giay chung sinh. Ly do: To khai chua ky" in sms.body
    assert [n.channel for n in notices(db, other)] == ["sms"]


def test_no_address_no_notice_on_that_channel(db):
    switch_on(db, "email", "sms", "zalo")
    code = dossier(db, ["email", "sms", "zalo"], phone=None)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    assert [n.channel for n in notices(db, code)] == ["email"]
    code = dossier(db, ["email", "zalo"], email=None)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    assert [n.channel for n in notices(db, code)] == ["zalo"]


def test_no_channel_set_up_no_notice(db):
    code = dossier(db, ["email", "sms", "zalo"])  # every channel off: the default
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    assert notices(db) == []


def _processing(db, code):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo", at=NOW))


def test_result_ready_says_where_and_until_when(db):
    switch_on(db, "sms", **{"notices.result_keep_days": 10, "receipt.result_place": "Quầy số 1"})
    code = dossier(db, ["sms"])
    _processing(db, code)
    at = NOW + timedelta(days=2)
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=at))
    [n] = notices(db, code)
    assert n.kind == "result_ready" and n.event_uuid == _event_uuid(db, code, "result_ready")
    assert f"Ho so {code} da co ket qua. Moi nhan tai Quay so 1 truoc 05/12/2026." in n.body


def test_an_extension_carries_the_apology_letter_by_email(db):
    switch_on(db, "email", "sms", **{"notices.sms.unaccented": False})
    code = dossier(db, ["email", "sms"])
    with db.reading() as s:
        due = get_dossier(s, code).due_at
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=due + timedelta(days=5), at=NOW))
    email, sms = notices(db, code)
    assert (email.kind, email.attachment, sms.attachment) == ("extension", "form04", None)
    new_due = (due + timedelta(days=5)).strftime("%d/%m/%Y")
    assert f"hẹn trả mới {new_due}" in sms.body  # with diacritics when the office wants them
    assert f"chưa giải quyết xong đúng hẹn {due:%d/%m/%Y}. Thời gian hẹn trả kết quả mới là {new_due}" in email.body


def test_a_fee_owed_says_how_much(db):
    switch_on(db, "email")
    code = dossier(db, ["email"])
    _processing(db, code)
    act(db, OFFICER, code, Action.REQUEST_PAYMENT, Facts(reason="Lệ phí trước bạ", amount=1_250_000, at=NOW))
    [n] = notices(db, code)
    assert n.kind == "fee_owed" and n.subject == f"Hồ sơ {code}: còn 1.250.000 đ phí, lệ phí cần nộp"


def test_an_official_code_replacing_a_provisional_one(db):
    change_settings(db, Actor.system(), {"portal.url": "http://127.0.0.1:9"})
    switch_on(db, "sms")
    provisional = dossier(db, ["sms"])
    assert "TAM" in provisional
    with db.reading() as s:
        d = get_dossier(s, provisional)
        dossier_id, unit = d.id, d.code.split("-")[0]
    with db.writing() as s:
        official = numbering.replace_provisional(s, dossier_id, Lease(str(uuid.uuid4()), unit, NOW.date(), 57, 57))
    [n] = notices(db)
    assert n.kind == "official_code" and n.event_uuid == _event_uuid(db, official, "code_assigned")
    assert f"Ho so ma tam {provisional} nay co ma chinh thuc {official}." in n.body


def test_a_change_undone_leaves_no_notice(db):
    switch_on(db, "email", "sms")
    code = dossier(db, ["email", "sms"])
    with pytest.raises(RuntimeError), db.writing() as s:
        act_in(s, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
        assert s.scalar(select(Notice.id).limit(1)) is not None  # written in this transaction …
        raise RuntimeError("the disk is full")  # … and undone with it
    assert notices(db) == [] and _event_uuid(db, code, "request_supplement") is None


def test_an_office_text_with_an_unknown_field_is_refused_naming_it(db):
    bad = [{"kind": "supplement", "part": "text", "text": "Hồ sơ {code} của {ten_nguoi_nop}"}]
    with pytest.raises(UserError) as err:
        change_settings(db, Actor.system(), {"notices.templates": bad})
    assert "{ten_nguoi_nop}" in err.value.message and "Mẫu nội dung thông báo" in err.value.message
    assert err.value.field == "notices.templates"
    good = [{"kind": "supplement", "part": "text", "text": "Ho so {code}: mang {supplement_items} den quay."}]
    switch_on(db, "sms", **{"notices.templates": good})
    code = dossier(db, ["sms"])
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    assert [n.body for n in notices(db, code)] == [f"Ho so {code}: mang To khai co chu ky; Ban sao giay chung sinh den quay."]


def test_the_history_shows_the_notices_masked_for_a_supervisor(db):
    switch_on(db, "email", "sms")
    code = dossier(db, ["email", "sms"])
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, SUPPLEMENT)
    detail = dossier_detail(db, OFFICER, code)
    assert [(n["kind"], n["channel_label"], n["state_label"], n["recipient"]) for n in detail["notices"]] == [
        ("supplement", "Thư điện tử", "Đang chờ gửi", EMAIL), ("supplement", "Tin nhắn SMS", "Đang chờ gửi", PHONE)]
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3)
    assert [n.recipient for n in notices_of(db, boss, code)] == ["a********@example.vn", "091****678"]
    assert [n["recipient"] for n in dossier_detail(db, boss, code)["notices"]] == ["a********@example.vn", "091****678"]

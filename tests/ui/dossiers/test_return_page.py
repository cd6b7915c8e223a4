"""Trả kết quả: receive → hand over → result ready → return by scanning the code into the
return screen (a keyboard-wedge scanner types the code and Enter)."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.vocab import DossierStatus
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import Dossier, DossierEvent
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import enter, focused, show_active, tab, type_text
from ui.dossiers.return_page import ReturnPage
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 0)
LATER = datetime(2026, 11, 24, 10, 30)


@pytest.fixture
def page(qtbot, db):
    make_app()
    p = ReturnPage(db, OFFICER, clock=lambda: LATER)
    p.resize(900, 600)
    show_active(qtbot, p)
    p.code.setFocus()
    return p


def ready(db, **kw) -> str:
    code = register(db, OFFICER, request("1.000894", received_at=MON, **kw)).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo",
                                                    at=MON.replace(hour=9)))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=MON.replace(hour=15)))
    return code


def test_scan_and_return_to_the_applicant(page, db):
    code = ready(db)
    type_text(code.lower())  # scanners and people type in any case
    enter()
    assert page.form_box.isEnabled() and "Nguyễn Văn An" in page.summary.text()
    assert page.collector.text() == "Nguyễn Văn An" and page.collector_id.text() == "079090012345"
    assert focused() is page.collector_id
    enter()
    assert page.message.text() == f"Đã trả kết quả hồ sơ {code}."
    assert focused() is page.code and page.code.text() == ""
    with db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        e = s.scalars(select(DossierEvent).where(DossierEvent.action == "return_result")).one()
    assert d.status == DossierStatus.RETURNED and d.returned_at == LATER
    assert e.details["collector"] == {"name": "Nguyễn Văn An", "id_number": "079090012345", "is_applicant": True}


def test_authorised_person_must_give_name_and_id(page, db):
    code = ready(db)
    type_text(code)
    enter()
    page.to_proxy.setChecked(True)
    assert page.collector.text() == "" and focused() is page.collector
    type_text("Lê Thị Hoa")
    enter()
    assert "số giấy tờ tùy thân" in page.message.text()
    tab()
    type_text("086190054321")
    enter()
    assert page.message.text().startswith("Đã trả kết quả")


def test_by_post_records_the_shipment(page, db):
    from app.domain.vocab import ResultMethod

    code = ready(db, result_method=ResultMethod.POST, result_address="Ấp Phú Hòa, xã Long Hồ")
    type_text(code)
    enter()
    assert page.by_post.isChecked() and focused() is page.shipment
    assert page.post_address.text() == "Ấp Phú Hòa, xã Long Hồ"
    enter()  # no shipment code yet
    assert page.message.text() == "Nhập mã vận đơn bưu chính." and focused() is page.shipment
    type_text("EB123456789VN")
    enter()
    with db.reading() as s:
        e = s.scalars(select(DossierEvent).where(DossierEvent.action == "return_result")).one()
    assert e.details["post"]["shipment"] == "EB123456789VN"


@pytest.mark.parametrize("steps, needle", [
    ([], "đang được xử lý"),
    ([(Action.HAND_OVER, Facts(division="P", giver="A", taker="B"))], "đang được xử lý"),
    ([(Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu"))], "bổ sung"),
])
def test_other_statuses_say_why(page, db, steps, needle):
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    for action, facts in steps:
        act(db, OFFICER, code, action, facts)
    type_text(code)
    enter()
    assert needle in page.message.text() and not page.form_box.isEnabled()


def test_already_returned_and_unknown_code(page, db):
    code = ready(db)
    act(db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="A", collector_id_number="1", at=LATER))
    type_text(code)
    enter()
    assert page.message.text() == "Kết quả đã được trả lúc 10:30 24/11/2026."
    page.code.clear()
    type_text("000.00.01.H62-261231-9999")
    enter()
    assert page.message.text() == "Không có hồ sơ mã «000.00.01.H62-261231-9999»."
    assert focused() is page.code and page.code.selectedText() == "000.00.01.H62-261231-9999"

"""Identity at the intake form (issue 20 §5): the card's address label, the identity check (set by
a QR scan, chosen by keyboard otherwise), warnings the officer may accept, a suspicious QR said
out loud, and the principal when someone files on another's behalf. Typed through key events
that carry their text (never keyClicks: non-ASCII aborts the process)."""


import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.cli.dossier_text import render
from app.domain.cccd_qr import parse_cccd_qr
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.dossiers.query import dossier_detail
from db.models import Dossier, DossierEvent
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import focused, press, tab, type_text
from tests.ui.intake.conftest import choose_marriage
from ui.intake.identity_fields import identity_rows

OLD_ADDRESS = "Ấp Phú Hòa, Xã Phú Quới, Huyện Long Hồ, Vĩnh Long"
CAN_CUOC_QR = f"086190012345|025123456|Đặng Thị Ngọc Ánh|12031990|Nữ|{OLD_ADDRESS}|15082024|086190099999|Đặng Văn Ba"
CCCD_QR = f"086190012345||Đặng Thị Ngọc Ánh|12031990|Nữ|{OLD_ADDRESS}|01072021"
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")


def typed(widget, text: str) -> None:
    widget.setFocus()
    type_text(text)
    tab()


def saved(db) -> Dossier:
    with db.reading() as s:
        return s.scalars(select(Dossier)).one()


def test_a_can_cuoc_qr_fills_the_form_with_its_label_and_the_check_it_was(form, db):
    choose_marriage(form)
    form.fill_from_card(parse_cccd_qr(CAN_CUOC_QR))
    assert form.address_label.text() == "Nơi cư trú:"
    assert form.identity_fields.identity.currentText() == "Đọc mã QR trên thẻ"
    assert form.message.text() == "Đã điền từ thẻ căn cước của Đặng Thị Ngọc Ánh."  # no warning
    assert form.save() is not None
    d = saved(db)
    assert (d.identity_check, d.applicant_address, d.principal) == ("card_qr", OLD_ADDRESS, None)
    form.clear()
    assert form.address_label.text() == "Địa chỉ:" and form.identity_fields.identity_check() is None


def test_a_cccd_card_says_noi_thuong_tru(form):
    form.fill_from_card(parse_cccd_qr(CCCD_QR))
    assert form.address_label.text() == "Nơi thường trú:"


def test_a_suspicious_qr_is_said_and_cannot_be_saved(form, db):
    choose_marriage(form)
    form.fill_from_card(parse_cccd_qr(CCCD_QR.replace("086190012345", "086090012345")))  # says Nam
    assert "Mã QR đáng ngờ" in form.message.text() and "giới tính" in form.message.text()
    assert form.errors["cccd"].isVisible() and "giới tính" in form.errors["cccd"].text()
    assert form.save() is None and "giới tính" in form.message.text()
    with db.reading() as s:
        assert s.scalars(select(Dossier)).all() == []


def test_an_id_registered_abroad_is_a_warning_the_officer_goes_on_with(form, db):
    choose_marriage(form)
    typed(form.name, "Lê Văn Đạt")
    typed(form.id_number, "840090012345")
    assert not form.errors["cccd"].isVisible()
    assert form.id_warning.isVisible() and "nước ngoài" in form.id_warning.text()
    form.identity_fields.identity.setFocus()
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)  # "", card seen, card QR, VNeID
    assert form.identity_fields.identity_check() == "vneid"
    result = form.save()
    assert result is not None and "nước ngoài" in result.warnings[0]
    d = saved(db)
    assert (d.applicant_id_number, d.identity_check) == ("840090012345", "vneid")
    with db.reading() as s:
        details = s.scalar(select(DossierEvent.details).where(DossierEvent.dossier_id == d.id))
    assert details["id_warnings"] == list(result.warnings)


def fill_principal(form) -> None:
    fields = form.identity_fields
    assert not fields.principal_box.isVisible()
    fields.on_behalf.setFocus()
    press(Qt.Key.Key_Space, text=" ")
    assert fields.on_behalf.isChecked() and fields.principal_box.isVisible()
    tab()
    assert focused() is fields.name
    for widget, text in ((fields.name, "Trần Thị Bích"), (fields.id_number, "086185004321"),
                         (fields.address, "Số 5 đường 30/4, Phường Long Châu, Vĩnh Long"),
                         (fields.phone, "0939 123 456"), (fields.email, "bich.tran@example.vn"),
                         (fields.paper, "Giấy ủy quyền số 12/2026 ngày 19/11/2026")):
        assert focused() is widget, focused().objectName()
        type_text(text)
        tab()


def test_filed_on_behalf_of_someone(form, db):
    choose_marriage(form)
    typed(form.name, "Đặng Văn Ba")
    fill_principal(form)
    assert form.is_dirty()
    assert form.save() is not None
    d = saved(db)
    assert d.applicant_name == "Đặng Văn Ba"
    assert d.principal == {"name": "Trần Thị Bích", "address": "Số 5 đường 30/4, Phường Long Châu, Vĩnh Long",
                           "id_number": "086185004321", "phone": "0939123456", "email": "bich.tran@example.vn",
                           "paper": "Giấy ủy quyền số 12/2026 ngày 19/11/2026"}
    masked = dossier_detail(db, SUPERVISOR, d.code)
    rows = dict(identity_rows(form, masked))
    assert rows["Nộp thay cho:"] == ("Trần Thị Bích · Số định danh: 086******321 · Điện thoại: 093****456 · "
                                     "Thư điện tử: b********@example.vn · Địa chỉ: ***, Phường Long Châu, "
                                     "Vĩnh Long · Giấy ủy quyền số 12/2026 ngày 19/11/2026")
    assert rows["Kiểm tra danh tính:"] == ""
    text = render(dossier_detail(db, OFFICER, d.code))
    assert "Nộp thay cho:    Trần Thị Bích · Số định danh: 086185004321" in text


def test_a_bad_principal_phone_is_shown_under_it_and_nothing_is_saved(form, db):
    choose_marriage(form)
    typed(form.name, "Đặng Văn Ba")
    fill_principal(form)
    fields = form.identity_fields
    fields.phone.clear()
    typed(fields.phone, "12345")
    assert fields.errors["principal_phone"].isVisible()
    assert form.save() is None
    assert "Người ủy quyền: Số điện thoại" in fields.errors["principal_phone"].text()
    assert focused() is fields.phone
    with db.reading() as s:
        assert s.scalars(select(Dossier)).all() == []
    fields.on_behalf.setChecked(False)  # filed in person after all: the principal is not kept
    assert form.save() is not None and saved(db).principal is None


def test_the_dossier_screen_shows_the_check_and_the_masked_principal(qtbot, form, db):
    from PySide6.QtWidgets import QLabel

    from ui.dossiers.detail import DossierDetailDialog

    choose_marriage(form)
    form.fill_from_card(parse_cccd_qr(CAN_CUOC_QR))
    fill_principal(form)
    code = form.save().code
    for actor, shown in ((OFFICER, "Số định danh: 086185004321"), (SUPERVISOR, "Số định danh: 086******321")):
        dialog = DossierDetailDialog(db, actor, code)
        qtbot.addWidget(dialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "Kiểm tra danh tính:" in texts and "Đọc mã QR trên thẻ" in texts and "Nộp thay cho:" in texts
        assert any(t.startswith("Trần Thị Bích · ") and shown in t for t in texts), texts


def test_a_typed_number_is_checked_again_when_the_birth_date_is_given(form):
    typed(form.id_number, "086090012345")  # 1900s, male, born in (19)90
    assert not form.errors["cccd"].isVisible()
    typed(form.birth_date, "15/06/1991")
    assert form.errors["cccd"].isVisible() and "năm sinh" in form.errors["cccd"].text()
    form.birth_date.clear()
    typed(form.birth_date, "15/06/1990")
    assert not form.errors["cccd"].isVisible()


@pytest.fixture
def form(tall_form):
    return tall_form

"""The intake form, driven by the keyboard as at the counter."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.vocab import Channel, DossierStatus
from db.models import Dossier, DossierEvent
from tests.helpers.keyboard import enter, focused, press, tab, type_text
from tests.ui.intake.conftest import FRIDAY_MORNING

MARRIAGE, KARAOKE = "1.000894", "1.001029"


@pytest.fixture
def form(open_form):
    return open_form(760)


def expect(widget):
    assert focused() is widget, f"focus is on {focused().objectName()!r}, expected {widget.objectName()!r}"


def choose(form, text: str) -> None:
    form.procedure.setFocus()
    type_text(text)
    enter()


def test_type_ahead_ignores_diacritics_and_finds_codes(form):
    type_text("dang ky ket")
    labels = form.procedure.matches()
    assert MARRIAGE in labels
    form.procedure.clear()
    type_text("karaoke")
    assert KARAOKE in form.procedure.matches() and len(form.procedure.matches()) == 2
    form.procedure.clear()
    type_text("1.000894")
    assert form.procedure.matches() == [MARRIAGE]


def test_register_with_the_keyboard_only(form, db):
    choose(form, "dang ky ket hon")
    assert form.procedure.current.code == MARRIAGE
    assert form.procedure_info.text() == ("Lĩnh vực: Hộ tịch · Thời hạn giải quyết: trong ngày · "
                                          "nhận sau 15:00 được tính từ ngày làm việc kế tiếp")
    expect(form.kind)
    tab()
    expect(form.name)
    type_text("Đặng Thị Ngọc Ánh")
    tab()
    expect(form.id_number)
    type_text("086190012345")
    tab()
    expect(form.birth_date)
    type_text("12/03/1990")
    tab()
    expect(form.sex)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    assert form.sex.currentData() == "Nữ"
    tab()
    expect(form.phone)
    type_text("0912 345 678")
    tab()
    expect(form.email)
    type_text("anh.dang@example.vn")
    tab()
    for channel in ("email", "sms", "zalo"):  # consent to notices: asked, left unticked (the citizen's choice)
        expect(form.consent.boxes[channel])
        tab()
    expect(form.address)
    type_text("Số 5 đường Hùng Vương, Phường 1, Vĩnh Long")
    tab()
    expect(form.address_fields.commune)  # then the province, the office's by default
    tab(2)
    expect(form.identity_fields.identity)  # how identity was checked, then "Nộp thay"
    tab(2)
    expect(form.channel)
    tab()
    expect(form.documents)
    press(Qt.Key.Key_F4)  # Đã nhận đủ: the papers arrive unticked
    tab()
    expect(form.fees)
    tab()
    expect(form.sets)
    tab()
    expect(form.result_method)
    tab()
    expect(form.change_due)
    tab()
    expect(form.notes)
    type_text("Hai bên cùng có mặt")
    enter()
    assert form.message.text().startswith("Đã lưu hồ sơ"), form.message.text()
    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.applicant_name == "Đặng Thị Ngọc Ánh" and d.applicant_sex == "Nữ"
        assert d.applicant_id_number == "086190012345" and d.applicant_phone == "0912345678"
        assert d.status == DossierStatus.RECEIVED and d.received_at == FRIDAY_MORNING
        assert d.notes == "Hai bên cùng có mặt"
        assert d.code.startswith("000.00.01.H62-261120-")
    assert not form.is_dirty()


def test_inline_checks_speak_vietnamese_and_nothing_is_saved(form, db):
    choose(form, "dang ky ket hon")
    form.id_number.setFocus()
    type_text("12345")
    tab()
    assert form.errors["cccd"].isVisible() and "12 chữ số" in form.errors["cccd"].text()
    form.id_number.clear()
    form.id_number.setFocus()
    type_text("999190012345")
    tab()
    # not a province: perhaps a country (birth registered abroad), a warning, not an error
    assert not form.errors["cccd"].isVisible() and "«999»" in form.id_warning.text()
    form.email.setFocus()
    type_text("khong-phai-email")
    tab()
    assert "không hợp lệ" in form.errors["email"].text()
    form.phone.setFocus()
    type_text("12345")
    tab()
    assert "Số điện thoại" in form.errors["phone"].text()
    form.birth_date.setFocus()
    type_text("31/02/1990")
    tab()
    assert "không hợp lệ" in form.errors["birth_date"].text()
    assert form.save() is None and "31/02/1990" in form.message.text()
    form.birth_date.clear()
    assert form.save() is None and "họ tên" in form.message.text()
    with db.reading() as s:
        assert s.scalars(select(Dossier)).all() == []


def test_missing_mandatory_document_needs_a_reason(form, db):
    choose(form, "dang ky ket hon")
    form.name.setText("Nguyễn Văn An")
    form.documents.setFocus()
    form.documents.setCurrentCell(0, 0)
    press(Qt.Key.Key_Space, text=" ")
    assert form.missing.isVisible() and "bắt buộc" in form.missing.text()
    assert form.save() is None and "lý do" in form.message.text()
    form.missing_reason.setText("Người nộp hẹn bổ sung bản chính")
    result = form.save()
    assert result is not None
    with db.reading() as s:
        event = s.scalars(select(DossierEvent)).one()
        assert event.details["missing_documents"]["reason"] == "Người nộp hẹn bổ sung bản chính"


def test_changing_the_appointment_needs_a_written_reason(form, db):
    choose(form, "dang ky ket hon")
    form.name.setText("Lê Thị Thu")
    form.documents.tick_all()
    computed = form._computed_due
    form.change_due.setChecked(True)
    form.due_edit.setDateTime(form.due_edit.dateTime().addDays(2))
    assert form.save() is None and form.errors["due_at"].isVisible()
    form.due_reason.setText("Người nộp xin hẹn muộn hơn")
    result = form.save()
    assert result is not None and result.due_at != computed
    with db.reading() as s:
        details = s.scalars(select(DossierEvent)).one().details
    assert details["due_override"]["reason"] == "Người nộp xin hẹn muộn hơn"


def test_rate_table_fees_start_at_zero_and_count_per_quantity(form, db):
    choose(form, "1.001029 karaoke")
    assert form.fees.rowCount() == 6 and form.fees.quantities() == [0] * 6
    form.fees.setFocus()
    form.fees.setCurrentCell(3, 0)  # "khu vực khác: từ 01 đến 03 phòng"
    type_text("1")
    assert "2.000.000 đ" in form.fees.total.text()
    form.kind.setCurrentIndex(1)
    form.name.setText("Công ty TNHH Giải trí Ánh Dương")
    form.id_number.setText("1501234567")
    form.representative.setText("Võ Minh Khang")
    form.documents.tick_all()
    result = form.save()
    assert result is not None, form.message.text()
    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.fees_total == 2_000_000 and d.representative == "Võ Minh Khang"
        assert d.applicant_id_number == "1501234567"


def test_result_by_post_takes_the_address(form, db):
    choose(form, "dang ky ket hon")
    assert form.result_method.currentData() == "counter" and not form.result_address.isEnabled()
    form.name.setText("Trần Văn Bình")
    form.documents.tick_all()
    form.address.setText("Số 1 Lê Lợi")
    form.channel.setCurrentIndex(form.channel.findData(int(Channel.POST)))
    assert form.result_method.currentData() == "post"
    assert form.result_address.isEnabled() and form.result_address.text() == "Số 1 Lê Lợi"
    result = form.save()
    assert result is not None, form.message.text()
    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        assert (d.channel, d.result_method, d.result_address) == (int(Channel.POST), "post", "Số 1 Lê Lợi")


def test_procedure_filter_model_passes_the_model_tester(form, qtmodeltester):
    form.procedure.setFocus()
    type_text("cap giay phep")
    qtmodeltester.check(form.procedure._filter)
    form.procedure.clear()
    type_text("x")
    qtmodeltester.check(form.procedure._filter)

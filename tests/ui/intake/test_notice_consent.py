"""Consent to notices at intake (issue 23 §2): the boxes start unticked, open only once their
contact is typed, are reached by Tab and ticked with Space; registration writes the consent row in
its own transaction (the channels, or an empty list when nothing is ticked). Typed through key
events that carry their text (never keyClicks: non-ASCII aborts the process)."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Dossier, DossierEvent, NoticeConsent
from tests.helpers.keyboard import focused, press, tab, type_text
from tests.ui.intake.conftest import choose_marriage


@pytest.fixture
def form(tall_form):
    return tall_form


def typed(widget, text: str) -> None:
    widget.setFocus()
    type_text(text)
    tab()


def consent_row(db) -> tuple[Dossier, NoticeConsent | None]:
    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        return d, s.get(NoticeConsent, d.id)


def test_the_boxes_start_unticked_and_open_with_their_contact(form):
    boxes = form.consent.boxes
    assert [b.text() for b in boxes.values()] == ["Thư điện tử", "SMS", "Zalo"]
    assert form.consent_label.text() == "Đồng ý nhận thông báo qua:"
    assert not any(b.isEnabled() or b.isChecked() for b in boxes.values())
    typed(form.phone, "0939 123 456")
    assert [b.isEnabled() for b in boxes.values()] == [False, True, True]
    assert not any(b.isChecked() for b in boxes.values())  # the citizen's act, never a default
    boxes["sms"].setChecked(True)
    form.phone.clear()  # no number, no SMS: unticked and closed again
    assert not boxes["sms"].isChecked() and not boxes["sms"].isEnabled()


def test_consent_ticked_by_keyboard_is_written_with_the_dossier(form, db):
    choose_marriage(form)
    typed(form.name, "Nguyễn Thị Ánh")
    typed(form.phone, "0939 123 456")
    form.email.setFocus()
    type_text("anh.nguyen@example.vn")
    tab()
    assert focused() is form.consent.boxes["email"]
    press(Qt.Key.Key_Space, text=" ")
    tab()
    tab()
    assert focused() is form.consent.boxes["zalo"]
    press(Qt.Key.Key_Space, text=" ")
    assert form.save() is not None
    d, row = consent_row(db)
    assert row is not None and row.channels == ["email", "zalo"] and row.asked_at == d.received_at
    with db.reading() as s:
        details = s.scalar(select(DossierEvent.details).where(DossierEvent.dossier_id == d.id))
    assert details["notice_consent"] == ["email", "zalo"]
    form.clear()  # as the desk does after a save: the next citizen starts blank
    assert not any(b.isChecked() or b.isEnabled() for b in form.consent.boxes.values())


def test_nothing_ticked_records_an_empty_list(form, db):
    choose_marriage(form)
    typed(form.name, "Trần Văn Bình")
    typed(form.phone, "0939 123 456")
    assert form.save() is not None
    _d, row = consent_row(db)
    assert row is not None and row.channels == []


def test_registration_refuses_a_channel_without_its_contact_and_writes_nothing(db):
    from app.errors import UserError
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, citizen, procedure_code, request

    with pytest.raises(UserError) as refused:
        register(db, OFFICER, request(procedure_code(db), applicant=citizen(email=None), notice_channels=["email"]))
    assert (str(refused.value), refused.value.field) == (
        "Nhận thông báo qua thư điện tử cần có địa chỉ thư điện tử.", "notice_channels")
    with db.reading() as s:
        assert s.scalars(select(Dossier)).all() == [] and s.scalars(select(NoticeConsent)).all() == []
    # Not asked (a request from elsewhere than the form): no row, so no notice at all.
    done = register(db, OFFICER, request(procedure_code(db)))
    with db.reading() as s:
        assert s.get(NoticeConsent, done.id) is None


@pytest.mark.postgres
def test_consent_is_written_and_changed_on_postgresql(pg_db):
    from app.services.intake.registration import register
    from app.services.notices.consent import change_consent, dossier_consent
    from tests.helpers.factories import OFFICER, procedure_code, request

    done = register(pg_db, OFFICER, request(procedure_code(pg_db), notice_channels=["zalo", "email"]))
    assert dossier_consent(pg_db, OFFICER, done.code).channels == ("email", "zalo")  # in the form's order
    assert change_consent(pg_db, OFFICER, done.code, []).channels == ()
    with pg_db.reading() as s:
        assert s.get(NoticeConsent, done.id).channels == []

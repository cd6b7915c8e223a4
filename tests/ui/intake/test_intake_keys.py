"""The keys at the counter (issue 22): the documents arrive unticked and are received by a real
check (Space one, F4 "Đã nhận đủ" all, a mandatory one left out asks for a reason), and a walk-in
residence registration from the empty form to the receipt preview takes at most 110 key presses,
every key event counted. Typed through key events carrying their text (never keyClicks)."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Dossier, DossierDocument
from tests.helpers import keyboard
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import focused, press, show_active
from ui.main import Desk, home_facts, make_app

RESIDENCE = "1.004194"  # Đăng ký tạm trú: two mandatory documents, one fee line
MONDAY_MORNING = datetime(2026, 11, 23, 8, 5)
KEY_BUDGET = 110


@pytest.fixture
def form(open_form):
    return open_form(900)


def ticks(form) -> list[bool]:
    return [line.received for line in form.documents.lines()]


def test_documents_arrive_unticked_space_ticks_one_and_f4_ticks_all(form, db):
    form.procedure.setFocus()
    keyboard.type_text("dang ky tam tru")
    keyboard.enter()
    assert form.procedure.current.code == RESIDENCE
    assert ticks(form) == [False, False]
    # Nothing handed over yet: the form says which mandatory documents are missing.
    assert form.missing.isVisible() and "CT01" in form.missing.text()
    assert form.all_received.text() == "Đã nhận đủ (F4)"

    form.documents.setFocus()
    form.documents.setCurrentCell(1, 0)
    press(Qt.Key.Key_Space, text=" ")
    assert ticks(form) == [False, True]
    press(Qt.Key.Key_Space, text=" ")  # Space again: unticked
    assert ticks(form) == [False, False]

    form.name.setFocus()  # F4 works from any field of the form
    press(Qt.Key.Key_F4)
    assert ticks(form) == [True, True] and not form.missing.isVisible()
    assert not form.missing_reason.isVisible()


def test_a_mandatory_document_left_unticked_asks_for_a_reason(form, db):
    form.procedure.setFocus()
    keyboard.type_text("dang ky tam tru")
    keyboard.enter()
    form.name.setText("Nguyễn Văn An")
    form.documents.setFocus()
    form.documents.setCurrentCell(0, 0)
    press(Qt.Key.Key_Space, text=" ")  # the declaration (CT01) is here, the proof of the home is not
    assert ticks(form) == [True, False]
    assert form.missing.isVisible() and "chứng minh chỗ ở hợp pháp" in form.missing.text()
    assert "CT01" not in form.missing.text()

    assert form.save() is None
    assert "lý do" in form.message.text() and focused() is form.missing_reason
    with db.reading() as s:
        assert s.scalars(select(Dossier)).all() == []
    keyboard.type_text("Hẹn bổ sung giấy tờ chỗ ở")
    result = form.save()
    assert result is not None
    with db.reading() as s:
        docs = s.scalars(select(DossierDocument).order_by(DossierDocument.id)).all()
        assert [d.received for d in docs] == [True, False]


def test_the_empty_form_says_nothing_about_fees_or_the_year_2000(form):
    assert form.procedure.current is None
    assert form.fees.total.text() == ""
    assert "2000" not in form.due_edit.text() and form.due.text() == ""
    form.procedure.setFocus()
    keyboard.type_text("khai bao tam vang")  # a procedure without fees says so once chosen
    keyboard.enter()
    assert form.fees.total.text() == "Thủ tục này không thu phí, lệ phí."
    assert "/2026" in form.due_edit.text()
    form.clear()
    assert form.fees.total.text() == "" and "2000" not in form.due_edit.text()


class CountingKeys:
    """Every key event sent to the form goes through here and is counted: one per character
    typed, one per key, two for a key with Ctrl (both are pressed)."""

    def __init__(self):
        self.count = 0

    def press(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
        self.count += 1 + (modifiers != Qt.KeyboardModifier.NoModifier)
        press(key, modifiers, text)

    def type(self, text: str) -> None:
        for ch in text:
            key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else (
                Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown)
            self.press(key, text=ch)

    def tab(self) -> None:
        self.press(Qt.Key.Key_Tab)

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return, text="\r")


def test_a_walk_in_residence_registration_takes_at_most_110_keys(qtbot, db, data_dir):
    make_app()
    desk = Desk(db, data_dir, home_facts(db), clock=lambda: MONDAY_MORNING)
    window = desk.open_window(OFFICER, "Quầy số 1")
    window.resize(1366, 768)
    show_active(qtbot, window)
    form = window.intake
    assert focused() is form.procedure and form.name.text() == ""  # the empty form

    keys = CountingKeys()
    keys.type("dang ky tam tru")
    keys.enter()
    assert form.procedure.current.code == RESIDENCE
    assert focused() is form.kind  # a citizen by default
    keys.tab()
    keys.type("Nguyễn Văn An")
    keys.tab()
    keys.type("086090012345")
    keys.tab()
    keys.type("12/03/1990")
    keys.tab()
    keys.press(Qt.Key.Key_Down)  # Nam
    keys.tab()
    keys.type("0912345678")
    keys.tab()
    assert focused() is form.email
    keys.tab()
    assert focused() is form.consent.boxes["sms"]  # consent to notices: the citizen wants none
    keys.tab()
    keys.tab()
    keys.type("Số 7 đường Nguyễn Huệ")
    keys.tab()
    assert focused() is form.address_fields.commune  # the office's province is already chosen
    keys.type("long chau")
    qtbot.waitUntil(form.address_fields.commune.completer().popup().isVisible)
    keys.enter()
    keys.press(Qt.Key.Key_F4)  # Đã nhận đủ: both documents handed over
    # Everything after is as the form proposes (in person, the fee, one set, result at the
    # counter, the computed appointment): Ctrl+Enter saves from here.
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.preview is not None and desk.preview.isVisible())

    assert keys.count <= KEY_BUDGET, keys.count
    with db.reading() as s:
        d = s.scalars(select(Dossier)).one()
        assert (d.procedure.code, d.applicant_name, d.applicant_id_number, d.applicant_sex) == (
            RESIDENCE, "Nguyễn Văn An", "086090012345", "Nam")
        assert d.applicant_address == "Số 7 đường Nguyễn Huệ, Phường Long Châu, tỉnh Vĩnh Long"
        assert d.applicant_phone == "0912345678" and d.fees_total == 15000
        assert all(doc.received for doc in d.documents)
    assert d.code in desk.preview.windowTitle()
    desk.preview.close()

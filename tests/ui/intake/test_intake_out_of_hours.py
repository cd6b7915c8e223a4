"""A dossier taken outside office hours or on a day off is saved with a notice saying from when
its time counts; the notice stays after the form is cleared for the next citizen (the desk clears
it as soon as the dossier is saved) and goes when the next dossier is saved in hours."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, press, show_active, type_text
from ui.intake.page import IntakeForm
from ui.main import make_app

SATURDAY = datetime(2026, 12, 5, 10, 0)
FRIDAY_EVENING = datetime(2026, 12, 4, 18, 20)
MONDAY_MORNING = datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def at(qtbot, db):
    """An intake form whose clock reads what the test sets."""
    now = {"t": MONDAY_MORNING}
    make_app()
    form = IntakeForm(db, OFFICER, clock=lambda: now["t"])
    form.resize(1280, 900)
    show_active(qtbot, form)

    def opened(moment: datetime) -> IntakeForm:
        now["t"] = moment
        return form

    return opened


def register_residence(form) -> str:
    form.clear()
    form.procedure.setFocus()
    type_text("dang ky tam tru")
    enter()
    form.name.setText("Nguyễn Văn An")
    press(Qt.Key.Key_F4)  # Đã nhận đủ
    result = form.save()
    assert result is not None, form.message.text()
    return result.code


def test_a_dossier_taken_on_a_saturday_counts_from_monday_opening(at):
    form = at(SATURDAY)
    code = register_residence(form)
    form.clear()  # as the desk does once the receipt is on its way
    assert form.saved_notice.isVisible()
    assert form.saved_notice.text() == (
        f"Tiếp nhận vào ngày nghỉ: thời hạn giải quyết tính từ 07:30 thứ Hai 07/12/2026 (hồ sơ {code}).")


def test_a_dossier_taken_after_closing_counts_from_the_next_working_days_opening(at):
    form = at(FRIDAY_EVENING)
    code = register_residence(form)
    assert form.saved_notice.text() == (
        f"Tiếp nhận ngoài giờ làm việc: thời hạn giải quyết tính từ 07:30 thứ Hai 07/12/2026 (hồ sơ {code}).")

    form = at(MONDAY_MORNING)  # the next one, in office hours: nothing to say
    register_residence(form)
    assert not form.saved_notice.isVisible()

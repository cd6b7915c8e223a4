"""The intake form as the address and identity tests drive it: tall enough to show every field
without scrolling (the short screen has its own tests), focus on the procedure."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, press, type_text
from ui.intake.page import IntakeForm
from ui.main import make_app

FRIDAY_MORNING = datetime(2026, 11, 20, 9, 15)


@pytest.fixture
def open_form(qtbot, db):
    """An intake form of this height, shown and active, on Friday morning, at the procedure."""

    def opened(height: int) -> IntakeForm:
        make_app()
        f = IntakeForm(db, OFFICER, clock=lambda: FRIDAY_MORNING)
        qtbot.addWidget(f)
        f.resize(1280, height)
        f.show()
        qtbot.waitExposed(f)
        f.activateWindow()
        f.procedure.setFocus()
        return f

    return opened


@pytest.fixture
def tall_form(open_form):
    return open_form(900)


def choose_marriage(form) -> None:
    """The procedure, and its papers all handed over (F4, "Đã nhận đủ": they arrive unticked)."""
    form.procedure.setFocus()
    type_text("dang ky ket hon")
    enter()
    press(Qt.Key.Key_F4)

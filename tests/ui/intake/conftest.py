"""The intake form as the address and identity tests drive it: tall enough to show every field
without scrolling (the short screen has its own tests), focus on the procedure."""

from datetime import datetime

import pytest

from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, type_text
from ui.intake.page import IntakeForm
from ui.main import make_app

FRIDAY_MORNING = datetime(2026, 11, 20, 9, 15)


@pytest.fixture
def tall_form(qtbot, db):
    make_app()
    f = IntakeForm(db, OFFICER, clock=lambda: FRIDAY_MORNING)
    qtbot.addWidget(f)
    f.resize(1280, 900)
    f.show()
    qtbot.waitExposed(f)
    f.activateWindow()
    f.procedure.setFocus()
    return f


def choose_marriage(form) -> None:
    form.procedure.setFocus()
    type_text("dang ky ket hon")
    enter()

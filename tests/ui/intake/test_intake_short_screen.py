"""The intake form on the counter's usual screen, 1366×768 with a taskbar: nothing squeezed or
cut, the left column scrolls, and wherever focus goes the field is in view."""

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import tab
from ui.intake.page import IntakeForm
from ui.main import make_app

# A maximised window on a 768-pixel screen keeps about 690 for its page under the title bar,
# the taskbar, the navigation's status line and the queue bar.
PAGE = (1180, 600)
OLD_ADDRESS = "Số 25 đường Phạm Thái Bường, Phường 4, Thành phố Vĩnh Long, Vĩnh Long"


@pytest.fixture
def form(qtbot, db):
    make_app()
    f = IntakeForm(db, OFFICER, clock=lambda: datetime(2026, 11, 20, 9, 15))
    qtbot.addWidget(f)
    f.resize(*PAGE)
    f.show()
    qtbot.waitExposed(f)
    f.activateWindow()
    return f


def visible_in_scroll(form, widget) -> bool:
    area = form.left_scroll.viewport()
    top_left = widget.mapTo(area, QPoint(0, 0))
    return QRect(QPoint(0, 0), area.size()).contains(QRect(top_left, widget.size()))


def test_the_form_fits_a_short_screen_even_with_a_proposal_and_a_principal(form, qtbot):
    form.address_fields.set_from_card(OLD_ADDRESS)
    form.identity_fields.on_behalf.setChecked(True)
    qtbot.waitUntil(lambda: form.address_fields.proposal.isVisible())
    assert form.minimumSizeHint().height() <= PAGE[1] and form.minimumSizeHint().width() <= PAGE[0]
    # The proposal's two addresses keep their wrapped lines: nothing is cut to one line.
    for label in (form.address_fields.old_label, form.address_fields.new_label):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert "Phường Phước Hậu" in form.address_fields.new_label.text()


def test_focus_brings_a_field_below_the_fold_into_view(form, qtbot):
    form.address_fields.set_from_card(OLD_ADDRESS)
    form.identity_fields.on_behalf.setChecked(True)
    qtbot.waitUntil(lambda: form.left_scroll.verticalScrollBar().maximum() > 0)
    assert not visible_in_scroll(form, form.notes)
    form.notes.setFocus()  # as an error's message does
    qtbot.waitUntil(lambda: visible_in_scroll(form, form.notes))
    form.kind.setFocus()
    qtbot.waitUntil(lambda: visible_in_scroll(form, form.kind))
    tab()  # and by the keyboard
    assert visible_in_scroll(form, form.name)

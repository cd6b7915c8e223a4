"""The intake's procedure picker takes what the officer means (issue 22): "tam tru" + Enter is
"Đăng ký tạm trú", not "Khai báo tạm vắng" whose sector says "cư trú"; ties in the text go to what
this office received most lately."""

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.services.intake.registration import register
from app.services.procedure_search import forget_use_counts
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import enter, focused, type_text
from tests.ui.intake.conftest import FRIDAY_MORNING
from ui.intake import page as page_module

TEMPORARY_RESIDENCE, TEMPORARY_ABSENCE = "1.004194", "1.003677"
FESTIVAL_REGISTRATION, FESTIVAL_NOTICE = "2.009106", "2.009107"


@pytest.fixture
def form(open_form):
    return open_form(760)


def test_tam_tru_and_enter_registers_dang_ky_tam_tru(form, qtbot):
    qtbot.keyClicks(form.procedure, "tam tru")  # ASCII only: keyClicks is safe here
    assert form.procedure.matches() == [TEMPORARY_RESIDENCE, TEMPORARY_ABSENCE]
    qtbot.keyClick(form.procedure, Qt.Key.Key_Return)
    assert form.procedure.current.code == TEMPORARY_RESIDENCE
    assert form.procedure.text() == f"Đăng ký tạm trú ({TEMPORARY_RESIDENCE})"
    assert focused() is form.kind  # Enter took it and moved on


def test_typed_with_diacritics_the_same(form):
    type_text("tạm trú")
    enter()
    assert form.procedure.current.code == TEMPORARY_RESIDENCE


def test_this_offices_recent_use_breaks_a_tie_of_the_text(db, open_form):
    fresh = open_form(760)
    type_text("le hoi", fresh.procedure)
    assert fresh.procedure.matches() == [FESTIVAL_REGISTRATION, FESTIVAL_NOTICE]  # a new office: the shorter
    fresh.close()
    for days in (3, 20, 60):
        register(db, OFFICER, request(FESTIVAL_NOTICE, received_at=FRIDAY_MORNING - timedelta(days=days)))
    register(db, OFFICER, request(FESTIVAL_REGISTRATION, received_at=FRIDAY_MORNING - timedelta(days=200)))
    forget_use_counts(db)  # the first form counted already, within the cache's ten minutes
    used = open_form(760)
    type_text("le hoi", used.procedure)
    assert used.procedure.matches() == [FESTIVAL_NOTICE, FESTIVAL_REGISTRATION]
    enter(used.procedure)
    assert used.procedure.current.code == FESTIVAL_NOTICE


def test_the_counts_are_read_off_the_gui_thread(db, open_form, qtbot, thread_ops, monkeypatch):
    for days in (3, 20):
        register(db, OFFICER, request(FESTIVAL_NOTICE, received_at=FRIDAY_MORNING - timedelta(days=days)))
    threads = []
    real = page_module.recent_use_counts

    def noting(*args):
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(page_module, "recent_use_counts", noting)
    form = open_form(760)
    form.procedure.refresh_uses()  # what taking the focus does
    qtbot.waitUntil(lambda: form.procedure.uses() == {FESTIVAL_NOTICE: 2}, timeout=20_000)
    assert threads and threading.main_thread() not in threads
    type_text("le hoi", form.procedure)
    assert form.procedure.matches() == [FESTIVAL_NOTICE, FESTIVAL_REGISTRATION]

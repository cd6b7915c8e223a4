"""The appointment on the intake form is computed through ui/ops.py (issue 19): off the GUI thread
on a real pool, painted when it comes and only for the procedure still chosen. Real SQLite file,
real threads; the service is wrapped only to note its thread."""

import threading
from datetime import datetime

import ui.intake.page as page_module
from app.services.settings.calendar import due_for
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, show_active, type_text
from ui.intake.page import IntakeForm
from ui.main import make_app

FRIDAY_MORNING = datetime(2026, 11, 20, 9, 15)
WAIT_MS = 20_000


def test_the_appointment_is_computed_off_the_gui_thread(qtbot, db, monkeypatch, thread_ops):
    make_app()
    threads: list = []

    def noting(*args, **kwargs):
        threads.append(threading.current_thread())
        return due_for(*args, **kwargs)

    monkeypatch.setattr(page_module, "due_for", noting)
    form = IntakeForm(db, OFFICER, clock=lambda: FRIDAY_MORNING)
    form.resize(1280, 760)
    show_active(qtbot, form)
    form.procedure.setFocus()
    type_text("dang ky ket hon", form.procedure)
    enter(form.procedure)
    assert form.procedure.current.code == "1.000894"
    expected = due_for(db, FRIDAY_MORNING, procedure_code="1.000894")
    qtbot.waitUntil(lambda: form._computed_due == expected, timeout=WAIT_MS)
    assert f"{expected:%H:%M}" in form.due.text() and f"{expected:%d/%m/%Y}" in form.due.text()
    assert threads and threading.main_thread() not in threads

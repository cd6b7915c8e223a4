"""The desk's background OCR worker: looks on its own thread, hands each outcome back on the GUI
thread, says once when the engine is missing, and stops with the window. The files here need no
engine run (a PDF with text already): the real OCR run is in tests/services/files/test_ocr.py."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMainWindow

from app.domain.permissions import Actor
from app.services.files import ocr, ocr_engine, store
from app.services.settings.store import change_setting
from tests.helpers.scanned_text import text_page_pdf
from ui.main import make_app
from ui.ocr_worker import OcrWorker

WAIT_MS = 30_000


def pending_pdf(db, data_dir, tmp_path, lines=6) -> str:
    typed = text_page_pdf(tmp_path / f"go-{lines}.pdf", lines=lines).read_bytes()
    with db.writing() as s:
        sha = store.put(s, data_dir, typed)
        assert ocr.request_in(s, sha)
    return sha


def test_reads_pending_files_off_the_gui_thread_and_reports_on_it(qtbot, db, tmp_path):
    make_app()
    data_dir = tmp_path / "data"
    sha = pending_pdf(db, data_dir, tmp_path)
    looked_on, arrived_on = [], []

    def find(command):
        looked_on.append(threading.current_thread())
        return ocr_engine.find_engine(command)

    worker = OcrWorker(db, data_dir, idle_check=3600, first_delay=0, find=find)
    worker.file_done.connect(lambda *_: arrived_on.append(QThread.currentThread()))
    with qtbot.waitSignal(worker.file_done, timeout=WAIT_MS) as done:
        worker.start()
    assert done.args == [sha, None]
    assert looked_on and looked_on[0] is not threading.main_thread()
    assert arrived_on == [worker.thread()]  # the GUI thread
    assert ocr.counts(db) == {"done": 1}
    second = pending_pdf(db, data_dir, tmp_path, lines=5)  # a new scan: wake() looks at once (idle: an hour)
    with qtbot.waitSignal(worker.file_done, timeout=WAIT_MS) as again:
        worker.wake()
    assert again.args == [second, None]
    assert worker.stop()


def test_a_missing_engine_is_said_once_and_files_wait(qtbot, db, tmp_path):
    make_app()
    data_dir = tmp_path / "data"
    sha = pending_pdf(db, data_dir, tmp_path)
    change_setting(db, Actor.system(), "files.ocr_command", str(tmp_path / "khong-co" / "ocrmypdf"))
    window = QMainWindow()
    window.db, window.data_dir = db, data_dir
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=WAIT_MS) as shown:
        worker = OcrWorker.start_for(window, first_delay=0)
    assert "OCR là tùy chọn" in shown.args[0] and "\n" not in shown.args[0]
    assert ocr.counts(db) == {"pending": 1} and worker.running
    window.close()  # the window closing stops the worker
    qtbot.waitUntil(lambda: not worker.running, timeout=WAIT_MS)
    with db.reading() as s:  # the file stays as it was, waiting
        assert ocr.readable_version_in(s, sha) == sha

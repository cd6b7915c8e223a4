"""Background OCR (app/services/files/ocr.py) with the real engine: Debian's OCRmyPDF and
Tesseract's Vietnamese data, on a page rendered and rasterized for real (tests/helpers/scanned_text.py).
OCR takes seconds on the shared cores: one real run in this module; the other tests reach the
paths where the engine is not needed (a PDF with text already, a damaged file, claims) or is
stopped at once (a cancel), or take the engine away for real (an empty Tesseract data folder)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.domain.permissions import Actor
from app.services.dossiers.digitization import FileInput, record_digitization
from app.services.files import ocr, ocr_engine, store
from app.services.intake.registration import register
from app.services.settings.store import change_setting
from db.models import StoredFile
from tests.helpers.factories import OFFICER, request
from tests.helpers.scanned_text import WORDS, pdf_text, scanned_pdf, scanned_png, text_page_pdf

MARRIAGE = "1.000894"
ADMIN = Actor.system()
MON = datetime(2026, 11, 23, 9, 0)


def state(db, sha):
    with db.reading() as s:
        return s.execute(select(StoredFile.ocr_state, StoredFile.ocr_sha256, StoredFile.ocr_error)
                         .where(StoredFile.sha256 == sha)).one()


def keep(db, data_dir, data, *, pending=True) -> str:
    with db.writing() as s:
        sha = store.put(s, data_dir, data)
        if pending:
            assert ocr.request_in(s, sha)
    return sha


def store_bytes(db, data_dir, sha):
    with db.reading() as s:
        return store.open_file(s, data_dir, sha)


def test_a_scanned_line_is_read_in_the_background_and_its_original_stays(db, tmp_path):
    data_dir = tmp_path / "data"
    scan = scanned_pdf(tmp_path)
    assert not any(w in pdf_text(scan, tmp_path) for w in WORDS)  # pixels only: nothing to read yet
    code = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    done = record_digitization(db, OFFICER, code, 0, "scanned", data_dir=data_dir, files=[
        FileInput(scan, "to-khai.pdf", 1), FileInput(scanned_png(tmp_path), "anh.png", 1)])
    pdf_sha, png_sha = done.sha256s
    assert state(db, pdf_sha).ocr_state == "pending"  # marked in the receipt's own transaction
    assert state(db, png_sha).ocr_state is None  # an image is shown as it is

    heard = []
    run = ocr.run_pending(db, data_dir, on_file=lambda sha, why: heard.append((sha, why)))

    assert run.done == [pdf_sha] and not run.failed and heard == [(pdf_sha, None)]
    row = state(db, pdf_sha)
    assert row.ocr_state == "done" and row.ocr_sha256 not in (None, pdf_sha) and row.ocr_error is None
    with db.reading() as s:
        assert ocr.readable_version_in(s, pdf_sha) == row.ocr_sha256
        assert ocr.readable_version_in(s, png_sha) == png_sha
        readable = store.open_file(s, data_dir, row.ocr_sha256)
        assert store.open_file(s, data_dir, pdf_sha) == scan  # the original, byte for byte
    text = pdf_text(readable, tmp_path)
    for word in WORDS:
        assert word in text, f"{word!r} not read from the scan: {text!r}"
    assert len(readable) < 2 * len(scan)  # the images are not re-encoded: a text layer adds little
    assert store.verify(db, data_dir).ok
    assert ocr.run_pending(db, data_dir).done == []  # nothing left: idle
    # The dossier window opens the readable copy of the file the dossier names.
    from app.services.dossiers.digitization import open_dossier_file

    assert open_dossier_file(db, OFFICER, code, pdf_sha, data_dir) == readable
    assert open_dossier_file(db, OFFICER, code, png_sha, data_dir) == store_bytes(db, data_dir, png_sha)


def test_ocr_off_marks_nothing_and_a_pdf_with_text_needs_no_engine_run(db, tmp_path):
    data_dir = tmp_path / "data"
    typed = text_page_pdf(tmp_path / "go.pdf").read_bytes()  # a digital PDF: text on every page
    change_setting(db, ADMIN, "files.ocr", False)
    with db.writing() as s:
        sha = store.put(s, data_dir, typed)
        assert not ocr.request_in(s, sha)
    assert state(db, sha).ocr_state is None
    change_setting(db, ADMIN, "files.ocr", True)
    with db.writing() as s:
        assert ocr.request_in(s, sha)
        assert not ocr.request_in(s, sha)  # asked once
    run = ocr.run_pending(db, data_dir, engine=ocr_engine.Engine("/nonexistent/ocrmypdf", "0", "none"))
    assert run.done == [sha]  # the engine given cannot even start: it was not needed
    assert state(db, sha) == ("done", sha, None)  # readable as it is


def test_a_file_ocr_cannot_read_fails_with_a_vietnamese_reason_and_the_original_stays(db, tmp_path):
    data_dir = tmp_path / "data"
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n"  # pages missing
    sha = keep(db, data_dir, broken)
    run = ocr.run_pending(db, data_dir)
    assert run.done == [] and [s for s, _ in run.failed] == [sha]
    row = state(db, sha)
    assert row.ocr_state == "failed" and row.ocr_sha256 is None
    assert row.ocr_error.startswith("Tệp PDF không đọc được") and "\n" not in row.ocr_error
    with db.reading() as s:
        assert ocr.readable_version_in(s, sha) == sha
        assert store.open_file(s, data_dir, sha) == broken
    assert ocr.failures(db) == [(sha, row.ocr_error)]


def test_without_the_vietnamese_data_the_engine_says_ocr_is_optional_and_files_wait(db, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    sha = keep(db, data_dir, scanned_pdf(tmp_path))
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # real Tesseract, a data folder without «vie»
    ok, line = ocr.engine_status()
    assert not ok and "tiếng Việt" in line and "OCR là tùy chọn" in line
    run = ocr.run_pending(db, data_dir)
    assert run.engine_problem == line and run.done == [] and run.failed == []
    assert state(db, sha).ocr_state == "pending"  # waits for a PC (or a day) with the engine
    monkeypatch.delenv("TESSDATA_PREFIX")
    ok, line = ocr.engine_status("/khong/co/ocrmypdf")
    assert not ok and "«/khong/co/ocrmypdf»" in line and "OCR là tùy chọn" in line
    assert ocr.engine_status()[0] and ocr.engine_status_in(db)[0]
    change_setting(db, ADMIN, "files.ocr", False)
    assert ocr.engine_status_in(db) == (False, "Nhận dạng chữ (OCR) đang tắt (cài đặt «files.ocr»): "
                                               "bản quét được lưu như đã quét.")


def test_a_cancel_ends_the_engine_and_the_file_waits_again_a_run_past_its_time_fails(db, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    scan = scanned_pdf(tmp_path)
    sha = keep(db, data_dir, scan)
    asked = []

    def cancelled() -> bool:  # no at the loop's first look, yes at the engine's first poll
        asked.append(1)
        return len(asked) > 1

    run = ocr.run_pending(db, data_dir, cancelled=cancelled)
    assert run.cancelled and run.done == [] and run.failed == []
    assert state(db, sha) == ("pending", None, None)

    monkeypatch.setattr(ocr_engine, "timeout_for", lambda size: 0.0)  # past its time at the first look
    run = ocr.run_pending(db, data_dir)
    assert run.done == [] and run.failed == [(sha, "Nhận dạng chữ quá thời hạn 0 giây, đã dừng.")]
    assert state(db, sha) == ("failed", None, "Nhận dạng chữ quá thời hạn 0 giây, đã dừng.")
    with db.reading() as s:
        assert store.open_file(s, data_dir, sha) == scan


@pytest.mark.postgres
def test_counters_on_one_server_never_take_the_same_file(pg_db, tmp_path):
    shas = []
    with pg_db.writing() as s:  # twelve pending PDFs (their bytes are never OCRed here)
        for i in range(12):
            sha = store.put(s, tmp_path, b"%PDF-1.4\n% trang " + str(i).encode() + b"\n%%EOF\n")
            assert ocr.request_in(s, sha)
            shas.append(sha)
    taken: list[str] = []
    start = threading.Barrier(4)

    def counter() -> None:
        start.wait()
        while (claimed := ocr.claim_next(pg_db)) is not None:
            taken.append(claimed[0])

    threads = [threading.Thread(target=counter) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(taken) == sorted(shas)  # each once, none twice
    assert ocr.counts(pg_db) == {"running": 12}


def test_a_claim_left_behind_goes_back_to_pending(db, tmp_path):
    data_dir = tmp_path / "data"
    sha = keep(db, data_dir, b"%PDF-1.4\n% mot trang\n%%EOF\n")
    now = datetime(2026, 11, 23, 9, 0)
    claimed = ocr.claim_next(db, now)
    assert claimed[0] == sha and ocr.claim_next(db, now) is None  # ours while it runs
    assert ocr.claim_next(db, now + timedelta(minutes=2)) is None  # still within its time (some 4 min)
    again = ocr.claim_next(db, now + timedelta(hours=7))  # past its deadline: free again
    assert again is not None and again[0] == sha and again[2] != claimed[2]
    # A claim of this PC by a process that has ended (the desk was killed): free at once.
    with db.writing() as s:
        s.execute(update(StoredFile).where(StoredFile.sha256 == sha).values(
            ocr_error=f"claim {now + timedelta(hours=1):%Y-%m-%dT%H:%M:%S} {ocr._host_tag()} 4194304"))
    assert ocr.claim_next(db, now)[0] == sha


def test_motcua_files_ocr_and_verify_tell_what_was_read(db, tmp_path, data_dir, capsys):
    url = f"sqlite:///{db.url.database}"
    typed = text_page_pdf(tmp_path / "go.pdf").read_bytes()
    sha = keep(db, data_dir, typed)
    assert main(["files", "ocr", "--db", url, "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert f"Tệp {sha[:12]}…: đã có lớp chữ." in out and "1 tệp đã có lớp chữ" in out
    assert main(["files", "ocr", "--db", url]) == 0
    assert "Không có bản quét nào chờ nhận dạng chữ." in capsys.readouterr().out
    assert main(["files", "verify", "--db", url]) == 0
    assert "Nhận dạng chữ (OCR): 1 tệp đã có lớp chữ." in capsys.readouterr().out
    keep(db, data_dir, b"%PDF-1.4\n% mot trang quet\n%%EOF\n")
    change_setting(db, ADMIN, "files.ocr_command", str(tmp_path / "khong-co" / "ocrmypdf"))
    assert main(["files", "ocr", "--db", url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Không tìm thấy công cụ nhận dạng chữ OCRmyPDF" in err[0] and "OCR là tùy chọn" in err[0]

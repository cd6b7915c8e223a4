"""The desk's headless capture (app/devices/docscan/capture.py): pages from the eSCL emulator and
SANE's test backend land in the line's spool as they arrive, survive a reopen, become one PDF on
save (recorded through the service, then the spool goes), and a fault keeps what was scanned."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pytest
from PIL import Image

from app.devices.docscan.assemble import pdf_page_count
from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.capture import (
    ORDER,
    CaptureSession,
    LineSpool,
    ScanJob,
    file_job,
    safe_name,
    spool_root,
)
from app.devices.docscan.escl import EsclScanner
from app.devices.docscan.escl_emulator import EsclEmulator
from app.devices.docscan.sane import SaneScanner
from app.domain.lifecycle import Action
from app.services.dossiers.digitization import (
    FileInput,
    dossier_files,
    open_dossier_file,
    record_digitization,
)
from app.services.dossiers.lifecycle import Facts, act
from app.services.files import store
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, request
from tests.helpers.sane import sane_test_backend  # noqa: F401 (the fixture)

MARRIAGE = "1.000894"
MON = datetime(2026, 11, 23, 9, 0)
WAIT = 60  # seconds: a generous deadline on a loaded machine, never a timing assertion


@pytest.fixture
def code(db):
    return register(db, OFFICER, request(MARRIAGE, received_at=MON)).code


def run(job: ScanJob) -> ScanJob:
    job.start()
    assert job.wait(WAIT), "the scan job did not end"
    return job


def escl(emulator: EsclEmulator) -> EsclScanner:
    return EsclScanner(emulator.url, retry_pause=0.01)


def page_numbers(spool: LineSpool) -> list[str]:
    return list(spool.files)


def test_pages_are_spooled_as_they_arrive_come_back_on_reopen_and_save_as_one_pdf(db, code, data_dir):
    session = CaptureSession(db, OFFICER, code, data_dir)
    line = session.line(0)
    arrived = []
    with EsclEmulator(pages=3) as device:
        job = run(ScanJob(line, escl(device), on_page=lambda ln, i: arrived.append((i, len(ln.spool)))))
    assert (job.error, job.delivered, arrived) == (None, 3, [(0, 1), (1, 2), (2, 3)])
    folder = spool_root(data_dir, code) / "0"
    assert folder == data_dir / "scans" / safe_name(code) / "0"
    assert sorted(p.name for p in folder.iterdir()) == ["0001.jpg", "0002.jpg", "0003.jpg", ORDER]
    line.spool.rotate(1)
    line.spool.move(2, 0)

    again = CaptureSession(db, OFFICER, code, data_dir).line(0)  # the desk reopened
    assert page_numbers(again.spool) == ["0003.jpg", "0001.jpg", "0002.jpg"]
    assert [p.rotation for p in again.spool.pages] == [0, 0, 90]
    assert [p.data for p in again.spool.pages] == [(folder / f).read_bytes() for f in again.spool.files]
    assert again.warning(4) == "Đã quét 3 trang nhưng bản giấy có 4 trang: kiểm tra lại trước khi lưu."
    assert again.warning(3) is None

    session = CaptureSession(db, OFFICER, code, data_dir)
    done = session.save_line(0, paper_pages=3)
    assert not folder.exists()
    got = dossier_files(db, OFFICER, code).lines[0]
    assert (got.digitization, got.paper_pages, [(f.pages, f.media_type) for f in got.files]) == \
        ("scanned", 3, [(3, "application/pdf")])
    pdf = open_dossier_file(db, OFFICER, code, done.sha256s[0], data_dir)
    assert pdf_page_count(pdf) == 3
    assert store.verify(db, data_dir).ok
    assert CaptureSession(db, OFFICER, code, data_dir).line(0).spool.pages.__len__() == 0


@pytest.mark.parametrize(("switch", "kind", "kept"), [
    ({"jam_at": 3}, "jam", 2),
    ({"empty": True}, "empty", 0),
    ({"drop_at": 2}, "offline", 1),
])
def test_a_fault_mid_job_keeps_the_pages_delivered_and_records_nothing(db, code, data_dir, switch, kind, kept):
    session = CaptureSession(db, OFFICER, code, data_dir)
    line = session.line(1)
    with EsclEmulator(pages=5, **switch) as device:
        job = run(ScanJob(line, escl(device)))
    assert isinstance(job.error, ScanError)
    assert job.error.kind == kind
    assert job.delivered == len(line.spool) == kept
    assert len(CaptureSession(db, OFFICER, code, data_dir).line(1).spool) == kept  # on disk too
    assert dossier_files(db, OFFICER, code).lines[1].digitization is None


def test_cancel_stops_the_job_and_keeps_what_came(db, code, data_dir):
    line = CaptureSession(db, OFFICER, code, data_dir).line(0)
    with EsclEmulator(pages=8) as device:
        job = ScanJob(line, escl(device))
        job.on_page = lambda ln, i: job.cancel() if i == 1 else None  # the officer stops after page 2
        run(job)
        assert device.wait_for(lambda: len(device.deleted) == 1)  # the device's job was cancelled
    assert (job.error.kind, len(line.spool)) == ("cancelled", 2)


def test_rescanning_one_page_replaces_it_in_place(db, code, data_dir):
    line = CaptureSession(db, OFFICER, code, data_dir).line(0)
    with EsclEmulator(pages=3) as device:
        run(ScanJob(line, escl(device)))
        line.spool.rotate(1)
        job = run(ScanJob(line, escl(device), replace_at=1))
    assert (job.error, job.delivered) == (None, 1)
    assert page_numbers(line.spool) == ["0001.jpg", "0004.jpg", "0003.jpg"]
    assert [p.rotation for p in line.spool.pages] == [0, 0, 0]
    folder = line.spool.folder
    assert sorted(p.name for p in folder.iterdir()) == ["0001.jpg", "0003.jpg", "0004.jpg", ORDER]


def test_sane_test_backend_pages_go_through_the_same_spool(db, code, data_dir, sane_test_backend):  # noqa: F811
    session = CaptureSession(db, OFFICER, code, data_dir)
    scanner = SaneScanner("test:0", options=["--test-picture", "Grid"], page_limit=2)
    job = run(ScanJob(session.line(0), scanner, ScanSettings(resolution=75)))
    assert (job.error, len(session.line(0).spool)) == (None, 2)
    session.save_line(0, paper_pages=2)
    assert [f.pages for f in dossier_files(db, OFFICER, code).lines[0].files] == [2]


def test_a_corrupt_page_blocks_the_save_and_keeps_the_line_as_it_was(db, code, data_dir):
    session = CaptureSession(db, OFFICER, code, data_dir)
    line = session.line(0)
    with EsclEmulator(pages=1) as device:
        run(ScanJob(line, escl(device)))
    from app.devices.docscan.assemble import Page

    line.spool.add(Page(b"\xff\xd8\xff truncated", "image/jpeg"))
    with pytest.raises(ScanError, match="Trang 2") as err:
        session.save_line(0)
    assert err.value.kind == "bad_image"
    assert len(CaptureSession(db, OFFICER, code, data_dir).line(0).spool) == 2
    assert dossier_files(db, OFFICER, code).lines[0].files == []
    line.spool.delete(1)  # the officer deletes the bad page: the rest saves
    session.save_line(0)
    assert [f.pages for f in dossier_files(db, OFFICER, code).lines[0].files] == [1]


def test_a_page_written_before_its_order_file_comes_back_and_a_dropped_one_goes(db, code, data_dir):
    line = CaptureSession(db, OFFICER, code, data_dir).line(0)
    with EsclEmulator(pages=2) as device:
        run(ScanJob(line, escl(device)))
    folder = line.spool.folder
    jpeg = (folder / "0001.jpg").read_bytes()
    (folder / "0003.jpg").write_bytes(jpeg)  # killed after the page, before pages.json named it
    (folder / ".0004.jpg.x.tmp").write_bytes(jpeg[:100])  # killed half-way through a page
    order = json.loads((folder / ORDER).read_text())
    order["pages"] = order["pages"][1:]  # page 1 deleted; killed before its file was removed
    (folder / ORDER).write_text(json.dumps(order))
    again = CaptureSession(db, OFFICER, code, data_dir).line(0)
    assert page_numbers(again.spool) == ["0002.jpg", "0003.jpg"]
    assert sorted(p.name for p in folder.iterdir()) == ["0002.jpg", "0003.jpg", ORDER]


def test_a_kill_between_the_commit_and_the_spool_removal_does_not_bring_the_pages_back(db, code, data_dir):
    session = CaptureSession(db, OFFICER, code, data_dir)
    line = session.line(0)
    with EsclEmulator(pages=2) as device:
        run(ScanJob(line, escl(device)))
    pdf = line.spool.pages.to_pdf()
    line.spool.mark_saving(hashlib.sha256(pdf).hexdigest())  # what save_line does before committing
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(pdf, pages=2)], data_dir=data_dir)
    again = CaptureSession(db, OFFICER, code, data_dir)  # the spool's removal never happened
    assert len(again.line(0).spool) == 0 and not line.spool.folder.exists()


def test_pages_from_a_chosen_tiff_file_and_other_states(db, code, data_dir, tmp_path):
    frames = [Image.new("L", (400, 560), shade) for shade in (200, 120)]
    tiff = tmp_path / "giay-to.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    session = CaptureSession(db, OFFICER, code, data_dir)
    job = run(file_job(session.line(0), [tiff]))
    assert (job.error, len(session.line(0).spool)) == (None, 2)
    bad = tmp_path / "anh.jpg"
    bad.write_bytes(b"not a picture at all")
    job = run(file_job(session.line(0), [bad]))
    assert job.error.kind == "bad_image" and len(session.line(0).spool) == 2
    session.record_state(0, "not_digitized", note="Bản giấy rách, hẹn bổ sung")
    assert not session.line(0).spool.folder.exists()
    got = dossier_files(db, OFFICER, code).lines[0]
    assert (got.digitization, got.note) == ("not_digitized", "Bản giấy rách, hẹn bổ sung")


def test_results_are_scanned_into_their_own_spool_and_attached(db, code, data_dir):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)
    session = CaptureSession(db, OFFICER, code, data_dir, results=True)
    with EsclEmulator(pages=2) as device:
        run(ScanJob(session.lines[0], escl(device)))
    assert (spool_root(data_dir, code) / "results" / ORDER).exists()
    session.save_line("results")
    results = dossier_files(db, OFFICER, code).results
    assert [(f.pages, f.media_type) for f in results] == [(2, "application/pdf")]
    assert not (spool_root(data_dir, code) / "results").exists()


def test_a_dossier_code_becomes_a_folder_name_windows_accepts():
    assert safe_name("000.00.12.H61-261123-0001") == "000.00.12.H61-261123-0001"
    assert safe_name("A/B:C*?") == "A_B_C__"

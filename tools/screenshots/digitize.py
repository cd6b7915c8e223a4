"""Screenshots of digitization at the desk: the capture dialog scanning from the eSCL emulator (with
the page-count warning), the dossier window's files, and the file viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.permissions import Actor
from db.engine import Database


def _scan(dialog, settle: Callable[..., None], pages: int) -> None:
    dialog.scan()
    for _ in range(1500):  # the scan runs on its worker thread; its pages arrive as events
        if dialog.job is not None and dialog.job.done and not dialog.scanning and dialog.strip.count() >= pages:
            break
        settle(20)
    settle(200)  # the thumbnails, decoded on the worker


def shoot_digitize(db: Database, window: QWidget, actor: Actor, code: str, data_dir: Path, out: Path,
                   shoot: Callable[[QWidget, Path], None], settle: Callable[..., None]) -> None:
    """Writes capture.png, capture_warning.png, dossier_files.png and file_viewer.png."""
    from app.devices.docscan.escl import EsclScanner
    from app.devices.docscan.escl_emulator import EsclEmulator
    from ui.digitize.capture_dialog import CaptureDialog
    from ui.dossiers.detail import DossierDetailDialog

    with EsclEmulator(pages=3) as device:
        dialog = CaptureDialog(db, actor, code, data_dir, window, scanner=EsclScanner(device.url))
        dialog.resize(1280, 728)  # the counter's 1366×768 screen, less the title bar
        dialog.show()
        settle(100)
        dialog.paper_pages.setValue(3)
        _scan(dialog, settle, 3)
        shoot(dialog, out / "capture.png")
        dialog.save_and_next()  # the count matches: saved without asking
        settle(200)
        device.pages = 1  # the next paper: two pages said, one came through the feeder
        dialog.paper_pages.setValue(2)
        _scan(dialog, settle, 1)
        shoot(dialog, out / "capture_warning.png")
        dialog.close()
    detail = DossierDetailDialog(db, actor, code, parent=window, data_dir=data_dir)
    detail.resize(1100, 728)
    detail.show()
    settle(300)
    if detail.files is not None:  # the files section is low in the window: scroll it into view
        from PySide6.QtWidgets import QScrollArea

        for area in detail.findChildren(QScrollArea):
            if area.isAncestorOf(detail.files):
                area.ensureWidgetVisible(detail.files)
    settle(200)
    shoot(detail, out / "dossier_files.png")
    if detail.files is not None and detail.files.file_items():
        detail.files.open_item(detail.files.file_items()[0])
        settle(300)
        if detail.files.viewer is not None:
            detail.files.viewer.resize(900, 728)
            settle(300)
            shoot(detail.files.viewer, out / "file_viewer.png")
            detail.files.viewer.close()
    detail.close()

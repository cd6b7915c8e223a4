"""Digitization at the desk (số hóa): the capture dialog, its page strip, the reuse picker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


def open_capture(parent: QWidget, code: str, *, db=None, actor=None, data_dir: Path | None = None,
                 results: bool = False):
    """Open the capture dialog for dossier `code` (non-modal, deleted on close). What is not given
    is taken from the desk's window (MainWindow has db, actor and data_dir); None when there is
    no such window, or its officer cannot register dossiers."""
    from app.domain.permissions import Permission
    from ui.digitize.capture_dialog import CaptureDialog

    window = parent.window() if parent is not None else None
    db = db or getattr(window, "db", None)
    actor = actor or getattr(window, "actor", None)
    data_dir = data_dir or getattr(window, "data_dir", None)
    if db is None or actor is None or data_dir is None or not actor.can(Permission.REGISTER_DOSSIER):
        return None
    dialog = CaptureDialog(db, actor, code, Path(data_dir), window or parent, results=results)
    dialog.open()
    return dialog

"""What the desk's parts ask of the window. A part that needs another page (the scan handler, the
device wiring) emits what it wants here; the window, which owns its pages and their numbers,
connects each signal to its own routing method and decides where the request lands. So no part
reaches into the window's widgets, and none imports the window (tests/ui/test_ui_imports.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DeskIntents(QObject):
    open_dossier = Signal(str)  # show this dossier (its code)
    show_dossier = Signal(str, object)  # show this dossier already read: its code, its dossier_detail
    return_result = Signal(str)  # its result is ready: bring up the return screen on this code
    fill_applicant = Signal(object)  # an app.domain.cccd_qr.CitizenCard for the intake form
    link_ticket = Signal(str)  # this queue ticket goes with the dossier being registered
    notice = Signal(str)  # one line for the officer, in Vietnamese (the status bar)
    devices_state = Signal(str, str)  # the status bar's devices line: text, tooltip

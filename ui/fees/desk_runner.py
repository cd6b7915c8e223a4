"""The desk runs the e-receipts' sender (app/services/fees/receipt_runner.py, its own thread)
while the window is open, like the notices' (ui/background_runner.py): started once the office
turns e-receipts on (at the window's first show, or when the settings are saved), stopped when they
are turned off and when the window closes (log-out, quit), woken when a payment may have written a
receipt to issue (Changed.DOSSIER) and by "Gửi ngay"."""

from __future__ import annotations

from typing import Any

from ui.background_runner import DeskRunner


def receipts_on(settings: dict[str, Any]) -> bool:
    return bool(settings.get("fees.receipts.enabled"))


class DeskReceiptRunner(DeskRunner):
    def apply(self, settings: dict[str, Any]) -> bool:
        """Run the sender if `settings` (the settings page's values or a saved set) have e-receipts
        on, stop it if they are off; True if it runs."""
        if receipts_on(settings):
            from app.services.fees.receipt_runner import ReceiptRunner

            self._start(ReceiptRunner)
        elif self.runner is not None:
            self.stop()
        return self.runner is not None

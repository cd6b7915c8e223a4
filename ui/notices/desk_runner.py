"""The desk runs the notices' sender (app/services/notices/runner.py, its own thread) while the
window is open, like the portal sync: started only once a channel is turned on and pointed
somewhere (at the window's first show, or when the settings are saved), woken when a dossier
change may have written notices, stopped when the window closes (ui/background_runner.py)."""

from __future__ import annotations

from typing import Any

from ui.background_runner import DeskRunner


class DeskNoticeRunner(DeskRunner):
    def start_if_configured(self, settings: dict[str, Any]) -> bool:
        """Start the sender if a channel is set up in `settings` (the settings page's values or a
        saved set); True if it runs."""
        from app.services.notices.enqueue import configured_channels

        if configured_channels(settings):
            from app.services.notices.runner import NoticeRunner

            self._start(NoticeRunner)
        return self.runner is not None

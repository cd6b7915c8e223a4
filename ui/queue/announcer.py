"""The hall display's voice: plays the queued announcements of app/announcements.py one at a time
through QtMultimedia.

The end of an announcement is whatever comes first of: the player reporting the sound stopped,
the player reporting an error (no audio device: Qt says so at once), or a watchdog of the
sound's length + `slack_ms` (4 s). So a missing speaker, a broken driver or a lost signal can
delay the queue by a few seconds at most, never stall it; audio problems are logged, never
raised. Use from the GUI thread only."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from app.announcements import (
    DEFAULT_GAP_MS,
    DEFAULT_LIMIT,
    Announcement,
    AnnouncementQueue,
)
from app.files import write_atomically
from app.paths import APP_NAME

log = logging.getLogger("motcua.announcements")

# The watchdog waits this much longer than the sound lasts. PulseAudio reports the end of a
# stream once its buffer (2 s by default) has drained: QSoundEffect's "stopped playing" came
# 1.96 s after the sound's length on a null sink, so 2 s would cut into working announcements.
SLACK_MS = 4000
CACHE_KEEP = 100  # cached WAV files kept (about 250 KB each); beyond that the oldest go


class Player(Protocol):
    """Plays one WAV file at a time. `done` is called once when the sound ended or failed (a call
    after `stop()` or a second call is harmless: the announcer ignores it)."""

    def play(self, path: Path, done: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...


PlayerFactory = Callable[[QObject], Player]


class SoundEffectPlayer(QObject):
    """The real player: a fresh QSoundEffect for each announcement, on the current default audio
    output (so a speaker plugged in during the day is used from the next announcement on).
    QSoundEffect reports the end as `playing` turning false, and a missing device as the Error
    status."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._effect = None
        self._done: Callable[[], None] | None = None
        self._failing = False  # warn once per run of failures, not once per announcement

    def play(self, path: Path, done: Callable[[], None]) -> None:
        from PySide6.QtMultimedia import QSoundEffect  # the Addons wheel: loaded when first used

        self.stop()
        effect = QSoundEffect(self)
        self._effect, self._done = effect, done
        seen_playing = False

        # Both handlers ignore an effect that is no longer the current one (stopped by the
        # watchdog) and one whose C++ side is being destroyed (the application quitting).
        def on_playing() -> None:
            nonlocal seen_playing
            try:
                if effect is not self._effect:
                    return
                if effect.isPlaying():
                    seen_playing = True
                    return
            except RuntimeError:
                return
            if seen_playing:
                self._failing = False
                self._finish()

        def on_status() -> None:
            try:
                failed = effect is self._effect and effect.status() == QSoundEffect.Status.Error
            except RuntimeError:
                return
            if failed:
                self._problem(f"QtMultimedia cannot play {path.name} (no audio output device?)")
                self._finish()

        effect.playingChanged.connect(on_playing)
        effect.statusChanged.connect(on_status)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.play()  # while still loading: QSoundEffect plays as soon as the file is loaded

    def stop(self) -> None:
        effect, self._effect, self._done = self._effect, None, None
        if effect is not None:
            try:
                effect.stop()
                effect.deleteLater()
            except RuntimeError:  # already destroyed with its parent
                pass

    def _finish(self) -> None:
        done = self._done
        self.stop()
        if done is not None:
            done()

    def _problem(self, message: str) -> None:
        log.log(logging.INFO if self._failing else logging.WARNING, "announcement: %s", message)
        self._failing = True


class Announcer(QObject):
    """Says "Mời công dân có số thứ tự … đến quầy số …" in the hall, one announcement at a time.

    `started(text)` and `finished(text)` strictly alternate; `finished` comes whether the sound
    played, failed or was given up on by the watchdog."""

    started = Signal(str)  # the announcement's text, as it starts
    finished = Signal(str)  # the same text, once it is over

    def __init__(self, parent: QObject | None = None, *, player: PlayerFactory | None = None,
                 clips_dir: Path | None = None, cache_dir: Path | None = None,
                 limit: int = DEFAULT_LIMIT, gap_ms: int = DEFAULT_GAP_MS,
                 slack_ms: int = SLACK_MS):
        super().__init__(parent)
        self._player: Player = (player or SoundEffectPlayer)(self)
        self._cache_dir = Path(cache_dir) if cache_dir else None
        self.slack_ms = slack_ms
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self.queue = AnnouncementQueue(self._start, clips_dir=clips_dir, gap_ms=gap_ms,
                                       limit=limit, ended=self._ended)

    def announce(self, label: str, counter: int) -> bool:
        """Queue a call of ticket `label` to counter `counter`; False when it was dropped
        (switched off, or the same call is already waiting). UserError for a label or counter
        that cannot be said."""
        return self.queue.push(label, counter) is not None

    def set_enabled(self, on: bool) -> None:
        """Off: new calls are dropped and waiting ones cleared; the one playing ends normally."""
        self.queue.enabled = on

    def is_enabled(self) -> bool:
        return self.queue.enabled

    def cache_dir(self) -> Path:
        if self._cache_dir is None:
            import platformdirs

            self._cache_dir = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) \
                / "announcements"
        return self._cache_dir

    # -- the queue's callbacks ---------------------------------------------------------------

    def _start(self, item: Announcement, wav: bytes) -> None:
        self.started.emit(item.text)
        self._watchdog.start(item.duration_ms + self.slack_ms)
        try:
            path = self._cached(item, wav)
        except OSError as e:
            log.warning("announcement: cannot write the sound file: %s", e)
            self.queue.finished(item)
            return
        try:
            self._player.play(path, lambda: self.queue.finished(item))
        except Exception:
            log.exception("announcement player failed")
            self.queue.finished(item)

    def _ended(self, item: Announcement) -> None:
        self._watchdog.stop()
        self.finished.emit(item.text)

    def _on_watchdog(self) -> None:
        item = self.queue.current
        if item is None:
            return
        log.warning("announcement: no end reported %d ms after start, moving on: %s",
                    item.duration_ms + self.slack_ms, item.text)
        try:
            self._player.stop()  # a sound still going on must not overlap the next one
        except Exception:
            log.exception("announcement player failed to stop")
        self.queue.timed_out(item)

    # -- sound files -------------------------------------------------------------------------

    def _cached(self, item: Announcement, wav: bytes) -> Path:
        """The announcement as a WAV file (QSoundEffect plays files): one per distinct sound,
        named by its content so a replaced clip never plays from a stale file."""
        folder = self.cache_dir()
        digest = hashlib.blake2b(wav, digest_size=6).hexdigest()
        path = folder / f"{item.label}-{item.counter:02d}-{digest}.wav"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(path, wav)
            self._prune(folder, path)
        return path

    @staticmethod
    def _prune(folder: Path, new: Path) -> None:
        """Keep the cache small: distinct calls (ticket x counter) add up over the weeks. The
        file about to be played is kept whatever the clock says."""
        try:
            files = sorted((p for p in folder.glob("*.wav") if p != new),
                           key=lambda p: p.stat().st_mtime)
            files.append(new)
            for old in files[:max(0, len(files) - CACHE_KEEP)]:
                old.unlink(missing_ok=True)
        except OSError as e:  # another process pruning at the same time: try again next time
            log.info("announcement cache not pruned: %s", e)

"""Hall announcements without a speech engine or a network: the sentence is joined from short
pre-recorded clips (resources/sounds/vi, see app/domain/announcement.py for the order), and an
`AnnouncementQueue` makes sure two announcements never overlap or cut each other off (FQM #138:
citizens miss their number when two counters call at once). Headless: the player that actually
makes the sound is injected (ui/queue/announcer.py plays through QtMultimedia)."""

from __future__ import annotations

import io
import itertools
import logging
import wave
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.announcement import announcement_text, clip_names
from app.errors import UserError
from app.paths import RESOURCES

log = logging.getLogger("motcua.announcements")

DEFAULT_GAP_MS = 80
DEFAULT_LIMIT = 20


def default_clips_dir() -> Path:
    """The shipped Vietnamese clips."""
    return RESOURCES / "sounds" / "vi"


def build_wav(clips: Iterable[str], clips_dir: Path, gap_ms: int = DEFAULT_GAP_MS) -> bytes:
    """One WAV file saying `clips` in order, `gap_ms` of silence between two clips.

    All clips must share one format (channels, sample width, rate): frames are copied as they
    are, so a clip of another format would play as noise or at the wrong speed. An office may
    replace clips with its own recordings, so a missing or mismatched clip is refused by name."""
    clips = list(clips)
    if not clips:
        raise UserError("Không có đoạn âm thanh nào để ghép thành lời mời.")
    params = None
    parts: list[bytes] = []
    for stem in clips:
        path = Path(clips_dir) / f"{stem}.wav"
        try:
            with wave.open(str(path), "rb") as w:
                p = (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype())
                frames = w.readframes(w.getnframes())
        except FileNotFoundError:
            raise UserError(f"Thiếu tệp âm thanh «{path.name}» trong thư mục {clips_dir}.") from None
        except (OSError, wave.Error, EOFError) as e:
            raise UserError(f"Tệp âm thanh «{path.name}» hỏng hoặc không phải WAV: {e}") from None
        if params is None:
            params = p
        elif p != params:
            raise UserError(
                f"Tệp âm thanh «{path.name}» khác định dạng các tệp khác "
                f"({_describe(p)}, cần {_describe(params)}).")
        if parts:
            channels, width, rate, _ = params
            parts.append(b"\0" * (rate * gap_ms // 1000) * channels * width)
        parts.append(frames)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(params[0])
        w.setsampwidth(params[1])
        w.setframerate(params[2])
        w.writeframes(b"".join(parts))
    return out.getvalue()


def _describe(p: tuple) -> str:
    channels, width, rate, _ = p
    return f"{'mono' if channels == 1 else f'{channels} kênh'}, {8 * width}-bit, {rate} Hz"


def wav_duration_ms(data: bytes) -> int:
    """How long a WAV plays, rounded up to the millisecond."""
    with wave.open(io.BytesIO(data), "rb") as w:
        return -(-w.getnframes() * 1000 // w.getframerate())


@dataclass(frozen=True)
class Announcement:
    """One call to say. `seq` tells apart two announcements of the same ticket (a recall while
    the first call is playing), so a late "finished" for one cannot end the other."""

    seq: int
    label: str
    counter: int
    text: str
    clips: tuple[str, ...]
    wav: bytes = field(repr=False, compare=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.label, self.counter)

    @property
    def duration_ms(self) -> int:
        return wav_duration_ms(self.wav)


class AnnouncementQueue:
    """Announcements waiting to be said, at most one playing.

    `start(item, wav_bytes)` is called to play an item; the owner reports the end with
    `finished(item)`. Nothing else starts before that, so announcements never overlap. A player
    that never reports the end (no audio device, a driver that swallows the event) must not
    silence the hall for the rest of the day: the owner runs a watchdog and calls `timed_out()`,
    which moves on just the same. `ended(item)` (optional) is called whenever an item stops
    counting as playing, before the next one starts.

    Rules, and why:
    - first pushed, first said: citizens are called in the order the counters called them;
    - a push of a ticket and counter that is already waiting (not yet playing) is dropped: an
      officer pressing "recall" twice in a second should not make the hall hear it twice in a row;
      a push while that same call is playing is queued: a deliberate recall is said again;
    - at most `limit` waiting: when full, the OLDEST waiting one is dropped (counted in
      `dropped`): after minutes of backlog (speaker unplugged …) the newest calls matter most;
    - switched off (`enabled = False`): pushes are dropped and waiting ones cleared, but the one
      playing ends normally rather than being cut off mid-word.
    """

    def __init__(self, start: Callable[[Announcement, bytes], None], *,
                 clips_dir: Path | None = None, gap_ms: int = DEFAULT_GAP_MS,
                 limit: int = DEFAULT_LIMIT,
                 ended: Callable[[Announcement], None] | None = None):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._start = start
        self._ended = ended
        self.clips_dir = Path(clips_dir) if clips_dir else default_clips_dir()
        self.gap_ms = gap_ms
        self.limit = limit
        self._pending: deque[Announcement] = deque()
        self._current: Announcement | None = None
        self._enabled = True
        self._advancing = False
        self._seq = itertools.count(1)
        self._wav_cache: dict[tuple[str, ...], bytes] = {}
        self.dropped = 0  # waiting announcements pushed out by newer ones (queue full)
        self.timeouts = 0  # announcements ended by the watchdog rather than by the player

    # -- state -------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if not self._enabled:
            self._pending.clear()

    @property
    def current(self) -> Announcement | None:
        """The announcement playing now."""
        return self._current

    @property
    def pending(self) -> tuple[Announcement, ...]:
        """The announcements waiting, next first."""
        return tuple(self._pending)

    # -- input -------------------------------------------------------------------------------

    def push(self, label: str, counter: int) -> Announcement | None:
        """Queue "call `label` to counter `counter`"; returns the queued item, or None when it
        was dropped (switched off, or the same call is already waiting). UserError for a label or
        counter that cannot be said, or a missing/mismatched clip: nothing is queued then."""
        text = announcement_text(label, counter)  # validates both
        if not self._enabled:
            return None
        clips = tuple(clip_names(label, counter))
        label = label.strip().upper()
        if any(p.key == (label, counter) for p in self._pending):
            return None
        wav = self._wav(clips)
        item = Announcement(next(self._seq), label, counter, text, clips, wav)
        while len(self._pending) >= self.limit:
            old = self._pending.popleft()
            self.dropped += 1
            log.info("announcement queue full: dropped %s", old.text)
        self._pending.append(item)
        self._advance()
        return item

    def finished(self, item: Announcement) -> bool:
        """The player says `item` ended. Ignored (False) unless `item` is the one playing: a
        late report for an item the watchdog already gave up on must not end its successor."""
        if self._current is None or self._current.seq != item.seq:
            return False
        self._end()
        return True

    def timed_out(self, item: Announcement | None = None) -> Announcement | None:
        """The watchdog fired: stop waiting for the one playing (or only if it is `item`) and
        move on. Returns the item given up on, if any."""
        cur = self._current
        if cur is None or (item is not None and item.seq != cur.seq):
            return None
        self.timeouts += 1
        log.info("announcement not reported finished in time: %s", cur.text)
        self._end()
        return cur

    # -- internals ---------------------------------------------------------------------------

    def _wav(self, clips: tuple[str, ...]) -> bytes:
        wav = self._wav_cache.get(clips)
        if wav is None:
            wav = build_wav(clips, self.clips_dir, self.gap_ms)
            if len(self._wav_cache) >= 8:  # ~250 KB each; only recalls come back soon
                self._wav_cache.pop(next(iter(self._wav_cache)))
            self._wav_cache[clips] = wav
        return wav

    def _end(self) -> None:
        item, self._current = self._current, None
        self._notify_ended(item)
        self._advance()

    def _notify_ended(self, item: Announcement) -> None:
        if self._ended is not None:
            try:
                self._ended(item)
            except Exception:
                log.exception("announcement end handler failed")

    def _advance(self) -> None:
        """Start the next waiting item if none is playing. A player may report the end from
        inside `start` (an audio error found at once): the loop, not recursion, moves on then."""
        if self._advancing:
            return
        self._advancing = True
        try:
            while self._current is None and self._pending:
                item = self._current = self._pending.popleft()
                try:
                    self._start(item, item.wav)
                except Exception:
                    log.exception("announcement player failed to start: %s", item.text)
                    if self._current is item:
                        self._current = None
                        self._notify_ended(item)
        finally:
            self._advancing = False

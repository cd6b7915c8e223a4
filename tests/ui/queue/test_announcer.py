"""The hall voice: announcements play one at a time through QtMultimedia, and neither a missing
sound card nor a player that never reports the end can stall the queue."""

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer

from app.announcements import build_wav, default_clips_dir, wav_duration_ms
from app.domain.announcement import all_clip_names, clip_names
from ui.queue.announcer import SLACK_MS, Announcer

ROOT = Path(__file__).resolve().parents[3]
CALLS = [("A012", 3), ("B001", 15), ("C123", 24)]


def text(label, counter):
    return f"Mời công dân có số thứ tự {label} đến quầy số {counter}"


def record(announcer):
    events = []
    announcer.started.connect(lambda t: events.append(("started", t)))
    announcer.finished.connect(lambda t: events.append(("finished", t)))
    return events


def alternating(calls):
    return [(kind, text(*c)) for c in calls for kind in ("started", "finished")]


def tiny_clips(folder: Path, ms: int = 10) -> Path:
    """Every clip as `ms` of a tone: announcements of a few tens of milliseconds."""
    folder.mkdir()
    for stem in all_clip_names():
        with wave.open(str(folder / f"{stem}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\0\x10" * (22050 * ms // 1000))
    return folder


class FakePlayer(QObject):
    """Records when each sound starts and ends; ends it after `delay_ms` (never if None)."""

    def __init__(self, delay_ms=30):
        super().__init__()
        self.delay_ms = delay_ms
        self.spans = []  # [path, start, end or None]
        self.stops = 0

    def play(self, path, done):
        span = [Path(path), time.monotonic(), None]
        self.spans.append(span)

        def end():
            span[2] = time.monotonic()
            done()

        if self.delay_ms is not None:
            QTimer.singleShot(self.delay_ms, end)

    def stop(self):
        self.stops += 1
        if self.spans and self.spans[-1][2] is None:
            self.spans[-1][2] = time.monotonic()


@pytest.mark.expected_log("motcua.announcements", logging.WARNING, r"cannot play .*no audio output device")
def test_with_the_real_player_and_no_sound_card_every_call_completes_in_order(
        qtbot, tmp_path, monkeypatch, caplog):
    # A PulseAudio server that does not exist: no output device whatever the machine has
    # (Qt uses PulseAudio unless QT_AUDIO_BACKEND asks for another backend).
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-server'}")
    monkeypatch.delenv("QT_AUDIO_BACKEND", raising=False)
    from PySide6.QtMultimedia import QMediaDevices

    assert QMediaDevices.audioOutputs() == []
    announcer = Announcer(cache_dir=tmp_path / "cache")  # the default, real player
    events = record(announcer)
    for call in CALLS:
        assert announcer.announce(*call)
    bound = sum(wav_duration_ms(build_wav(clip_names(*c), default_clips_dir())) + SLACK_MS
                for c in CALLS) + 2000  # even if only the watchdog ended each one
    qtbot.waitUntil(lambda: len(events) == 6, timeout=bound)
    assert events == alternating(CALLS)  # started A, finished A, started B …: never two at once
    assert announcer.queue.current is None and announcer.queue.pending == ()
    ours = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "motcua.announcements"]
    # the missing device is reported once, as a warning (see the expected_log above)
    warned = [m for level, m in ours if level >= logging.WARNING]
    assert len(warned) == 1 and re.fullmatch(
        r"announcement: QtMultimedia cannot play A012-03-\w+\.wav \(no audio output device\?\)", warned[0])
    # one file per distinct announcement, holding exactly the joined clips
    files = sorted((tmp_path / "cache").glob("*.wav"))
    assert len(files) == 3
    assert {f.read_bytes() for f in files} == {build_wav(clip_names(*c), default_clips_dir())
                                               for c in CALLS}


def test_announcements_never_overlap_and_keep_their_order(qtbot, tmp_path):
    fake = FakePlayer(delay_ms=40)
    announcer = Announcer(player=lambda parent: fake, cache_dir=tmp_path / "cache")
    events = record(announcer)
    for call in CALLS:
        announcer.announce(*call)
    qtbot.waitUntil(lambda: len(events) == 6, timeout=5000)
    assert events == alternating(CALLS)
    assert [s[0].name.split("-")[0] for s in fake.spans] == ["A012", "B001", "C123"]
    for before, after in zip(fake.spans, fake.spans[1:], strict=False):
        assert after[1] >= before[2]  # each starts only once the one before has ended
        assert before[2] - before[1] >= 0.035  # and that one was not cut short
    assert fake.stops == 0


def test_the_cached_file_is_reused_for_the_same_call(qtbot, tmp_path):
    fake = FakePlayer(delay_ms=1)
    announcer = Announcer(player=lambda parent: fake, cache_dir=tmp_path / "cache")
    events = record(announcer)
    announcer.announce("A012", 3)
    qtbot.waitUntil(lambda: len(events) == 2, timeout=5000)
    announcer.announce("A012", 3)  # a recall after the first call was said
    announcer.announce("A013", 3)
    qtbot.waitUntil(lambda: len(events) == 6, timeout=5000)
    paths = [s[0] for s in fake.spans]
    assert paths[0] == paths[1] != paths[2]
    assert len(list((tmp_path / "cache").glob("*.wav"))) == 2
    assert paths[0].read_bytes() == build_wav(clip_names("A012", 3), default_clips_dir())


def test_the_cache_keeps_only_the_newest_files(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.queue.announcer.CACHE_KEEP", 2)
    fake = FakePlayer(delay_ms=1)
    announcer = Announcer(player=lambda parent: fake, cache_dir=tmp_path / "cache")
    events = record(announcer)
    for n in range(1, 5):
        announcer.announce(f"A{n:03d}", 3)
    qtbot.waitUntil(lambda: len(events) == 8, timeout=5000)
    left = list((tmp_path / "cache").glob("*.wav"))
    assert len(left) == 2 and fake.spans[-1][0] in left


@pytest.mark.expected_log("motcua.announcements", logging.WARNING, r"^announcement: no end reported 220 ms .* A012 ")
@pytest.mark.expected_log("motcua.announcements", logging.WARNING, r"^announcement: no end reported 230 ms .* B001 ")
def test_a_player_that_never_reports_the_end_is_stopped_by_the_watchdog(qtbot, tmp_path, caplog):
    fake = FakePlayer(delay_ms=None)
    clips = tiny_clips(tmp_path / "clips")
    announcer = Announcer(player=lambda parent: fake, clips_dir=clips,
                          cache_dir=tmp_path / "cache", gap_ms=0, slack_ms=150)
    events = record(announcer)
    calls = CALLS[:2]
    started = time.monotonic()
    for call in calls:
        announcer.announce(*call)
    qtbot.waitUntil(lambda: len(events) == 4, timeout=5000)
    took = time.monotonic() - started
    warnings = [r for r in caplog.records if r.name == "motcua.announcements"
                and r.levelno == logging.WARNING]
    assert events == alternating(calls)
    assert fake.stops == 2  # each sound stopped before the next could start over it
    assert fake.spans[1][1] >= fake.spans[0][2]
    assert announcer.queue.timeouts == 2
    # each waited its own length (70 and 80 ms of tiny clips) plus the slack (coarse timers may
    # fire 5 % early)
    waits = [wav_duration_ms(build_wav(clip_names(*c), clips, 0)) + 150 for c in calls]
    assert waits == [220, 230]
    assert took >= 0.9 * sum(waits) / 1000  # not cut short; no upper bound: a loaded machine is slow
    assert len(warnings) == 2 and "A012" in warnings[0].getMessage()


def test_switched_off_the_waiting_calls_are_dropped_and_the_current_one_ends(qtbot, tmp_path):
    fake = FakePlayer(delay_ms=60)
    announcer = Announcer(player=lambda parent: fake, cache_dir=tmp_path / "cache")
    events = record(announcer)
    for call in CALLS:
        announcer.announce(*call)
    announcer.set_enabled(False)
    assert not announcer.is_enabled()
    assert announcer.announce("D004", 4) is False
    qtbot.waitUntil(lambda: len(events) == 2, timeout=5000)
    assert events == alternating(CALLS[:1])
    assert fake.stops == 0  # not cut off
    announcer.set_enabled(True)
    assert announcer.announce("E005", 5)
    qtbot.waitUntil(lambda: len(events) == 4, timeout=5000)
    assert events[2:] == alternating([("E005", 5)])


@pytest.mark.expected_log("motcua.announcements", logging.ERROR, r"^announcement player failed$")
def test_a_player_that_raises_does_not_stop_the_queue(qtbot, tmp_path, caplog):
    class Broken(FakePlayer):
        def play(self, path, done):
            if "B001" in Path(path).name:
                raise RuntimeError("driver crashed")
            super().play(path, done)

    fake = Broken(delay_ms=5)
    announcer = Announcer(player=lambda parent: fake, cache_dir=tmp_path / "cache")
    events = record(announcer)
    for call in CALLS:
        announcer.announce(*call)
    qtbot.waitUntil(lambda: len(events) == 6, timeout=5000)
    assert events == alternating(CALLS)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "failed" in errors[0].getMessage()


# -- a real audio sink ---------------------------------------------------------------------------

CHILD = """
import json, logging, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import QMediaDevices
from ui.queue.announcer import Announcer

logs = []
handler = logging.Handler()
handler.emit = lambda r: logs.append((r.levelname, r.getMessage()))
logging.getLogger("motcua").addHandler(handler)
logging.getLogger("motcua").setLevel(logging.INFO)
app = QGuiApplication([])
announcer = Announcer(cache_dir=sys.argv[1], clips_dir=sys.argv[3])
events = []
announcer.started.connect(lambda t: events.append(("started", t, time.monotonic())))
announcer.finished.connect(lambda t: events.append(("finished", t, time.monotonic())))
outputs = len(QMediaDevices.audioOutputs())
for label, counter in json.loads(sys.argv[2]):
    announcer.announce(label, counter)
announcer.finished.connect(lambda t: not announcer.queue.pending and app.quit())
QTimer.singleShot(60000, app.quit)
app.exec()
print(json.dumps({"outputs": outputs, "events": events, "logs": logs}))
"""


CLIP_MS = 250


def shortened_clips(folder: Path) -> Path:
    """The shipped clips (their format, their first sounds), each cut to its first CLIP_MS (the
    shortest is shorter already): an announcement of over a second instead of about 4.4 s, which
    plays through the sink the same way and still lasts far longer than an error would let it."""
    folder.mkdir()
    for stem in all_clip_names():
        with wave.open(str(default_clips_dir() / f"{stem}.wav"), "rb") as src:
            params, frames = src.getparams(), src.readframes(src.getframerate() * CLIP_MS // 1000)
        with wave.open(str(folder / f"{stem}.wav"), "wb") as dst:
            dst.setparams(params)
            dst.writeframes(frames)
    return folder


def test_on_a_real_audio_sink_each_call_plays_to_its_end_before_the_next(tmp_path):
    """A PulseAudio server with a null sink (Debian package `pulseaudio`), started here: the
    real player plays for real and its own end-of-sound report, not the watchdog or an error,
    moves the queue on."""
    daemon = shutil.which("pulseaudio")
    assert daemon, "needs the Debian package pulseaudio (scripts/system-deps.sh)"
    run_dir = Path(tempfile.mkdtemp(prefix="pa-"))  # short: a socket path has at most 107 bytes
    socket = run_dir / "native"
    env = {**os.environ, "HOME": str(run_dir), "XDG_RUNTIME_DIR": str(run_dir),
           "XDG_CONFIG_HOME": str(run_dir / "config"), "PULSE_SERVER": f"unix:{socket}",
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_AUDIO_BACKEND", None)
    clips = shortened_clips(tmp_path / "clips")
    server = subprocess.Popen(
        [daemon, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "--system=no", "--disable-shm=yes", "--log-target=stderr",
         "-L", "module-null-sink sink_name=hall",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=run_dir)
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            assert server.poll() is None, server.stderr.read().decode(errors="replace")
            assert time.monotonic() < deadline, "pulseaudio did not start"
            time.sleep(0.05)
        calls = [("A1", 1), ("B2", 2)]  # the shortest announcements: five clips each
        out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "cache"),
                              json.dumps(calls), str(clips)], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=90)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(run_dir, ignore_errors=True)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["outputs"] >= 1
    events = result["events"]
    assert [(kind, t) for kind, t, _ in events] == alternating(calls)
    for (_, _, start), (_, _, end), call in zip(events[::2], events[1::2], calls, strict=True):
        length = wav_duration_ms(build_wav(clip_names(*call), clips))
        assert length >= 1000, (call, length)  # long enough to tell from an error's instant end
        took = (end - start) * 1000
        # played through: an error would end it at once
        assert took >= length - 50, (call, length, took)
    assert result["logs"] == []  # ended by the player: the watchdog or an error would have logged

"""Joining the committed clips into one WAV, and the announcement queue's rules."""

import io
import logging
import shutil
import wave

import pytest

from app.announcements import AnnouncementQueue, build_wav, default_clips_dir, wav_duration_ms
from app.domain.announcement import LETTER_NAMES, all_clip_names, clip_names
from app.errors import UserError

CLIPS = default_clips_dir()


def frames(path):
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


# -- the committed clips -----------------------------------------------------------------------

def test_every_clip_any_ticket_and_counter_needs_is_committed_in_one_format():
    # clip_names is the label's clips followed by the counter's, each depending on its own part
    # only: every label A000-Z999 with one counter plus one label with every counter 1-99 covers
    # all 26,000 x 99 announcements.
    needed = set()
    for letter in LETTER_NAMES:
        for number in range(1000):
            needed.update(clip_names(f"{letter}{number:03d}", 1))
    for counter in range(1, 100):
        needed.update(clip_names("A000", counter))
    assert needed == set(all_clip_names())
    formats = set()
    for stem in needed:
        with wave.open(str(CLIPS / f"{stem}.wav"), "rb") as w:
            formats.add((w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype()))
            seconds = w.getnframes() / w.getframerate()
        assert 0.1 < seconds < 3, (stem, seconds)
    assert formats == {(1, 2, 22050, "NONE")}
    assert sum(p.stat().st_size for p in CLIPS.glob("*.wav")) < 1_500_000
    assert "espeak-ng" in (CLIPS / "README.md").read_text(encoding="utf-8")


def test_the_clips_are_trimmed_of_silence():
    for stem in ("moi_cong_dan_co_so_thu_tu", "chu_a", "bay"):
        with wave.open(str(CLIPS / f"{stem}.wav"), "rb") as w:
            data = w.readframes(w.getnframes())
        samples = memoryview(data).cast("h")
        edge = 22050 * 30 // 1000  # the first and last 30 ms already carry sound
        assert max(abs(s) for s in samples[:edge]) > 400, stem
        assert max(abs(s) for s in samples[-edge:]) > 400, stem


# -- build_wav ---------------------------------------------------------------------------------

def test_the_joined_wav_lasts_the_clips_plus_the_gaps():
    clips = clip_names("A012", 25)
    wav = build_wav(clips, CLIPS, gap_ms=80)
    with wave.open(io.BytesIO(wav), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        total = w.getnframes()
        data = w.readframes(total)
    gap = 22050 * 80 // 1000
    assert total == sum(frames(CLIPS / f"{c}.wav") for c in clips) + gap * (len(clips) - 1)
    # the gap after the first clip is silence, and the second clip follows it unchanged
    first = frames(CLIPS / f"{clips[0]}.wav")
    assert data[2 * first: 2 * (first + gap)] == b"\0" * 2 * gap
    with wave.open(str(CLIPS / f"{clips[1]}.wav"), "rb") as w:
        second = w.readframes(w.getnframes())
    assert data[2 * (first + gap): 2 * (first + gap) + len(second)] == second
    assert wav_duration_ms(wav) == -(-total * 1000 // 22050)
    assert len(build_wav(clips, CLIPS, gap_ms=0)) == len(wav) - 2 * gap * (len(clips) - 1)


def copy_clips(tmp_path, stems):
    folder = tmp_path / "clips"
    folder.mkdir()
    for stem in stems:
        shutil.copy(CLIPS / f"{stem}.wav", folder / f"{stem}.wav")
    return folder


def test_a_missing_clip_is_refused_by_name(tmp_path):
    clips = clip_names("A012", 3)
    folder = copy_clips(tmp_path, [c for c in clips if c != "chu_a"])
    with pytest.raises(UserError) as e:
        build_wav(clips, folder)
    assert "chu_a.wav" in e.value.message and "Thiếu" in e.value.message


def test_a_clip_of_another_format_or_a_broken_one_is_refused_by_name(tmp_path):
    clips = clip_names("A012", 3)
    folder = copy_clips(tmp_path, clips)
    with wave.open(str(folder / "hai.wav"), "wb") as w:  # a human recording at 16 kHz
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\1\0" * 8000)
    with pytest.raises(UserError) as e:
        build_wav(clips, folder)
    assert "hai.wav" in e.value.message and "16000 Hz" in e.value.message
    (folder / "hai.wav").write_bytes(b"not a wav file at all")
    with pytest.raises(UserError) as e:
        build_wav(clips, folder)
    assert "hai.wav" in e.value.message and "hỏng" in e.value.message
    with pytest.raises(UserError):
        build_wav([], folder)


# -- the queue ---------------------------------------------------------------------------------

class Recorder:
    """The injected player: records what was started, and checks none overlaps."""

    def __init__(self):
        self.started = []  # (label, counter) in start order
        self.ended = []
        self.playing = None
        self.overlaps = 0
        self.wavs = []

    def start(self, item, wav):
        if self.playing is not None:
            self.overlaps += 1
        self.playing = item
        self.started.append(item.key)
        self.wavs.append(wav)

    def end(self, item):
        assert self.playing is item
        self.playing = None
        self.ended.append(item.key)


@pytest.fixture
def rec():
    return Recorder()


@pytest.fixture
def queue(rec):
    return AnnouncementQueue(rec.start, ended=rec.end, limit=20)


def test_first_pushed_first_said_and_one_at_a_time(queue, rec):
    for label, counter in [("A001", 1), ("B002", 2), ("C003", 3)]:
        queue.push(label, counter)
    assert rec.started == [("A001", 1)]
    assert [p.key for p in queue.pending] == [("B002", 2), ("C003", 3)]
    assert queue.finished(queue.current)
    assert rec.started == [("A001", 1), ("B002", 2)]
    queue.finished(queue.current)
    queue.finished(queue.current)
    assert rec.started == rec.ended == [("A001", 1), ("B002", 2), ("C003", 3)]
    assert rec.overlaps == 0 and queue.current is None and queue.pending == ()
    assert rec.wavs[0] == build_wav(clip_names("A001", 1), CLIPS)


def test_a_stale_or_repeated_finish_does_not_end_the_next_one(queue, rec):
    a = queue.push("A001", 1)
    queue.push("B002", 2)
    assert queue.finished(a) is True
    assert queue.finished(a) is False  # the player reporting twice
    assert queue.current.key == ("B002", 2)
    assert rec.started == [("A001", 1), ("B002", 2)]


def test_the_watchdog_moves_on_and_a_late_finish_is_ignored(queue, rec, caplog):
    caplog.set_level(logging.INFO, "motcua.announcements")
    a = queue.push("A001", 1)
    queue.push("B002", 2)
    assert queue.timed_out() is a
    assert queue.timeouts == 1 and queue.current.key == ("B002", 2)
    assert queue.finished(a) is False  # the lost report arriving after all
    assert queue.current.key == ("B002", 2)
    assert queue.timed_out(a) is None  # a watchdog for an item already over
    assert queue.current.key == ("B002", 2)
    assert any("A001" in r.getMessage() for r in caplog.records)
    queue.timed_out()
    assert queue.timed_out() is None and rec.ended == [("A001", 1), ("B002", 2)]


def test_a_call_already_waiting_is_kept_once_but_one_playing_is_queued_again(queue, rec):
    first = queue.push("A001", 1)  # playing
    assert queue.push("B002", 2) is not None
    assert queue.push("B002", 2) is None  # recall pressed twice: B002 still waiting
    assert queue.push("b002 ", 2) is None
    assert queue.push("B002", 3) is not None  # the same ticket sent to another counter
    again = queue.push("A001", 1)  # a recall of the one playing now
    assert again is not None and again.seq != first.seq
    assert [p.key for p in queue.pending] == [("B002", 2), ("B002", 3), ("A001", 1)]
    while queue.current is not None:
        queue.finished(queue.current)
    assert rec.started == [("A001", 1), ("B002", 2), ("B002", 3), ("A001", 1)]
    assert queue.push("B002", 2) is not None  # no longer waiting: said again


def test_switched_off_drops_new_calls_and_waiting_ones_but_lets_the_current_end(queue, rec):
    queue.push("A001", 1)
    queue.push("B002", 2)
    queue.push("C003", 3)
    queue.enabled = False
    assert queue.pending == () and queue.current.key == ("A001", 1)
    assert queue.push("D004", 4) is None and queue.pending == ()
    queue.finished(queue.current)
    assert rec.started == rec.ended == [("A001", 1)] and queue.current is None
    queue.enabled = True
    queue.push("E005", 5)
    assert rec.started == [("A001", 1), ("E005", 5)]
    assert queue.dropped == 0  # switching off is not an overflow


def test_a_full_queue_drops_the_oldest_waiting_call(rec):
    queue = AnnouncementQueue(rec.start, ended=rec.end, limit=3)
    queue.push("A000", 1)  # playing, not counted in the limit
    for n in range(1, 6):
        queue.push(f"A{n:03d}", 1)
    assert [p.label for p in queue.pending] == ["A003", "A004", "A005"]
    assert queue.dropped == 2
    while queue.current is not None:
        queue.finished(queue.current)
    assert [label for label, _ in rec.started] == ["A000", "A003", "A004", "A005"]
    assert rec.overlaps == 0


def test_bad_input_is_refused_and_nothing_is_queued(queue, rec, tmp_path):
    with pytest.raises(UserError):
        queue.push("", 1)
    with pytest.raises(UserError):
        queue.push("A001", 100)
    broken = AnnouncementQueue(rec.start, clips_dir=tmp_path)  # no clips at all
    with pytest.raises(UserError) as e:
        broken.push("A001", 1)
    assert "moi_cong_dan_co_so_thu_tu.wav" in e.value.message
    assert rec.started == [] and queue.pending == () and broken.pending == ()


@pytest.mark.expected_log("motcua.announcements", logging.ERROR, r"^announcement player failed to start: .* B002 ")
def test_a_player_that_ends_at_once_or_fails_to_start_never_stalls_the_queue(caplog):
    order = []
    queue = None

    def start(item, wav):
        order.append(("start", item.label))
        if item.label == "B002":
            raise OSError("device gone")
        queue.finished(item)  # an error reported from inside start

    queue = AnnouncementQueue(start, ended=lambda item: order.append(("end", item.label)))
    queue.enabled = False
    queue.enabled = True
    for label in ("A001", "B002", "C003"):
        queue.push(label, 1)
    assert order == [("start", "A001"), ("end", "A001"), ("start", "B002"), ("end", "B002"),
                     ("start", "C003"), ("end", "C003")]
    assert queue.current is None
    failures = [r for r in caplog.records if r.name == "motcua.announcements"]
    assert len(failures) == 1 and "B002" in failures[0].getMessage()

"""Make resources/sounds/vi/*.wav: the short clips the hall announcements are built from
(app/domain/announcement.py lists them and what each says).

Run once, by a developer, on a machine with espeak-ng (`apt-get install espeak-ng`); the clips are
committed, so neither the offices nor CI need a speech engine, and announcements work offline.
Every clip is written in one format (mono, 16-bit, 22050 Hz: espeak-ng's own) so that
app/announcements.build_wav can join them with plain frame copies, and the silence espeak-ng puts
before and after each utterance is trimmed so the joined sentence flows at an even pace.

    .venv/bin/python scripts/make_announcement_clips.py [--rate 140] [--only den_quay_so ...]
"""

from __future__ import annotations

import argparse
import array
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.announcement import CLIP_TEXTS  # noqa: E402

TARGET = ROOT / "resources" / "sounds" / "vi"
VOICE = "vi"
RATE = 22050
THRESHOLD = 400  # |sample| above this (of 32767) counts as speech: espeak-ng's silence is 0
MARGIN_MS = 15  # kept around the speech so soft consonants are not clipped


def espeak(text: str, out: Path, speed: int) -> None:
    # Hyphens in letter names ("e-lờ") only mark syllables for a reader; espeak-ng may pause on
    # them or read them as "trừ" (minus).
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", str(speed), "-w", str(out),
                    text.replace("-", " ")], check=True)


def trimmed(path: Path) -> bytes:
    """The clip's frames without the leading and trailing silence."""
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            sys.exit(f"{path.name}: espeak-ng wrote {w.getparams()}, expected mono 16-bit {RATE} Hz")
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    loud = [i for i, s in enumerate(samples) if abs(s) > THRESHOLD]
    if not loud:
        sys.exit(f"{path.name}: espeak-ng produced only silence")
    margin = RATE * MARGIN_MS // 1000
    kept = samples[max(0, loud[0] - margin): loud[-1] + margin]
    if sys.byteorder == "big":
        kept.byteswap()
    return kept.tobytes()


def write_clip(path: Path, frames: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def espeak_version() -> str:
    out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("Data at:")[0].strip()


README = """# Hall announcement clips (Vietnamese)

The hall display builds "Mời công dân có số thứ tự A012 đến quầy số 3" by joining these clips
(see docs/announcements.md and app/domain/announcement.py for the order). No speech engine and
no network are needed at run time.

Made by `scripts/make_announcement_clips.py` with **{version}**, voice `{voice}`
(Vietnamese, Northern), speed {speed} words per minute:

    espeak-ng -v {voice} -s {speed} -w <stem>.wav "<text>"   # hyphens of letter names as spaces

then the silence before and after the speech was trimmed (samples above {threshold}/32767 count
as speech, {margin} ms kept on each side). Every clip is **WAV, mono, 16-bit PCM, {rate} Hz**.

## Replacing a clip with a human recording

An office may replace any clip with its own recording: same file name, same format (WAV, mono,
16-bit PCM, {rate} Hz), little or no silence at the start and end, at a level similar to the other
clips. The announcement refuses a clip of another format and names it, rather than playing noise.
For example, from any recording:

    ffmpeg -i recording.m4a -ac 1 -ar {rate} -sample_fmt s16 den_quay_so.wav

| clip | says |
|---|---|
{table}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=140, help="espeak-ng speed (words/minute)")
    parser.add_argument("--only", nargs="*", help="regenerate only these clip stems")
    args = parser.parse_args()
    if not shutil.which("espeak-ng"):
        sys.exit("espeak-ng is not installed (apt-get install espeak-ng)")
    unknown = set(args.only or ()) - set(CLIP_TEXTS)
    if unknown:
        sys.exit(f"unknown clips: {', '.join(sorted(unknown))}")
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for stem, text in CLIP_TEXTS.items():
            if args.only and stem not in args.only:
                continue
            raw = Path(tmp) / f"{stem}.wav"
            espeak(text, raw, args.rate)
            write_clip(TARGET / f"{stem}.wav", trimmed(raw))
    table = "\n".join(f"| `{stem}.wav` | {text} |" for stem, text in CLIP_TEXTS.items())
    (TARGET / "README.md").write_text(README.format(
        version=espeak_version(), voice=VOICE, speed=args.rate, threshold=THRESHOLD,
        margin=MARGIN_MS, rate=RATE, table=table), encoding="utf-8")
    total = sum(p.stat().st_size for p in TARGET.glob("*.wav"))
    print(f"wrote {len(CLIP_TEXTS)} clips to {TARGET} ({total / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()

"""Queue tickets for ESC/POS thermal printers, and the reverse (for the printer emulator).

Vietnamese: `ESC t n` selects code page WPC1258 (n = 52 on Epson, other numbers on clones: a
setting). Python's cp1258 has no precomposed letters such as "ấ", so each letter it lacks is sent
as its base letter (â ê ô ơ ư ă …) followed by the combining tone mark, both of which cp1258 has.
A raster image (GS v 0) is the fallback that works on any printer.

We write these few bytes ourselves rather than use python-escpos: a dependency for ten commands,
whose code-page tables do not do the base-letter-plus-tone technique, would not earn its keep."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
CUT = GS + b"V" + bytes([66, 0])  # feed to the cutter and cut (partial)
CUT_LINE = "--- cắt giấy ---"
FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSerif-Bold.ttf")


def encode_wpc1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            # Recompose what cp1258 has (â, ơ, ư …), keep the tone mark apart.
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONES))
            tones = "".join(m for m in marks if m in _TONES)
            try:
                out += (head + tones).encode("cp1258")
            except UnicodeEncodeError:
                out += b"?"
    return bytes(out)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


@dataclass(frozen=True)
class Ticket:
    number: str  # "A012"
    service: str  # "Tư pháp - Hộ tịch"
    issued_at: datetime
    office: str
    waiting: int  # people ahead
    note: str = ""


def ticket_lines(t: Ticket) -> list[tuple[str, str]]:
    """(style, text): "big" for the number, "" for ordinary lines."""
    lines = [("", t.office), ("big", t.number), ("", t.service), ("", f"Số người đang chờ: {t.waiting}"),
             ("", f"{t.issued_at:%H:%M %d/%m/%Y}")]
    return lines + ([("", t.note)] if t.note else [])


def ticket_bytes(t: Ticket, code_page: int = 52) -> bytes:
    out = bytearray(INIT + ESC + b"t" + bytes([code_page]) + ESC + b"a\x01")
    for style, text in ticket_lines(t):
        if style == "big":
            out += GS + b"!\x11" + encode_wpc1258(text) + b"\n" + GS + b"!\x00"
        else:
            out += encode_wpc1258(text) + b"\n"
    return bytes(out + b"\n\n\n" + CUT)


def ticket_raster_bytes(t: Ticket, width_px: int = 384) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((str(p) for p in FONTS if p.exists()), None)

    def font(size):
        return ImageFont.truetype(font_path, size) if font_path else ImageFont.load_default()

    lines = [(font(72 if style == "big" else 24), text) for style, text in ticket_lines(t)]
    heights = [f.getbbox(text or " ")[3] + 12 for f, text in lines]
    image = Image.new("1", (width_px, sum(heights) + 40), 1)
    draw = ImageDraw.Draw(image)
    y = 10
    for (f, text), h in zip(lines, heights, strict=True):
        w = draw.textlength(text, font=f)
        draw.text(((width_px - w) / 2, y), text, font=f, fill=0)
        y += h
    row_bytes = (width_px + 7) // 8
    data = bytes(b ^ 0xFF for b in image.tobytes())  # PIL: 1 = white; ESC/POS: 1 = black
    header = GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + image.height.to_bytes(2, "little")
    return INIT + header + data + b"\n\n\n" + CUT


def decode_escpos(data: bytes) -> str:
    """The printer emulator's reading of a byte stream: text in the selected code page, a line for
    each cut and each raster image. Unknown commands are skipped; any input is accepted."""
    out: list[str] = []
    text = bytearray()
    codec = "cp1258"

    def flush():
        if text:
            out.append(text.decode(codec, errors="replace"))
            text.clear()

    i, n = 0, len(data)
    fixed = {b"@": 0, b"t": 1, b"a": 1, b"E": 1, b"!": 1, b"d": 1, b"-": 1, b"M": 1, b"J": 1}
    while i < n:
        b = data[i:i + 1]
        if b == ESC and i + 1 < n:
            cmd = data[i + 1:i + 2]
            if cmd == b"t" and i + 2 < n:
                flush()
                codec = "cp437" if data[i + 2] == 0 else "cp1258"
            i += 2 + fixed.get(cmd, 0)
        elif b == GS and i + 1 < n:
            cmd = data[i + 1:i + 2]
            if cmd == b"V":
                flush()
                out.append("\n" + CUT_LINE + "\n")
                i += 3 + (1 if i + 2 < n and data[i + 2] in (65, 66) else 0)
            elif cmd == b"v" and i + 7 < n and data[i + 2:i + 3] == b"0":
                flush()
                width = int.from_bytes(data[i + 4:i + 6], "little")
                height = int.from_bytes(data[i + 6:i + 8], "little")
                out.append(f"[ảnh {width * 8}×{height}]\n")
                i += 8 + width * height
            else:
                i += 3 if cmd in (b"!", b"B", b"H", b"h", b"w", b"f") else 2
        elif b in (ESC, GS):
            i += 1
        else:
            if b not in (b"\x00",):
                text += b
            i += 1
    flush()
    return unicodedata.normalize("NFC", "".join(out))

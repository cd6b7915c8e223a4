"""Queue tickets for ESC/POS thermal printers, and the reverse (for the printer emulator).

Vietnamese: `ESC t n` selects code page WPC1258 (n = 52 on Epson, other numbers on clones: a
setting). Python's cp1258 has no precomposed letters such as "ấ", so each letter it lacks is sent
as its base letter (â ê ô ơ ư ă …) followed by the combining tone mark, both of which cp1258 has.
A raster image (GS v 0) is the fallback that works on any printer.

We write these few bytes ourselves rather than use python-escpos: a dependency for ten commands,
whose code-page tables do not do the base-letter-plus-tone technique, would not earn its keep.
docs/devices.md lists every byte used."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
CUT = GS + b"V" + bytes([66, 0])  # feed to the cutter, then a partial cut
CUT_LINE = "--- cắt giấy ---"
FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSerif-Bold.ttf")
TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def encode_wpc1258(text: str) -> bytes:
    """NFC text as WPC1258 bytes. Letters cp1258 lacks go out as base letter + combining tone,
    which the printer stacks like any other glyph; what cp1258 cannot carry at all becomes '?'."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)  # "ấ" → a, U+0302 circumflex, U+0301 acute
        head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES))
        tones = "".join(m for m in marks if m in TONES)
        try:
            out += (head + tones).encode("cp1258")  # â (0xE2) + acute (0xEC)
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


@dataclass(frozen=True)
class Ticket:
    number: str  # "A012"
    service: str  # "Tư pháp - Hộ tịch"
    issued_at: datetime
    office: str
    waiting: int  # people ahead
    note: str = ""


def _printable(text: str) -> str:
    """A text field on one line: a stray control character (ESC from a pasted name) would
    otherwise be read by the printer as the start of a command."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def ticket_lines(t: Ticket) -> list[tuple[str, str]]:
    """(style, text) in printing order: "bold" for the office, "big" for the number."""
    lines = [("bold", t.office), ("big", t.number), ("", t.service),
             ("", f"Số người đang chờ: {t.waiting}"), ("", f"{t.issued_at:%H:%M %d/%m/%Y}")]
    if t.note:
        lines.append(("", t.note))
    return [(style, _printable(text)) for style, text in lines]


def ticket_bytes(t: Ticket, code_page: int = 52) -> bytes:
    """The ticket as text: init, code page, centred lines, the number double width and height,
    a few feeds and a partial cut. The printer wraps long lines itself."""
    if not 0 <= code_page <= 255:
        raise ValueError("ESC t n: the code page is one byte")
    out = bytearray(INIT + ESC + b"t" + bytes([code_page]) + ESC + b"a\x01")
    for style, text in ticket_lines(t):
        line = encode_wpc1258(text) + b"\n"
        if style == "big":
            out += GS + b"!\x11" + line + GS + b"!\x00"
        elif style == "bold":
            out += ESC + b"E\x01" + line + ESC + b"E\x00"
        else:
            out += line
    return bytes(out + ESC + b"a\x00" + b"\n\n\n" + CUT)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Word-wrap to the paper width: a long service name would otherwise run off both edges."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)  # a single word wider than the paper is left to overflow
    return lines or [""]


def ticket_raster_bytes(t: Ticket, width_px: int = 384) -> bytes:
    """The same ticket as one 1-bit image (GS v 0): needs no code page, so it prints Vietnamese
    on any printer, at the cost of bytes: about 15 kB a 58 mm ticket, some 15 s at 9600 baud."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((str(p) for p in FONTS if p.exists()), None)
    sizes = {"big": 72, "bold": 26, "": 24}

    def font(size):
        return ImageFont.truetype(font_path, size) if font_path else ImageFont.load_default()

    margin = 8
    measure = ImageDraw.Draw(Image.new("1", (1, 1)))
    rows: list[tuple[object, str, int]] = []  # font, text, line height
    for style, text in ticket_lines(t):
        f = font(sizes[style])
        ascent, descent = f.getmetrics()
        rows += [(f, line, ascent + descent + 6)
                 for line in _wrap(measure, text, f, width_px - 2 * margin)]
    image = Image.new("1", (width_px, sum(h for *_, h in rows) + 2 * margin), 1)  # 1 = white
    draw = ImageDraw.Draw(image)
    y = margin
    for f, line, h in rows:
        draw.text(((width_px - draw.textlength(line, font=f)) / 2, y), line, font=f, fill=0)
        y += h
    row_bytes = (width_px + 7) // 8  # Pillow pads each row to whole bytes, MSB first, like GS v 0
    data = bytes(b ^ 0xFF for b in image.tobytes())  # Pillow: 1 = white; ESC/POS: 1 = black
    header = GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + image.height.to_bytes(2, "little")
    return INIT + header + data + b"\n\n\n" + CUT


# Bytes of parameters after ESC x / GS x, for the commands of fixed length the decoder skips.
_ESC_ARGS = {**dict.fromkeys(b"@2<LSim", 0), **dict.fromkeys(b" !%-3EGJMRTUVadetr{", 1),
             **dict.fromkeys(b"$\\c", 2), ord("p"): 3, ord("W"): 8}
_GS_ARGS = {**dict.fromkeys(b"!/BHIabfhrw", 1), **dict.fromkeys(b"$LPW\\", 2)}
_CODE_PAGES = {0: "cp437"}  # ESC t n; 52 (Epson), 46 (clones) and anything else read as WPC1258


def decode_escpos(data: bytes) -> str:
    """The printer emulator's reading of a byte stream: the text in the selected code page, a
    line for each cut and each raster image; styles are dropped. Unknown commands are skipped, a
    truncated one ends the reading; any input is accepted. The printer starts in PC437 (a real
    printer's factory default), so a ticket that forgets ESC t reads as garbage here too."""
    lines: list[str] = []
    current: list[str] = []
    buf = bytearray()
    codec = "cp437"

    def flush() -> None:
        if buf:
            current.append(buf.decode(codec, errors="replace"))
            buf.clear()

    def end_line() -> None:
        flush()
        lines.append("".join(current))
        current.clear()

    def marker(text: str) -> None:
        if buf or current:
            end_line()
        lines.append(text)

    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b in (0x1B, 0x1D, 0x1C):
            if i + 1 >= n:
                break
            cmd = data[i + 1]
            if b == 0x1B:  # ESC
                if cmd == ord("@"):
                    flush()
                    codec = "cp437"
                elif cmd == ord("t") and i + 2 < n:
                    flush()
                    codec = _CODE_PAGES.get(data[i + 2], "cp1258")
                elif cmd in b"im":  # the older cut commands
                    marker(CUT_LINE)
                elif cmd == ord("*") and i + 4 < n:  # bit image: m nL nH, 1 or 3 bytes a column
                    i += 5 + (data[i + 3] + 256 * data[i + 4]) * (3 if data[i + 2] in (32, 33) else 1)
                    continue
                i += 2 + _ESC_ARGS.get(cmd, 0)
            elif b == 0x1D:  # GS
                if cmd == ord("V"):  # cut: GS V m, or GS V m n for m = 65, 66, 97, 98, 103, 104
                    marker(CUT_LINE)
                    i += 4 if i + 2 < n and data[i + 2] in (65, 66, 97, 98, 103, 104) else 3
                elif cmd == ord("v"):  # raster: GS v 0 m xL xH yL yH, then xL+256xH × yL+256yH bytes
                    if i + 7 >= n:
                        break
                    row_bytes = data[i + 4] + 256 * data[i + 5]
                    height = data[i + 6] + 256 * data[i + 7]
                    marker(f"[ảnh {row_bytes * 8}×{height}]")
                    i += 8 + row_bytes * height
                elif cmd == ord("k") and i + 2 < n:  # barcode: NUL-terminated (m ≤ 6) or counted
                    if data[i + 2] <= 6:
                        end = data.find(b"\x00", i + 3)
                        i = n if end < 0 else end + 1
                    else:
                        i += 4 + (data[i + 3] if i + 3 < n else 0)
                elif cmd == ord("(") and i + 4 < n:  # GS ( fn pL pH, then pL+256pH bytes (QR …)
                    i += 5 + data[i + 3] + 256 * data[i + 4]
                elif cmd == ord("*") and i + 3 < n:  # downloaded bit image: x y, then 8xy bytes
                    i += 4 + 8 * data[i + 2] * data[i + 3]
                else:
                    i += 2 + _GS_ARGS.get(cmd, 0)
            else:  # FS: FS p n m prints a stored logo, the rest (Kanji on/off …) take no bytes
                i += 4 if cmd == ord("p") else 2
        elif b == 0x0A or b == 0x0C:  # LF, FF
            end_line()
            i += 1
        elif b == 0x10 and i + 1 < n and data[i + 1] in (4, 5):  # DLE EOT n, DLE ENQ n
            i += 3
        else:
            if b >= 0x20 and b != 0x7F:
                buf.append(b)
            elif b == 0x09:  # HT
                buf.append(0x20)
            i += 1
    if buf or current:
        end_line()
    return unicodedata.normalize("NFC", "\n".join(lines))

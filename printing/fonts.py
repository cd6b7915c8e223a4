"""The serif the forms are set in. Decree 30/2020/NĐ-CP sets administrative documents in Times
New Roman: used when the machine has it. Otherwise Noto Serif from the `fontpkg-noto-serif`
package, which covers Vietnamese. ReportLab's own fonts do not, so they are never used."""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

TIMES_FILES = {  # style -> file names seen on Windows, macOS and Debian's msttcorefonts
    "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf", "TimesNewRoman.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf", "TimesNewRomanBold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf",
               "TimesNewRomanItalic.ttf"),
}


@dataclass(frozen=True)
class FontSet:
    regular: str  # ReportLab font names, registered
    bold: str
    italic: str
    family: str  # for people: "Times New Roman" or "Noto Serif"


def font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("MOTCUA_SERIF_FONT_DIR"):
        dirs.append(Path(os.environ["MOTCUA_SERIF_FONT_DIR"]))
    home = Path.home()
    dirs += [home / ".fonts", home / ".local/share/fonts", Path("/usr/share/fonts/truetype/msttcorefonts"),
             Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts"), Path("/Library/Fonts"),
             home / "Library/Fonts"]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    return dirs


def find_times(dirs: list[Path]) -> dict[str, Path]:
    """Times New Roman's files by style, searched one folder level deep; {} if no regular face."""
    found: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        candidates = [folder, *(p for p in folder.iterdir() if p.is_dir())]
        for style, names in TIMES_FILES.items():
            for place in candidates:
                hit = next((place / n for n in names if (place / n).is_file()), None)
                if hit and style not in found:
                    found[style] = hit
    return found if "regular" in found else {}


def noto_serif() -> dict[str, Path]:
    import fontpkg_noto_serif

    from app.paths import RESOURCES

    files = Path(fontpkg_noto_serif.__file__).parent / "files"
    # The package's fonts are variable; ReportLab draws their default (regular) instance. The bold
    # instance is made once by scripts/make_bold_font.py and shipped.
    return {"regular": files / "NotoSerif[wdth,wght].ttf", "italic": files / "NotoSerif-Italic[wdth,wght].ttf",
            "bold": RESOURCES / "fonts" / "NotoSerif-Bold.ttf"}


def _register(name: str, path: Path) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def choose(dirs: list[Path]) -> tuple[str, dict[str, Path]]:
    times = find_times(dirs)
    return ("Times New Roman", times) if times else ("Noto Serif", noto_serif())


_lock = threading.Lock()  # the app warms the fonts up in a background thread


@lru_cache(maxsize=1)
def serif_fonts() -> FontSet:
    with _lock:
        return _load()


def _load() -> FontSet:
    family, files = choose(font_dirs())
    key = family.replace(" ", "")
    regular = _register(f"{key}-Regular", files["regular"])
    # A Times New Roman without its bold file sets bold text in the regular face: plain, but legible.
    bold = _register(f"{key}-Bold", files["bold"]) if "bold" in files else regular
    italic = _register(f"{key}-Italic", files["italic"]) if "italic" in files else regular
    # Paragraph markup (<b>, <i>) finds the faces through the family.
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold)
    return FontSet(regular, bold, italic, family=family)

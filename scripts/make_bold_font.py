"""Make resources/fonts/NotoSerif-Bold.ttf: the bold (wght 700) instance of the variable Noto
Serif in `fontpkg-noto-serif`, which ships no static bold. ReportLab cannot pick an instance of a
variable font itself. Needs fontTools (`pip install fonttools`), only to run this script.
The font is under the SIL Open Font License (resources/fonts/OFL-NotoSerif.txt)."""

from pathlib import Path

import fontpkg_noto_serif
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

SOURCE = Path(fontpkg_noto_serif.__file__).parent / "files" / "NotoSerif[wdth,wght].ttf"
TARGET = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "NotoSerif-Bold.ttf"

if __name__ == "__main__":
    bold = instantiateVariableFont(TTFont(str(SOURCE)), {"wght": 700, "wdth": 100})
    # Its own names, or PDF readers take it for the regular face.
    names = bold["name"]
    for record in names.names:
        if record.nameID in (2, 17):
            record.string = "Bold"
        elif record.nameID == 4:
            record.string = "Noto Serif Bold"
        elif record.nameID in (3, 6):
            record.string = "NotoSerif-Bold"
    bold["OS/2"].usWeightClass = 700
    bold["OS/2"].fsSelection = (bold["OS/2"].fsSelection | 0x20) & ~0x40  # BOLD, not REGULAR
    bold["head"].macStyle |= 0x1
    bold.save(str(TARGET))
    print(f"wrote {TARGET}")

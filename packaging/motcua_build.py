"""Build-time helpers for packaging/motcua.spec: what goes into the frozen folder and the files
made for it (icon, Windows version resource, compiled translations).

Loaded by the spec from this folder (never as `packaging.…`: that name is the PyPI library
PyInstaller itself imports, so this folder has no __init__.py)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAME = "motcua"
ICON_SVG = HERE.parent / "resources" / "icons" / "motcua.svg"  # also the window icon (ui/main.py)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
FRONTENDS = "motcua.frontends"

# Not needed at run time, and big or slow to analyse when something drags them in.
EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "setuptools", "pkg_resources",
    "distutils", "pip", "pytest", "_pytest", "pytestqt", "xdist", "hypothesis", "yaml",
    "IPython", "numpy", "matplotlib", "tests", "bench", "scripts",
    "pygments", "mako.ext", "doctest", "pdb", "pydoc",  # via mako's extras and reportlab's self-tests
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.Qt3DCore",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtTest", "PySide6.QtSql",
]


def version() -> str:
    from app import (
        __version__,  # app/__init__.py imports nothing: safe before the build's own imports
    )

    return __version__


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: 0.1.0 → (0, 1, 0, 0); a suffix (0.2.0rc1) is dropped."""
    numbers = [int(re.match(r"\d*", part).group() or 0) for part in text.split(".")[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_file_text(text: str) -> str:
    """The Windows version resource in PyInstaller's text format (a VSVersionInfo expression).
    Shown in Explorer's Properties → Details; language Vietnamese (0x042A), Unicode (1200)."""
    nums = version_tuple(text)
    strings = {
        "CompanyName": "Một Cửa",
        "FileDescription": "Một Cửa: phần mềm quầy tiếp nhận và trả kết quả",
        "FileVersion": text,
        "InternalName": NAME,
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": "Một Cửa",
        "ProductVersion": text,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042a04b0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])]),
  ],
)
"""


def make_icon(out_dir: Path) -> Path:
    """motcua.ico (every size Windows asks for) rendered from motcua.svg with QtSvg."""
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {ICON_SVG}")
    png = out_dir / "motcua-256.png"
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(png))
    ico = out_dir / "motcua.ico"
    with Image.open(png) as big:
        big.save(ico, sizes=[(s, s) for s in ICON_SIZES])
    return ico


def build_files(work: Path) -> tuple[Path, Path]:
    """Icon and version file into the work folder; translations compiled in resources/i18n."""
    work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from ui.i18n import compile_translations

    # pyside6-lrelease sits beside this Python (venv/bin, or venv\Scripts as an .exe): found on
    # PATH even when the virtualenv was not activated.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    try:
        compile_translations()  # the frozen app cannot run pyside6-lrelease: ship the .qm files
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"cannot compile the translations (resources/i18n/*.ts): {exc}") from None
    version_file = work / "version_info.txt"
    version_file.write_text(version_file_text(version()), encoding="utf-8")
    return make_icon(work), version_file


def frontend_modules() -> list[str]:
    """The GUI's entry points, read from the installed metadata that `motcua gui` will look up
    frozen too (the spec ships that metadata)."""
    try:
        dist = distribution(NAME)
    except PackageNotFoundError:
        raise SystemExit("Install the app first: pip install -c constraints.txt -e .") from None
    found = [ep.value.split(":")[0] for ep in dist.entry_points if ep.group == FRONTENDS]
    if not found:
        raise SystemExit(f"no {FRONTENDS} entry points: reinstall with pip install -e .")
    return sorted(set(found))


def migration_imports() -> list[str]:
    """Alembic runs db/migrations/*.py from their files: what they import must be frozen in."""
    import logging

    logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin set-up chatter on import
    names = set()
    for path in (ROOT / "db" / "migrations").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                # `from alembic import op`: op is a module, `from db.models import Base` is not
                names.update(f"{node.module}.{a.name}" for a in node.names
                             if _is_module(f"{node.module}.{a.name}"))
    return sorted(n for n in names if n != "__future__")


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _tree(folder: str, *, skip=lambda p: False) -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for every file under ROOT/folder, keeping the layout:
    app/paths.py and db/migrate.py find them next to the frozen modules as in the checkout."""
    out = []
    for path in sorted((ROOT / folder).rglob("*")):
        rel = path.relative_to(ROOT)
        if path.is_file() and "__pycache__" not in rel.parts and not skip(rel):
            out.append((str(path), str(rel.parent)))
    return out


def _not_shipped(rel: Path) -> bool:
    # Translation sources: only the compiled .qm is read (a .ts would make the app try to
    # recompile it with a tool the frozen folder does not have).
    return rel.parts[:2] == ("resources", "i18n") and rel.suffix != ".qm"


def app_datas() -> list[tuple[str, str]]:
    if not any((ROOT / "resources" / "i18n").glob("*.qm")):
        raise SystemExit("resources/i18n has no .qm: run `make translations` first")
    return _tree("resources", skip=_not_shipped) + _tree("db/migrations")


def keep_qt_translation(dest: str) -> bool:
    """Qt's own translations: only Vietnamese is loaded (ui/i18n.py)."""
    parts = Path(dest).parts
    if "translations" not in parts or not dest.endswith(".qm"):
        return True
    return dest.endswith("_vi.qm")

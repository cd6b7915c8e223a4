"""Qt's translation mechanism: source strings in English in the code, Vietnamese shipped as
resources/i18n/motcua_vi.ts and compiled to .qm (by `make`, or here on first use)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import RESOURCES

log = logging.getLogger("motcua.ui")
I18N = RESOURCES / "i18n"
LANGUAGE = "vi"


def _lrelease() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    return str(exe) if exe.exists() else shutil.which("pyside6-lrelease")


def compile_translations(force: bool = False) -> list[Path]:
    """Build every .qm that is missing or older than its .ts."""
    built = []
    for ts in sorted(I18N.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            tool = _lrelease()
            if tool is None:
                raise RuntimeError("pyside6-lrelease not found")
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
            built.append(qm)
    return built


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Vietnamese for our strings and Qt's own (dialog buttons …). Kept alive by the caller."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    try:
        compile_translations()
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        log.warning("could not compile translations: %s", exc)
    translators = []
    # One .ts per part of the UI (motcua_vi.ts, dossiers_vi.ts …): fewer merge conflicts.
    for qm in sorted(I18N.glob(f"*_{LANGUAGE}.qm")):
        ours = QTranslator(app)
        if ours.load(str(qm)):
            app.installTranslator(ours)
            translators.append(ours)
        else:
            log.warning("translation not loaded: %s", qm)
    if not translators:
        log.warning("Vietnamese translation not loaded from %s", I18N)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{LANGUAGE}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators

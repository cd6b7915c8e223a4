"""The packaged desktop app (packaging/motcua.spec): built with PyInstaller into a temporary
folder, then run as the counters run it: the command line, an offscreen start of the GUI on a
fresh data folder, the printed forms. The build takes about a minute, so it happens once, in one
test (split over two tests, `make test`'s two workers could each build it)."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PIL import Image

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
EXE = "motcua.exe" if sys.platform == "win32" else "motcua"
LOGIN_TITLE = "Một Cửa: đăng nhập"  # the login window's title, in Vietnamese: translations shipped


def _build_helpers():
    spec = importlib.util.spec_from_file_location("motcua_build", PACKAGING / "motcua_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(tmp: Path) -> Path:
    out = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work"), str(PACKAGING / "motcua.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-5000:]
    return tmp / "dist" / "motcua"


def frozen(folder: Path, *argv: str, data: Path, **env: str) -> subprocess.CompletedProcess:
    """Run the packaged executable on its own: no checkout and no virtualenv on its paths."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("MOTCUA_DB", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    clean.update(MOTCUA_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run([str(folder / EXE), *argv], cwd=data.parent, env=clean,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def head_revision() -> str:
    from db.migrate import head_revision

    return head_revision()


def check_gui_starts_with_demo_data(folder: Path, data: Path) -> None:
    from ui.main import DEMO_DOSSIERS

    run = frozen(folder, "gui", "--demo", data=data, MOTCUA_SMOKE_EXIT_MS="500")
    assert run.returncode == 0, run.stderr
    assert f"motcua: smoke: {LOGIN_TITLE}" in run.stdout.splitlines(), run.stdout + run.stderr
    con = sqlite3.connect(data / "motcua.sqlite3")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert con.execute("SELECT count(*) FROM dossiers").fetchone()[0] == DEMO_DOSSIERS
        logins = {r[0] for r in con.execute("SELECT login FROM users")}
        assert {"canbo", "huongdan", "lanhdao", "quantri"} <= logins
        assert con.execute("SELECT count(*) FROM procedures").fetchone()[0] > 0  # bundled catalog
    finally:
        con.close()


def check_cli_commands(folder: Path, data: Path) -> None:
    import openpyxl
    import pypdfium2

    def ok(*argv):
        run = frozen(folder, *argv, data=data)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (argv, run.stderr)
        return run.stdout

    assert "→" in ok("db", "upgrade")  # alembic ran the migration files
    con = sqlite3.connect(data / "motcua.sqlite3")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    con.close()
    ok("demo-data", "--dossiers", "3")
    con = sqlite3.connect(data / "motcua.sqlite3")
    code = con.execute("SELECT code FROM dossiers ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    assert ok("dossier", "search", code).startswith(code)  # the full-text search (SQLite FTS5)

    # The receipt: ReportLab, the Vietnamese serif fonts and both barcodes, all from the folder.
    ok("print", "receipt", code, "-o", str(data / "receipt.pdf"))
    pdf = pypdfium2.PdfDocument(str(data / "receipt.pdf"))
    try:
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and code in text

    ok("report", "--from", "01/01/2020", "--to", "31/12/2030", "-o", str(data / "report.xlsx"))
    assert openpyxl.load_workbook(data / "report.xlsx").sheetnames
    assert "Tết Nguyên Đán" in ok("calendar", "list", "--year", "2026")  # holidays, in Vietnamese
    ok("backup", "-o", str(data / "copy.sqlite3"))  # SQLite's online backup, checked before it counts
    assert (data / "copy.sqlite3").stat().st_size > 0
    bad = frozen(folder, "dossier", "show", "KHONG-CO", data=data)
    assert bad.returncode == 1 and bad.stderr.startswith("motcua: lỗi: ") and "Traceback" not in bad.stderr


def check_contents(folder: Path) -> None:
    internal = folder / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert list((plugins / "platforms").glob("*qoffscreen*"))
    if sys.platform.startswith("linux"):
        assert list((plugins / "platforms").glob("*qxcb*"))
    assert list((plugins / "multimedia").iterdir())  # the hall display's announcements
    assert list(internal.glob("pypdfium2_raw/*pdfium*"))  # the receipt preview
    assert list(internal.glob("resources/i18n/*_vi.qm")) and not list(internal.glob("resources/i18n/*.ts"))
    assert (internal / "db" / "migrations" / "env.py").is_file()
    # `motcua kiosk` and `display` are found like `gui`: through the shipped entry points, and
    # their modules are in the archive (they cannot be started here without a screen to close).
    (meta,) = internal.glob("motcua*-info")  # dist-info, or egg-info from an editable install
    entry_points = (meta / "entry_points.txt").read_text(encoding="utf-8")
    assert all(f"{name} = " in entry_points for name in ("gui", "kiosk", "display"))
    listing = subprocess.run(
        [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b", str(folder / EXE)],
        capture_output=True, text=True, timeout=120).stdout.split()
    assert {"ui.main", "ui.queue.screens", "holidays.countries.vietnam", "alembic.op",
            "keyring.backends.Windows"} <= set(listing)  # the portal token in Credential Manager
    assert not {"pytest", "tests", "PySide6.QtWebEngineCore"} & set(listing)


def test_the_packaged_app_runs_on_its_own(tmp_path):
    folder = build(tmp_path)
    version = frozen(folder, "--version", data=tmp_path / "unused")
    assert version.returncode == 0 and version.stdout.strip() == f"motcua {__version__}"
    check_contents(folder)
    check_gui_starts_with_demo_data(folder, tmp_path / "gui-data")
    check_cli_commands(folder, tmp_path / "cli-data")


def test_version_resource_carries_the_app_version():
    mb = _build_helpers()
    # PyInstaller reads the file by evaluating it with its VSVersionInfo classes: do the same
    # with stand-ins that record what they were given.
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    strings = {}

    def record(name):
        def make(*args, **kwargs):
            if name == "StringStruct":
                strings[args[0]] = args[1]
            return (name, args, kwargs)
        return make

    info = eval(mb.version_file_text(__version__), {n: record(n) for n in names})  # noqa: S307
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == fixed["prodvers"] == mb.version_tuple(__version__)
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "motcua.exe" and strings["ProductName"] == "Một Cửa"
    assert mb.version_tuple("0.2.0rc1") == (0, 2, 0, 0) and mb.version_tuple("1.2") == (1, 2, 0, 0)


def test_icon_has_every_size_windows_asks_for(tmp_path):
    mb = _build_helpers()
    with Image.open(mb.make_icon(tmp_path)) as ico:
        assert ico.format == "ICO"
        assert set(ico.ico.sizes()) == {(s, s) for s in mb.ICON_SIZES}
        ico.size = (256, 256)
        ico.load()
        assert ico.getpixel((128, 20))[3] == 255  # drawn, not blank
        assert ico.getpixel((2, 2))[3] == 0  # rounded corners stay transparent


def test_windowless_start_writes_its_output_to_the_log(tmp_path):
    """motcuaw.exe has no stdout or stderr (Windows' windowed mode); Python started with both
    closed is the same situation."""
    data = tmp_path / "data"
    env = {**os.environ, "MOTCUA_DATA_DIR": str(data)}
    for argv, code in ((["--version"], 0), (["calendar", "list"], 2)):  # the second lacks --year
        command = " ".join([f"'{sys.executable}'", f"'{PACKAGING / 'motcua_entry.py'}'", *argv])
        run = subprocess.run(["sh", "-c", f"exec {command} >&- 2>&-"], cwd=ROOT, env=env, timeout=120)
        assert run.returncode == code
    log = (data / "logs" / "motcuaw.log").read_text(encoding="utf-8").splitlines()
    assert log[0] == f"motcua {__version__}"
    assert any("--year" in line for line in log[1:])  # argparse's complaint, not lost

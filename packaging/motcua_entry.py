"""The frozen app's entry: the same `motcua` command line as the installed one.

motcuaw.exe (Windows, no console window: for the desktop shortcuts) starts without stdout and
stderr; what the command line would print there goes to <data folder>/logs/motcuaw.log instead,
so an error before the first window is not lost. The app's own log (motcua.log, motcua-kiosk.log,
motcua-display.log beside it) is configured by `main` for both executables (app/logs.py)."""

from __future__ import annotations

import sys


def _windowless_streams() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    from app.paths import data_dir

    try:
        logs = data_dir() / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        stream = open(logs / "motcuaw.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    except OSError:
        import os

        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = sys.stdout or stream
    sys.stderr = sys.stderr or stream


if __name__ == "__main__":
    _windowless_streams()
    from app.cli.main import main

    raise SystemExit(main())

"""`make screenshots`: render the windows into docs/screenshots/ (offscreen) to look at them."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ui.main import gather_facts, make_app
from ui.main_window import MainWindow


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        facts = gather_facts(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}", demo=True)
        window = MainWindow(facts)
        window.resize(1000, 640)
        window.show()
        app.processEvents()
        path = out / "main_window.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

"""The core runs headless: app/, db/ and printing/ never import Qt widgets."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = """
import importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "ui" or name.startswith("ui."):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
import app, db, printing
for pkg in (app, db, printing):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if ".migrations" in m.name or m.name.endswith("__main__"):
            continue
        __import__(m.name)
print("ok")
"""


def test_core_imports_without_pyside6():
    out = subprocess.run([sys.executable, "-c", BLOCKER], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

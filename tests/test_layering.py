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


def test_no_core_module_imports_the_gui_even_lazily():
    """Imports inside functions escape the check above: read every core module's import statements."""
    import ast

    offenders = []
    for pkg in ("app", "db", "printing"):
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                if any(n == "ui" or n.startswith(("ui.", "PySide6")) for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_gui_joins_the_cli_as_an_entry_point():
    from importlib.metadata import entry_points

    (gui,) = entry_points(group="motcua.frontends", name="gui")
    from ui.main import run

    assert gui.load() is run

"""The shipped front end's modules import one another without a cycle, counting every import:
at the top, inside functions, and under TYPE_CHECKING (a cycle hidden in a function today is an
import-order crash tomorrow). And the devices' side of the desk knows no window: it asks through
ui/intents.py."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules(package: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (`ui.intake.page`, a package as `ui.settings`)."""
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its text."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from ui import intake` is ui.intake.page
    return {m for m in found if m in known and m != name}


def graph(package: Path) -> dict[str, set[str]]:
    known = modules(package)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def reachable(edges: dict[str, set[str]], roots: list[str]) -> set[str]:
    seen, todo = set(), list(roots)
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(edges.get(m, ()))
    return seen


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def entry_modules() -> list[str]:
    """The modules the front ends start from (pyproject's motcua.frontends: desk, kiosk, display)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return sorted({v.partition(":")[0] for v in project["project"]["entry-points"]["motcua.frontends"].values()})


def test_the_shipped_front_end_has_no_import_cycle():
    edges = graph(ROOT / "ui")
    shipped = reachable(edges, entry_modules())
    # The devices' corner of the desk, where the last cycle was, is among what is checked.
    assert {"ui.main", "ui.main_window", "ui.devices.desk", "ui.devices.settings_page", "ui.devices.scan_handler",
            "ui.intents", "ui.queue.screens"} <= shipped
    assert cycles({m: edges[m] & shipped for m in shipped}) == []


def test_the_devices_side_knows_no_window():
    edges = graph(ROOT / "ui")
    for name in ("ui.devices.scan_handler", "ui.devices.desk", "ui.devices.settings_page", "ui.devices.hub", "ui.devices.wedge",
                 "ui.queue.counter_panel", "ui.intents"):
        assert "ui.main_window" not in reachable(edges, [name]), name


def test_the_check_finds_hidden_and_relative_cycles(tmp_path):
    """The reader sees what Python runs: a lazy import, one under TYPE_CHECKING, `from . import x`."""
    pkg = tmp_path / "shop"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "window.py").write_text("def build():\n    from shop.sub import wiring\n")
    (pkg / "sub" / "wiring.py").write_text("from . import handler\n")
    (pkg / "sub" / "handler.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop.window import Window\n")
    (pkg / "alone.py").write_text("import shop.sub.handler\n")
    edges = graph(pkg)
    assert edges["shop.sub.wiring"] == {"shop.sub", "shop.sub.handler"}
    assert cycles(edges) == [["shop.sub.handler", "shop.sub.wiring", "shop.window"]]
    (pkg / "sub" / "handler.py").write_text("")
    assert cycles(graph(pkg)) == []

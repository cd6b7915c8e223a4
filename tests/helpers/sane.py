"""SANE's own `test` backend as the tests' scanner: a real libsane driver stack behind the real
`scanimage`, no hardware. Debian ships it switched off in /etc/sane.d/dll.conf; rather than change
the machine's SANE set-up, a test points SANE_CONFIG_DIR at a private folder that enables only it
(its feeder holds 10 pages; a bed up to 300 mm, so an A4 page fits)."""

from __future__ import annotations

from pathlib import Path

import pytest


def sane_test_config(folder: Path, *, bed_mm: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    (folder / "test.conf").write_text(f"number_of_devices 2\ngeometry_max {bed_mm}.0\n")
    return folder


@pytest.fixture
def sane_test_backend(tmp_path, monkeypatch) -> Path:
    """SANE sees only its test devices test:0 and test:1 (no trailing ':' in SANE_CONFIG_DIR,
    so /etc/sane.d is not read: no probing of USB or the network either)."""
    folder = sane_test_config(tmp_path / "sane.d")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(folder))
    return folder

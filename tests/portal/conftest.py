"""Fixtures for the portal tests: a real sandbox portal process per test (tests/helpers/sandbox.py)."""

from __future__ import annotations

import pytest

from tests.helpers.sandbox import Sandbox


@pytest.fixture
def sandbox(tmp_path):
    """A started sandbox portal with fault switches, its own store in tmp_path; always stopped."""
    portal = Sandbox(tmp_path / "portal-sandbox.sqlite3")
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()


@pytest.fixture
def make_sandbox(tmp_path):
    """Factory for extra or differently configured portals: make_sandbox(token=..., unit=...,
    faults=..., start=True). All are stopped at teardown."""
    made: list[Sandbox] = []

    def make(name: str = "portal", *, start: bool = True, **kw) -> Sandbox:
        portal = Sandbox(tmp_path / f"{name}-{len(made)}.sqlite3", **kw)
        made.append(portal)
        return portal.start() if start else portal

    yield make
    for portal in made:
        portal.stop()

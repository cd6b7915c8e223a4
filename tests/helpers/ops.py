"""Fixtures for ui/ops.py's pool: synchronous (the UI tests' default) or real threads."""

import pytest


@pytest.fixture(autouse=True)
def sync_ops():
    from ui.ops import SynchronousPool, set_default_pool

    previous = set_default_pool(SynchronousPool())
    yield
    set_default_pool(previous)


@pytest.fixture
def thread_ops(sync_ops):
    """Ops on a real QThreadPool of their own, drained after the test."""
    from PySide6.QtCore import QThreadPool

    from ui.ops import ThreadPool, set_default_pool

    pool = ThreadPool(QThreadPool())
    set_default_pool(pool)
    yield pool
    assert pool.wait(60_000), "an op was still running 60 s after its test"

"""The desk's work runs on ui/ops.py's pool: here a synchronous one by default (Picard's
FakeThreadPool), so a test sees an op's result the moment it returns instead of polling; a test of
the real threads asks for `thread_ops`."""

from tests.helpers.ops import sync_ops, thread_ops  # noqa: F401 - fixtures

"""The suite's own rules (tests/conftest.py): one derandomised Hypothesis profile unless
HYPOTHESIS_PROFILE=long asks for fresh examples, and no log record of WARNING or above from the
app that a test did not declare, in its setup, call or teardown."""

from __future__ import annotations

import logging
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import conftest
from tests.helpers.hypothesis_budget import examples

meta = logging.getLogger("motcua.suite_checks")
private = logging.getLogger("motcua.suite_checks.private")
private.propagate = False  # its records never reach the root logger's handlers


def test_the_profile_is_the_derandomised_ci_one_unless_hypothesis_profile_says_long():
    assert settings.get_current_profile_name() == (os.environ.get("HYPOTHESIS_PROFILE") or "ci")
    ci, long = settings.get_profile("ci"), settings.get_profile("long")
    assert (ci.derandomize, ci.database, ci.deadline, ci.print_blob) == (True, None, None, True)
    assert long.derandomize is False  # fresh inputs
    assert long.max_examples == 25 * ci.max_examples  # nothing re-registers "long" (tests/fuzz once did)
    assert examples(300).max_examples == (300 if settings.get_current_profile_name() == "ci" else 7500)


@given(st.integers())
def test_a_property_test_inherits_the_profile(n):
    own = test_a_property_test_inherits_the_profile._hypothesis_internal_use_settings
    assert own.derandomize is (conftest.HYPOTHESIS_PROFILE == "ci")


def test_a_property_test_that_leaves_the_profile_is_refused():
    @settings(derandomize=conftest.HYPOTHESIS_PROFILE == "long")
    @given(st.integers())
    def leaves(n):
        pass

    @given(st.integers())
    def stays(n):
        pass

    assert "leave both to the" in conftest.hypothesis_profile_problem(leaves)
    assert conftest.hypothesis_profile_problem(stays) is None
    assert conftest.hypothesis_profile_problem(test_a_property_test_that_leaves_the_profile_is_refused) is None


@pytest.fixture
def warns_in_setup():
    meta.warning("warned in setup")
    return None


@pytest.mark.expected_log("motcua.suite_checks", logging.WARNING, r"^warned in setup$")
@pytest.mark.expected_log("motcua.suite_checks.private", logging.ERROR, r"^not propagated$")
def test_records_of_the_setup_and_of_a_logger_that_does_not_propagate_are_seen(warns_in_setup):
    private.error("not propagated")  # both declarations must match exactly once, or this test fails


class _Item:
    """What the verdict reads of a test item: its expected_log marks."""

    def __init__(self, *marks):
        self.marks = [m.mark for m in marks]

    def iter_markers(self, name):
        return [m for m in self.marks if m.name == name]


def _record(name, level, message):
    return logging.LogRecord(name, level, __file__, 1, message, (), None)


def test_the_verdict_reports_each_undeclared_record_in_its_phase_and_miscounted_declarations(monkeypatch):
    records = [("setup", _record("motcua.db", logging.WARNING, "slow start")),
               ("call", _record("motcua.ui", logging.WARNING, "declared twice")),
               ("call", _record("ui.queue.watch", logging.ERROR, "module logger")),
               ("teardown", _record("motcua.sync", logging.WARNING, "late"))]
    monkeypatch.setattr(conftest._log_watch, "records", records)
    item = _Item(pytest.mark.expected_log("motcua.ui", logging.WARNING, "declared", count=2))
    assert conftest._log_verdict(item, "setup", counts=False) == (
        "unexpected log record [setup] WARNING motcua.db: slow start")
    assert conftest._log_verdict(item, "call", counts=True) == (
        "unexpected log record [call] ERROR ui.queue.watch: module logger\n"
        "expected_log('motcua.ui', WARNING, 'declared') matched 1 records, not 2")
    assert conftest._log_verdict(item, "teardown", counts=False) == (
        "unexpected log record [teardown] WARNING motcua.sync: late")
    # a record of another level, logger or text is not covered by a declaration
    item = _Item(pytest.mark.expected_log("motcua.db", logging.ERROR, "slow start"),
                 pytest.mark.expected_log("motcua", logging.WARNING, "slow start"))
    assert "[setup] WARNING motcua.db: slow start" in conftest._log_verdict(item, "setup", counts=False)
    # a third-party logger is not the app's
    monkeypatch.setattr(conftest._log_watch, "records", [])
    conftest._log_watch.emit(_record("sqlalchemy.engine", logging.WARNING, "theirs"))
    assert conftest._log_watch.records == []

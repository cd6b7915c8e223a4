"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file; the PostgreSQL
tests get a real throwaway server started by this test session (tests/helpers/pg_server.py).
Every property test runs under one Hypothesis profile, and a test that makes the app log a
warning it did not declare fails (both below)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis.internal.detection import is_hypothesis_test  # noqa: E402

pytest_plugins = ["tests.helpers.pg_server", "tests.helpers.keyrings", "tests.helpers.softhsm"]

# --- Hypothesis -----------------------------------------------------------------------------------
# "ci" (the default, `make test`): the same inputs every run whatever an earlier run left in
# .hypothesis/, and a failure prints the blob that replays it. "long" (HYPOTHESIS_PROFILE=long):
# fresh random inputs, 25 times as many (tests/helpers/hypothesis_budget.py scales the tests that
# set their own budget), failures kept in .hypothesis/ and replayed first.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile(
    "long", max_examples=100 * 25, derandomize=False, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or "ci"
hypothesis_settings.load_profile(HYPOTHESIS_PROFILE)


def hypothesis_profile_problem(test) -> str | None:
    """Why a property test does not run under the profile loaded (None: it does). A test's own
    `@settings(derandomize=…, database=…)` would otherwise quietly leave the profile."""
    if not is_hypothesis_test(test):
        return None
    own = test._hypothesis_internal_use_settings
    fresh = HYPOTHESIS_PROFILE == "long"
    if own.derandomize == fresh or (not fresh and own.database is not None):
        return (f"{test.__name__} sets derandomize={own.derandomize}, database={own.database!r}: "
                f"leave both to the {HYPOTHESIS_PROFILE!r} profile (tests/conftest.py)")
    return None


# --- unexpected log records (qutebrowser's logfail) -------------------------------------------------
# Every logger of the app: "motcua" and "motcua.*", and the modules that log under their own
# __name__. Seen from the start of a test's setup to the end of its teardown; a record a test
# provokes on purpose is declared, exactly, with
#     @pytest.mark.expected_log("motcua.announcements", logging.WARNING, r"regex", count=2)
WATCHED_LOGGERS = ("motcua", "app", "ui", "db", "printing")


def _watched(name: str) -> bool:
    return name.split(".", 1)[0] in WATCHED_LOGGERS


class _LogWatch(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, logging.LogRecord]] = []
        self.phase = "setup"

    def emit(self, record: logging.LogRecord) -> None:
        if _watched(record.name):
            self.records.append((self.phase, record))

    def watch_every_logger(self) -> None:
        """On the root logger, and on any of ours that does not pass its records up to it."""
        loggers = [logging.getLogger()] + [
            lg for name, lg in list(logging.root.manager.loggerDict.items())
            if isinstance(lg, logging.Logger) and _watched(name) and not lg.propagate]
        for lg in loggers:
            if self not in lg.handlers:
                lg.addHandler(self)


_log_watch = _LogWatch()


def _expected_logs(item) -> list[dict]:
    out = []
    for mark in item.iter_markers("expected_log"):
        logger, level, pattern = mark.args
        count = mark.kwargs.get("count", 1)
        out.append({"logger": logger, "level": level, "pattern": re.compile(pattern), "want": count,
                    "count": range(count, count + 1) if isinstance(count, int) else count, "seen": 0})
    return out


def _log_verdict(item, phase: str, *, counts: bool) -> str | None:
    """The records of this phase no declaration matches; with `counts` (the end of the call), also
    the declarations matched by another number of records of the setup and the call."""
    declared = _expected_logs(item)
    unexpected = []
    for at, r in _log_watch.records:
        match = next((d for d in declared if d["logger"] == r.name and d["level"] == r.levelno
                      and d["pattern"].search(r.getMessage())), None)
        if match is not None:
            match["seen"] += at != "teardown"
        elif at == phase:
            unexpected.append(f"[{phase}] {r.levelname} {r.name}: {r.getMessage()}")
    problems = ["unexpected log record " + u for u in unexpected]
    if counts:
        problems += [f"expected_log({d['logger']!r}, {logging.getLevelName(d['level'])}, "
                     f"{d['pattern'].pattern!r}) matched {d['seen']} records, not {d['want']}"
                     for d in declared if d["seen"] not in d["count"]]
    return "\n".join(problems) or None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    if isinstance(item, pytest.Function) and (problem := hypothesis_profile_problem(item.obj)):
        pytest.fail(problem, pytrace=False)
    _log_watch.records.clear()
    _log_watch.phase = "setup"
    _log_watch.watch_every_logger()
    result = yield
    if problem := _log_verdict(item, "setup", counts=False):
        pytest.fail(problem, pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _log_watch.phase = "call"
    _log_watch.watch_every_logger()
    result = yield  # a failing test raises here: what it did not log then is no news
    if problem := _log_verdict(item, "call", counts=True):
        pytest.fail(problem, pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    _log_watch.phase = "teardown"
    _log_watch.watch_every_logger()
    result = yield
    problem = _log_verdict(item, "teardown", counts=False)
    _log_watch.records.clear()
    if problem:
        pytest.fail(problem, pytrace=False)
    return result


# --- the slow tests first ---------------------------------------------------------------------------
# Under `pytest -n 2` (xdist's `load` scheduling) the workers take the tests in collection order,
# a chunk at first and more as they run short: a long test collected late can be the last one
# running, alone on one worker while the other idles, and adds its whole length to the run. These
# (node id prefixes, slowest first; the seconds of a CI run beside each) are moved to the front of
# the collection, so they start at once and the many short tests fill in around them.
# Keep the list short: only tests of several seconds, by the `--durations` of a recent run, and
# none that makes the QApplication (ui.main.make_app turns the automatic cycle collector off for
# the rest of that worker's run, which every later test would then inherit). So not
# tests/ui/test_toolkit.py's boolean test: under a second alone, its 12 s in a run were full
# collections of a long-running worker's heap, which the test itself now spares (gc.freeze). Nor
# tests/cli/test_never_crashes.py's killed backup (12 -> 5 s): moved away from its module, it
# would have the module's office (3 s) built a second time. Nor test_three_processes_on_sqlite
# (8 -> 4 s): no longer long enough to matter at the end.
#
# xdist 3.x's `load` gives each worker at first a run of consecutive tests (a quarter of its
# share), so these all start on the first worker, one after another (4-5 min), while the second
# takes the short tests; both then draw the rest in small chunks, and no long test is left to
# start near the end.
SLOW_FIRST = (  # seconds: the last CI run's, then (where this change made a test cheaper) here alone
    "tests/packaging/test_package.py::test_the_packaged_app_runs_on_its_own",  # 82
    "tests/crash/test_kill_during_registration.py::test_power_pull_of_the_postgresql_server_while_registering",  # 55
    "tests/crash/test_kill_during_registration.py::test_kill_9_while_registering_on_sqlite",  # 38
    "tests/services/queue/test_queue_concurrency.py::test_eight_counters_and_a_kiosk_on_postgresql",  # 67 -> 31
    "tests/printing/test_receipt_fits.py::test_every_catalog_procedure_prints_one_sheet_per_copy",  # 23 + 16 -> 17 + 12
    "tests/services/test_logs.py::test_the_command_line_logs_codes_and_never_an_id_number_a_phone_or_a_name",  # 9
    "tests/services/trust/test_backup_pace.py::test_a_stepped_backup_finishes_while_counters_write_and_holds_one_moment",  # 9
    "tests/ui/queue/test_announcer.py::test_on_a_real_audio_sink_each_call_plays_to_its_end_before_the_next",  # 13 -> 7
)


def slow_rank(nodeid: str) -> int:
    """The place of a test in SLOW_FIRST, len(SLOW_FIRST) for every other test."""
    return next((i for i, prefix in enumerate(SLOW_FIRST) if nodeid.startswith(prefix)), len(SLOW_FIRST))


@pytest.hookimpl(trylast=True)  # after any other plugin reordered or deselected
def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: slow_rank(item.nodeid))  # stable: the rest keep their order


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An isolated user data folder: nothing a test does touches the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    monkeypatch.delenv("MOTCUA_DB", raising=False)
    return folder


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'motcua.sqlite3'}"


def _build(url):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    db = Database(url)
    upgrade(db)
    seed_demo_office(db, force_password_change=False)  # tests log in as the demo accounts; the forced change has its own tests
    return db


# Migrating and seeding takes about two seconds; each process does it once into a template, and
# every test gets a copy of it (a file copy; PostgreSQL's CREATE DATABASE … TEMPLATE).
_templates: dict = {}


def _ready(url):
    from sqlalchemy.engine import make_url

    from db.engine import Database

    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        template = _templates.get("sqlite")
        if template is None:
            template = Path(tempfile.mkdtemp(prefix="motcua-template-")) / "template.sqlite3"
            _build(f"sqlite:///{template}").dispose()  # the last connection folds the WAL into the file
            _templates["sqlite"] = template
        shutil.copyfile(template, u.database)
        return Database(url)
    import psycopg

    key = (u.host, u.port)

    def admin():
        return psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                               dbname="postgres", autocommit=True)

    template = _templates.get(key)
    if template is None:
        template = f"template_{os.getpid()}"
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{template}"')
            conn.execute(f'CREATE DATABASE "{template}" TEMPLATE template0 ENCODING \'UTF8\'')
        _build(u.set(database=template).render_as_string(hide_password=False)).dispose()
        _templates[key] = template
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{u.database}"')
        conn.execute(f'CREATE DATABASE "{u.database}" TEMPLATE "{template}"')
    return Database(url)


@pytest.fixture
def db(sqlite_url):
    """A migrated SQLite database with the bundled catalog and the demo office."""
    database = _ready(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_url):
    """The same on the real PostgreSQL server."""
    database = _ready(pg_url)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request):
    """Runs a test on both backends."""
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture(autouse=True)
def _collect_cycles_between_tests():
    """Once a test made the QApplication, the app collects cycles only from a GUI-thread timer
    (ui/gui_gc.py), which runs only while an event loop does: tests without one collect here, on
    the main thread, when a generation is due, so a long test process does not grow."""
    import gc

    yield
    if not gc.isenabled():
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                break

"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file; the PostgreSQL
tests get a real throwaway server started by this test session (tests/helpers/pg_server.py)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest_plugins = ["tests.helpers.pg_server", "tests.helpers.keyrings"]


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
def _fail_on_unexpected_warnings(caplog):
    """A test that makes the app log a warning it did not expect fails (qutebrowser's logfail)."""
    yield
    bad = [r for r in caplog.get_records("call")
           if r.levelno >= logging.WARNING and r.name.startswith("motcua")
           and not getattr(r, "expected", False)]
    if bad:
        pytest.fail("unexpected warnings logged: " + "; ".join(r.getMessage() for r in bad))

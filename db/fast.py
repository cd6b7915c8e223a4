"""Core statements run straight on the driver's cursor, for the counter's most frequent write.

Registering a dossier runs some fifteen statements in one transaction. Through SQLAlchemy each
execution costs several times what the driver does with it (events, the compiled cache's lookup,
parameter and result objects): measured, more than half of a registration's time, the database's
own work included. Here each statement is compiled once per dialect by SQLAlchemy itself (its SQL,
its parameter order, its type processors for both SQLite and PostgreSQL), and then run on the
DBAPI cursor of the session's connection, inside the session's transaction: the same SQL, the
same values stored, the same rows read, without the machinery in between.

Only for plain statements: no expanding IN (compiled with the values rendered as parameters), no
server-side defaults read back other than by RETURNING. tests/db/test_fast.py runs each statement
both ways on both backends and compares."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

from db.engine import core


@dataclass
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None  # the parameters' order (qmark), None for named (pyformat)
    binds: tuple[tuple[str, Any], ...]  # (name, processor) of the parameters with one
    defaults: tuple[tuple[str, Any, bool], ...]  # (name, value or function, is a function): INSERT defaults
    fixed: dict[str, Any]  # the values the statement holds itself (a literal compared, an IN list)
    row: type | None  # the result's row type (a named tuple), None without a result
    types: tuple  # the result's column types
    # (position, processor) of the result's columns with one: known at the first execution, as
    # a driver's processor may depend on the type the database answers with (PostgreSQL numbers)
    results: tuple[tuple[int, Any], ...] | None = None


# By the statement's identity: statements are meant to be built once (module constants, cached
# builders). The statements are kept, so an id stays theirs; a caller building a new one each
# time would only make the cache start over at _MOST.
_compiled: dict[tuple[int, str, tuple[str, ...]], _Compiled] = {}
_keep: list[ClauseElement] = []
_MOST = 2000


def _compile(statement: ClauseElement, dialect, keys: tuple[str, ...]) -> _Compiled:
    c = statement.compile(dialect=dialect, column_keys=list(keys) or None,
                          compile_kwargs={"render_postcompile": True})
    binds = tuple((name, p) for name, p in c._bind_processors.items() if p is not None)
    defaults = []
    for column in getattr(c, "insert_prefetch", ()) or ():
        default = column.default
        if column.key in keys:
            continue
        if default is None or not (default.is_scalar or default.is_callable):
            raise ValueError(f"{column.key}: a default that is not a value or a function must be given")
        # SQLAlchemy wraps a default function of no argument into one of the execution context:
        # ours (new_uuid, now_local) ask nothing of it.
        defaults.append((column.key, default.arg, default.is_callable))
    required = {name for name, bind in c.binds.items() if bind.required}
    defaulted = {name for name, _arg, _call in defaults}
    fixed = {name: value for name, value in c.params.items()
             if name not in required and name not in keys and name not in defaulted}
    columns = c._result_columns
    row = namedtuple("Row", [e.keyname for e in columns], rename=True) if columns else None
    return _Compiled(c.string, tuple(c.positiontup) if c.positional else None, binds, tuple(defaults), fixed,
                     row, tuple(e.type for e in columns))


class Fast:
    """The statements of one transaction on its driver connection (`fast(session)`)."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.dialect = connection.dialect
        self.error = self.dialect.loaded_dbapi.Error
        self.dbapi = connection.connection.dbapi_connection
        self.name = self.dialect.name

    def _get(self, statement: ClauseElement, keys: tuple[str, ...]) -> _Compiled:
        key = (id(statement), self.name, keys)
        found = _compiled.get(key)
        if found is None:
            if len(_compiled) >= _MOST:
                _compiled.clear()
                _keep.clear()
            found = _compiled[key] = _compile(statement, self.dialect, keys)
            _keep.append(statement)
        return found

    def _params(self, c: _Compiled, values: dict[str, Any]):
        if c.fixed:
            values = {**c.fixed, **values}
        if c.defaults:
            values = {**{name: arg(None) if call else arg for name, arg, call in c.defaults}, **values}
        if c.binds:
            values = dict(values)
            for name, processor in c.binds:
                if name in values:
                    values[name] = processor(values[name])
        if c.positional is not None:
            return tuple(values[name] for name in c.positional)
        return values

    def _rows(self, c: _Compiled, raw: list, description) -> list:
        if c.results is None:
            c.results = tuple((i, p) for i, (type_, d) in enumerate(zip(c.types, description, strict=True))
                              if (p := type_._cached_result_processor(self.dialect, d[1])) is not None)
        if c.results:
            out = []
            for r in raw:
                r = list(r)
                for i, processor in c.results:
                    r[i] = processor(r[i])
                out.append(c.row._make(r))
            return out
        return [c.row._make(r) for r in raw]

    def rows(self, statement: ClauseElement, values: dict[str, Any] | None = None) -> list:
        """Every row of a SELECT (or of a statement with RETURNING), as named tuples."""
        values = values or {}
        c = self._get(statement, _keys(statement, values))
        params = self._params(c, values)
        cursor = self.dbapi.cursor()
        try:
            cursor.execute(c.sql, params)
            return self._rows(c, cursor.fetchall(), cursor.description)
        except self.error as exc:
            self._failed(exc, c.sql, params, cursor)
        finally:
            cursor.close()

    def first(self, statement: ClauseElement, values: dict[str, Any] | None = None):
        found = self.rows(statement, values)
        return found[0] if found else None

    def scalar(self, statement: ClauseElement, values: dict[str, Any] | None = None):
        found = self.first(statement, values)
        return found[0] if found else None

    def run(self, statement: ClauseElement, values: dict[str, Any] | list[dict[str, Any]]) -> None:
        """An INSERT (or UPDATE) of one row, or of many with the same keys."""
        many = values if isinstance(values, list) else [values]
        if not many:
            return
        c = self._get(statement, tuple(many[0]))
        params = [self._params(c, v) for v in many]
        cursor = self.dbapi.cursor()
        try:
            if len(params) == 1:
                cursor.execute(c.sql, params[0])
            else:
                cursor.executemany(c.sql, params)
        except self.error as exc:
            self._failed(exc, c.sql, params, cursor)
        finally:
            cursor.close()

    def _failed(self, exc: Exception, sql: str, params, cursor) -> None:
        """The driver's error as SQLAlchemy raises it (IntegrityError, OperationalError …, which
        db/errors.py tells a person about), the connection invalidated when the server went away."""
        self.connection._handle_dbapi_exception(exc, sql, params, cursor, None)


def _keys(statement: ClauseElement, values: dict[str, Any]) -> tuple[str, ...]:
    """An INSERT without its own VALUES is compiled for the columns given; any other statement's
    parameters are its own."""
    if getattr(statement, "is_insert", False) and not getattr(statement, "_values", None):
        return tuple(values)
    return ()


def fast(session: Session) -> Fast:
    """The session's transaction, begun (BEGIN IMMEDIATE on SQLite) and flushed, for `Fast`; one
    per connection of the session."""
    connection = core(session)
    found = session.info.get("fast")
    if found is None or found[0] is not connection:
        found = session.info["fast"] = (connection, Fast(connection))
    return found[1]

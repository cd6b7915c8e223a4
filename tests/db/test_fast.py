"""db/fast.py runs a statement on the driver's cursor: on SQLite and on PostgreSQL, what it stores
and what it reads back are what SQLAlchemy's own execution stores and reads (dates and times,
JSON, booleans, floats, an INSERT's defaults and RETURNING, an IN list, an upsert)."""

from datetime import date, datetime

from sqlalchemy import bindparam, insert, select

from app.services.sequences import next_yearly
from db.fast import fast
from db.models import (
    AuditRecord,
    CalendarOverride,
    DossierEvent,
    Procedure,
    Setting,
    YearlySequence,
)

_EVENTS = select(DossierEvent.__table__.c.uuid, DossierEvent.__table__.c.at, DossierEvent.__table__.c.details,
                 DossierEvent.__table__.c.status_from).where(DossierEvent.__table__.c.id == bindparam("id"))
_INSERT_EVENT = insert(DossierEvent.__table__).returning(DossierEvent.__table__.c.id)
_PROCEDURES = select(Procedure.id, Procedure.time_value, Procedure.active, Procedure.cutoff).order_by(Procedure.id)
_SETTINGS = select(Setting.key, Setting.value).where(Setting.key.in_(("demo_mode", "no_such_key"))).order_by(Setting.key)
_DAYS = select(CalendarOverride.day, CalendarOverride.created_at).order_by(CalendarOverride.day)
_INSERT_DAY = insert(CalendarOverride.__table__)


def test_rows_read_are_the_rows_sqlalchemy_reads(any_db):
    with any_db.writing() as s:
        s.add(CalendarOverride(day=date(2026, 12, 31), kind="day_off", reason="Nghỉ bù", created_by="admin",
                               created_at=datetime(2026, 12, 1, 8, 30, 15, 123456)))
    with any_db.writing() as s:
        f = fast(s)
        for statement in (_PROCEDURES, _SETTINGS, _DAYS):
            expected = [tuple(r) for r in s.connection().execute(statement)]
            got = [tuple(r) for r in f.rows(statement)]
            assert got == expected and got, statement
            assert [type(v) for v in got[0]] == [type(v) for v in expected[0]]
        row = f.first(_DAYS)
        assert row.day == date(2026, 12, 31) and row.created_at == datetime(2026, 12, 1, 8, 30, 15, 123456)


def test_an_insert_stores_what_sqlalchemy_stores_with_its_defaults_and_returns_its_id(any_db):
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, request

    dossier = register(any_db, OFFICER, request("1.000894"))
    at = datetime(2026, 12, 7, 9, 15, 0, 42)
    values = {"uuid": "e0000000-0000-4000-8000-000000000001", "dossier_id": dossier.id, "action": "note",
              "status_from": None, "status_to": 2, "at": at, "user_id": 1, "counter_id": None,
              "note": "Ghi chú", "details": {"lý do": "thử", "n": [1, 2]}}
    with any_db.writing() as s:
        new_id = fast(s).scalar(_INSERT_EVENT, values)
        fast(s).run(_INSERT_DAY, [{"day": date(2027, 1, d), "kind": "day_off", "reason": "Tết", "created_by": "a",
                                   "created_at": at} for d in (1, 2)])
    with any_db.reading() as s:
        event = s.get(DossierEvent, new_id)
        assert (event.uuid, event.at, event.details, event.status_from, event.note) == \
            (values["uuid"], at, values["details"], None, "Ghi chú")
        assert s.get(CalendarOverride, date(2027, 1, 2)).reason == "Tết"
        assert tuple(fast(s).first(_EVENTS, {"id": new_id})) == (values["uuid"], at, values["details"], None)


def test_the_upsert_of_a_sequence_counts_on(any_db):
    with any_db.writing() as s:
        assert [next_yearly(s, "ledger:thu", 2026) for _ in range(3)] == [1, 2, 3]
    with any_db.reading() as s:
        assert s.scalar(select(YearlySequence.last_value).where(YearlySequence.name == "ledger:thu")) == 3


def test_the_audit_chain_written_by_registering_verifies(any_db):
    from app.services.intake.registration import register
    from app.services.trust.audit_chain import verify
    from tests.helpers.factories import OFFICER, request

    for _ in range(3):
        register(any_db, OFFICER, request("1.000894"))
    result = verify(any_db)
    assert result.ok and result.count >= 3
    with any_db.reading() as s:
        assert s.scalar(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)) == result.head_hash


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(any_db):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from db.errors import describe

    day = {"day": date(2027, 2, 1), "kind": "day_off", "reason": "x", "created_by": "a", "created_at": datetime(2027, 1, 1)}
    with any_db.writing() as s:
        fast(s).run(_INSERT_DAY, day)
    with pytest.raises(IntegrityError) as caught, any_db.writing() as s:
        fast(s).run(_INSERT_DAY, day)  # the same day twice: its primary key
    assert describe(caught.value) is None  # a bug, not a person's problem: reported as one
    with any_db.reading() as s:
        assert s.scalar(select(CalendarOverride.reason).where(CalendarOverride.day == date(2027, 2, 1))) == "x"

"""Synthetic dossiers: realistic, complete, reproducible, and never sent to the portal."""

import unicodedata
from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.applicant import check_cccd
from app.domain.codes import parse_dossier_code
from app.domain.folding import fold
from app.domain.permissions import Actor
from app.domain.vocab import ApplicantKind, Channel, DossierStatus, Role
from app.errors import PermissionDenied, UserError
from app.services.demo_data import generate
from app.services.dossiers.query import search
from db.models import AuditRecord, Dossier, DossierEvent, DossierSequence, OutboxMessage

UNTIL = datetime(2026, 11, 20, 15, 30)
ADMIN = Actor.system()


def count(db, model):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_generated_dossiers_are_complete_and_never_queued_for_the_portal(any_db):
    outbox_before = count(any_db, OutboxMessage)
    assert generate(any_db, ADMIN, 400, seed=5, until=UNTIL) == 400
    assert count(any_db, OutboxMessage) == outbox_before
    with any_db.reading() as s:
        dossiers = s.scalars(select(Dossier)).all()
        assert len(dossiers) == 400 and all(d.is_demo for d in dossiers)
        events = Counter(s.scalars(select(DossierEvent.dossier_id)))
        assert set(events) == {d.id for d in dossiers}
        for d in dossiers:
            assert d.received_at <= UNTIL and d.due_at >= d.received_at
            history = d.events
            assert history[-1].status_to == d.status
            assert [e.at for e in history] == sorted(e.at for e in history)
            assert all(e.at <= UNTIL for e in history)
            if d.status == DossierStatus.RETURNED:
                assert d.finished_at is not None and d.returned_at is not None
        codes = [parse_dossier_code(d.code) for d in dossiers]
        assert None not in codes
        per_day = Counter(c.day for c in codes)
        sequences = {r.day: r.last_value for r in s.scalars(select(DossierSequence))}
        assert sequences == per_day  # every number issued once, none skipped
        assert all(c.day == d.received_at.date() for c, d in zip(codes, dossiers, strict=True))
        audits = s.scalars(select(AuditRecord).where(AuditRecord.action == "demo.generate")).all()
        assert sum(a.details["dossiers"] for a in audits) == 400


def test_every_status_and_channel_with_vietnamese_names_and_valid_cccd(db):
    generate(db, ADMIN, 3000, seed=1, until=UNTIL, years=2)
    with db.reading() as s:
        rows = s.execute(select(Dossier.status, Dossier.channel, Dossier.applicant_kind, Dossier.applicant_name,
                                Dossier.applicant_id_number, Dossier.applicant_birth_date, Dossier.applicant_sex,
                                Dossier.received_at)).all()
    assert {r.status for r in rows} == {int(x) for x in DossierStatus}
    assert {r.channel for r in rows} == {int(x) for x in Channel}
    citizens = [r for r in rows if r.applicant_kind == ApplicantKind.CITIZEN]
    assert citizens and any(r.applicant_kind == ApplicantKind.BUSINESS for r in rows)
    for r in citizens:
        assert unicodedata.is_normalized("NFC", r.applicant_name)
        assert check_cccd(r.applicant_id_number, birth_date=r.applicant_birth_date, sex=r.applicant_sex)
    letters = set("".join(r.applicant_name for r in rows))
    assert {"Đ", "ễ", "ư", "ơ", "ă"} <= letters  # Vietnamese names, not ASCII stand-ins
    years = {r.received_at.year for r in rows}
    assert years == {2024, 2025, 2026}


def test_same_seed_gives_the_same_dossiers(tmp_path):
    from tests.conftest import _ready

    def names(folder):
        db = _ready(f"sqlite:///{tmp_path / folder}.sqlite3")
        generate(db, ADMIN, 200, seed=9, until=UNTIL)
        with db.reading() as s:
            out = s.execute(select(Dossier.code, Dossier.applicant_name, Dossier.uuid).order_by(Dossier.id)).all()
        db.dispose()
        return out

    assert names("a") == names("b")


def test_running_twice_adds_more_without_colliding(db):
    generate(db, ADMIN, 150, seed=1, until=UNTIL)
    generate(db, ADMIN, 150, seed=1, until=UNTIL)
    with db.reading() as s:
        assert s.scalar(select(func.count(func.distinct(Dossier.code)))) == 300
        assert s.scalar(select(func.count(func.distinct(Dossier.uuid)))) == 300


def test_demo_dossiers_are_found_by_name_without_diacritics(db):
    generate(db, ADMIN, 300, seed=2, until=UNTIL)
    officer = Actor("canbo", Role.OFFICER)
    rows = search(db, officer, "nguyen", 50)
    assert len(rows) == 50
    assert all(any(w.startswith("nguyen") for w in fold(r.applicant_name).split()) for r in rows)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.GUIDE, Role.SUPERVISOR])
def test_only_an_administrator_may_generate(db, role):
    with pytest.raises(PermissionDenied):
        generate(db, Actor("x", role), 10, until=UNTIL)
    assert count(db, Dossier) == 0


@pytest.mark.parametrize("n", [0, -5, 5_000_001])
def test_count_out_of_range_is_refused(db, n):
    with pytest.raises(UserError, match="Số hồ sơ mẫu"):
        generate(db, ADMIN, n, until=UNTIL)
    assert count(db, Dossier) == 0


def test_every_received_demo_dossier_is_entered_in_its_books_numbers_in_order(db):
    """Form 07: each dossier received has its sector book's next number of the year, in the order
    of receipt, from 1, with no gap; an online dossier still waiting has none; the next dossier
    registered at the counter follows on."""
    from app.services.dossiers.ledger import book_for, books_in
    from app.services.intake.registration import register
    from db.models import Procedure
    from tests.helpers.factories import OFFICER, request

    generate(db, ADMIN, 400, seed=3, until=UNTIL, years=2)
    generate(db, ADMIN, 100, seed=4, until=UNTIL, years=2)  # a second run continues each book
    with db.reading() as s:
        books = books_in(s)
        rows = s.execute(select(Dossier.status, Dossier.received_at, Dossier.id, Dossier.ledger_book,
                                Dossier.ledger_year, Dossier.ledger_number, Procedure.sector_code)
                         .join(Procedure, Procedure.id == Dossier.procedure_id)).all()
    runs: dict = {}
    for r in rows:
        if r.status == DossierStatus.NEW:
            assert r.ledger_number is None
            continue
        assert (r.ledger_book, r.ledger_year) == (book_for(books, r.sector_code).key, r.received_at.year)
        runs.setdefault((r.ledger_book, r.ledger_year), []).append(r)
    assert len(runs) > 3
    for entries in runs.values():
        assert sorted(e.ledger_number for e in entries) == list(range(1, len(entries) + 1))
    first_run = [e for e in runs[max(runs, key=lambda k: len(runs[k]))] if e.id <= 400]
    first_run.sort(key=lambda e: e.ledger_number)
    assert [e.received_at for e in first_run] == sorted(e.received_at for e in first_run)
    code = register(db, OFFICER, request("1.000894", received_at=UNTIL)).code
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        taken = [e.ledger_number for e in runs.get((d.ledger_book, d.ledger_year), [])]
        assert d.ledger_number == max(taken, default=0) + 1


def test_demo_fees_are_paid_as_an_office_would_have_them_and_past_days_are_closed(any_db):
    """Issue 25: a demo office does not show every returned dossier as owing, each payment has its
    history event and counts in `fees_paid`, and each counter's past days are closed, so the first
    closing at a demo counter counts today's payments only (UNTIL is a Friday afternoon)."""
    from db.models import CounterClosing, DossierPayment

    generate(any_db, ADMIN, 3000, seed=7, until=UNTIL)
    with any_db.reading() as s:
        dossiers = {d.id: d for d in s.scalars(select(Dossier))}
        payments = s.scalars(select(DossierPayment)).all()
        assert payments and {p.method for p in payments} == {"cash", "transfer", "online"}
        paid = Counter()
        for p in payments:
            paid[p.dossier_id] += p.amount
        for d in dossiers.values():
            assert d.fees_paid == paid[d.id] <= d.fees_total
            if d.status == DossierStatus.RETURNED:
                assert d.fees_paid == d.fees_total
            if d.status in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED):
                assert d.fees_paid == 0
        recorded = {e.details["payment_uuid"] for e in s.scalars(select(DossierEvent).where(DossierEvent.action == "payment"))}
        assert recorded == {p.uuid for p in payments}
        for p in payments:
            assert (p.counter_id is None) == (p.method == "online")
            assert (p.closing_id is None) == (p.counter_id is None or p.paid_at.date() == UNTIL.date())
        for c in s.scalars(select(CounterClosing)):
            counted = [p for p in payments if p.closing_id == c.id]
            assert c.payments == len(counted) and c.cash_total == sum(p.amount for p in counted if p.method == "cash")
            assert c.difference == 0 and c.day < UNTIL.date()

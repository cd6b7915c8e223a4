"""The sync engine against the real sandbox portal: sending the outbox in order, holding what must
wait (provisional codes, a quarantined change), pulling the online inbox and its files, leasing
numbers, replacing provisional codes, and `motcua sync --once`."""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pytest
from sqlalchemy import func, select, update

from app.cli.main import main
from app.domain.permissions import Actor
from app.portal import sync as portal_sync
from app.portal.client import PortalClient
from app.portal.inbox_pull import set_state
from app.portal.sync import SyncEngine
from app.services.dossiers import numbering
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import CodeReplacement, Dossier, NumberLease, OnlineAttachment, OutboxMessage
from tests.helpers.factories import OFFICER, procedure_code, request
from tests.helpers.outbox_fill import fill


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as c:
        yield c


@pytest.fixture
def engine(db, client, tmp_path):
    return SyncEngine(db, client, batch=50, data_dir=tmp_path / "data")


def outbox_states(db) -> dict[int, list[tuple[int, str]]]:
    with db.reading() as s:
        out = defaultdict(list)
        for dossier_id, seq, state in s.execute(select(OutboxMessage.dossier_id, OutboxMessage.seq,
                                                       OutboxMessage.state).order_by(OutboxMessage.id)):
            out[dossier_id].append((seq, state))
        return out


def assert_applied_in_order(applied: list[dict], expected: dict[str, int]) -> None:
    """Every dossier's changes 1..n exactly once, in PhienBan order."""
    per = defaultdict(list)
    for a in applied:
        per[a["HoSoId"]].append(a["PhienBan"])
    assert {k: v for k, v in per.items()} == {k: list(range(1, n + 1)) for k, n in expected.items()}
    assert len({a["Key"] for a in applied}) == len(applied)


def test_drain_sends_everything_once_and_in_order(db, engine, sandbox):
    f = fill(db, 30, 4)
    assert engine.drain() == 120
    assert_applied_in_order(sandbox.applied(), dict.fromkeys(f.dossier_uuids, 4))
    assert all(state == "sent" for rows in outbox_states(db).values() for _, state in rows)
    with db.reading() as s:
        assert s.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) == 0
    assert engine.drain() == 0
    assert sandbox.stats()["duplicates"] == 0
    kinds = {(a["DichVu"], a["PhienBan"]) for a in sandbox.applied()}
    assert ("DongBoHoSoMC", 1) in kinds and ("DongBoHoSoMC", 2) in kinds and ("CapNhatTienDoHoSoMC", 3) in kinds


def test_a_provisional_dossier_waits_for_its_official_code(db, engine, sandbox):
    f = fill(db, 2, 2)
    with db.writing() as s:
        s.execute(update(Dossier).where(Dossier.id == f.dossier_ids[0]).values(provisional=True))
    assert engine.drain() == 2
    states = outbox_states(db)
    assert states[f.dossier_ids[0]] == [(1, "pending"), (2, "pending")]
    assert {a["HoSoId"] for a in sandbox.applied()} == {f.dossier_uuids[1]}


def test_a_rejected_change_is_quarantined_and_its_dossier_waits_behind_it(db, engine, sandbox):
    f = fill(db, 3, 3)
    bad, bad_uuid = f.dossier_ids[1], f.dossier_uuids[1]
    with db.writing() as s:  # as if a bug or an old import had let a bad number in
        s.execute(update(Dossier).where(Dossier.id == bad).values(applicant_phone="12ab"))
    assert engine.drain() == 6
    assert outbox_states(db)[bad] == [(1, "quarantined"), (2, "pending"), (3, "pending")]
    with db.reading() as s:
        row = s.scalars(select(OutboxMessage).where(OutboxMessage.state == "quarantined")).one()
    assert row.quarantined_at is not None and row.last_error
    assert [f_["field"] for f_ in row.error_fields] == ["SoDienThoai"]
    assert "10 đến 11 chữ số" in row.error_fields[0]["message"]
    st = portal_sync.status(db)
    assert (st.pending, st.quarantined) == (2, 1)
    # The others flowed; the bad dossier's later changes wait, also on the next drain.
    assert bad_uuid not in {a["HoSoId"] for a in sandbox.applied()}
    assert engine.drain() == 0
    # The data is fixed and the change released: the three go through, in order.
    with db.writing() as s:
        s.execute(update(Dossier).where(Dossier.id == bad).values(applicant_phone="0912345678"))
        s.execute(update(OutboxMessage).where(OutboxMessage.id == row.id)
                  .values(state="pending", quarantined_at=None, last_error=None, error_fields=None))
    assert engine.drain() == 3
    assert_applied_in_order(sandbox.applied(), dict.fromkeys(f.dossier_uuids, 3))


def test_run_once_and_the_status_bar(db, engine, sandbox):
    fill(db, 5, 2)
    report = engine.run_once()
    assert report.online and report.ok and report.sent == 10 and not report.more
    assert "đã gửi 10 thay đổi" in report.summary()
    st = portal_sync.status(db)
    assert st.online is True and st.pending == 0 and st.last_success_at is not None and st.last_error is None
    sandbox.stop()
    register(db, OFFICER, request(procedure_code(db)))
    report = engine.run_once()
    assert not report.online and report.error.startswith("Không kết nối được cổng dịch vụ công")
    st = portal_sync.status(db)
    assert st.online is False and st.pending == 1 and st.last_error == report.error


def test_pull_the_online_inbox_and_fetch_the_files(db, engine, sandbox, tmp_path):
    filed = sandbox.file_online(3, attachments=2)
    assert engine.pull() == 3
    assert engine.pull() == 0
    with db.writing() as s:  # the page read again after a crash adds nothing
        set_state(s, "inbox_cursor", None)
    assert engine.pull() == 0
    with db.reading() as s:
        online = s.execute(select(Dossier.uuid, Dossier.code, Dossier.status).where(Dossier.channel == 2)).all()
        assert sorted(online) == sorted((f["HoSoId"], f["MaHoSo"], 1) for f in filed)
        first = s.scalars(select(OnlineAttachment).order_by(OnlineAttachment.id)).first()
    with db.writing() as s:  # a file that does not match the portal's checksum is not kept
        s.execute(update(OnlineAttachment).where(OnlineAttachment.id == first.id).values(sha256="0" * 64))
    assert engine.fetch_attachments() == 5
    with db.reading() as s:
        rows = s.scalars(select(OnlineAttachment).order_by(OnlineAttachment.id)).all()
    assert rows[0].path is None and rows[0].fetched_at is None
    assert first.portal_id in portal_sync.get(db, "attachment_errors")
    by_id = {a["Id"]: a for f in filed for a in f["TepDinhKem"]}
    for r in rows[1:]:
        path = tmp_path / "data" / r.path
        assert r.path.startswith("attachments/") and r.path.endswith(f"{r.portal_id}-{r.name}")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == by_id[r.portal_id]["SHA256"].lower()
        assert r.fetched_at is not None
    assert not list((tmp_path / "data").rglob("*.tmp"))
    # Fixed (say the portal re-sent the right checksum): fetched next time, the error forgotten.
    with db.writing() as s:
        s.execute(update(OnlineAttachment).where(OnlineAttachment.id == first.id)
                  .values(sha256=by_id[first.portal_id]["SHA256"].lower()))
    assert engine.fetch_attachments() == 1
    assert not portal_sync.get(db, "attachment_errors")



def test_one_unreadable_online_dossier_does_not_hold_back_its_page(db, engine, sandbox):
    """The portal serves a dossier whose filing time is not a date: it is set aside with its code
    and the reason, the sync page says so, the others arrive and the cursor moves past it."""
    import sqlite3

    filed = sandbox.file_online(3)
    bad = filed[1]["MaHoSo"]
    with sqlite3.connect(sandbox.store_path) as c:  # what a faulty portal would send
        c.execute("UPDATE dossiers SET record = json_set(record, '$.NgayNopHoSo', 'hôm qua') WHERE ma_ho_so = ?",
                  (bad,))
    report = engine.run_once()
    assert report.pulled == 2 and "1 hồ sơ trực tuyến từ cổng không đọc được, đã để riêng" in report.errors
    with db.reading() as s:
        codes = set(s.scalars(select(Dossier.code).where(Dossier.channel == 2)))
    assert codes == {filed[0]["MaHoSo"], filed[2]["MaHoSo"]}
    [aside] = portal_sync.get(db, "inbox_skipped")
    assert (aside["code"], aside["reason"]) == (bad, "malformed") and "NgayNopHoSo" in aside["detail"]
    assert engine.pull() == 0 and len(portal_sync.get(db, "inbox_skipped")) == 1  # not read again

def test_an_answered_online_dossier_goes_back_with_phienban_1(db, engine, sandbox):
    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import act

    filed = sandbox.file_online(1)
    engine.pull()
    act(db, OFFICER, filed[0]["MaHoSo"], Action.RECEIVE)
    assert engine.drain() == 1
    (applied,) = sandbox.applied(filed[0]["HoSoId"])
    assert (applied["PhienBan"], applied["DichVu"], applied["Data"]["TrangThaiHoSo"]) == (1, "DongBoHoSoMC", 2)
    assert applied["Data"]["KenhThucHien"] == 2


@pytest.fixture
def portal_on(db, sandbox):
    change_settings(db, Actor.system(), {"portal.url": sandbox.url, "portal.token": sandbox.token,
                                         "portal.lease_size": 4, "portal.lease_days": 2})


def test_leases_and_provisional_codes(db, engine, sandbox, portal_on):
    provisional = register(db, OFFICER, request(procedure_code(db)))  # no number leased yet
    assert provisional.provisional and "-TAM" in provisional.code
    report = engine.run_once()
    assert report.ok and report.leased == 8 and report.replaced == 1 and report.sent == 2
    with db.reading() as s:
        d = s.get(Dossier, provisional.id)
        repl = s.scalars(select(CodeReplacement)).one()
        leases = s.scalars(select(NumberLease).order_by(NumberLease.id)).all()
    assert not d.provisional and "-TAM" not in d.code
    assert (repl.provisional_code, repl.official_code) == (provisional.code, d.code)
    applied = sandbox.applied(provisional.uuid)
    assert [a["PhienBan"] for a in applied] == [1, 2]
    assert all(a["Data"]["MaHoSo"] == d.code and a["Data"]["MaHoSoTam"] == provisional.code for a in applied)
    assert applied[1]["DichVu"] == "DongBoHoSoMC" and applied[1]["Data"]["TrangThaiHoSo"] == 2
    assert len(leases) == 3  # two days of 4, and the one number for the provisional dossier
    # The next registration takes a leased number; enough are left: nothing more is leased.
    assert not register(db, OFFICER, request(procedure_code(db))).provisional
    assert engine.run_once().leased == 0
    assert portal_sync.get(db, "lease_pending") is None


def test_a_lease_interrupted_by_a_crash_is_retried_with_its_key(db, engine, client, sandbox, portal_on):
    with db.reading() as s:
        unit, day, count = numbering.leases_wanted(s, engine.clock().date())[0]
    with db.writing() as s:
        set_state(s, "lease_pending", {"unit": unit, "day": day.isoformat(), "count": count, "key": "k-crash"})
    granted = client.lease("k-crash", unit, day, count)  # the portal granted it; the app died before saving
    engine.lease_numbers()
    with db.reading() as s:
        leases = s.execute(select(NumberLease.key, NumberLease.day, NumberLease.first, NumberLease.last)
                           .order_by(NumberLease.id)).all()
    assert leases[0] == ("k-crash", day, granted.first, granted.last)
    assert len(leases) == 2 and len({(d, f) for _, d, f, _ in leases}) == 2


def test_sync_once_from_the_command_line(db, sqlite_url, sandbox, tmp_path, capsys):
    fill(db, 2, 2)
    base = ["sync", "--once", "--db", sqlite_url, "--data-dir", str(tmp_path / "data")]
    assert main(base) == 1
    assert "Chưa khai báo địa chỉ cổng dịch vụ công" in capsys.readouterr().err
    assert main([*base, "--portal", sandbox.url, "--token", "wrong"]) == 1
    assert "mã truy cập" in capsys.readouterr().err
    assert main([*base, "--portal", sandbox.url, "--token", sandbox.token]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Đồng bộ xong: đã gửi 4 thay đổi") and out.err == ""
    sandbox.stop()
    assert main([*base, "--portal", sandbox.url, "--token", sandbox.token]) == 2
    out = capsys.readouterr()
    assert "Không kết nối được cổng dịch vụ công" in out.err and "Traceback" not in out.err


def test_a_batch_refused_as_a_whole_is_split_until_it_goes(db, client, sandbox, tmp_path):
    fill(db, 60, 10)  # 600 changes in one batch: more than the portal takes at once (500)
    engine = SyncEngine(db, client, batch=600, data_dir=tmp_path)
    assert engine.drain() == 600
    assert portal_sync.status(db).quarantined == 0 and len(sandbox.applied()) == 600


def test_drain_on_postgresql(pg_db, sandbox, tmp_path):
    f = fill(pg_db, 20, 3)
    with PortalClient(sandbox.url, sandbox.token) as client:
        engine = SyncEngine(pg_db, client, batch=25, data_dir=tmp_path)
        with pg_db.writing() as s:
            s.execute(update(Dossier).where(Dossier.id == f.dossier_ids[0]).values(applicant_email="not-an-email"))
        report = engine.run_once()
    assert report.ok and report.sent == 57 and report.quarantined == 1
    with pg_db.reading() as s:
        fields = s.scalar(select(OutboxMessage.error_fields).where(OutboxMessage.state == "quarantined"))
    assert [x["field"] for x in fields] == ["Email"]
    assert portal_sync.status(pg_db).pending == 2
    register(pg_db, OFFICER, request(procedure_code(pg_db)))  # the fill left the id sequence right


def test_one_desk_syncs_for_the_office_server(pg_db, sandbox, tmp_path):
    """Desks sharing a PostgreSQL server take turns: while one holds the sync lock, another's cycle
    does nothing (no second send, no extra lease) and then takes over once the lock is free."""
    from sqlalchemy import text

    change_settings(pg_db, Actor.system(), {"portal.url": sandbox.url, "portal.token": sandbox.token,
                                            "portal.lease_size": 5, "portal.lease_days": 1})
    with PortalClient(sandbox.url, sandbox.token) as client:
        engine = SyncEngine(pg_db, client, data_dir=tmp_path)
        with pg_db.write_engine.connect() as other_desk:
            assert other_desk.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                      {"k": portal_sync.SYNC_LOCK_KEY}).scalar()
            skipped = engine.run_once()
            assert skipped.elsewhere and skipped.leased == 0
            other_desk.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": portal_sync.SYNC_LOCK_KEY})
        mine = engine.run_once()
        assert not mine.elsewhere and mine.ok and mine.leased == 5
    with pg_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(NumberLease)) == 1

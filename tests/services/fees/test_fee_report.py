"""The fee report (app/services/reports/fees.py) over two months of payments and receipts
(tests/helpers/fee_report.py), every figure checked against the payments counted one by one in
Python; on a real SQLite file and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.permissions import Actor
from app.domain.vocab import Channel, Role
from app.errors import PermissionDenied, UserError
from app.services.reports.fees import fee_report
from tests.helpers.fee_report import (
    DOSSIERS,
    END,
    MARRIAGE,
    NOW,
    PAYMENTS,
    SINGLE,
    START,
    build_fees,
    expected_totals,
    in_period,
)


def as_map(rows) -> dict:
    return {r.key: (r.count, r.amount) for r in rows}


def check(r, codes: dict[str, str]) -> None:
    whole = expected_totals(lambda p: "all")["all"]
    assert (r.count, r.amount) == whole == (6, 123_000)
    assert as_map(r.by_procedure) == expected_totals(lambda p: DOSSIERS[p.dossier].procedure)
    assert [row.key for row in r.by_procedure] == [MARRIAGE, SINGLE]  # the larger amount first
    assert as_map(r.by_counter) == expected_totals(lambda p: str(p.counter) if p.counter else "")
    assert [row.key for row in r.by_counter] == ["1", "2", ""]  # counters by number, "no counter" last
    assert as_map(r.by_officer) == expected_totals(lambda p: p.officer or "")
    assert {row.key: row.label for row in r.by_officer}[""] == "Không rõ người thu"
    by_channel = expected_totals(lambda p: str(int(DOSSIERS[p.dossier].channel)))
    assert as_map(r.by_channel) == {str(int(ch)): by_channel.get(str(int(ch)), (0, 0)) for ch in Channel}
    by_method = expected_totals(lambda p: p.method)
    assert as_map(r.by_method) == {m: by_method.get(m, (0, 0)) for m in ("cash", "transfer", "online")}
    assert [row.label for row in r.by_method] == ["Tiền mặt", "Chuyển khoản", "Thanh toán trực tuyến trên cổng"]
    assert as_map(r.by_month) == {"2026-10": expected_totals(lambda p: p.paid_at.month).get(10),
                                  "2026-11": expected_totals(lambda p: p.paid_at.month).get(11)}
    # Voided: the payments of the period voided since, out of every total above.
    voided = [p for p in PAYMENTS if in_period(p) and p.void]
    assert (r.voided_count, r.voided_amount) == (len(voided), sum(p.amount for p in voided)) == (2, 22_000)
    assert [(v.dossier_code, v.reason, v.voided_by) for v in r.voided] == [
        (codes["D4"], "Ghi nhầm hồ sơ", "Nguyễn Thị Mai"),
        (codes["D7"], "Cổng báo giao dịch không thành công", "Nguyễn Thị Mai")]
    # Paid online: D1 D2 D4 in person, D3 D7 online, D8 by post received in the period with a fee
    # (not D5: before it; D6: no fee; D9: refused); only D3's online payment stands (D7's voided).
    assert (r.online.with_fee, r.online.paid_online, r.online.share) == (6, 1, pytest.approx(1 / 6))
    assert {row.key: (row.with_fee, row.paid_online) for row in r.online_by_channel} == {
        "1": (3, 0), "2": (2, 1), "3": (1, 0)}
    # Receipts waiting: by the period's end, pending, waiting for a paper number, refused; not the
    # one of the payment after the period. Age in days on NOW (05/12/2026).
    assert [(w.dossier_code, w.state, w.age_days) for w in r.waiting] == [
        (codes["D2"], "pending", 32), (codes["D2"], "unissued", 31), (codes["D3"], "failed", 23)]
    assert r.waiting_by_state() == {"pending": 1, "unissued": 1, "failed": 1}
    assert r.waiting[2].last_error == "Nhà cung cấp từ chối: sai mã số thuế"
    # Cancelled in the period: D1's first receipt (D5's was cancelled after the period).
    assert [(c.dossier_code, c.identifier, c.reason, c.cancelled_by) for c in r.cancelled] == [
        (codes["D1"], "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000007", "Sai tên người nộp", "Nguyễn Thị Mai")]


def test_the_figures_are_the_payments_counted_one_by_one(db):
    codes = build_fees(db)
    r = fee_report(db, Actor.system(), START, END, now=NOW)
    check(r, codes)
    d = r.as_dict()  # what `motcua fees report --json` prints
    assert (d["count"], d["amount"], d["voided"]["amount"]) == (6, 123_000, 22_000)
    assert d["online_payment"]["share"] == pytest.approx(1 / 6)
    assert d["receipts_waiting"]["receipts"][0]["created_at"] == "2026-11-03T09:00:00"


@pytest.mark.postgres
def test_the_same_figures_on_postgresql(pg_db):
    codes = build_fees(pg_db)
    check(fee_report(pg_db, Actor.system(), START, END, now=NOW), codes)


def test_one_counter(db):
    codes = build_fees(db)
    r = fee_report(db, Actor.system(), START, END, counter_id=1, now=NOW)
    assert (r.count, r.amount) == expected_totals(lambda p: "all", counter=1)["all"] == (2, 25_000)
    assert as_map(r.by_counter) == {"1": (2, 25_000)}
    assert r.counter_label == "Quầy 1 – Quầy số 1"
    assert [v.dossier_code for v in r.voided] == [codes["D4"]]
    assert [w.state for w in r.waiting] == ["pending"]  # D2's cash payment at counter 1
    assert [c.dossier_code for c in r.cancelled] == [codes["D1"]]
    # The dossiers received at counter 1 with a fee: D1, D2, D4 (D9 refused); none paid online.
    assert (r.online.with_fee, r.online.paid_online, r.online.share) == (3, 0, 0.0)


def test_a_payment_counts_on_its_day_at_both_ends(db):
    build_fees(db)
    first = fee_report(db, Actor.system(), date(2026, 10, 1), date(2026, 10, 1), now=NOW)
    assert (first.count, first.amount) == (1, 50_000)  # 00:00 on the first day is in it
    before = fee_report(db, Actor.system(), date(2026, 9, 30), date(2026, 9, 30), now=NOW)
    assert (before.count, before.amount) == (1, 5_000)  # 23:59:59 on the last day is in it


def test_an_empty_period(db):
    build_fees(db)
    r = fee_report(db, Actor.system(), date(2026, 1, 1), date(2026, 1, 31), now=NOW)
    assert (r.count, r.amount, r.voided_count, r.voided_amount) == (0, 0, 0, 0)
    assert (r.by_procedure, r.by_counter, r.by_officer, r.cancelled, r.voided, r.waiting) == ([], [], [], [], [], [])
    assert [(row.key, row.count) for row in r.by_month] == [("2026-01", 0)]
    assert all(row.amount == 0 for row in r.by_method + r.by_channel)
    assert (r.online.with_fee, r.online.share) == (0, None)  # nothing to divide: no share, never 0 %


def test_bad_input_is_refused_in_words(db):
    with pytest.raises(UserError, match="Ngày cuối của kỳ báo cáo phải sau hoặc bằng ngày đầu"):
        fee_report(db, Actor.system(), date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(UserError, match="Không có quầy số hiệu 99"):
        fee_report(db, Actor.system(), START, END, counter_id=99)


def test_only_who_may_see_reports(db):
    for role in (Role.OFFICER, Role.GUIDE):
        with pytest.raises(PermissionDenied):
            fee_report(db, Actor(login="x", role=role, user_id=1), START, END)
    fee_report(db, Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3), START, END)

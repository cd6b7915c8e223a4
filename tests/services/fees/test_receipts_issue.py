"""E-receipts through the provider: a payment recorded while the provider is down gets a pending
receipt, issued when the provider is back, exactly once (a lost answer or a stall past the timeout
included); a refusal becomes "failed" with the provider's own words until the office sends it
again; retries back off with no limit; each outcome is in the dossier's history and the audit log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from app.services.fees.receipts import drain_once, receipt_list, receipts_of_in, retry_receipt
from db.models import AuditRecord, Dossier, OutboxMessage
from tests.helpers.factories import OFFICER

from .receipt_steps import (
    NOW,
    SYMBOL,
    TEMPLATE,
    dossier,
    events,
    free_port,
    next_try,
    rows,
    switch_on,
)


def test_offline_the_receipt_waits_and_is_issued_once_when_the_provider_is_back(db):
    port = free_port()
    switch_on(db, f"http://127.0.0.1:{port}")
    code = dossier(db)
    paid = record_payment(db, OFFICER, code, 38000, "cash", at=NOW)
    assert paid.receipt_state == "pending"
    r = drain_once(db, NOW)
    assert (r.claimed, r.issued, r.retried, r.waiting) == (1, 0, 1, 1)
    [waiting] = rows(db)
    assert waiting.state == "pending" and waiting.attempts == 1
    assert waiting.last_error == "không kết nối được dịch vụ biên lai (bị từ chối kết nối)"
    assert waiting.next_attempt_at > NOW
    assert drain_once(db, NOW).claimed == 0  # not before its next try

    server, thread = serve("127.0.0.1", port)
    try:
        r = drain_once(db, next_try(db))
        again = drain_once(db, next_try(db) if rows(db)[0].state == "pending" else NOW + timedelta(days=1))
        issued = server.issued()
    finally:
        server.stop(thread)
    assert (r.issued, r.waiting, again.claimed) == (1, 0, 0)
    [done] = rows(db)
    assert (done.state, done.template_code, done.symbol, done.number, done.attempts) == \
        ("issued", TEMPLATE, SYMBOL, "0000001", 2)
    assert done.lookup_code == issued[0]["lookup_code"] and done.last_error is None and done.provider == "sandbox"
    assert [x["uuid"] for x in issued] == [done.uuid]
    assert issued[0]["payer"] == {"name": "Nguyễn Văn An", "id_number": "079090012345",
                                  "address": "12 Lê Lợi, Phường 1, Vĩnh Long"}
    # The dossier's own fee lines: the payment settled the whole amount.
    assert [(x["name"], x["amount"]) for x in issued[0]["lines"]] == [("Lệ phí", 30000), ("Phí bản sao", 8000)]
    [event] = events(db, "fee_receipt_issued")
    assert f"Mẫu số {TEMPLATE} Ký hiệu {SYMBOL} Số 0000001" in event.note
    with db.reading() as s:
        actions = list(s.scalars(select(AuditRecord.action).where(AuditRecord.action.like("%fee_receipt%"))
                                 .order_by(AuditRecord.id)))
        to_portal = s.scalars(select(OutboxMessage.kind).where(OutboxMessage.kind.like("fee_receipt%"))).all()
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        detail = receipts_of_in(s, d.id)
    assert actions == ["fee_receipt.opened", "fee_receipt.retry", "dossier.fee_receipt_issued"]
    assert to_portal == []  # the receipt is the office's own record, not a portal step
    assert detail[0]["identifier"] == f"Mẫu số {TEMPLATE} Ký hiệu {SYMBOL} Số 0000001"
    assert detail[0]["state_label"] == "Đã phát hành"


def test_a_lost_answer_and_a_stall_past_the_timeout_issue_one_number_each(db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url, **{"fees.receipts.timeout_s": 2})
        server.set_faults("drop", "stall:4")
        for code in (dossier(db), dossier(db)):
            record_payment(db, OFFICER, code, 38000, "cash", at=NOW)
        first = drain_once(db, NOW)
        second = drain_once(db, next_try(db))
        issued, asked = server.issued(), server.requests_per_uuid()
    finally:
        server.stop(thread)
    assert (first.retried, second.issued) == (2, 2)
    got = rows(db)
    assert [r.state for r in got] == ["issued", "issued"]
    assert sorted(r.number for r in got) == ["0000001", "0000002"]
    assert {x["uuid"]: x["number"] for x in issued} == {r.uuid: r.number for r in got}
    assert [asked[r.uuid] for r in got] == [2, 2]


def test_a_part_payment_has_one_line_and_the_payer_named(db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url, **{"fees.receipts.unit_name": "UBND phường Phước Hậu"})
        code = dossier(db)
        record_payment(db, OFFICER, code, 10000, "cash", at=NOW, payer_name="Trần Thị Bích")
        drain_once(db, NOW)
        [sent] = server.issued()
    finally:
        server.stop(thread)
    assert sent["lines"] == [{"name": f"Phí, lệ phí hồ sơ {code}", "amount": 10000, "kind": "khac"}]
    assert sent["payer"] == {"name": "Trần Thị Bích", "id_number": "", "address": ""}
    assert rows(db)[0].unit_name == "UBND phường Phước Hậu"


def test_a_refusal_fails_with_the_providers_words_until_sent_again(db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url)
        server.set_faults("refuse")
        code = dossier(db)
        record_payment(db, OFFICER, code, 38000, "cash", at=NOW)
        r = drain_once(db, NOW)
        [failed] = rows(db)
        later = drain_once(db, NOW + timedelta(days=30))
        listed = [v.id for v in receipt_list(db, OFFICER, ["failed"])]
        retry_receipt(db, OFFICER, failed.id)
        again = drain_once(db)
    finally:
        server.stop(thread)
    assert (r.failed, r.waiting, later.claimed) == (1, 0, 0)  # never tried again by itself
    assert failed.state == "failed"
    assert failed.last_error == "Dịch vụ biên lai từ chối: mẫu biên lai chưa được thông báo phát hành (giả lập)"
    assert listed == [failed.id]
    [event] = events(db, "fee_receipt_failed")
    assert "chưa được thông báo phát hành" in event.note
    assert again.issued == 1 and rows(db)[0].state == "issued"


def test_the_missing_series_is_refused_by_name(db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url, **{"fees.receipts.symbol": ""})
        record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
        drain_once(db, NOW)
    finally:
        server.stop(thread)
    assert rows(db)[0].last_error == "Dịch vụ biên lai từ chối: chưa khai báo mẫu số hoặc ký hiệu biên lai"


def test_retries_back_off_and_never_give_up(db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url)
        server.set_faults(*["500"] * 9)
        record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
        at, waits = NOW, []
        for _ in range(9):
            assert drain_once(db, at).retried == 1
            waits.append(next_try(db) - at)
            at = next_try(db)
        last = drain_once(db, at)
    finally:
        server.stop(thread)
    assert last.issued == 1 and rows(db)[0].attempts == 10
    assert waits[0] < waits[3] < waits[-1]  # 1 minute first, hours later
    assert timedelta(hours=4) < waits[-1] <= timedelta(hours=7.2)


def test_the_providers_pdf_is_kept_in_the_file_store(db, data_dir):
    from app.services.files import store

    server, thread = serve("127.0.0.1", 0, pdf=True)
    try:
        switch_on(db, server.url)
        record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
        drain_once(db, NOW, data_dir=data_dir)
    finally:
        server.stop(thread)
    [done] = rows(db)
    assert done.state == "issued" and done.pdf_sha256 is not None
    assert receipt_list(db, OFFICER)[0].pdf_sha256 == done.pdf_sha256
    with db.reading() as s:
        assert store.open_file(s, data_dir, done.pdf_sha256).startswith(b"%PDF")

"""A receipt is never edited: a mistake is cancelled with a reason and replaced, both kept; an
issued one is cancelled at the provider through the same outbox, one never sent is cancelled here;
a receipt cancelled while on its way to the provider is cancelled there once its number is known;
a voided payment takes its receipt with it."""

from __future__ import annotations

import threading

import pytest

from app.errors import UserError
from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment, void_payment
from app.services.fees.receipts import cancel_receipt, drain_once, receipt_list
from db.models import FeeReceipt
from tests.helpers.factories import OFFICER

from .receipt_steps import NOW, dossier, events, rows, switch_on


@pytest.fixture
def sandbox(db):
    server, thread = serve("127.0.0.1", 0)
    switch_on(db, server.url)
    yield server
    server.stop(thread)


def _issued(db, payer=None) -> int:
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW, payer_name=payer)
    drain_once(db, NOW)
    return paid.receipt_id


def test_cancel_and_replace_keeps_both_and_the_provider_sees_the_link(db, sandbox):
    rid = _issued(db)
    view = cancel_receipt(db, OFFICER, rid, "Sai tên người nộp", payer_name="Trần Thị Bích",
                          payer_id_number="079190054321", at=NOW)
    assert (view.state, view.replaces_id) == ("pending", rid)
    old = rows(db)[0]
    assert (old.state, old.number, old.cancel_reason) == ("cancel_pending", "0000001", "Sai tên người nộp")
    r = drain_once(db, NOW)
    assert (r.issued, r.cancelled) == (1, 1)
    old, new = rows(db)
    assert (old.state, old.number, new.state, new.number, new.replaces_id) == \
        ("cancelled", "0000001", "issued", "0000002", old.id)
    assert (new.payer_name, new.payer_id_number, new.payer_address) == ("Trần Thị Bích", "079190054321", None)
    at_provider = {x["uuid"]: x for x in sandbox.issued()}
    assert at_provider[old.uuid]["state"] == "cancelled"
    assert at_provider[new.uuid]["replaces"]["number"] == "0000001"
    views = {v.id: v for v in receipt_list(db, OFFICER)}
    assert views[old.id].replaced_by_id == new.id and views[old.id].identifier.endswith("Số 0000001")
    [event] = events(db, "fee_receipt_cancelled")
    assert "Sai tên người nộp" in event.note and "thay thế" in event.note
    with pytest.raises(UserError, match="đã bị hủy"):
        cancel_receipt(db, OFFICER, old.id, "Lần nữa")


def test_a_receipt_never_sent_is_cancelled_here_and_the_provider_never_hears_of_it(db, sandbox):
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
    view = cancel_receipt(db, OFFICER, paid.receipt_id, "Nhập nhầm người nộp", replace=False, at=NOW)
    assert (view.state, view.cancel_reason) == ("cancelled", "Nhập nhầm người nộp")
    assert drain_once(db, NOW).claimed == 0 and sandbox.requests_per_uuid() == {}


def test_bad_cancellations_are_refused_whole(db, sandbox):
    rid = _issued(db)
    for kwargs, needle in [({"reason": " "}, "cần ghi lý do"), ({"reason": "x" * 1001}, "dài quá 1000"),
                           ({"reason": "Sai", "payer_id_number": "07 9"}, "chỉ gồm chữ số")]:
        with pytest.raises(UserError, match=needle):
            cancel_receipt(db, OFFICER, rid, **kwargs)
    with pytest.raises(UserError, match="Không có biên lai số 999"):
        cancel_receipt(db, OFFICER, 999, "Sai")
    assert [r.state for r in rows(db)] == ["issued"] and events(db, "fee_receipt_cancelled") == []


def test_a_voided_payment_cancels_its_receipt_at_the_provider_and_is_not_replaced(db, sandbox):
    rid = _issued(db)
    with db.reading() as s:
        payment_id = s.get(FeeReceipt, rid).payment_id
    void_payment(db, OFFICER, payment_id, "Ghi nhầm hồ sơ", at=NOW)
    assert rows(db)[0].state == "cancel_pending"
    assert drain_once(db, NOW).cancelled == 1
    assert [r.state for r in rows(db)] == ["cancelled"]
    assert [x["state"] for x in sandbox.issued()] == ["cancelled"]


def test_cancelled_on_its_way_it_is_cancelled_at_the_provider_once_numbered(db, sandbox):
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
    sandbox.set_faults("hold")
    drained = []
    t = threading.Thread(target=lambda: drained.append(drain_once(db, NOW)))
    t.start()
    try:
        done = threading.Event()
        for _ in range(600):  # until the provider holds the request, with a generous deadline
            if sandbox.held() == 1:
                break
            done.wait(0.05)
        assert sandbox.held() == 1
        view = cancel_receipt(db, OFFICER, paid.receipt_id, "Khách đổi ý", replace=False, at=NOW)
        assert view.state == "cancel_pending"
    finally:
        sandbox.release()
        t.join(30)
    first = rows(db)[0]
    assert (drained[0].issued, first.state, first.number) == (1, "cancel_pending", "0000001")
    assert drain_once(db, NOW).cancelled == 1
    assert rows(db)[0].state == "cancelled" and [x["state"] for x in sandbox.issued()] == ["cancelled"]

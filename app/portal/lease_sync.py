"""Official dossier numbers from the portal: blocks leased ahead for outages, and one number for each
dossier registered under a provisional code. Each request's key is written to sync_state before the
request goes out and removed in the transaction that keeps the answer: a crash in between retries the
same key, and the portal answers the same block instead of leasing a second one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from app.errors import NotFound
from app.portal.client import GARBLED, PortalClient
from app.portal.contract import Lease, PortalRejected, PortalUnavailable
from app.portal.inbox_pull import get_state, set_state
from db.engine import Database

LEASE_PENDING = "lease_pending"
REPLACE_PENDING = "replace_pending"


def _request(db: Database, client: PortalClient, state_key: str, wanted: dict) -> Lease:
    """Send the lease request `wanted` ({unit, day, count, …}), under the key kept for it in
    sync_state (a new one if none is kept for this very request)."""
    with db.writing() as s:
        pending = get_state(s, state_key)
        same = pending and all(pending.get(k) == v for k, v in wanted.items())
        if not same:
            pending = {**wanted, "key": str(uuid.uuid4())}
            set_state(s, state_key, pending)
    lease = client.lease(pending["key"], pending["unit"], date.fromisoformat(pending["day"]), pending["count"])
    # A block for another unit or day would number dossiers the portal counts elsewhere.
    if (lease.key, lease.unit_code, lease.day.isoformat()) != (pending["key"], pending["unit"], pending["day"]) \
            or lease.last - lease.first + 1 > pending["count"]:
        raise PortalUnavailable(f"{GARBLED} (khối số hồ sơ không đúng yêu cầu)")
    return lease


def _forget(db: Database, state_key: str) -> None:
    with db.writing() as s:
        set_state(s, state_key, None)


def lease_numbers(db: Database, client: PortalClient, today: date, report) -> None:
    """Top up the blocks for today and the next working days (app.services.dossiers.numbering decides how
    many). A request left unanswered by the last run goes first, unchanged. `report.leased` counts
    the numbers leased; refusals go to `report.errors`."""
    from app.services.dossiers import numbering

    with db.reading() as s:
        if not numbering.portal_configured(s):  # codes are issued here: leased numbers would go unused
            return
        wanted = [{"unit": u, "day": d.isoformat(), "count": n} for u, d, n in numbering.leases_wanted(s, today)]
        pending = get_state(s, LEASE_PENDING)
    if pending:
        left_over = {k: pending[k] for k in ("unit", "day", "count")}
        wanted = [left_over] + [w for w in wanted if (w["unit"], w["day"]) != (left_over["unit"], left_over["day"])]
    for w in wanted:
        try:
            lease = _request(db, client, LEASE_PENDING, w)
        except PortalRejected as exc:  # refused for good: this request is dropped, the others go on
            _forget(db, LEASE_PENDING)
            report.errors.append(f"Cổng không cho thuê số hồ sơ ngày {w['day']}: {exc.message}")
            continue
        with db.writing() as s:
            numbering.add_lease(s, lease)
            set_state(s, LEASE_PENDING, None)
        report.leased += lease.last - lease.first + 1


def replace_provisional(db: Database, client: PortalClient, report,
                        on_replaced: Callable[[int, str], None] | None = None) -> None:
    """Give every dossier under a provisional code an official number leased for its day;
    `report.replaced` counts them."""
    from app.services.dossiers import numbering

    with db.reading() as s:
        dossiers = numbering.provisional_dossiers(s)
        pending = get_state(s, REPLACE_PENDING)
    if pending:  # the request a crash interrupted goes first, with its key
        dossiers.sort(key=lambda d: d[0] != pending.get("dossier_id"))
    for dossier_id, unit, day in dossiers:
        wanted = {"dossier_id": dossier_id, "unit": unit, "day": day.isoformat(), "count": 1}
        try:
            lease = _request(db, client, REPLACE_PENDING, wanted)
        except PortalRejected as exc:
            _forget(db, REPLACE_PENDING)
            report.errors.append(f"Cổng không cấp mã chính thức cho hồ sơ ngày {day:%d/%m/%Y}: {exc.message}")
            continue
        with db.writing() as s:
            try:
                code = numbering.replace_provisional(s, dossier_id, lease)
            except NotFound:  # replaced meanwhile: the number stays unused
                code = None
            set_state(s, REPLACE_PENDING, None)
        if code is not None:
            report.replaced += 1
            if on_replaced:
                on_replaced(dossier_id, code)

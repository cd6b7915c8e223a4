"""The receipts outbox: claim the receipts (and cancellations) that are due, send them to the
provider with no transaction open while the network is used, record each outcome in a transaction
of its own (the receipt, its history event, its audit record). Like the notices sender: a claim is
one UPDATE … WHERE the row is free, so two desks never hold the same receipt; a desk killed after
sending and before recording leaves a claim that runs out, and the receipt goes again under the
same uuid, which the provider answers with the receipt it already issued (never a second number).
A receipt is never given up: a failed try waits longer each time (no limit); only the provider's
refusal stops it, shown to the officer with the provider's words."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.fees.base import OK, REFUSED, Answer, CancelRequest, ReceiptLine, ReceiptRequest, Replaced
from app.fees.client import ReceiptClient
from app.formatting import money
from app.services.fees.receipt_states import (
    CANCEL_PENDING,
    CANCELLED,
    FAILED,
    ISSUED,
    PENDING,
    identifier,
)
from app.services.journal import audit, dossier_changed
from app.services.notices.sender import backoff, sender_id
from db.engine import Database
from db.models import Dossier, DossierPayment, FeeReceipt

log = logging.getLogger("motcua.fees")
DRAIN_ACTOR = Actor(login="system:receipts", role=Role.ADMIN, full_name="Phát hành biên lai")
CLAIM = timedelta(minutes=10)  # longer than a batch can take; a dead desk's claim runs out after it


@dataclass
class DrainReport:
    claimed: int = 0
    issued: int = 0
    cancelled: int = 0
    failed: int = 0  # refused by the provider (issue or cancellation)
    retried: int = 0  # will be tried again
    waiting: int = 0  # pending or cancel_pending after this round (retried included)


def client_from(settings: dict, timeout: float | None = None) -> ReceiptClient:
    return ReceiptClient(settings["fees.receipts.provider"], settings["fees.receipts.url"],
                         settings["fees.receipts.api_key"], timeout or settings["fees.receipts.timeout_s"])


def check_provider(settings: dict) -> str:
    """One Vietnamese line for the settings page: the provider reachable, or why not."""
    if not settings.get("fees.receipts.url"):
        return "Chưa nhập địa chỉ dịch vụ biên lai điện tử."
    try:
        # Asked from the settings page (maybe with values not saved yet): never longer than 10 seconds.
        client = ReceiptClient(settings.get("fees.receipts.provider", "generic_json"), settings["fees.receipts.url"],
                               settings.get("fees.receipts.api_key") or "",
                               min(10.0, float(settings.get("fees.receipts.timeout_s") or 10)))
        why = client.check()
    except KeyError:
        return f"Không có nhà cung cấp biên lai «{settings.get('fees.receipts.provider')}»."
    state = "" if settings.get("fees.receipts.enabled") else " (chưa bật phát hành biên lai điện tử)"
    if why is None:
        return f"Kết nối được dịch vụ biên lai điện tử{state}."
    return f"Không kết nối được dịch vụ biên lai điện tử: {why}{state}."


def _free(now: datetime):
    return or_(FeeReceipt.claimed_until.is_(None), FeeReceipt.claimed_until < now)


def _claim(db: Database, me: str, now: datetime, limit: int) -> list[int]:
    due = (FeeReceipt.state.in_((PENDING, CANCEL_PENDING)), FeeReceipt.next_attempt_at.is_not(None),
           FeeReceipt.next_attempt_at <= now)
    with db.writing() as s:
        ids = s.scalars(select(FeeReceipt.id).where(*due, _free(now))
                        .order_by(FeeReceipt.next_attempt_at, FeeReceipt.id).limit(limit)).all()
        if not ids:
            return []
        # Re-checked per row by the UPDATE itself: a row another desk claimed meanwhile is skipped.
        s.execute(update(FeeReceipt).where(FeeReceipt.id.in_(ids), *due, _free(now))
                  .values(claimed_by=me, claimed_until=now + CLAIM).execution_options(synchronize_session=False))
        return list(s.scalars(select(FeeReceipt.id).where(FeeReceipt.id.in_(ids), FeeReceipt.claimed_by == me)
                              .order_by(FeeReceipt.id)))


def _request(s: Session, r: FeeReceipt, settings: dict, now: datetime) -> ReceiptRequest | CancelRequest:
    if r.state == CANCEL_PENDING:
        return CancelRequest(r.uuid, r.template_code, r.symbol, r.number, r.provider_id, r.cancel_reason or "",
                             r.cancel_requested_at or now)
    payment = s.get(DossierPayment, r.payment_id)
    code = s.scalar(select(Dossier.code).where(Dossier.id == r.dossier_id))
    old = s.get(FeeReceipt, r.replaces_id) if r.replaces_id else None
    return ReceiptRequest(
        r.uuid, r.template_code or settings["fees.receipts.template_code"], r.symbol or settings["fees.receipts.symbol"],
        r.unit_name, r.unit_tax_code or "", r.payer_name, r.payer_id_number or "", r.payer_address or "", r.amount,
        tuple(ReceiptLine(str(x.get("name", "")), int(x.get("amount", 0)), str(x.get("kind", ""))) for x in r.lines or []),
        r.method, code, payment.paid_at,
        Replaced(old.uuid, old.template_code, old.symbol, old.number, old.provider_id) if old else None)


def drain_once(db: Database, now: datetime | None = None, *, limit: int = 50, timeout: float | None = None,
               client: ReceiptClient | None = None, data_dir: Path | None = None) -> DrainReport:
    """Send what is due at `now`, up to `limit` receipts; `timeout`: None, the setting's; `data_dir`:
    where the provider's PDFs are kept (None: the app's data folder)."""
    from app.services.settings.store import settings_in

    now = now or now_local()
    report = DrainReport()
    with db.reading() as s:
        settings = settings_in(s)
    if client is None and settings["fees.receipts.enabled"] and settings["fees.receipts.url"]:
        client = client_from(settings, timeout)
    if client is not None:
        me = sender_id()
        ids = _claim(db, me, now, limit)
        report.claimed = len(ids)
        for rid in ids:
            with db.reading() as s:
                r = s.get(FeeReceipt, rid)
                request = _request(s, r, settings, now)
            try:
                answer = client.cancel(request) if isinstance(request, CancelRequest) else client.issue(request)
            except Exception as exc:  # noqa: BLE001 - a provider module's bug must not stop the others
                log.error("receipt %s: provider %s raised %s", request.uuid, client.name, type(exc).__name__)
                answer = Answer("retry", f"lỗi khi gọi dịch vụ biên lai ({type(exc).__name__})")
            _record(db, me, rid, request, answer, client.name, now, report, data_dir)
    with db.reading() as s:
        report.waiting = s.scalar(select(func.count()).select_from(FeeReceipt)
                                  .where(FeeReceipt.state.in_((PENDING, CANCEL_PENDING)))) or 0
    return report


def _record(db: Database, me: str, rid: int, request, answer: Answer, provider: str, now: datetime,
            report: DrainReport, data_dir: Path | None) -> None:
    """One outcome, one transaction. A row another desk took over meanwhile (our claim ran out) is
    left to it: the provider gave it the same answer."""
    with db.writing() as s:
        r = s.scalar(select(FeeReceipt).where(FeeReceipt.id == rid, FeeReceipt.claimed_by == me).with_for_update())
        if r is None:
            return
        d = s.get(Dossier, r.dossier_id)
        r.claimed_by = r.claimed_until = None
        r.attempts = (r.attempts or 0) + 1
        detail = {"dossier": d.code, "attempt": r.attempts, "provider": provider}
        if isinstance(request, CancelRequest):
            _cancel_outcome(s, r, d, answer, now, detail, report)
        else:
            _issue_outcome(s, r, d, answer, provider, now, detail, report, data_dir)


def _retry(s: Session, r: FeeReceipt, answer: Answer, now: datetime, detail: dict, report: DrainReport) -> None:
    wait = backoff(r.attempts, answer.retry_after)
    r.last_error, r.next_attempt_at = answer.reason, now + timedelta(seconds=wait)
    report.retried += 1
    audit(s, DRAIN_ACTOR, "fee_receipt.retry", "fee_receipt", r.uuid,
          {**detail, "state": r.state, "reason": answer.reason,
           "next_attempt_at": r.next_attempt_at.isoformat(timespec="seconds")}, now)
    log.info("receipt %s (dossier %s) will be tried again in %d s", r.uuid, detail["dossier"], wait)


def _issue_outcome(s: Session, r: FeeReceipt, d: Dossier, answer: Answer, provider: str, now: datetime,
                   detail: dict, report: DrainReport, data_dir: Path | None) -> None:
    cancelled_meanwhile = r.state == CANCEL_PENDING  # the officer cancelled it while it was on its way
    if answer.outcome == OK and answer.issued is not None:
        got = answer.issued
        year = (got.issued_at or now).year  # numbers restart each 1 January
        clash = s.scalar(select(FeeReceipt.id).where(FeeReceipt.template_code == got.template_code,
                                                     FeeReceipt.symbol == got.symbol, FeeReceipt.number == got.number,
                                                     FeeReceipt.series_year == year, FeeReceipt.id != r.id))
        if clash is not None:  # never two rows with one number: the office must look at it
            answer = Answer(REFUSED, f"dịch vụ trả về {identifier(got.template_code, got.symbol, got.number)}, "
                                     f"số này của năm {year} đã có ở biên lai {clash}")
        else:
            r.template_code, r.symbol, r.number, r.series_year = got.template_code, got.symbol, got.number, year
            r.lookup_code, r.lookup_url, r.provider_id = got.lookup_code, got.lookup_url, got.provider_id
            r.issued_at, r.provider, r.last_error = got.issued_at or now, provider, None
            if got.pdf:
                r.pdf_sha256 = _store_pdf(s, got.pdf, d.code, data_dir)
            ident = identifier(r.template_code, r.symbol, r.number)
            if cancelled_meanwhile:  # issued after all: its cancellation now goes to the provider
                r.next_attempt_at = now
                audit(s, DRAIN_ACTOR, "fee_receipt.issued", "fee_receipt", r.uuid,
                      {**detail, "identifier": ident, "then": "cancel"}, now)
            else:
                r.state, r.next_attempt_at = ISSUED, None
                dossier_changed(s, DRAIN_ACTOR, d, "fee_receipt_issued", status_from=d.status,
                                note=f"Biên lai điện tử {ident}: {money(r.amount)}",
                                details={"receipt": r.uuid, "provider": provider, "template_code": r.template_code,
                                         "symbol": r.symbol, "number": r.number, "lookup_code": r.lookup_code},
                                at=now, to_portal=False)
            report.issued += 1
            log.info("receipt %s (dossier %s) issued, try %d", r.uuid, d.code, r.attempts)
            return
    if answer.outcome == REFUSED:
        reason = f"Dịch vụ biên lai từ chối: {answer.reason}"
        r.last_error, r.next_attempt_at = reason, None
        report.failed += 1
        if cancelled_meanwhile:  # refused, so never issued: the cancellation is done here
            r.state, r.cancelled_at = CANCELLED, now
            audit(s, DRAIN_ACTOR, "fee_receipt.cancelled", "fee_receipt", r.uuid, {**detail, "reason": reason}, now)
            return
        r.state = FAILED
        dossier_changed(s, DRAIN_ACTOR, d, "fee_receipt_failed", status_from=d.status, note=reason,
                        details={"receipt": r.uuid, "provider": provider, "reason": answer.reason},
                        at=now, to_portal=False)
        log.info("receipt %s (dossier %s) refused by the provider", r.uuid, d.code)
        return
    if cancelled_meanwhile:  # no answer: ask the provider to cancel whatever it may have issued
        r.next_attempt_at, r.last_error = now, answer.reason
        report.retried += 1
        return
    _retry(s, r, answer, now, detail, report)


def _cancel_outcome(s: Session, r: FeeReceipt, d: Dossier, answer: Answer, now: datetime, detail: dict,
                    report: DrainReport) -> None:
    if answer.outcome == OK:
        r.state, r.cancelled_at, r.next_attempt_at, r.last_error = CANCELLED, now, None, None
        report.cancelled += 1
        audit(s, DRAIN_ACTOR, "fee_receipt.cancelled", "fee_receipt", r.uuid,
              {**detail, "reason": r.cancel_reason, "never_issued": answer.not_found}, now)
        log.info("receipt %s (dossier %s) cancelled at the provider", r.uuid, d.code)
    elif answer.outcome == REFUSED:  # stays "cancel_pending", shown with the provider's words
        r.last_error, r.next_attempt_at = f"Dịch vụ biên lai từ chối hủy: {answer.reason}", None
        report.failed += 1
        dossier_changed(s, DRAIN_ACTOR, d, "fee_receipt_failed", status_from=d.status, note=r.last_error,
                        details={"receipt": r.uuid, "cancel": True, "reason": answer.reason}, at=now, to_portal=False)
    else:
        _retry(s, r, answer, now, detail, report)


def _store_pdf(s: Session, pdf: bytes, code: str, folder: Path | None) -> str | None:
    """The provider's PDF kept in the file store; a PDF that is not one is not kept (the receipt is)."""
    from app.errors import UserError
    from app.paths import data_dir
    from app.services.files import store

    try:
        return store.put(s, folder or data_dir(), pdf, "application/pdf", name=f"bien-lai-{code}.pdf".replace("/", "-"))
    except UserError as exc:
        log.warning("receipt PDF for dossier %s not kept: %s", code, exc.message)
        return None

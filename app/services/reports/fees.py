"""The fee report of a period (app/domain/fee_report.py says how each figure is counted).

Five reads, whatever the period's length:
- the payments of the period, a range of ix_dossier_payments_paid_at joined to their dossiers by
  key, grouped by procedure, counter, officer, channel, method, month and voided-or-not: a few
  hundred grouped rows summed into the slices here, no payment row reaches Python;
- the voided ones among them, listed (rare by nature);
- the dossiers received in the period with a fee, a range of the received index, each with an
  EXISTS probe of its online payments through ix_dossier_payments_dossier_id, grouped by channel;
- the receipts waiting (state index ix_fee_receipts_state_next) and those cancelled in the period.
A year of the bench office: bench/fees.py."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.fee_report import (
    CANCELLED_STATES,
    NO_COUNTER,
    NO_OFFICER,
    WAITING_STATES,
    CancelledReceipt,
    FeeReport,
    FeeRow,
    OnlineShareRow,
    VoidedPayment,
    WaitingReceipt,
)
from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.report import ReportFilter
from app.domain.vocab import Channel, DossierStatus
from app.errors import UserError
from app.services.dossiers.payments import METHODS
from app.services.fees.receipt_states import identifier
from app.services.fees.receipts import STATE_LABELS  # the receipts page's words for each state
from db.engine import Database
from db.models import Agency, Counter, Dossier, DossierPayment, FeeReceipt, Procedure, User

P, D, R = DossierPayment, Dossier, FeeReceipt
ONLINE = "online"  # the method "paid online on the portal" (app/services/dossiers/payments.py METHODS)


def fee_report(db: Database, actor: Actor, start: date, end: date, *, counter_id: int | None = None,
               now: datetime | None = None) -> FeeReport:
    """The fee report of [start, end] (both days included), of one counter when `counter_id`.
    `now`: the moment the report is made (ages of waiting receipts); the clock by default."""
    actor.require(Permission.VIEW_REPORTS)
    ReportFilter(start, end).check()  # one message for a period that ends before it starts
    now = now or now_local()
    with db.reading() as s:
        return _Builder(s, start, end, counter_id, now).build()


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time.min)


class _Builder:
    def __init__(self, s: Session, start: date, end: date, counter_id: int | None, now: datetime):
        self.s, self.start_day, self.end_day, self.counter_id, self.now = s, start, end, counter_id, now
        self.start, self.end = _midnight(start), _midnight(end + timedelta(days=1))
        self.sqlite = s.get_bind().dialect.name == "sqlite"
        self.counter_label = None
        if counter_id is not None:
            c = s.execute(select(Counter.number, Counter.name).where(Counter.id == counter_id)).first()
            if c is None:
                raise UserError(f"Không có quầy số hiệu {counter_id}.")
            self.counter_label = f"Quầy {c.number} – {c.name}"

    def _month(self, column):
        # SQLite keeps a moment as ISO text: its month is its first 7 characters.
        return func.substr(column, 1, 7) if self.sqlite else func.to_char(column, "YYYY-MM")

    def _month_keys(self) -> list[tuple[str, str]]:
        out, (y, m) = [], (self.start_day.year, self.start_day.month)
        while (y, m) <= (self.end_day.year, self.end_day.month):
            out.append((f"{y:04d}-{m:02d}", f"{m:02d}/{y:04d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def _payments_where(self) -> list:
        where = [P.paid_at >= self.start, P.paid_at < self.end]
        if self.counter_id is not None:
            where.append(P.counter_id == self.counter_id)
        return where

    def build(self) -> FeeReport:
        agency = self.s.scalar(select(Agency.name).order_by(Agency.id).limit(1)) or ""
        slices = self._collected()
        share_total, share_rows = self._online_share()
        return FeeReport(
            start=self.start_day, end=self.end_day, generated_at=self.now, agency_name=agency,
            counter_label=self.counter_label, count=slices["count"], amount=slices["amount"],
            by_procedure=slices["procedure"], by_counter=slices["counter"], by_officer=slices["officer"],
            by_channel=slices["channel"], by_method=slices["method"], by_month=slices["month"],
            online=share_total, online_by_channel=share_rows, waiting=self._waiting(),
            cancelled=self._cancelled(), voided=self._voided())

    # ---- the money collected ----------------------------------------------------------------
    def _collected(self) -> dict:
        keys = (D.procedure_id, P.counter_id, P.recorded_by, D.channel, P.method, self._month(P.paid_at))
        q = (select(*keys, func.count(), func.coalesce(func.sum(P.amount), 0))
             .select_from(P).join(D, D.id == P.dossier_id)
             .where(*self._payments_where(), P.voided_at.is_(None)).group_by(*keys))
        sums: dict[str, dict] = {k: defaultdict(lambda: [0, 0]) for k in
                                 ("procedure", "counter", "officer", "channel", "method", "month")}
        count = amount = 0
        for proc, counter, user, channel, method, month, n, total in self.s.execute(q):
            count, amount = count + n, amount + int(total)
            for name, key in (("procedure", proc), ("counter", counter), ("officer", user), ("channel", channel),
                              ("method", method), ("month", month)):
                sums[name][key][0] += n
                sums[name][key][1] += int(total)
        return {"count": count, "amount": amount, "procedure": self._procedure_rows(sums["procedure"]),
                "counter": self._counter_rows(sums["counter"]), "officer": self._officer_rows(sums["officer"]),
                "channel": [FeeRow(str(int(ch)), ch.label, *sums["channel"].get(int(ch), (0, 0))) for ch in Channel],
                # Every method named (0 when none); one this app does not know (older data), by its code.
                "method": [FeeRow(m, METHODS.get(m, m), *sums["method"].get(m, (0, 0)))
                           for m in [*METHODS, *sorted(k for k in sums["method"] if k not in METHODS)]],
                "month": [FeeRow(k, label, *sums["month"].get(k, (0, 0))) for k, label in self._month_keys()]}

    def _procedure_rows(self, sums: dict) -> list[FeeRow]:
        procs = {p.id: p for p in self.s.execute(select(Procedure.id, Procedure.code, Procedure.name)
                                                 .where(Procedure.id.in_(list(sums))))}
        rows = [FeeRow(procs[pid].code, procs[pid].name, n, a) for pid, (n, a) in sums.items()]
        return sorted(rows, key=lambda r: (-r.amount, fold(r.label)))

    def _counter_rows(self, sums: dict) -> list[FeeRow]:
        counters = {c.id: c for c in self.s.execute(select(Counter.id, Counter.number, Counter.name)
                                                    .where(Counter.id.in_([i for i in sums if i is not None])))}
        rows = []
        for cid, (n, a) in sums.items():
            if cid in counters:
                rows.append((counters[cid].number, FeeRow(str(counters[cid].number), counters[cid].name, n, a)))
            else:  # paid online on the portal, where no counter's drawer took it
                rows.append((10**9, FeeRow("", NO_COUNTER, n, a)))
        return [r for _, r in sorted(rows, key=lambda x: x[0])]

    def _officer_rows(self, sums: dict) -> list[FeeRow]:
        users = {u.id: u for u in self.s.execute(select(User.id, User.login, User.full_name)
                                                 .where(User.id.in_([i for i in sums if i is not None])))}
        rows, unknown = [], [0, 0]
        for uid, (n, a) in sums.items():
            if uid in users:
                rows.append(FeeRow(users[uid].login, users[uid].full_name, n, a))
            else:
                unknown[0] += n
                unknown[1] += a
        rows.sort(key=lambda r: (-r.amount, fold(r.label)))
        return rows + ([FeeRow("", NO_OFFICER, *unknown)] if unknown[0] else [])

    def _voided(self) -> list[VoidedPayment]:
        who = {u.id: u.full_name for u in self.s.execute(select(User.id, User.full_name))}
        q = (select(P.id, D.code, P.amount, P.method, P.paid_at, P.voided_at, P.void_reason, P.voided_by)
             .select_from(P).join(D, D.id == P.dossier_id)
             .where(*self._payments_where(), P.voided_at.is_not(None)).order_by(P.paid_at, P.id))
        return [VoidedPayment(pid, code, amount, METHODS.get(method, method), paid, voided, reason or "",
                              who.get(by, NO_OFFICER))
                for pid, code, amount, method, paid, voided, reason, by in self.s.execute(q)]

    # ---- the share paid online (Decision 766 item 3.6) --------------------------------------
    def _online_share(self) -> tuple[OnlineShareRow, list[OnlineShareRow]]:
        paid_online = exists().where(P.dossier_id == D.id, P.method == ONLINE, P.voided_at.is_(None))
        where = [D.received_at >= self.start, D.received_at < self.end,
                 D.status.notin_((DossierStatus.NEW, DossierStatus.REFUSED)), D.fees_total > 0]
        if self.counter_id is not None:
            where.append(D.counter_id == self.counter_id)
        q = select(D.channel, func.count(), func.count().filter(paid_online)).where(*where).group_by(D.channel)
        got = {int(ch): (n, online) for ch, n, online in self.s.execute(q)}
        rows = [OnlineShareRow(str(int(ch)), ch.label, *got.get(int(ch), (0, 0))) for ch in Channel]
        total = OnlineShareRow("", "Tổng cộng", sum(r.with_fee for r in rows), sum(r.paid_online for r in rows))
        return total, rows

    # ---- receipts ---------------------------------------------------------------------------
    def _receipt_query(self, *columns):
        q = select(*columns).select_from(R).join(D, D.id == R.dossier_id)
        if self.counter_id is not None:
            q = q.join(P, P.id == R.payment_id).where(P.counter_id == self.counter_id)
        return q

    def _waiting(self) -> list[WaitingReceipt]:
        q = (self._receipt_query(R.id, D.code, R.state, R.amount, R.payer_name, R.created_at, R.last_error)
             .where(R.state.in_(WAITING_STATES), R.created_at < self.end).order_by(R.created_at, R.id))
        return [WaitingReceipt(rid, code, state, STATE_LABELS.get(state, state), amount, payer or "", created,
                               max(0, (self.now.date() - created.date()).days), error)
                for rid, code, state, amount, payer, created, error in self.s.execute(q)]

    def _cancelled(self) -> list[CancelledReceipt]:
        when = func.coalesce(R.cancelled_at, R.cancel_requested_at)
        who = {u.id: u.full_name for u in self.s.execute(select(User.id, User.full_name))}
        q = (self._receipt_query(R.id, D.code, R.template_code, R.symbol, R.number, R.state, R.amount, when,
                                 R.cancel_reason, R.cancelled_by)
             .where(R.state.in_(CANCELLED_STATES), and_(when >= self.start, when < self.end))
             .order_by(when, R.id))
        return [CancelledReceipt(rid, code, identifier(tpl, sym, num), STATE_LABELS.get(state, state), amount,
                                 at, reason or "", who.get(by, ""))
                for rid, code, tpl, sym, num, state, amount, at, reason, by in self.s.execute(q)]

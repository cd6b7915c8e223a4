"""A counter's closing (chốt sổ thu phí, docs/fees.md "Chốt sổ quầy"): at the end of a session the
officer counts the cash drawer, and the closing records the payments taken at that counter since
its last closing (not voided), their totals by method, the cash counted and the difference.

The rules, precisely:
- A closing counts every payment of its counter (`payment.counter_id`) whose `closing_id` is empty
  and which is not voided; each such payment then points at it, in the same transaction, so a
  payment is counted by exactly one closing. The counter's row is locked first (PostgreSQL; SQLite's
  write transaction is exclusive already), so two closings of one counter at once take turns and
  the second finds nothing left to count.
- difference = cash counted − cash recorded (the counted payments paid in cash). Transfers and
  online payments reach the bank, not the drawer: they are totalled but not counted.
- A closing is final: no function here edits one. A mistake found later is a correction, a row of
  its own (kind "correction", `corrects_id` the closing, `difference` the amount, + found / − missing
  or paid back, its reason in `note`), dated when it is made. A correction settles the corrected
  closing's difference with the accountant (what is found is handed over with it), so it never
  passes through a later drawer: a later closing's difference does not include it. That later
  closing shows the corrections made since the previous closing of its counter (`corrections`).
- A closing's difference is made up when difference + its corrections = 0; `open_differences`
  lists those that are not.
Every write is one transaction with its audit record (app/services/journal.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.errors import NotFound, PermissionDenied, UserError
from app.formatting import money
from app.services.fees.receipts import ISSUED, STATE_LABELS, identifier
from app.services.journal import audit
from db.engine import Database
from db.models import Counter, CounterClosing, Dossier, DossierPayment, FeeReceipt, Procedure, User

METHOD_LABELS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "online": "Thanh toán trực tuyến trên cổng"}
SYSTEM_NAME = "Tài khoản hệ thống"  # closed from the command line without --as
NO_RECEIPT = "Chưa có biên lai"
MAX_AMOUNT = 2_000_000_000  # an Integer column; nobody counts two billion đồng at a counter


@dataclass(frozen=True)
class ClosingLine:
    """One counted payment, as the closing's list shows it."""

    payment_id: int
    time: datetime
    dossier_code: str
    procedure: str
    payer: str
    method: str
    method_label: str
    reference: str
    amount: int
    receipt: str  # "Mẫu số … Ký hiệu … Số …", or the receipt's state
    receipt_issued: bool


@dataclass(frozen=True)
class ClosingDraft:
    """What a closing of the counter would count now."""

    counter_id: int
    counter_number: int
    payments: int
    cash_total: int
    transfer_total: int
    online_total: int
    corrections: int  # the sum of corrections made since the counter's last closing
    receipts_pending: int  # counted payments without an issued receipt
    period_from: datetime | None
    period_to: datetime | None
    lines: tuple[ClosingLine, ...] = ()

    @property
    def total(self) -> int:
        return self.cash_total + self.transfer_total + self.online_total


@dataclass(frozen=True)
class ClosingView:
    id: int
    uuid: str
    kind: str  # closing | correction
    counter_number: int
    closed_by: str
    closed_at: datetime
    day: date
    payments: int
    cash_total: int
    transfer_total: int
    online_total: int
    cash_counted: int | None
    difference: int
    receipts_pending: int
    corrects_id: int | None
    corrected: int  # the sum of the later corrections to it
    note: str | None
    counter_id: int = 0
    period_from: datetime | None = None
    period_to: datetime | None = None
    corrections: int = 0  # a closing: the corrections made since the previous closing of its counter

    @property
    def total(self) -> int:
        return self.cash_total + self.transfer_total + self.online_total

    @property
    def open(self) -> bool:
        """A closing whose difference its corrections have not made up yet."""
        return self.kind == "closing" and self.difference + self.corrected != 0

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("closed_at", "day", "period_from", "period_to"):
            d[k] = d[k].isoformat() if d[k] else None
        d["open"] = self.open
        return d


@dataclass(frozen=True)
class ClosingSheet:
    """A closing with what its PDF and XLSX print: the counted payments, totals by procedure, the
    receipts' number ranges and the corrections it shows."""

    view: ClosingView
    lines: tuple[ClosingLine, ...]
    by_procedure: tuple[tuple[str, int, int], ...]  # procedure, payments, amount
    receipt_ranges: tuple[tuple[str, str, str, str, int], ...]  # template, symbol, first, last, count
    corrections: tuple[ClosingView, ...]  # a closing: the corrections it shows; a correction: ()
    corrected_closing: ClosingView | None  # a correction: the closing it corrects
    unit: str = ""
    parent: str = ""
    place: str = ""
    extra: dict = field(default_factory=dict)


# --- reading -------------------------------------------------------------------------------------


def _counter(session: Session, counter_id: int, *, lock: bool = False) -> Counter:
    q = select(Counter).where(Counter.id == counter_id)
    counter = session.scalar(q.with_for_update() if lock else q) if isinstance(counter_id, int) else None
    if counter is None:
        raise NotFound(f"Không có quầy mã «{counter_id}».")
    return counter


def counter_by_number(db: Database, number: int) -> int:
    """The id of counter number `number` (the command line's --counter)."""
    with db.reading() as s:
        ids = s.scalars(select(Counter.id).where(Counter.number == number)).all()
    if not ids:
        raise NotFound(f"Không có quầy số {number}.")
    return ids[0]


def current_receipts(session: Session, payment_ids: list[int]) -> dict[int, FeeReceipt]:
    """Each payment's current receipt: its newest row (a replacement is written after the receipt
    it replaces)."""
    found: dict[int, FeeReceipt] = {}
    for start in range(0, len(payment_ids), 500):
        chunk = payment_ids[start:start + 500]
        for r in session.scalars(select(FeeReceipt).where(FeeReceipt.payment_id.in_(chunk)).order_by(FeeReceipt.id)):
            found[r.payment_id] = r
    return found


def receipt_text(r: FeeReceipt | None) -> str:
    if r is None:
        return NO_RECEIPT
    return identifier(r.template_code, r.symbol, r.number) if r.state == ISSUED else STATE_LABELS.get(r.state, r.state)


def _lines(session: Session, where) -> list[ClosingLine]:
    rows = session.execute(
        select(DossierPayment, Dossier.code, Dossier.applicant_name, Procedure.name)
        .join(Dossier, Dossier.id == DossierPayment.dossier_id)
        .join(Procedure, Procedure.id == Dossier.procedure_id, isouter=True)
        .where(where).order_by(DossierPayment.paid_at, DossierPayment.id)).all()
    receipts = current_receipts(session, [p.id for p, *_ in rows])
    out = []
    for p, code, applicant, procedure in rows:
        r = receipts.get(p.id)
        out.append(ClosingLine(p.id, p.paid_at, code, procedure or "", p.payer_name or applicant or "", p.method,
                               METHOD_LABELS.get(p.method, p.method), p.reference or "", p.amount, receipt_text(r),
                               r is not None and r.state == ISSUED))
    return out


def _open_payments(counter_id: int):
    return and_(DossierPayment.counter_id == counter_id, DossierPayment.closing_id.is_(None),
                DossierPayment.voided_at.is_(None))


def _last_closing_id(session: Session, counter_id: int) -> int:
    return session.scalar(select(func.max(CounterClosing.id)).where(
        CounterClosing.counter_id == counter_id, CounterClosing.kind == "closing")) or 0


def _corrections_between(session: Session, counter_id: int, after_id: int, before_id: int | None) -> list[CounterClosing]:
    """The corrections of the counter written after closing `after_id` (and before `before_id`):
    closings and corrections of one counter are written under its lock, so ids follow that order."""
    q = select(CounterClosing).where(CounterClosing.counter_id == counter_id, CounterClosing.kind == "correction",
                                     CounterClosing.id > after_id)
    if before_id is not None:
        q = q.where(CounterClosing.id < before_id)
    return list(session.scalars(q.order_by(CounterClosing.id)))


def _totals(lines: list[ClosingLine]) -> dict[str, int]:
    t = {"cash": 0, "transfer": 0, "online": 0}
    for line in lines:
        t[line.method] = t.get(line.method, 0) + line.amount
    return t


def _draft_in(session: Session, counter: Counter) -> ClosingDraft:
    lines = _lines(session, _open_payments(counter.id))
    t = _totals(lines)
    corrections = _corrections_between(session, counter.id, _last_closing_id(session, counter.id), None)
    return ClosingDraft(counter.id, counter.number, len(lines), t["cash"], t["transfer"], t["online"],
                        sum(c.difference for c in corrections), sum(1 for x in lines if not x.receipt_issued),
                        lines[0].time if lines else None, lines[-1].time if lines else None, tuple(lines))


def _require_counter(actor: Actor, counter_id: int | None) -> None:
    """An officer (COLLECT_FEES without VIEW_REPORTS) acts on the counter they are logged in at."""
    if actor.can(Permission.VIEW_REPORTS):  # the supervisor, the administrator
        return
    actor.require(Permission.COLLECT_FEES)
    if actor.counter_id is None or counter_id != actor.counter_id:
        raise PermissionDenied("Cán bộ chỉ xem và chốt sổ quầy mình đang đăng nhập.")


def closing_draft(db: Database, actor: Actor, counter_id: int, at: datetime | None = None) -> ClosingDraft:
    actor.require(Permission.COLLECT_FEES)
    _require_counter(actor, counter_id)
    with db.reading() as s:
        return _draft_in(s, _counter(s, counter_id))


def _view(session: Session, c: CounterClosing, number: int | None = None) -> ClosingView:
    corrected = 0
    corrections = 0
    if c.kind == "closing":
        corrected = session.scalar(select(func.coalesce(func.sum(CounterClosing.difference), 0)).where(
            CounterClosing.corrects_id == c.id)) or 0
        before = session.scalar(select(func.max(CounterClosing.id)).where(
            CounterClosing.counter_id == c.counter_id, CounterClosing.kind == "closing", CounterClosing.id < c.id)) or 0
        corrections = sum(x.difference for x in _corrections_between(session, c.counter_id, before, c.id))
    if number is None:
        number = session.scalar(select(Counter.number).where(Counter.id == c.counter_id))
    user = session.get(User, c.closed_by) if c.closed_by else None
    return ClosingView(c.id, c.uuid, c.kind, number, user.full_name if user else SYSTEM_NAME, c.closed_at, c.day, c.payments,
                       c.cash_total, c.transfer_total, c.online_total, c.cash_counted, c.difference, c.receipts_pending,
                       c.corrects_id, int(corrected), c.note, c.counter_id, c.period_from, c.period_to, int(corrections))


# --- writing -------------------------------------------------------------------------------------


def _whole_dong(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UserError(f"{what} phải là số nguyên đồng, không có phần lẻ.")
    if abs(value) > MAX_AMOUNT:
        raise UserError(f"{what} quá lớn: {money(value)}.")
    return value


def close_counter(db: Database, actor: Actor, counter_id: int, cash_counted: int, note: str | None = None,
                  at: datetime | None = None) -> ClosingView:
    """Close the counter: count its open payments into a new closing (see the module's note)."""
    actor.require(Permission.COLLECT_FEES)
    _require_counter(actor, counter_id)
    cash_counted = _whole_dong(cash_counted, "Số tiền mặt đếm được")
    if cash_counted < 0:
        raise UserError("Số tiền mặt đếm được không thể âm.")
    note = (note or "").strip() or None
    at = at or now_local()
    with db.writing() as s:
        counter = _counter(s, counter_id, lock=True)
        draft = _draft_in(s, counter)
        if not draft.payments:
            raise UserError(f"Quầy {counter.number} chưa thu khoản nào từ lần chốt sổ trước: không có gì để chốt.")
        c = CounterClosing(kind="closing", counter_id=counter.id, closed_by=actor.user_id, closed_at=at, day=at.date(),
                           period_from=draft.period_from, period_to=draft.period_to, payments=draft.payments,
                           cash_total=draft.cash_total, transfer_total=draft.transfer_total,
                           online_total=draft.online_total, cash_counted=cash_counted,
                           difference=cash_counted - draft.cash_total, receipts_pending=draft.receipts_pending,
                           note=note)
        s.add(c)
        s.flush()
        ids = [line.payment_id for line in draft.lines]
        done = 0
        for start in range(0, len(ids), 500):
            done += s.execute(update(DossierPayment).where(
                DossierPayment.id.in_(ids[start:start + 500]), DossierPayment.closing_id.is_(None),
                DossierPayment.voided_at.is_(None)).values(closing_id=c.id)).rowcount
        if done != len(ids):  # another closing or a void got there first: count again
            raise UserError(f"Quầy {counter.number} vừa có thay đổi trong lúc chốt sổ: hãy chốt lại.")
        audit(s, actor, "fees.close_counter", "counter_closing", c.uuid,
              {"counter": counter.number, "payments": draft.payments, "cash_total": draft.cash_total,
               "transfer_total": draft.transfer_total, "online_total": draft.online_total,
               "cash_counted": cash_counted, "difference": c.difference,
               "receipts_pending": draft.receipts_pending, "corrections": draft.corrections}, at)
        s.flush()
        return _view(s, c, counter.number)


def correct_closing(db: Database, actor: Actor, closing_id: int, amount: int, reason: str,
                    at: datetime | None = None) -> ClosingView:
    """A correction of closing `closing_id`: `amount` đồng found (+) or missing / paid back (−)."""
    if not (actor.can(Permission.COLLECT_FEES) or actor.can(Permission.VIEW_REPORTS)):
        actor.require(Permission.COLLECT_FEES)
    amount = _whole_dong(amount, "Số tiền điều chỉnh")
    if amount == 0:
        raise UserError("Số tiền điều chỉnh phải khác 0 (dương: tiền thừa tìm thấy; âm: tiền thiếu, trả lại).")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("Cần ghi lý do điều chỉnh chốt sổ.")
    at = at or now_local()
    with db.writing() as s:
        target = s.get(CounterClosing, closing_id) if isinstance(closing_id, int) else None
        if target is None:
            raise NotFound(f"Không có lần chốt sổ số {closing_id}.")
        if target.kind != "closing":
            raise UserError(f"Mục {closing_id} là một điều chỉnh: chỉ điều chỉnh lần chốt sổ, không điều chỉnh "
                            "một điều chỉnh.")
        _require_counter(actor, target.counter_id)
        counter = _counter(s, target.counter_id, lock=True)
        c = CounterClosing(kind="correction", counter_id=counter.id, closed_by=actor.user_id, closed_at=at,
                           day=at.date(), difference=amount, corrects_id=target.id, note=reason, payments=0)
        s.add(c)
        s.flush()
        audit(s, actor, "fees.correct_closing", "counter_closing", c.uuid,
              {"counter": counter.number, "corrects": target.uuid, "corrects_id": target.id, "amount": amount,
               "reason": reason}, at)
        return _view(s, c, counter.number)


# --- lists ---------------------------------------------------------------------------------------


def _visible_counter(actor: Actor, counter_id: int | None) -> int | None:
    """The counter an officer may see (their own); None: every counter (VIEW_REPORTS)."""
    if actor.can(Permission.VIEW_REPORTS):
        return counter_id
    actor.require(Permission.COLLECT_FEES)
    if actor.counter_id is None or (counter_id is not None and counter_id != actor.counter_id):
        raise PermissionDenied("Cán bộ chỉ xem chốt sổ của quầy mình đang đăng nhập.")
    return actor.counter_id


def closings(db: Database, actor: Actor, start: date, end: date, counter_id: int | None = None) -> list[ClosingView]:
    """Closings and corrections dated in [start, end], oldest first."""
    counter_id = _visible_counter(actor, counter_id)
    if end < start:
        raise UserError("Ngày kết thúc phải sau ngày bắt đầu.")
    with db.reading() as s:
        q = select(CounterClosing).where(CounterClosing.day >= start, CounterClosing.day <= end)
        if counter_id is not None:
            q = q.where(CounterClosing.counter_id == counter_id)
        numbers = dict(s.execute(select(Counter.id, Counter.number)).all())
        return [_view(s, c, numbers.get(c.counter_id)) for c in s.scalars(q.order_by(CounterClosing.closed_at,
                                                                                     CounterClosing.id))]


def open_differences(db: Database, actor: Actor) -> list[ClosingView]:
    """Closings whose difference is not made up by corrections yet, oldest first."""
    counter_id = _visible_counter(actor, None)
    with db.reading() as s:
        corrected = (select(CounterClosing.corrects_id, func.sum(CounterClosing.difference).label("s"))
                     .where(CounterClosing.kind == "correction").group_by(CounterClosing.corrects_id).subquery())
        q = (select(CounterClosing).outerjoin(corrected, corrected.c.corrects_id == CounterClosing.id)
             .where(CounterClosing.kind == "closing",
                    or_(and_(corrected.c.s.is_(None), CounterClosing.difference != 0),
                        CounterClosing.difference + corrected.c.s != 0)))
        if counter_id is not None:
            q = q.where(CounterClosing.counter_id == counter_id)
        numbers = dict(s.execute(select(Counter.id, Counter.number)).all())
        return [_view(s, c, numbers.get(c.counter_id)) for c in s.scalars(q.order_by(CounterClosing.closed_at,
                                                                                     CounterClosing.id))]


# --- printing ------------------------------------------------------------------------------------


def _number_key(n: str | None):
    return (0, int(n), "") if n and n.isdigit() else (1, 0, n or "")


def _sheet(session: Session, actor: Actor, closing_id: int) -> ClosingSheet:
    own = _visible_counter(actor, None)  # who may look at all comes first
    c = session.get(CounterClosing, closing_id) if isinstance(closing_id, int) else None
    if c is None:
        raise NotFound(f"Không có lần chốt sổ số {closing_id}.")
    if own is not None and c.counter_id != own:
        raise PermissionDenied("Cán bộ chỉ xem chốt sổ của quầy mình đang đăng nhập.")
    view = _view(session, c)
    lines: list[ClosingLine] = []
    corrections: tuple[ClosingView, ...] = ()
    corrected_closing = None
    if c.kind == "closing":
        lines = _lines(session, DossierPayment.closing_id == c.id)
        before = session.scalar(select(func.max(CounterClosing.id)).where(
            CounterClosing.counter_id == c.counter_id, CounterClosing.kind == "closing", CounterClosing.id < c.id)) or 0
        corrections = tuple(_view(session, x) for x in _corrections_between(session, c.counter_id, before, c.id))
    else:
        corrected_closing = _view(session, session.get(CounterClosing, c.corrects_id))
    by_proc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        by_proc[line.procedure][0] += 1
        by_proc[line.procedure][1] += line.amount
    receipts = current_receipts(session, [line.payment_id for line in lines])
    series: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in receipts.values():
        if r.state == ISSUED:
            series[(r.template_code or "", r.symbol or "")].append(r.number or "")
    ranges = tuple((t, sym, min(ns, key=_number_key), max(ns, key=_number_key), len(ns))
                   for (t, sym), ns in sorted(series.items()))
    from app.services.dossiers.forms import letterhead
    from db.models import Agency

    counter = session.get(Counter, c.counter_id)
    head = letterhead(session, session.get(Agency, counter.agency_id), c.closed_at)
    return ClosingSheet(view, tuple(lines), tuple(sorted(((p, n, a) for p, (n, a) in by_proc.items()),
                                                         key=lambda x: (-x[2], x[0]))),
                        ranges, corrections, corrected_closing, head.unit, head.parent, head.place)


def closing_sheet(db: Database, actor: Actor, closing_id: int) -> ClosingSheet:
    with db.reading() as s:
        return _sheet(s, actor, closing_id)


def closing_pdf(db: Database, actor: Actor, closing_id: int) -> bytes:
    from printing.closing_pdf import build_closing_pdf

    return build_closing_pdf(closing_sheet(db, actor, closing_id))


def closing_xlsx(db: Database, actor: Actor, closing_id: int) -> bytes:
    from printing.closing_xlsx import build_closing_xlsx

    return build_closing_xlsx(closing_sheet(db, actor, closing_id))


def payment_slip_pdf(db: Database, actor: Actor, payment_id: int) -> bytes:
    """The payment slip (phiếu ghi nhận nộp tiền) of one payment: printing/payment_slip.py."""
    from app.services.fees.slip import slip_pdf

    return slip_pdf(db, actor, payment_id)

"""The dossier list ("Hồ sơ" page): one search box plus filters, newest first, fetched a page at
a time with keyset pagination (id < last id seen), never OFFSET, so page 500 of a million rows
costs what page 1 costs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, column, exists, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.services.dossiers.query import (
    MAX_LIMIT,
    ROW_COLUMNS,
    DossierRow,
    classify,
    code_is,
    fts_query,
)
from app.services.trust.privacy import log_lookup, masked_rows
from db.engine import Database
from db.models import Dossier, Procedure

PAGE = 200
# Statuses still being worked on: only these can be late or due soon.
OPEN_STATUSES = frozenset({DossierStatus.RECEIVED, DossierStatus.PROCESSING,
                           DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.FINANCIAL_OBLIGATION})

# Dossiers that take no fee (refused, withdrawn, stopped: app/services/dossiers/payments.py) owe
# nothing, whatever their fee lines say; every other status may owe, a result returned unpaid with
# a supervisor's leave included: that debt is what the filter is for.
_NO_FEE_STATUSES = (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED)


def fees_owed_condition():
    """"Still owes a fee". The first term is written exactly as the partial index
    ix_dossiers_fees_owed's WHERE, so the database reads the few owing dossiers from it."""
    return and_(Dossier.fees_total > Dossier.fees_paid, Dossier.status.not_in([int(x) for x in _NO_FEE_STATUSES]))


# History actions (DossierEvent.action) as the counter says them: the lifecycle's own, plus the
# portal's submission and names older records may carry.
ACTION_LABELS = {
    **{a.value: a.label for a in Action},
    "submit": "Nộp hồ sơ trực tuyến",
    "code_assigned": "Cấp mã hồ sơ chính thức (thay mã tạm)",
    "correct": "Sửa thông tin người nộp",
    "register": "Tiếp nhận hồ sơ",
    "transfer": "Chuyển phòng chuyên môn",
    "resolve": "Có kết quả",
    "digitize": "Số hóa thành phần hồ sơ",
    "attach_result": "Đính kèm tệp kết quả",
    "sign_document": "Ký số văn bản",  # app/services/signing/signing.py: which document, by whom, in the note
    "signed_document": "Gửi văn bản đã ký số lên cổng",  # its outbox row (app/services/signing/delivery.py)
    "rated": "Công dân đánh giá",  # the citizen's rating at the counter (app/services/ratings/): no status change
    # Fees (docs/fees.md): a payment and its receipt, in the history and on the control sheet.
    "payment": "Nộp phí, lệ phí",
    "payment_voided": "Hủy khoản nộp phí, lệ phí ghi nhầm",
    "fee_receipt_issued": "Phát hành biên lai thu phí, lệ phí",
    "fee_receipt_failed": "Biên lai bị từ chối phát hành",
    "fee_receipt_cancelled": "Hủy biên lai thu phí, lệ phí",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


@dataclass(frozen=True)
class DossierFilter:
    text: str = ""
    statuses: frozenset[int] = frozenset()
    procedure_id: int | None = None
    channel: int | None = None
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    overdue_only: bool = False
    now: datetime | None = None  # for overdue_only; None: the current time
    fees_owed: bool = False  # "Còn nợ phí": only dossiers that still owe (fees_owed_condition)


# The SQLite FTS5 index over applicant_name_folded (rowid = dossiers.id), see migration 0001.
_fts = table("dossier_search", column("rowid"))


def _statuses(flt: DossierFilter) -> frozenset[int] | None:
    """The statuses to show (None: any); overdue narrows them to the open ones."""
    chosen = frozenset(int(x) for x in flt.statuses) or None
    if flt.overdue_only:
        return OPEN_STATUSES & chosen if chosen else frozenset(int(x) for x in OPEN_STATUSES)
    return chosen


def _conditions(flt: DossierFilter, before_id: int | None) -> list:
    """Every condition but the status and the search text."""
    where = []
    if before_id is not None:
        where.append(Dossier.id < before_id)
    if flt.procedure_id is not None:
        where.append(Dossier.procedure_id == flt.procedure_id)
    if flt.channel is not None:
        where.append(Dossier.channel == int(flt.channel))
    if flt.received_from is not None:
        where.append(Dossier.received_at >= datetime.combine(flt.received_from, time.min))
    if flt.received_to is not None:
        where.append(Dossier.received_at < datetime.combine(flt.received_to + timedelta(days=1), time.min))
    if flt.overdue_only:
        where.append(Dossier.due_at < (flt.now or now_local()))
    if flt.fees_owed:
        where.append(fees_owed_condition())
    return where


def _text_condition(session: Session, kind: str, value: str):
    if kind == "code":
        return code_is(value)
    if kind == "id_number":
        return Dossier.applicant_id_number.in_([value, f"{value[:10]}-{value[10:]}"])
    if kind == "phone":
        # A 10-digit number starting with 0 may also be a tax code: look at both.
        return or_(Dossier.applicant_phone == value, Dossier.applicant_id_number == value)
    words = value.split()  # a name, on PostgreSQL: the GIN index over the tsvector
    tsq = " & ".join([*words[:-1], words[-1] + ":*"])
    return (func.to_tsvector(literal_column("'simple'"), Dossier.applicant_name_folded)
            .bool_op("@@")(func.to_tsquery(literal_column("'simple'"), tsq)))


def _rows_by_id(session: Session, ids: list[int]) -> list[DossierRow]:
    stmt = (select(*ROW_COLUMNS).join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.id.in_(ids)).order_by(Dossier.id.desc()))
    return [DossierRow(*r) for r in session.execute(stmt)] if ids else []


def fetch_page_in(session: Session, flt: DossierFilter, before_id: int | None = None,
                  limit: int = PAGE) -> list[DossierRow]:
    if flt.received_from and flt.received_to and flt.received_from > flt.received_to:
        return []
    statuses = _statuses(flt)
    if statuses is not None and not statuses:
        return []
    where = _conditions(flt, before_id)
    kind, value = classify(flt.text) if flt.text.strip() else ("name", "")
    if kind == "name" and value and session.get_bind().dialect.name == "sqlite":
        # Drive the query from the FTS index, newest match first (rowid DESC straight from the
        # index, `rowid < before` pushed into it), and look each match up by primary key: the
        # LIMIT stops the walk as soon as the page is full, however many names match.
        if statuses:
            where.append(Dossier.status.in_(sorted(statuses)))
        if before_id is not None:
            where.append(_fts.c.rowid < before_id)
        stmt = (select(*ROW_COLUMNS).select_from(_fts).join(Dossier, Dossier.id == _fts.c.rowid)
                .join(Procedure, Procedure.id == Dossier.procedure_id)
                .where(text("dossier_search MATCH :q").bindparams(q=fts_query(value)), *where)
                .order_by(_fts.c.rowid.desc()).limit(limit))
        return [DossierRow(*r) for r in session.execute(stmt)]
    if value:
        where.append(_text_condition(session, kind, value))
    narrowed = (flt.procedure_id is not None or flt.channel is not None or flt.received_from or flt.received_to
                or flt.fees_owed)
    if statuses and len(statuses) > 1 and kind == "name" and not narrowed:
        # Several statuses (overdue = four open ones): `status IN (…) ORDER BY id DESC` would
        # collect every match and sort it. Walk each status's (status, id) index newest first
        # instead, stop at `limit` each, and keep the newest `limit` of the union. (With another
        # filter, that filter's index is the better start: leave the plan to the database.)
        ids: list[int] = []
        for st in sorted(statuses):
            ids += session.scalars(select(Dossier.id).where(Dossier.status == st, *where)
                                   .order_by(Dossier.id.desc()).limit(limit))
        return _rows_by_id(session, sorted(ids, reverse=True)[:limit])
    if statuses:
        where.append(Dossier.status.in_(sorted(statuses)))
    stmt = (select(*ROW_COLUMNS).join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(*where).order_by(Dossier.id.desc()).limit(limit))
    return [DossierRow(*r) for r in session.execute(stmt)]


def fetch_page(db: Database, actor: Actor, flt: DossierFilter, before_id: int | None = None,
               limit: int = PAGE) -> list[DossierRow]:
    """Up to `limit` dossiers matching `flt`, newest first, all with an id below `before_id`."""
    actor.require(Permission.SEARCH_DOSSIERS)
    if not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"Số kết quả tối đa phải từ 1 đến {MAX_LIMIT}.")
    with db.reading() as s:
        rows = fetch_page_in(s, flt, before_id, limit)
    kind, value = classify(flt.text) if flt.text.strip() else ("name", "")
    if kind in ("id_number", "phone") and rows and before_id is None:
        log_lookup(db, actor, kind, value, [r.code for r in rows])  # the first page: one look-up, one record
    return masked_rows(actor, rows)


def _one_working_day_after(now: datetime) -> datetime:
    # One working day ahead, stepping over the weekend (holidays are not worth a query here).
    end = now + timedelta(days=1)
    while end.weekday() >= 5:
        end += timedelta(days=1)
    return end


def urgency(row: DossierRow, now: datetime) -> str | None:
    """"overdue", "due_soon" (due within one working day) or None; only for open dossiers."""
    if row.status not in OPEN_STATUSES:
        return None
    if row.due_at < now:
        return "overdue"
    if row.due_at <= _one_working_day_after(now):
        return "due_soon"
    return None


def procedure_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, code, name) of the active procedures and of retired ones that still have dossiers."""
    has_dossiers = exists().where(Dossier.procedure_id == Procedure.id)
    with db.reading() as s:
        rows = s.execute(select(Procedure.id, Procedure.code, Procedure.name)
                         .where(or_(Procedure.active.is_(True), has_dossiers))
                         .order_by(Procedure.name, Procedure.code))
        return [(i, c, n) for i, c, n in rows]

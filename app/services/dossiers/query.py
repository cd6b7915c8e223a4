"""Finding dossiers: by exact code, CCCD or tax code, phone, or applicant name without
diacritics (SQLite FTS5 / PostgreSQL tsvector over the Python-folded name)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from app.domain.codes import parse_dossier_code
from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.privacy import sees_whole, shown_to
from app.domain.vocab import Channel, DossierStatus
from app.errors import NotFound, UserError
from app.services.trust.privacy import log_lookup, log_view, masked_rows
from db.engine import Database
from db.models import CodeReplacement, Counter, Dossier, DossierPayment, Procedure, User

MAX_LIMIT = 1000


@dataclass(frozen=True)
class DossierRow:
    id: int
    code: str
    applicant_name: str
    applicant_id_number: str | None
    applicant_phone: str | None
    procedure_code: str
    procedure_name: str
    channel: int
    status: int
    received_at: datetime
    due_at: datetime

    @property
    def status_label(self) -> str:
        return DossierStatus(self.status).label

    def to_json(self) -> dict:
        d = asdict(self)
        d["received_at"], d["due_at"] = self.received_at.isoformat(), self.due_at.isoformat()
        d["status_label"], d["channel_label"] = self.status_label, Channel(self.channel).label
        return d


ROW_COLUMNS = (Dossier.id, Dossier.code, Dossier.applicant_name, Dossier.applicant_id_number,
                Dossier.applicant_phone, Procedure.code, Procedure.name, Dossier.channel,
                Dossier.status, Dossier.received_at, Dossier.due_at)


def _rows(session: Session, where, limit: int) -> list[DossierRow]:
    stmt = (select(*ROW_COLUMNS).join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(where).order_by(Dossier.id.desc()).limit(limit))
    return [DossierRow(*r) for r in session.execute(stmt)]


def fts_query(folded: str) -> str:
    """Every word must match; the last one as a prefix, so results follow the typing."""
    words = folded.split()
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _name_ids(session: Session, folded: str, limit: int) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        # Newest first straight from the index: rowid order is registration order.
        sql = text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q "
                   "ORDER BY rowid DESC LIMIT :n")
        return list(session.scalars(sql, {"q": fts_query(folded), "n": limit}))
    words = folded.split()
    tsq = " & ".join([*words[:-1], words[-1] + ":*"])
    stmt = (select(Dossier.id)
            .where(func.to_tsvector(text("'simple'"), Dossier.applicant_name_folded)
                   .bool_op("@@")(func.to_tsquery(text("'simple'"), tsq)))
            .order_by(Dossier.id.desc()).limit(limit))
    return list(session.scalars(stmt))


def classify(query: str) -> tuple[str, str]:
    """What the text in the one search box is: ("code"|"id_number"|"phone"|"name", value)."""
    q = query.strip()
    # A code of any shape app/domain/codes.py knows (2018, Circular 04/2025, provisional), before
    # the digit rules: "…-010001" must not be read as a number.
    if parse_dossier_code(q):
        return "code", q.upper()
    digits = re.sub(r"[\s.\-]", "", q)
    if digits.isdigit():
        if len(digits) in (12, 13) or (len(digits) == 10 and not digits.startswith("0")):
            return "id_number", digits
        if len(digits) == 10 and digits.startswith("0") and q.replace(" ", "").count("-") == 0:
            return "phone", digits
        if len(digits) == 11 and digits.startswith("0"):
            return "phone", digits
    return "name", fold(q)


def search_in(session: Session, query: str, limit: int = 50) -> list[DossierRow]:
    kind, value = classify(query)
    if not value:
        return []
    if kind == "code":
        return _rows(session, code_is(value), limit)
    if kind == "id_number":
        return _rows(session, Dossier.applicant_id_number.in_([value, f"{value[:10]}-{value[10:]}"]), limit)
    if kind == "phone":
        # A 10-digit number starting with 0 may also be a tax code: look at both.
        return _rows(session, (Dossier.applicant_phone == value) | (Dossier.applicant_id_number == value), limit)
    ids = _name_ids(session, value, limit)
    return _rows(session, Dossier.id.in_(ids), limit) if ids else []


def search(db: Database, actor: Actor, query: str, limit: int = 50) -> list[DossierRow]:
    actor.require(Permission.SEARCH_DOSSIERS)
    if not query or not query.strip():
        raise UserError("Nhập mã hồ sơ, số CCCD, số điện thoại hoặc họ tên để tìm.")
    if not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"Số kết quả tối đa phải từ 1 đến {MAX_LIMIT}.")
    with db.reading() as s:
        rows = search_in(s, query, limit)
    kind, value = classify(query)
    if kind in ("id_number", "phone") and rows:
        log_lookup(db, actor, kind, value, [r.code for r in rows])
    return masked_rows(actor, rows)


def code_is(code: str):
    """The condition "the dossier whose code is `code`", a provisional code it once had included
    (the citizen's first receipt and the barcode on it carry that one)."""
    code = code.strip().upper()
    if code_is_provisional(code):
        return Dossier.id.in_(select(CodeReplacement.dossier_id).where(CodeReplacement.provisional_code == code)) \
            | (Dossier.code == code)
    return Dossier.code == code


def code_is_provisional(code: str) -> bool:
    parsed = parse_dossier_code(code)
    return parsed is not None and parsed.provisional


def get_dossier(session: Session, code: str) -> Dossier:
    d = session.scalar(select(Dossier).where(code_is(code)).options(
        selectinload(Dossier.documents), selectinload(Dossier.fees), selectinload(Dossier.events),
        selectinload(Dossier.procedure)))
    if d is None:
        raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
    return d


def dossier_for_update(session: Session, code: str) -> Dossier:
    """The dossier, row-locked until the transaction ends (PostgreSQL; SQLite's write transaction
    is already exclusive): two counters acting on one dossier take turns."""
    d = session.scalar(select(Dossier).where(code_is(code)).with_for_update())
    if d is None:
        raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
    return d


def _iso(v):
    return v.isoformat() if isinstance(v, (date, datetime)) else v


_FEE_SETTINGS = ("bank.bin", "bank.account", "bank.holder", "fees.block_unpaid_return")


def fee_part(session: Session, d: Dossier) -> dict:
    """The detail's fees (docs/fees.md): every payment, voided ones included, each with its current
    receipt; every receipt of the dossier, cancelled ones included, oldest first; what is still
    owed, its VietQR text, and whether the office refuses to return a result while a fee is owed."""
    from app.services.dossiers.payments import METHODS, transfer_qr
    from app.services.fees.receipts import receipts_of_in
    from app.services.settings.store import settings_of

    rows = session.execute(
        select(DossierPayment, User.full_name, Counter.number)
        .outerjoin(User, User.id == DossierPayment.recorded_by)
        .outerjoin(Counter, Counter.id == DossierPayment.counter_id)
        .where(DossierPayment.dossier_id == d.id).order_by(DossierPayment.id)).all()
    receipts = receipts_of_in(session, d.id)
    current: dict[int, dict] = {}
    for r in receipts:  # oldest first: a payment's last receipt not replaced is its current one
        if not r.get("replaced_by_id"):
            current[r["payment_id"]] = r
    payments = [{"id": p.id, "uuid": p.uuid, "amount": p.amount, "method": p.method,
                 "method_label": METHODS.get(p.method, p.method), "reference": p.reference,
                 "payer_name": p.payer_name, "paid_at": p.paid_at.isoformat(), "recorded_by": name or "",
                 "counter": number, "voided_at": _iso(p.voided_at), "void_reason": p.void_reason,
                 "closed": p.closing_id is not None, "receipt": current.get(p.id)}
                for p, name, number in rows]
    paid = sum(p["amount"] for p in payments if p["voided_at"] is None)
    outstanding = max(0, d.fees_total - paid)
    settings = settings_of(session, _FEE_SETTINGS)  # four, not the fifty (and a keyring) of settings_in
    return {"fees_paid": paid, "outstanding": outstanding, "payments": payments, "receipts": receipts,
            "transfer_qr": transfer_qr(settings, d.code, outstanding),
            "fees_block_return": bool(settings.get("fees.block_unpaid_return", True))}


def dossier_detail(db: Database, actor: Actor, code: str) -> dict:
    """Every field of a dossier with its documents, fees and history, as plain data. Each call is
    a view of the citizen's personal data, and is logged as one. For a role without
    `view_personal_data` the personal fields, and those inside the history, come masked
    (app/domain/privacy.py) and `masked` is true: every front end shows what it gets."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        d = get_dossier(s, code)
        cols = [c.key for c in Dossier.__table__.columns if c.key not in ("applicant_name_folded",)]
        out = {k: _iso(getattr(d, k)) for k in cols}
        out["status_label"] = DossierStatus(d.status).label
        out["channel_label"] = Channel(d.channel).label
        out["procedure"] = {"code": d.procedure.code, "name": d.procedure.name,
                            "sector": d.procedure.sector_name}
        out["documents"] = [{"name": x.name, "originals": x.originals, "copies": x.copies,
                             "mandatory": x.mandatory, "received": x.received} for x in d.documents]
        out["fees"] = [{"name": f.name, "amount": f.amount, "kind": f.kind} for f in d.fees]
        out.update(fee_part(s, d))
        out["events"] = [{"uuid": e.uuid, "action": e.action, "status_from": e.status_from,
                          "status_to": e.status_to, "at": e.at.isoformat(), "note": e.note,
                          "details": e.details} for e in d.events]
        from app.services.notices.query import history_rows

        out["notices"] = history_rows(s, d.id, d.code, sees_whole(actor))  # what was sent to the citizen, how it went
    out = shown_to(actor, "dossier", out)
    out["masked"] = not sees_whole(actor)
    log_view(db, actor, out["code"], details={"masked": True} if out["masked"] else None)
    return out

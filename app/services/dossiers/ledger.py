"""The tracking ledger (Sổ theo dõi hồ sơ, Form 07): kept per sector or group of sectors
(DOMAIN.md §4), each book with running entry numbers that restart every 1 January.

The books are data: setting `ledger.books`, a list of {"key", "name", "sectors": [sector codes]};
a book with no sectors takes every sector no other book lists. Empty (the default): one book per
sector code of the catalog, named after the sector. A dossier whose sector no book takes goes to
the book "CHUNG" (Chung). A dossier gets its entry when it is received: at the counter
(registration) or when an online or postal dossier is accepted (the `receive` action); the entry
never changes afterwards, even if the books are later regrouped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import address as units
from app.domain.privacy import mask
from app.domain.text import printable
from app.domain.vocab import ResultMethod
from app.errors import UserError
from app.formatting import day
from app.services.sequences import next_yearly
from app.services.settings.store import setting_in, settings_in
from db.models import Agency, Dossier, Procedure

CATCH_ALL = "CHUNG"


@dataclass(frozen=True)
class Book:
    key: str
    name: str
    sectors: tuple[str, ...] = ()


def books_in(session: Session) -> list[Book]:
    """The office's books, in their order (module docstring)."""
    configured = setting_in(session, "ledger.books") or []
    if configured:
        return [Book(b["key"], b["name"], tuple(b.get("sectors") or ())) for b in configured]
    sectors = session.execute(select(Procedure.sector_code, Procedure.sector_name)
                              .order_by(Procedure.sector_code, Procedure.id)).all()
    seen: dict[str, str] = {}
    for code, name in sectors:
        seen.setdefault(code, name)
    return [Book(code, name, (code,)) for code, name in seen.items()] or [Book(CATCH_ALL, "Chung")]


def book_for(books: list[Book], sector_code: str) -> Book:
    for b in books:
        if sector_code in b.sectors:
            return b
    return next((b for b in books if not b.sectors), None) or Book(CATCH_ALL, "Chung")


def book_key(session: Session, configured: list | None, sector: str) -> str:
    """The book a dossier of `sector` is entered in; `configured`: the `ledger.books` setting.
    Without books of its own the office keeps one per sector (books_in): the sector is the book,
    and registering need not read the whole catalog to learn it."""
    return book_for(books_in(session), sector).key if configured or not sector else sector


def assign_ledger_entry(session: Session, dossier: Dossier) -> None:
    """Give a dossier being received its book and next entry number in that book and year, in the
    transaction that receives it. A dossier that already has an entry keeps it."""
    if dossier.ledger_number is not None:
        return
    proc = session.get(Procedure, dossier.procedure_id)
    key = book_key(session, setting_in(session, "ledger.books"), proc.sector_code if proc else "")
    year = dossier.received_at.year
    dossier.ledger_book, dossier.ledger_year = key, year
    dossier.ledger_number = next_yearly(session, f"ledger:{key}", year)


def entry_text(session: Session, dossier: Dossier) -> tuple[str, str] | None:
    """("<book name>", "<number>") of a dossier's entry, as Form 01 prints it; None: no entry."""
    if dossier.ledger_number is None:
        return None
    name = next((b.name for b in books_in(session) if b.key == dossier.ledger_book), dossier.ledger_book or "")
    return name, str(dossier.ledger_number)


HEAD = ("STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân", "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết", "Ngày nhận\nhồ sơ", "Ngày hẹn\ntrả kết quả", "Ngày trả\nkết quả",
        "Hình thức nhận kết quả", "Ký nhận kết quả")


@dataclass(frozen=True)
class BookPage:
    book: Book
    rows: list[tuple[str, ...]]


def lead_agency(dossier: Dossier, fallback: str) -> str:
    """The resolving agency: the division the dossier was first handed to, else `fallback` (the
    setting `forms.resolving_agency`)."""
    first = next((e for e in dossier.events if e.action in ("hand_over", "transfer")
                  and (e.details or {}).get("division")), None)
    return first.details["division"] if first else fallback


def collected(dossier: Dossier) -> str:
    """How the result went out, from the return event (what actually happened, not the plan)."""
    returned = next((e for e in reversed(dossier.events) if e.action == "return_result"), None)
    if returned is None:
        return ""
    x = returned.details or {}
    if x.get("post"):
        return f"Bưu chính: {x['post'].get('shipment', '')}"
    if x.get("collector"):
        return "Tại quầy" if x["collector"].get("is_applicant", True) else "Tại quầy (người được ủy quyền)"
    try:
        return ResultMethod(dossier.result_method).label
    except ValueError:
        return ""


def in_province(address: str | None, home: units.Province | None) -> str | None:
    """`address` without its last part when that is the office's own province: the ledger is the
    office's, and its narrow column then keeps the commune (a long address is still cut)."""
    if not address or home is None:
        return address
    head, sep, last = address.rpartition(",")
    return head.strip() if sep and head.strip() and units.province_named(last) == home else address


def ledger_pages(session: Session, start: date, end: date, book_key: str | None = None, *,
                 masked: bool = False) -> list[BookPage]:
    """The books' entries for dossiers received in [start, end]: one page group per book that has
    any (or the one asked for, even empty); `masked`: addresses and phones as app/domain/privacy.py
    masks them."""
    if end < start:
        raise UserError("Ngày cuối phải sau hoặc bằng ngày đầu.")
    books = books_in(session)
    stmt = (select(Dossier).where(Dossier.received_at >= datetime.combine(start, time.min),
                                  Dossier.received_at < datetime.combine(end + timedelta(days=1), time.min))
            .options(selectinload(Dossier.events), selectinload(Dossier.procedure)))
    fallback = settings_in(session).get("forms.resolving_agency", "")
    agency = session.scalar(select(Agency).order_by(Agency.id).limit(1))
    home = (units.province_named(agency.place_name) or units.province_named(agency.address)) if agency else None
    grouped: dict[str, list[tuple[str, ...]]] = {}
    # By entry (year, number); dossiers received before books existed have none: after, by time.
    dossiers = sorted(session.scalars(stmt), key=lambda d: (d.ledger_number is None, d.ledger_year or 0,
                                                             d.ledger_number or 0, d.received_at, d.id))
    for d in dossiers:
        key = d.ledger_book or book_for(books, d.procedure.sector_code).key
        contact = (in_province(d.applicant_address, home), d.applicant_phone)
        if masked:
            contact = (mask("applicant_address", contact[0]), mask("applicant_phone", contact[1]))
        grouped.setdefault(key, []).append((
            str(d.ledger_number) if d.ledger_number is not None else "", d.code, d.procedure.name, d.applicant_name,
            "\n".join(x for x in contact if x), lead_agency(d, fallback), day(d.received_at), day(d.due_at),
            day(d.returned_at), collected(d), ""))
    known = {b.key: b for b in books}
    if book_key is not None:
        if book_key not in known and book_key not in grouped:
            names = ", ".join(b.key for b in books)
            raise UserError(f"Không có quyển sổ «{printable(book_key, 60)}» (có: {names}).")
        return [BookPage(known.get(book_key) or Book(book_key, book_key), grouped.get(book_key, []))]
    # The configured books first, in their order; then books only older entries still name.
    order = [b for b in books if b.key in grouped] + [Book(k, k) for k in grouped if k not in known]
    return [BookPage(b, grouped[b.key]) for b in order] or [BookPage(books[0], [])]

"""Printing a dossier's receipt (Form 01). The first print is archived as
`<data>/receipts/YYYY/MM/<code>.pdf` on the PC that printed it and, on an office server
(PostgreSQL), in the database (`receipt_archive`, which every counter shares); every later print
is that same file, so a reprint is identical to what the citizen was first given, whatever the
settings say since, on whichever counter. `motcua db copy` takes a PC's receipt files into the
server's table.

A role without `view_personal_data` (a supervisor) never gets the archived receipt, which carries
the applicant's numbers whole: it gets a fresh rendering with them masked, one copy marked as such
at its top, and no archive is read or written (a masked copy must never become "the receipt the
citizen was given")."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.privacy import mask, sees_whole
from app.domain.vocab import ResultMethod, TimeUnit
from app.errors import UserError
from app.files import sweep_leftovers, write_atomically
from app.formatting import number
from app.oserrors import os_reason
from app.services.dossiers.form_templates import template_for
from app.services.dossiers.forms import letterhead
from app.services.dossiers.ledger import entry_text
from app.services.dossiers.payments import transfer_qr
from app.services.dossiers.query import get_dossier
from app.services.journal import audit
from app.services.settings.store import settings_in
from db.engine import Database
from db.models import Agency, Dossier, ReceiptArchive, User
from printing.receipt import TITLE, Principal, ReceiptData, ReceiptDocument, build_receipt

log = logging.getLogger("motcua.receipts")

MASKED_RECEIPT_NOTE = "BẢN XEM CHE THÔNG TIN CÁ NHÂN – không phải giấy đã giao, không thay bản lưu"


@dataclass(frozen=True)
class ReceiptFile:
    path: Path | None  # the archived file; None for a masked copy, which is not archived
    sha256: str
    reprint: bool
    pdf: bytes
    masked: bool = False


def processing_time(value: float, unit: str) -> str:
    unit = TimeUnit(unit)
    if unit is TimeUnit.WITHIN_DAY:
        return "Trong ngày"
    shown = f"{int(value):02d}" if float(value).is_integer() else number(value)
    return f"{shown} {unit.label}"


def result_place(method: str, address: str | None, counter: str = "") -> str:
    """Form 01's "6. Đăng ký nhận kết quả tại": by post to the address, online, or at the office's
    counter in its own wording (setting `receipt.result_place`)."""
    if method == ResultMethod.POST:
        return f"{ResultMethod.POST.label}: {address}" if address else ResultMethod.POST.label
    if method == ResultMethod.ONLINE:
        return "Trực tuyến, trên Cổng dịch vụ công"
    return counter or "Bộ phận Một cửa"


def counter_wording(setting: str, agency: Agency) -> str:
    """The office's counter as the receipt names it: the setting, else "Bộ phận Một cửa – <agency>"."""
    return setting.strip() or f"Bộ phận Một cửa – {agency.name}"


def _principal(value: dict | None, masked: bool) -> Principal | None:
    if not value or not value.get("name"):
        return None
    shown = mask("principal", value) if masked else value
    return Principal(**{k: str(shown.get(k) or "") for k in ("name", "address", "id_number", "phone", "email",
                                                             "paper")})


def receipt_data(session: Session, code: str, data_dir: Path | None = None, *, masked: bool = False) -> ReceiptData:
    """The receipt's facts; `masked`: the applicant's personal data as app/domain/privacy.py
    masks it, and the copy marked as masked."""
    d = get_dossier(session, code)

    def shown(field: str, value):
        return (mask(field, value) if masked else value) or ""

    agency = session.get(Agency, d.agency_id)
    officer = session.get(User, d.received_by) if d.received_by else None
    settings = settings_in(session)
    template = template_for(session, "receipt", d.received_at, data_dir)  # the set in force that day
    head = letterhead(session, agency, d.received_at)
    return ReceiptData(
        code=d.code,
        agency_parent=head.parent,
        agency_name=head.unit,
        place_name=head.place,
        applicant_name=d.applicant_name,
        applicant_address=shown("applicant_address", d.applicant_address),
        applicant_phone=shown("applicant_phone", d.applicant_phone),
        applicant_email=shown("applicant_email", d.applicant_email),
        applicant_id_number=shown("applicant_id_number", d.applicant_id_number),
        masked_note=MASKED_RECEIPT_NOTE if masked else "",
        procedure_name=d.procedure.name,
        documents=tuple(ReceiptDocument(x.name, x.originals, x.copies) for x in d.documents if x.received),
        sets=d.sets,
        processing_time=processing_time(d.procedure.time_value, d.procedure.time_unit),
        received_at=d.received_at,
        due_at=d.due_at,
        result_place=result_place(d.result_method, shown("result_address", d.result_address),
                                  counter_wording(settings["receipt.result_place"], agency)),
        principal=_principal(d.principal, masked),
        officer_name=officer.full_name if officer else "",
        # No address set: no look-up QR (never a guessed portal address).
        lookup_url=settings["receipt.lookup_url"].replace("{code}", d.code),
        evaluation_url=settings["rating.evaluation_url"].replace("{code}", d.code),
        **_ledger_entry(session, d),
        fees=tuple((f.name, f.amount) for f in d.fees),
        transfer_qr=transfer_qr(settings, d.code, d.fees_total),
        title=template.get("title", TITLE), form_number=template.get("number", ""), provisional=d.provisional,
        bank_line=(f"Tài khoản {settings['bank.account']}" + (f" – {settings['bank.holder']}"
                                                              if settings["bank.holder"] else "")),
    )


def _ledger_entry(session: Session, d: Dossier) -> dict[str, str]:
    """"Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …": the dossier's entry in its sector's book
    (app/services/dossiers/ledger.py), or nothing (the form's dotted placeholders), never a number
    taken from the dossier code."""
    entry = entry_text(session, d)
    if entry is None:
        return {}
    name, _ = entry
    return {"ledger_book": f"{name} – năm {d.ledger_year}" if d.ledger_year else name,
            "ledger_number": f"{d.ledger_number:04d}"}


def archive_path(archive_dir: Path, code: str, received_at) -> Path:
    return Path(archive_dir) / "receipts" / f"{received_at:%Y}" / f"{received_at:%m}" / f"{code}.pdf"


_swept: set[Path] = set()


def _sweep_once(folder: Path) -> None:
    """A receipt cut short by a power cut leaves a hidden temporary file in its month's folder;
    the next receipt written there clears it (once per folder and run: a listing of a month's
    receipts is not free)."""
    if folder not in _swept:
        _swept.add(folder)
        if sweep_leftovers(folder):
            log.info("removed unfinished receipt files in %s", folder)


def archive_key(code: str, received_at) -> str:
    """The receipt's name in the database archive: its path under the data folder, with `/`."""
    return f"receipts/{received_at:%Y}/{received_at:%m}/{code}.pdf"


def _archived(session: Session, key: str) -> bytes | None:
    return session.scalar(select(ReceiptArchive.pdf).where(ReceiptArchive.path == key))


def _archive(session: Session, key: str, code: str, pdf: bytes) -> bytes:
    """Keep `pdf` under `key` unless a receipt is there already (another counter printed it at
    the same moment: its file wins, so every copy the citizen may get is the same). Returns the
    archived bytes."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(ReceiptArchive).values(
        path=key, code=code, sha256=hashlib.sha256(pdf).hexdigest(), pdf=pdf, archived_at=now_local(),
    ).on_conflict_do_nothing(index_elements=[ReceiptArchive.path]))
    return _archived(session, key)


def print_receipt(db: Database, actor: Actor, code: str, archive_dir: Path) -> ReceiptFile:
    """The receipt's PDF: the archived one if it was printed before (in this PC's data folder, or
    in the database when another counter of the office server printed it), else built and
    archived: in the data folder, and on an office server also in the database, written with the
    audit record in one transaction. (One PC with SQLite keeps its receipts as files only: the
    database and its daily backups would otherwise grow by some 50 kB a dossier.)
    A role without `view_personal_data` gets a masked copy instead (see the module's note)."""
    actor.require(Permission.VIEW_DOSSIER)
    if not sees_whole(actor):
        return _masked_copy(db, actor, code, archive_dir)
    signed = _signed_e_receipt(db, actor, code, archive_dir)
    if signed is not None:
        return signed
    with db.reading() as s:
        data = receipt_data(s, code, archive_dir)
        settings = settings_in(s)
        path = archive_path(archive_dir, data.code, data.received_at)
        key = archive_key(data.code, data.received_at)
        local = path.is_file()
        pdf = None if local else _archived(s, key)
    reprint = local or pdf is not None
    try:
        if local:
            pdf = path.read_bytes()
        elif pdf is None:
            pdf = build_receipt(data, paper=settings["receipt.paper"], copies=settings["receipt.copies"])
    except OSError as exc:
        raise UserError(f"Không ghi hoặc đọc được tệp lưu giấy tiếp nhận «{path}»: {os_reason(exc)}.") from None
    shared = not db.is_sqlite  # an office server: the database is what every counter shares
    with db.writing() as s:
        if shared and (not reprint or (local and _archived(s, key) is None)):  # or printed before 0012
            stored = _archive(s, key, data.code, pdf)
            reprint = reprint or stored != pdf
            pdf = stored
        digest = hashlib.sha256(pdf).hexdigest()
        audit(s, actor, "receipt.reprint" if reprint else "receipt.print", "dossier", data.code,
              {"sha256": digest, "path": str(path.relative_to(archive_dir))})
    if not local:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _sweep_once(path.parent)
            write_atomically(path, pdf)
        except OSError as exc:
            raise UserError(f"Không ghi hoặc đọc được tệp lưu giấy tiếp nhận «{path}»: {os_reason(exc)}.") from None
    return ReceiptFile(path, digest, reprint, pdf)


def _signed_e_receipt(db: Database, actor: Actor, code: str, data_dir: Path) -> ReceiptFile | None:
    """An online dossier whose e-receipt is signed (app/services/signing/): every print is that
    signed file, the one the citizen was given. None: no signed receipt."""
    from app.services.signing.query import signed_receipt_in

    with db.reading() as s:
        found = signed_receipt_in(s, code, data_dir)
    if found is None:
        return None
    dossier_code, pdf = found
    digest = hashlib.sha256(pdf).hexdigest()
    with db.writing() as s:
        audit(s, actor, "receipt.reprint", "dossier", dossier_code, {"sha256": digest, "signed": True})
    return ReceiptFile(None, digest, True, pdf)


def _masked_copy(db: Database, actor: Actor, code: str, data_dir: Path) -> ReceiptFile:
    with db.reading() as s:
        data = receipt_data(s, code, data_dir, masked=True)
        paper = settings_in(s)["receipt.paper"]
    pdf = build_receipt(data, paper=paper, copies=1)
    digest = hashlib.sha256(pdf).hexdigest()
    with db.writing() as s:  # the view of the dossier, as every other one
        audit(s, actor, "receipt.masked_copy", "dossier", data.code, {"sha256": digest, "masked": True})
    return ReceiptFile(None, digest, False, pdf, masked=True)

"""Printing a dossier's receipt (Form 01). The first print is archived as
`<data>/receipts/YYYY/MM/<code>.pdf`; every later print is that same file, so a reprint is
identical to what the citizen was first given, whatever the settings say since."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.permissions import Actor, Permission
from app.domain.vocab import ResultMethod, TimeUnit
from app.errors import UserError
from app.files import sweep_leftovers, write_atomically
from app.formatting import number
from app.services.dossier_query import get_dossier
from app.services.forms import letterhead, load_template_set
from app.services.journal import audit
from app.services.payments import transfer_qr
from app.services.settings import settings_in
from db.engine import Database
from db.models import Agency, User
from printing.receipt import TITLE, ReceiptData, ReceiptDocument, build_receipt

log = logging.getLogger("motcua.receipts")


@dataclass(frozen=True)
class ReceiptFile:
    path: Path
    sha256: str
    reprint: bool
    pdf: bytes


def processing_time(value: float, unit: str) -> str:
    unit = TimeUnit(unit)
    if unit is TimeUnit.WITHIN_DAY:
        return "Trong ngày"
    shown = f"{int(value):02d}" if float(value).is_integer() else number(value)
    return f"{shown} {unit.label}"


def result_place(method: str, address: str | None) -> str:
    if method == ResultMethod.POST:
        return f"{ResultMethod.POST.label}: {address}" if address else ResultMethod.POST.label
    if method == ResultMethod.ONLINE:
        return "Trực tuyến, trên Cổng dịch vụ công"
    return "Bộ phận Tiếp nhận và Trả kết quả (Bộ phận Một cửa)"


def receipt_data(session: Session, code: str, data_dir: Path | None = None) -> ReceiptData:
    d = get_dossier(session, code)
    agency = session.get(Agency, d.agency_id)
    officer = session.get(User, d.received_by) if d.received_by else None
    settings = settings_in(session)
    template = load_template_set(settings["forms.set"], data_dir)["receipt"]
    head = letterhead(session, agency, d.received_at)
    return ReceiptData(
        code=d.code,
        agency_parent=head.parent,
        agency_name=head.unit,
        place_name=head.place,
        applicant_name=d.applicant_name,
        applicant_address=d.applicant_address or "",
        applicant_phone=d.applicant_phone or "",
        applicant_email=d.applicant_email or "",
        procedure_name=d.procedure.name,
        documents=tuple(ReceiptDocument(x.name, x.originals, x.copies) for x in d.documents if x.received),
        sets=d.sets,
        processing_time=processing_time(d.procedure.time_value, d.procedure.time_unit),
        received_at=d.received_at,
        due_at=d.due_at,
        result_place=result_place(d.result_method, d.result_address),
        officer_name=officer.full_name if officer else "",
        lookup_url=settings["receipt.lookup_url"].replace("{code}", d.code),
        ledger_book=f"Quyển số {d.received_at:%Y}",
        ledger_number=d.code.rsplit("-", 1)[-1],
        fees=tuple((f.name, f.amount) for f in d.fees),
        transfer_qr=transfer_qr(settings, d.code, d.fees_total),
        title=template.get("title", TITLE), form_number=template.get("number", ""), provisional=d.provisional,
        bank_line=(f"Tài khoản {settings['bank.account']}" + (f" – {settings['bank.holder']}"
                                                              if settings["bank.holder"] else "")),
    )


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


def print_receipt(db: Database, actor: Actor, code: str, archive_dir: Path) -> ReceiptFile:
    """The receipt's PDF: from the archive if it was printed before, else built and archived."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        data = receipt_data(s, code, archive_dir)
        settings = settings_in(s)
    path = archive_path(archive_dir, data.code, data.received_at)
    reprint = path.is_file()
    try:
        if reprint:
            pdf = path.read_bytes()
        else:
            pdf = build_receipt(data, paper=settings["receipt.paper"], copies=settings["receipt.copies"])
            path.parent.mkdir(parents=True, exist_ok=True)
            _sweep_once(path.parent)
            write_atomically(path, pdf)
    except OSError as exc:
        raise UserError(f"Không ghi hoặc đọc được tệp lưu giấy tiếp nhận «{path}»: {exc.strerror}.") from None
    digest = hashlib.sha256(pdf).hexdigest()
    with db.writing() as s:
        audit(s, actor, "receipt.reprint" if reprint else "receipt.print", "dossier", data.code,
              {"sha256": digest, "path": str(path.relative_to(archive_dir))})
    return ReceiptFile(path, digest, reprint, pdf)

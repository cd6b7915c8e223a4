"""Filling the one-stop forms from a dossier and its history. The template set is a setting
(`forms.set`): "2025" (default, in force since 01/7/2025) or "2018", or the name of an office's own
copy in `<data>/forms/<name>.json`, which wins over the bundled one of the same name."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.domain.privacy import MASKED_NOTE, mask, sees_whole
from app.domain.vocab import Role
from app.errors import UserError
from app.formatting import day
from app.paths import RESOURCES
from app.paths import data_dir as user_data_dir
from app.services.dossiers.fee_notice import fee_notice_data
from app.services.dossiers.query import get_dossier
from app.services.settings.store import settings_in
from app.services.trust.privacy import log_export, log_view
from db.engine import Database
from db.models import Agency, Dossier, User
from printing.forms import FormData, Letterhead, build_form
from printing.layout import time_words

FORMS = ("supplement", "refusal", "apology", "stop", "control", "fee_notice")
# The event a letter-like form reports, and what the dossier must have gone through for it.
EVENT_OF = {"supplement": "request_supplement", "refusal": "refuse", "apology": "extend", "stop": "stop"}
NEEDS = {"supplement": "chưa có yêu cầu bổ sung", "refusal": "không bị từ chối tiếp nhận",
         "apology": "chưa được gia hạn", "stop": "chưa bị dừng giải quyết"}


def load_template_set(name: str, data_dir: Path | None = None) -> dict:
    """The named set: the office's own copy in the data folder (this one, or the user's) first."""
    for folder in (Path(data_dir or user_data_dir()) / "forms", RESOURCES / "forms"):
        path = folder / f"{name}.json"
        if path.is_file():
            try:
                forms = json.loads(path.read_text(encoding="utf-8"))["forms"]
            except (ValueError, KeyError) as exc:
                raise UserError(f"Bộ mẫu «{path}» không đọc được: {exc}.") from None
            return forms
    raise UserError(f"Không có bộ mẫu biểu «{name}» (có sẵn: 2025, 2018).")


def template_sets(data_dir: Path | None = None) -> list[str]:
    """The names `forms.set` may take: the bundled sets, newest first, then the office's own copies."""
    bundled = sorted((p.stem for p in (RESOURCES / "forms").glob("*.json")), reverse=True)
    own = sorted(p.stem for p in (Path(data_dir or user_data_dir()) / "forms").glob("*.json"))
    return list(dict.fromkeys(bundled + own))


def letterhead(session: Session, agency: Agency | None, when: datetime) -> Letterhead:
    if agency is None:
        raise UserError("Chưa khai báo cơ quan tiếp nhận (tên, mã đơn vị): vào Cài đặt › Cơ quan trước.")
    s = settings_in(session)
    return Letterhead(s["receipt.header_parent"].strip() or agency.parent_name or "",
                      s["receipt.header_unit"].strip() or agency.name,
                      s["receipt.place"].strip() or agency.place_name or "", when)


def _fill(text: str, **values) -> str:
    return text.format(**values) if text else ""


def form_data(session: Session, form: str, code: str, templates: dict, now: datetime, *,
              masked: bool | None = None) -> FormData:
    """The form's facts; `masked`: the applicant's personal data (and any number in the notes it
    prints) as app/domain/privacy.py masks it, and the form marked as a masked copy. None: as the
    user who did the step the form reports may see it, since a letter made with a step (the
    apology made inside an extension, app/services/dossiers/lifecycle.py) opens for that user at once."""
    if form not in FORMS:
        raise UserError(f"Không có biểu mẫu «{form}»: chọn một trong {', '.join(FORMS)}.")
    d = get_dossier(session, code)
    event = next((e for e in reversed(d.events) if e.action == EVENT_OF[form]), None) if form in EVENT_OF else None
    if masked is None:
        masked = event is not None and _author_masked(session, event)
    agency = session.get(Agency, d.agency_id)
    # An office's own template set written before the fee notice existed still prints it.
    t = templates.get(form) or load_template_set("2025")[form]
    head = letterhead(session, agency, now)
    if form == "fee_notice":
        return fee_notice_data(session, d, t, head, masked=masked)

    def shown(field: str, value):
        return (mask(field, value) if masked else value) or ""

    note = MASKED_NOTE if masked else ""
    values = {"unit": head.unit, "applicant": d.applicant_name, "procedure": d.procedure.name,
              "received": day(d.received_at), "code": d.code, "old_due": time_words(d.due_at), "new_due": ""}
    # Forms 03 and 04 name the applicant's số định danh (DOMAIN.md §4).
    who = (("Số định danh cá nhân/tổ chức", shown("applicant_id_number", d.applicant_id_number)),) \
        if form in ("refusal", "apology") else ()
    fields = (("Người nộp hồ sơ", d.applicant_name), *who,
              ("Địa chỉ", shown("applicant_address", d.applicant_address)),
              ("Số điện thoại", shown("applicant_phone", d.applicant_phone)))
    officer = session.get(User, d.received_by) if d.received_by else None
    if form == "control":
        return _control(d, t, head, officer, shown, note)
    if event is None:
        raise UserError(f"Hồ sơ {d.code} {NEEDS[form]}: không có nội dung để in mẫu này.")
    if form == "apology":
        values["old_due"] = time_words(datetime.fromisoformat(event.details["due_from"]))
        values["new_due"] = time_words(datetime.fromisoformat(event.details["due_to"]))
    points = tuple(shown("note", x.strip()) for x in (event.note or "").split(";") if x.strip())
    return FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=d.code, fields=fields,
                    paragraphs=(_fill(t.get("intro", ""), **values) + " " + _fill(t.get("body", ""), **values),
                                _fill(t.get("closing", ""), **values)),
                    points=points, signatures=(("NGƯỜI TIẾP NHẬN HỒ SƠ", officer.full_name if officer else ""),),
                    masked_note=note)


def _author_masked(session: Session, event) -> bool:
    """Whether the user who did `event` sees personal data masked (no user: the system account)."""
    user = session.get(User, event.user_id) if event.user_id else None
    return user is not None and not sees_whole(Actor(login=user.login, role=Role(user.role)))


def _control(d: Dossier, t: dict, head: Letterhead, officer, shown, note: str) -> FormData:
    rows = [("Tên cơ quan, bộ phận", "Thời gian giao, nhận hồ sơ", "Người giao", "Người nhận", "Kết quả", "Ghi chú")]
    rows.append((head.unit, time_words(d.received_at), d.applicant_name, officer.full_name if officer else "",
                 "Tiếp nhận hồ sơ", ""))
    for e in d.events:
        x = e.details or {}
        if e.action in ("hand_over", "take_back"):
            rows.append((x.get("division", ""), time_words(e.at), x.get("giver", ""), x.get("taker", ""),
                         "Giao hồ sơ" if e.action == "hand_over" else "Nhận lại hồ sơ", shown("note", e.note)))
        elif e.action in ("result_ready", "return_result", "request_supplement", "extend", "stop"):
            rows.append((head.unit, time_words(e.at), "", "", Action(e.action).label, shown("note", e.note)))
    return FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=d.code,
                    fields=(("Người nộp hồ sơ", d.applicant_name), ("Thủ tục", d.procedure.name),
                            ("Hẹn trả kết quả", time_words(d.due_at))),
                    grid=tuple(rows), grid_widths=(0.22, 0.18, 0.15, 0.15, 0.15, 0.15), wide=True,
                    masked_note=note)


def print_form(db: Database, actor: Actor, form: str, code: str, now: datetime,
               data_dir: Path | None = None) -> bytes:
    """A form of the dossier `code`, masked for a role without `view_personal_data`."""
    actor.require(Permission.VIEW_DOSSIER)
    masked = not sees_whole(actor)
    with db.reading() as s:
        templates = load_template_set(settings_in(s)["forms.set"], data_dir)
        pdf = build_form(form_data(s, form, code, templates, now, masked=masked))
    log_view(db, actor, code, f"form:{form}", {"masked": True} if masked else None)
    return pdf


def ledger_rows(session: Session, start: date, end: date, *, masked: bool = False) -> list[tuple[str, ...]]:
    """One row per dossier received in [start, end], as the tracking ledger lists them;
    `masked`: addresses and phones as app/domain/privacy.py masks them."""
    if end < start:
        raise UserError("Ngày cuối phải sau hoặc bằng ngày đầu.")
    stmt = (select(Dossier).where(Dossier.received_at >= datetime.combine(start, time.min),
                                  Dossier.received_at < datetime.combine(end + timedelta(days=1), time.min))
            .options(selectinload(Dossier.events), selectinload(Dossier.procedure)).order_by(Dossier.id))
    rows = []
    for i, d in enumerate(session.scalars(stmt), 1):
        handed = next((e.at for e in d.events if e.action in ("hand_over", "transfer")), None)
        returned = next((e for e in d.events if e.action == "return_result"), None)
        post = (returned.details or {}).get("post") if returned else None
        contact = (d.applicant_address, d.applicant_phone)
        if masked:
            contact = (mask("applicant_address", contact[0]), mask("applicant_phone", contact[1]))
        rows.append((str(i), d.code, d.procedure.name, str(d.sets), d.applicant_name,
                     ", ".join(x for x in contact if x), day(d.received_at),
                     day(d.due_at), day(handed), day(d.finished_at), day(d.returned_at), "",
                     f"Bưu chính: {post['shipment']}" if post else ""))
    return rows


LEDGER_HEAD = ("STT", "Mã hồ sơ", "Thủ tục", "Số bộ", "Người nộp", "Địa chỉ, điện thoại", "Ngày nhận",
               "Hẹn trả", "Ngày chuyển", "Ngày có kết quả", "Ngày trả", "Ký nhận", "Ghi chú")


def print_ledger(db: Database, actor: Actor, start: date, end: date, now: datetime,
                 data_dir: Path | None = None) -> bytes:
    actor.require(Permission.EXPORT_DOSSIERS)
    with db.reading() as s:
        templates = load_template_set(settings_in(s)["forms.set"], data_dir)
        agency = s.scalar(select(Agency).order_by(Agency.id).limit(1))
        rows = ledger_rows(s, start, end, masked=not sees_whole(actor))
        t = templates["ledger"]
        data = FormData(number=t.get("number", ""), title=t["title"], letterhead=letterhead(s, agency, now),
                        code=None, paragraphs=(f"Từ ngày {day(start)} đến ngày {day(end)}: {len(rows)} hồ sơ.",),
                        grid=(LEDGER_HEAD, *rows), wide=True,
                        grid_widths=(0.03, 0.16, 0.13, 0.03, 0.1, 0.1, 0.066, 0.066, 0.066, 0.066, 0.066, 0.05, 0.07),
                        masked_note="" if sees_whole(actor) else MASKED_NOTE)
    pdf = build_form(data)
    log_export(db, actor, "ledger", {"from": start.isoformat(), "to": end.isoformat(), "rows": len(rows), "as": "pdf"})
    return pdf


def ledger_xlsx(db: Database, actor: Actor, start: date, end: date) -> bytes:
    """The same ledger as a spreadsheet, for offices that keep it in Excel."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    actor.require(Permission.EXPORT_DOSSIERS)
    with db.reading() as s:
        rows = ledger_rows(s, start, end, masked=not sees_whole(actor))
    log_export(db, actor, "ledger", {"from": start.isoformat(), "to": end.isoformat(), "rows": len(rows), "as": "xlsx"})
    wb = Workbook()
    ws = wb.active
    ws.title = "So theo doi ho so"
    ws.append([f"SỔ THEO DÕI HỒ SƠ từ ngày {day(start)} đến ngày {day(end)}"
               + ("" if sees_whole(actor) else f" – {MASKED_NOTE}")])
    ws.append(list(LEDGER_HEAD))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([int(row[0]), *row[1:3], int(row[3]), *row[4:]])
    for col, width in zip("ABCDEFGHIJKLM", (5, 27, 40, 6, 24, 32, 12, 12, 12, 12, 12, 10, 20), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

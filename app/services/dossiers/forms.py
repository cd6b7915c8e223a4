"""Filling the one-stop forms (DOMAIN.md §4, Circular 03/2025 Annex I) from a dossier and its
history. Each form is dated by what it reports, never by the moment of printing, so a reprint is
the same file: Forms 02–05 by their event (`at`), Form 06 by the receipt, Form 07 by the last day
of the period it lists. Each prints "Số: <n>/<symbol>": n is the event's `details["form_no"]`
(numbered per form and year by the lifecycle), Form 06's is the dossier's ledger entry number;
without one, dots. The template set follows the date (app/services/dossiers/form_templates.py).

Event details read: request_supplement `items`, `reason`, `contact_name`, `contact_phone` (older
events: items from `note` split at ";"); every numbered event `form_no`; extend `due_from`,
`due_to`; hand_over / take_back `division`, `giver`, `taker`, optional `step_due` (ISO, the step's
own deadline); return_result `post` {"shipment"}, `collector` {"name", "is_applicant"}."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.domain.privacy import MASKED_NOTE, mask, sees_whole
from app.domain.vocab import Role
from app.errors import UserError
from app.formatting import day, money
from app.services.dossiers.fee_notice import fee_notice_data
from app.services.dossiers.form_templates import (  # noqa: F401 (the names callers import from here)
    TemplateSet,
    form_template,
    load_template_set,
    template_for,
    template_sets,
)
from app.services.dossiers.ledger import HEAD as LEDGER_HEAD
from app.services.dossiers.ledger import lead_agency, ledger_pages
from app.services.dossiers.query import get_dossier
from app.services.settings.store import settings_in
from app.services.trust.privacy import log_export, log_view
from db.engine import Database
from db.models import Agency, Dossier, DossierEvent, User
from printing.forms import DOTS, FormData, Letterhead, Signature, build_form, build_forms
from printing.layout import time_words

FORMS = ("supplement", "refusal", "apology", "stop", "control", "fee_notice")
# The events a letter-like form reports (the latest one), and what the dossier lacks without one.
# Form 05 answers both a stop by the authority and a citizen's withdrawal (Circular 03/2025 Art. 7).
EVENT_OF = {"supplement": ("request_supplement",), "refusal": ("refuse",), "apology": ("extend",),
            "stop": ("stop", "withdraw")}
NEEDS = {"supplement": "chưa có yêu cầu bổ sung", "refusal": "không bị từ chối tiếp nhận",
         "apology": "chưa được gia hạn", "stop": "chưa bị dừng giải quyết hay rút"}
# Form 07's columns on 262 mm: a dossier code (~35 mm at 7.8 pt), "dd/mm/yyyy" (14 mm), an agency like
# "Phòng Tư pháp" and "12 Lê Lợi, Phường 1, Vĩnh Long" on one line; the long texts are cut at two lines
# so a page holds 15 entries or more.
LEDGER_WIDTHS = (0.035, 0.15, 0.105, 0.095, 0.18, 0.09, 0.065, 0.065, 0.065, 0.1, 0.05)
RESULT_WORDS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def letterhead(session: Session, agency: Agency | None, when: datetime) -> Letterhead:
    if agency is None:
        raise UserError("Chưa khai báo cơ quan tiếp nhận (tên, mã đơn vị): vào Cài đặt › Cơ quan trước.")
    s = settings_in(session)
    return Letterhead(s["receipt.header_parent"].strip() or agency.parent_name or "",
                      s["receipt.header_unit"].strip() or agency.name,
                      s["receipt.place"].strip() or agency.place_name or "", when)


class _Keep(dict):
    def __missing__(self, key: str) -> str:  # an office's own wording may name a field we lack
        return "{" + key + "}"


def _fill(text: str, **values) -> str:
    try:
        return text.format_map(_Keep(values)) if text else ""
    except (ValueError, IndexError, AttributeError):  # a stray brace in an office's own wording
        return text


def number_line(t: dict, number: int | None) -> str:
    symbol = t.get("symbol", "")
    shown = str(number) if number is not None else DOTS
    return f"Số: {shown}/{symbol}" if symbol else f"Số: {shown}"


def _chosen(session: Session, templates: dict | None, data_dir: Path | None) -> TemplateSet:
    if templates is None:
        return load_template_set(settings_in(session)["forms.set"], data_dir)
    if isinstance(templates, TemplateSet):
        return templates
    return TemplateSet(templates, "", None)  # a bare dict: the caller's own forms, for any date


def form_data(session: Session, form: str, code: str, templates: dict | None = None, now: datetime | None = None,
              *, masked: bool | None = None, data_dir: Path | None = None) -> FormData:
    """The form's facts; `templates`: the office's chosen set (None: setting `forms.set`), which
    prints the form if it covers the form's date, else the bundled set in force then. `now` is not
    used (a form is dated by what it reports); it stays for callers. `masked`: the applicant's
    personal data (and any number in the notes it prints) as app/domain/privacy.py masks it, and
    the form marked as a masked copy. None: as the user who did the step the form reports may see
    it, since a letter made with a step (the apology made inside an extension,
    app/services/dossiers/lifecycle.py) opens for that user at once."""
    if form not in FORMS:
        raise UserError(f"Không có biểu mẫu «{form}»: chọn một trong {', '.join(FORMS)}.")
    d = get_dossier(session, code)
    event = next((e for e in reversed(d.events) if e.action in EVENT_OF[form]), None) if form in EVENT_OF else None
    if masked is None:
        masked = event is not None and _author_masked(session, event)
    chosen = _chosen(session, templates, data_dir)
    agency = session.get(Agency, d.agency_id)

    def shown(field: str, value):
        return (mask(field, value) if masked else value) or ""

    note = MASKED_NOTE if masked else ""
    if form == "fee_notice":
        t = form_template(chosen, form, d.received_at, data_dir)
        return fee_notice_data(session, d, t, letterhead(session, agency, d.received_at), masked=masked)
    if form == "control":
        t = form_template(chosen, form, d.received_at, data_dir)
        return _control(session, d, t, letterhead(session, agency, d.received_at), shown, note)
    if event is None:
        raise UserError(f"Hồ sơ {d.code} {NEEDS[form]}: không có nội dung để in mẫu này.")
    t = form_template(chosen, form, event.at, data_dir)
    return _letter(session, form, d, event, t, letterhead(session, agency, event.at), shown, note)


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.full_name if user else ""


def _items(text: str | None) -> list[str]:
    return [x.strip() for x in (text or "").split(";") if x.strip()]


def _letter(session: Session, form: str, d: Dossier, event: DossierEvent, t: dict, head: Letterhead, shown,
            note: str) -> FormData:
    x = event.details or {}
    author = _user_name(session, event.user_id)
    items = [str(i) for i in x["items"]] if isinstance(x.get("items"), list) else _items(event.note)
    reason = str(x.get("reason") or "")
    if form == "supplement" and _items(reason) == items:
        reason = ""  # an older caller's one note: the items themselves, no separate reason
    values = {"unit": head.unit, "applicant": d.applicant_name, "procedure": d.procedure.name,
              "received": day(d.received_at), "code": d.code, "at": day(event.at),
              "old_due": time_words(datetime.fromisoformat(x["due_from"])) if x.get("due_from") else time_words(d.due_at),
              "new_due": time_words(datetime.fromisoformat(x["due_to"])) if x.get("due_to") else DOTS,
              "reason": shown("note", reason) or DOTS,
              "contact_name": x.get("contact_name") or author or DOTS, "contact_phone": x.get("contact_phone") or DOTS}
    person = ("Ông/Bà/Tổ chức", d.applicant_name)
    ident = ("Số định danh cá nhân/tổ chức", shown("applicant_id_number", d.applicant_id_number))
    address = ("Địa chỉ", shown("applicant_address", d.applicant_address))
    phone = ("Số điện thoại", shown("applicant_phone", d.applicant_phone))
    request = ("Nội dung yêu cầu giải quyết", d.procedure.name)
    withdraw = event.action == Action.WITHDRAW.value
    if form == "supplement":
        fields = (person, address, phone, request)
        paragraphs = (t.get("body", ""), _fill(t.get("reason", ""), **values), _fill(t.get("closing", ""), **values))
        points = tuple(shown("note", i) for i in items)
    elif form == "refusal":
        fields = (person, ident, address, phone, ("Email", shown("applicant_email", d.applicant_email)), request)
        paragraphs = (_fill(t.get("body", ""), **values), _fill(t.get("closing", ""), **values))
        points = tuple(shown("note", i) for i in _items(event.note))
    elif form == "apology":
        fields = (("Thủ tục hành chính", d.procedure.name), ident, ("Mã hồ sơ", d.code), address, phone,
                  ("Thời hạn trả kết quả theo giấy tiếp nhận", values["old_due"]))
        paragraphs = (f'{_fill(t.get("body", ""), **values)} {shown("note", event.note) or DOTS}',
                      _fill(t.get("closing", ""), **values))
        points = ()
    else:  # stop: the citizen's request to stop, or the authority's decision
        fields = (person, ident, address, phone, ("Thủ tục hành chính", d.procedure.name),
                  ("Ngày tiếp nhận", day(d.received_at)), ("Mã hồ sơ", d.code))
        suffix = "_withdraw" if withdraw else ""
        paragraphs = (f'{_fill(t.get("body" + suffix) or t.get("body", ""), **values)} {shown("note", event.note) or DOTS}',
                      _fill(t.get("closing" + suffix) or t.get("closing", ""), **values))
        points = ()
    return FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=d.code,
                    code_label=t.get("code_label", "Mã hồ sơ"), number_line=number_line(t, x.get("form_no")),
                    addressee=_fill(t.get("addressee", ""), **values), lead=(_fill(t.get("lead", ""), **values),),
                    fields=fields, paragraphs=paragraphs, points=points,
                    signatures=_signers(session, t, d, author), masked_note=note)


def _signers(session: Session, t: dict, d: Dossier, author: str) -> tuple[Signature, ...]:
    """The template's signers: "@head" is the head of the late agency (settings `forms.apology_*`);
    the applicant signs with their own name, an officer with the name of whoever did the step."""
    out = []
    for title in t.get("signers", ["NGƯỜI TIẾP NHẬN HỒ SƠ"]):
        if title == "@head":
            s = settings_in(session)
            out.append(Signature(s["forms.apology_signer_title"], s["forms.apology_signer_name"],
                                 s["forms.apology_signer_on_behalf"]))
        elif title == "NGƯỜI NỘP HỒ SƠ":
            out.append(Signature(title, d.applicant_name))
        else:
            out.append(Signature(title, author))
    return tuple(out)


def _author_masked(session: Session, event) -> bool:
    """Whether the user who did `event` sees personal data masked (no user: the system account)."""
    user = session.get(User, event.user_id) if event.user_id else None
    return user is not None and not sees_whole(Actor(login=user.login, role=Role(user.role)))


def _judged(at: datetime, due: datetime) -> str:
    if at > due:
        return RESULT_WORDS["late"]
    return RESULT_WORDS["early" if at.date() < due.date() else "on_time"]


def _control(session: Session, d: Dossier, t: dict, head: Letterhead, shown, note: str) -> FormData:
    """Form 06: every hand-over "1. Giao / 2. Nhận" with its time, the step judged against the due
    moment in force then (or the step's own `step_due`), and room for both signatures."""
    fallback = settings_in(session)["forms.resolving_agency"]
    lead = lead_agency(d, fallback)
    divisions = [(e.details or {}).get("division") for e in d.events if e.action in ("hand_over", "take_back")]
    others = list(dict.fromkeys(x for x in divisions if x and x != lead))
    officer = _user_name(session, d.received_by)
    # The due moment as it stood at each step: the original one, then each extension's or
    # supplement's new one from its event on.
    first_change = next((e for e in d.events if (e.details or {}).get("due_from")), None)
    due = datetime.fromisoformat(first_change.details["due_from"]) if first_change else d.due_at
    rows = [("Tên cơ quan", "Thời gian giao, nhận hồ sơ", "Kết quả giải quyết\n(trước hạn/đúng hạn/quá hạn)",
             "Ghi chú")]
    sign_rows = []
    rows.append((f"1. Giao: {d.applicant_name} (người nộp hồ sơ)\n2. Nhận: {officer or DOTS}, {head.unit}",
                 time_words(d.received_at), "", "Tiếp nhận hồ sơ"))
    sign_rows.append(len(rows) - 1)
    holder = head.unit
    for e in d.events:
        x = e.details or {}
        step_due = datetime.fromisoformat(x["step_due"]) if x.get("step_due") else due
        if e.action == "hand_over":
            rows.append((f"1. Giao: {x.get('giver', DOTS)}, {holder}\n2. Nhận: {x.get('taker', DOTS)}, "
                         f"{x.get('division', DOTS)}", time_words(e.at), _judged(e.at, step_due), shown("note", e.note)))
            holder = x.get("division") or holder
            sign_rows.append(len(rows) - 1)
        elif e.action == "take_back":
            rows.append((f"1. Giao: {x.get('giver', DOTS)}, {x.get('division') or holder}\n2. Nhận: "
                         f"{x.get('taker', DOTS)}, {head.unit}", time_words(e.at), _judged(e.at, step_due),
                         shown("note", e.note)))
            holder = head.unit
            sign_rows.append(len(rows) - 1)
        elif e.action == "return_result":
            who = (x.get("collector") or {}).get("name") or (f"Bưu chính công ích ({x['post'].get('shipment', '')})"
                                                           if x.get("post") else DOTS)
            rows.append((f"1. Giao: {_user_name(session, e.user_id) or DOTS}, {head.unit}\n2. Nhận: {who}",
                         time_words(e.at), _judged(e.at, step_due), Action.RETURN_RESULT.label))
            sign_rows.append(len(rows) - 1)
        elif e.action in ("result_ready", "request_supplement", "receive_supplement", "extend", "stop", "withdraw",
                          "request_payment", "payment_done"):
            judged = _judged(e.at, step_due) if e.action == "result_ready" else ""
            text = Action(e.action).label + (f": {shown('note', e.note)}" if e.note else "")
            rows.append((holder, time_words(e.at), judged, text))
        if x.get("due_to"):
            due = datetime.fromisoformat(x["due_to"])
    return FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=d.code,
                    trailer=_fee_lines(session, d),
                    number_line=number_line(t, d.ledger_number),
                    fields=(("Tên tổ chức, cá nhân", d.applicant_name), ("Thủ tục", d.procedure.name),
                            ("Cơ quan giải quyết", lead or DOTS), ("Cơ quan phối hợp giải quyết", ", ".join(others)),
                            ("Thời gian nhận hồ sơ", time_words(d.received_at)),
                            ("Thời gian trả kết quả", time_words(d.due_at))),
                    grid=tuple(rows), grid_widths=(0.33, 0.27, 0.22, 0.18), grid_sign=tuple(sign_rows),
                    masked_note=note)


def _fee_lines(session: Session, d: Dossier) -> tuple[str, ...]:
    """Under Form 06's grid: each fee payment (not voided) with its receipt's identifiers, or the
    receipt's state while it has none, so the sheet handed over at return shows what was paid."""
    from app.services.fees.closing import METHOD_LABELS, current_receipts, receipt_text
    from db.models import DossierPayment

    paid = session.scalars(select(DossierPayment).where(DossierPayment.dossier_id == d.id,
                                                        DossierPayment.voided_at.is_(None))
                           .order_by(DossierPayment.paid_at, DossierPayment.id)).all()
    receipts = current_receipts(session, [p.id for p in paid])
    return tuple(f"Phí, lệ phí đã nộp {money(p.amount)} ({METHOD_LABELS.get(p.method, p.method).lower()}, "
                 f"{day(p.paid_at)}), biên lai: {receipt_text(receipts.get(p.id))}." for p in paid)


def print_form(db: Database, actor: Actor, form: str, code: str, now: datetime | None = None,
               data_dir: Path | None = None) -> bytes:
    """A form of the dossier `code`, masked for a role without `view_personal_data`."""
    actor.require(Permission.VIEW_DOSSIER)
    masked = not sees_whole(actor)
    with db.reading() as s:
        templates = load_template_set(settings_in(s)["forms.set"], data_dir)
        pdf = build_form(form_data(s, form, code, templates, masked=masked, data_dir=data_dir))
    log_view(db, actor, code, f"form:{form}", {"masked": True} if masked else None)
    return pdf


def print_ledger(db: Database, actor: Actor, start: date, end: date, now: datetime | None = None,
                 data_dir: Path | None = None, book: str | None = None) -> bytes:
    """Form 07 for dossiers received in [start, end]: `book` (a key), or every book that has
    entries, each from a new page. Dated by `end`, so the same period prints the same file."""
    actor.require(Permission.EXPORT_DOSSIERS)
    whole = sees_whole(actor)
    with db.reading() as s:
        chosen = load_template_set(settings_in(s)["forms.set"], data_dir)
        t = form_template(chosen, "ledger", end, data_dir)
        agency = s.scalar(select(Agency).order_by(Agency.id).limit(1))
        head = letterhead(s, agency, datetime.combine(end, datetime.min.time()))
        pages = ledger_pages(s, start, end, book, masked=not whole)
    items = [FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=None,
                      subtitle=f"Quyển: {p.book.name} ({p.book.key})",
                      paragraphs=(f"Từ ngày {day(start)} đến ngày {day(end)}: {len(p.rows)} hồ sơ.",),
                      grid=(LEDGER_HEAD, *p.rows), wide=True, grid_max_lines=2, page_numbers=True,
                      grid_widths=LEDGER_WIDTHS,
                      masked_note="" if whole else MASKED_NOTE) for p in pages]
    pdf = build_forms(items)
    log_export(db, actor, "ledger", {"from": start.isoformat(), "to": end.isoformat(),
                                     "rows": sum(len(p.rows) for p in pages), "as": "pdf",
                                     **({"book": book} if book else {})})
    return pdf


def ledger_xlsx(db: Database, actor: Actor, start: date, end: date, book: str | None = None) -> bytes:
    """The same ledger as a spreadsheet, one sheet per book, for offices that keep it in Excel."""
    import io
    import re

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    actor.require(Permission.EXPORT_DOSSIERS)
    whole = sees_whole(actor)
    with db.reading() as s:
        pages = ledger_pages(s, start, end, book, masked=not whole)
    log_export(db, actor, "ledger", {"from": start.isoformat(), "to": end.isoformat(),
                                     "rows": sum(len(p.rows) for p in pages), "as": "xlsx",
                                     **({"book": book} if book else {})})
    wb = Workbook()
    wb.remove(wb.active)
    for p in pages:
        ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", p.book.key)[:31])
        ws.append([f"SỔ THEO DÕI HỒ SƠ – Quyển: {p.book.name} – từ ngày {day(start)} đến ngày {day(end)}"
                   + ("" if whole else f" – {MASKED_NOTE}")])
        ws.append([h.replace("\n", " ") for h in LEDGER_HEAD])
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in p.rows:
            ws.append([int(row[0]) if row[0] else None, *(v.replace("\n", ", ") for v in row[1:])])
        for col, width in zip("ABCDEFGHIJK", (6, 27, 40, 24, 32, 24, 12, 12, 12, 22, 12), strict=True):
            ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

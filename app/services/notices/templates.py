"""The notices' texts: per kind a subject, an e-mail body and a short text for SMS and Zalo, with
{field}s from the dossier. The defaults are resources/notices/templates_vi.json; an office
overrides any of them with the setting `notices.templates`, a list of
{"kind": …, "part": "subject" | "email" | "text", "text": …}. A {field} the list below does not
know is refused when the setting is changed (`template_problem`), so a stored text only names
known fields; `render` leaves anything else as written."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from app.domain.notices import NoticeKind, sms_segments, unaccented
from app.domain.text import UNSTORABLE, first_bad_char
from app.formatting import day, money
from app.paths import RESOURCES

TEMPLATES_FILE = RESOURCES / "notices" / "templates_vi.json"
PARTS: dict[str, str] = {"subject": "tiêu đề thư", "email": "nội dung thư điện tử", "text": "tin nhắn SMS, Zalo"}
MAX_TEXT = {"subject": 200, "email": 5000, "text": 1000}

FIELDS: dict[str, str] = {
    "code": "Mã hồ sơ",
    "applicant_name": "Họ tên người nộp",
    "procedure": "Tên thủ tục hành chính",
    "office_name": "Tên cơ quan tiếp nhận",
    "office_address": "Địa chỉ cơ quan",
    "office_phone": "Số điện thoại cơ quan",
    "appointment": "Ngày hẹn trả kết quả (dd/MM/yyyy)",
    "collect_place": "Nơi nhận kết quả",
    "collect_until": "Nhận kết quả trước ngày (dd/MM/yyyy)",
    "supplement_items": "Các nội dung cần bổ sung, hoàn thiện",
    "supplement_reason": "Lý do yêu cầu bổ sung",
    "old_due": "Ngày hẹn trả cũ (dd/MM/yyyy)",
    "new_due": "Ngày hẹn trả mới (dd/MM/yyyy)",
    "official_code": "Mã hồ sơ chính thức",
    "provisional_code": "Mã hồ sơ tạm",
    "amount": "Số tiền còn phải nộp (1.000.000 đ)",
}

_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Rendered:
    subject: str | None  # e-mail only
    body: str

    @property
    def segments(self) -> int:
        """What the body costs as an SMS."""
        return sms_segments(self.body)


@lru_cache(maxsize=1)
def default_templates() -> dict[str, dict[str, str]]:
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return {k.value: dict(data[k.value]) for k in NoticeKind}


def merged(overrides: list | None) -> dict[str, dict[str, str]]:
    """The defaults with the office's texts over them (setting `notices.templates`)."""
    out = {k: dict(v) for k, v in default_templates().items()}
    for o in overrides or []:
        if isinstance(o, dict) and o.get("kind") in out and o.get("part") in PARTS and isinstance(o.get("text"), str):
            out[o["kind"]][o["part"]] = o["text"]
    return out


def overrides_ok(value: Any) -> bool:
    """The setting's shape: each entry a known kind and part with a text of its length, once."""
    if not isinstance(value, list):
        return False
    seen = set()
    for o in value:
        if not (isinstance(o, dict) and set(o) == {"kind", "part", "text"} and o["kind"] in NoticeKind.__members__.values()
                and o["part"] in PARTS and isinstance(o["text"], str) and o["text"].strip()
                and len(o["text"]) <= MAX_TEXT[o["part"]] and (o["kind"], o["part"]) not in seen):
            return False
        # One line for a subject; a body keeps its line breaks, no other control character (NUL
        # cannot even be stored in PostgreSQL's JSON).
        if first_bad_char(o["text"], UNSTORABLE, allowed="" if o["part"] == "subject" else "\n") is not None:
            return False
        seen.add((o["kind"], o["part"]))
    return True


def _where(o: dict) -> str:
    return f"mẫu «{NoticeKind(o['kind']).label} – {PARTS[o['part']]}»"


def template_problem(value: list) -> str | None:
    """The first {field} no dossier has, or a brace with no field in it; None: all known."""
    for o in value:
        for name in _FIELD.findall(o["text"]):
            if name not in FIELDS:
                return (f"{_where(o)} có trường {{{name}}} không có trong danh sách trường "
                        f"(các trường: {', '.join('{' + f + '}' for f in FIELDS)})")
        if "{" in _FIELD.sub("", o["text"]) or "}" in _FIELD.sub("", o["text"]):
            return f"{_where(o)} có dấu ngoặc {{ }} không bao quanh tên một trường"
    return None


def _fill(text: str, fields: dict[str, Any]) -> str:
    return _FIELD.sub(lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), text)


def render(kind: str, channel: str, fields: dict[str, Any], templates: dict[str, dict[str, str]],
           *, unaccent: bool = False) -> Rendered:
    """The notice for `channel`: e-mail gets a subject and the e-mail body, SMS and Zalo the short
    text (`unaccent`: without diacritics, for SMS: setting `notices.sms.unaccented`)."""
    t = templates[NoticeKind(kind).value]
    if channel == "email":
        return Rendered(_fill(t["subject"], fields).replace("\n", " "), _fill(t["email"], fields))
    body = " ".join(_fill(t["text"], fields).split())
    return Rendered(None, unaccented(body) if unaccent else body)


# --- the fields of one dossier ----------------------------------------------------------------------

def fields_for(session, dossier, kind: str, details: dict[str, Any], at: datetime) -> dict[str, str]:
    """What the templates may say of `dossier` at the event (its `details` as the history holds them)."""
    from app.services.settings.store import settings_of
    from db.models import Agency

    agency = session.get(Agency, dossier.agency_id)
    s = settings_of(session, ("receipt.result_place", "notices.result_keep_days"))
    name = (agency.name if agency else "") or ""
    out = {"code": dossier.code, "applicant_name": dossier.applicant_name or "",
           "procedure": dossier.procedure.name if dossier.procedure else "",
           "office_name": name, "office_address": (agency.address if agency else "") or "",
           "office_phone": (agency.phone if agency else "") or "",
           "appointment": day(dossier.due_at),
           "collect_place": s["receipt.result_place"] or f"Bộ phận Một cửa – {name}",
           "collect_until": day(at + timedelta(days=s["notices.result_keep_days"])),
           "supplement_items": "; ".join(details.get("items") or []),
           "supplement_reason": details.get("reason") or "",
           "old_due": _iso_day(details.get("due_from")), "new_due": _iso_day(details.get("due_to")) or day(dossier.due_at),
           "official_code": details.get("official_code") or dossier.code,
           "provisional_code": details.get("provisional_code") or "",
           "amount": money(details["amount"]) if isinstance(details.get("amount"), int) else ""}
    return out


def _iso_day(value: str | None) -> str:
    return day(datetime.fromisoformat(value)) if value else ""


SAMPLE_FIELDS: dict[str, str] = {
    "code": "000.00.01.H62-261206-0001", "applicant_name": "Nguyễn Văn An",
    "procedure": "Đăng ký khai sinh", "office_name": "UBND phường Phước Hậu",
    "office_address": "12 Lê Lợi, phường Phước Hậu, tỉnh Vĩnh Long", "office_phone": "0270 3822 111",
    "appointment": "10/12/2026", "collect_place": "Bộ phận Một cửa – UBND phường Phước Hậu",
    "collect_until": "05/01/2027", "supplement_items": "Tờ khai có chữ ký; Bản sao giấy chứng sinh",
    "supplement_reason": "Tờ khai chưa ký tên", "old_due": "08/12/2026", "new_due": "15/12/2026",
    "official_code": "000.00.01.H62-261206-0001", "provisional_code": "TAM-000.00.01.H62-261206-0001",
    "amount": money(1_000_000),
}


def preview(db, kind: str, channel: str) -> Rendered:
    """The notice `kind` for `channel` with the office's texts and name, and made-up dossier facts:
    for the settings page (helper D), which shows it and, for SMS, its segment count."""
    from app.services.settings.store import settings_in
    from db.models import Agency

    with db.reading() as s:
        settings = settings_in(s)
        agency = s.query(Agency).order_by(Agency.id).first()
    fields = dict(SAMPLE_FIELDS)
    if agency is not None:
        fields.update(office_name=agency.name or fields["office_name"],
                      office_address=agency.address or fields["office_address"],
                      office_phone=agency.phone or fields["office_phone"])
    return render(kind, channel, fields, merged(settings["notices.templates"]),
                  unaccent=channel == "sms" and settings["notices.sms.unaccented"])

"""A dossier as readable text for `motcua dossier show`: Vietnamese only (the history names each
step as the dossier window does, never by its code)."""

from __future__ import annotations

from datetime import datetime

from app.domain.applicant import describe_principal
from app.domain.event_notes import event_note
from app.domain.vocab import ApplicantKind, IdentityCheck, ResultMethod
from app.formatting import day, moment, money
from app.services.dossiers.listing import action_label

# Said under the applicant's name when the role sees personal data masked (app/domain/privacy.py).
MASKED_LINE = "thông tin cá nhân đã được che theo vai trò người dùng"


def _when(v: str | None, with_time: bool = True) -> str:
    if not v:
        return ""
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:  # masked (a date of birth shown as **/**/****): as it came
        return v
    return moment(dt) if with_time else day(dt)


def render(d: dict) -> str:
    kind = ApplicantKind(d["applicant_kind"])
    lines = [
        f"Mã hồ sơ:        {d['code']}",
        f"Thủ tục:         {d['procedure']['name']} ({d['procedure']['code']})",
        f"Lĩnh vực:        {d['procedure']['sector']}",
        f"Trạng thái:      {d['status_label']}",
        f"Kênh nộp:        {d['channel_label']}",
        f"Người nộp:       {d['applicant_name']} ({kind.label})",
    ]
    if d.get("masked"):
        lines.append(f"                 ({MASKED_LINE})")
    optional = [
        ("Số định danh" if kind is ApplicantKind.CITIZEN else "Mã số thuế", d["applicant_id_number"]),
        ("Ngày sinh", _when(d["applicant_birth_date"], False) if d["applicant_birth_date"] else None),
        ("Giới tính", d["applicant_sex"]), ("Điện thoại", d["applicant_phone"]),
        ("Thư điện tử", d["applicant_email"]), ("Địa chỉ", d["applicant_address"]),
        ("Địa chỉ cũ", d.get("applicant_address_old")),
        ("Người đại diện", d["representative"]),
        ("Danh tính", IdentityCheck(d["identity_check"]).label if d.get("identity_check") else None),
        ("Nộp thay cho", describe_principal(d.get("principal"))),
    ]
    lines += [f"{label + ':':<17}{value}" for label, value in optional if value]
    lines += [
        f"Số bộ hồ sơ:     {d['sets']}",
        f"Tiếp nhận lúc:   {_when(d['received_at'])}",
        f"Hẹn trả:         {_when(d['due_at'])}",
        f"Nhận kết quả:    {ResultMethod(d['result_method']).label}"
        + (f" — {d['result_address']}" if d["result_address"] else ""),
        f"Phí, lệ phí:     {money(d['fees_total'])}",
        "Giấy tờ:",
    ]
    for i, doc in enumerate(d["documents"], 1):
        tick = "x" if doc["received"] else " "
        lines.append(f"  [{tick}] {i}. {doc['name']} — {doc['originals']} bản chính, {doc['copies']} bản sao")
    lines.append("Lịch sử:")
    for e in d["events"]:
        note = event_note(e["action"], e["note"], e.get("details"))
        lines.append(f"  {_when(e['at'])}  {action_label(e['action'])}" + (f" — {note}" if note else ""))
    if d["notes"]:
        lines.append(f"Ghi chú:         {d['notes']}")
    return "\n".join(lines)



"""Personal data shown to a role that does not need it whole (Law 91/2025/QH15 on Personal Data
Protection, in force 01/01/2026, and Decree 356/2025/NĐ-CP guiding it **(check)**, which replaced
Decree 13/2023/NĐ-CP: access by role, mask what a role does not need). What a masked view keeps
is enough to tell two citizens apart and to talk about a dossier, not enough to use a number.

One rule, `mask(field, value)`, decides what every masked view shows, by field name; `shown_to`
applies it for an actor without `view_personal_data`. The services call these on their read
models (lists, the dossier's details, the receipt and forms they print, exports), so every front
end (windows, command line, PDF) gets the same masked data, never a widget's cosmetic copy.

- CCCD / tax code: the province (or first) 3 digits and the last 3: `079******321`.
- Phone: `093****456`. E-mail: the first letter and the domain: `a********@example.vn`.
- Date of birth: hidden whole (`**/**/****`): with the name it singles a person out, and no
  supervisor's task needs it.
- Address: the house and street (the first part) hidden, the commune and province kept
  (`***, Phường 1, Vĩnh Long`), which is what oversight and the figures by area need.
- Free text (notes, the summary, a representative, the history's notes): any phone number,
  ID number or e-mail inside it is masked as above; the words stay.
- The applicant's name and sex stay: lists, letters and the supervisor's work go by name.
- The principal (Dossier.principal, someone filing on another's behalf): the same rules by key
  (id_number, phone, email, address; the authorisation paper as free text); the name stays."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.domain.permissions import Actor, Permission

HIDDEN = "***"
MASKED_BIRTH_DATE = "**/**/****"
# What a masked document says about itself, printed at its top.
MASKED_NOTE = "Bản in che một phần thông tin cá nhân của người nộp."


def mask_middle(value: str | None, keep_start: int, keep_end: int) -> str | None:
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[len(value) - keep_end:]


def mask_id_number(value: str | None) -> str | None:
    """"086185004321" -> "086******321": the province code and the last three digits."""
    return mask_middle(value, 3, 3)


def mask_phone(value: str | None) -> str | None:
    """"0939123456" -> "093****456"."""
    return mask_middle(value, 3, 3)


def mask_email(value: str | None) -> str | None:
    """"an.nguyen@example.vn" -> "a********@example.vn"."""
    if not value:
        return value
    local, at, domain = value.partition("@")
    return mask_middle(local, 1, 0) + at + domain if at else mask_middle(value, 1, 0)


def mask_birth_date(value: Any) -> str | None:
    return MASKED_BIRTH_DATE if value else None


def mask_address(value: str | None) -> str | None:
    """"12 Lê Lợi, Phường 1, Vĩnh Long" -> "***, Phường 1, Vĩnh Long": the commune and the
    province (DOMAIN.md §14), never the house."""
    if not value:
        return value
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return ", ".join([HIDDEN, *parts[1:][-2:]])


_PHONE_IN_TEXT = re.compile(r"(?<![\w.+])(?:\+84[ .]?|0)\d(?:[ .]?\d){7,10}(?!\w)")
_ID_IN_TEXT = re.compile(r"(?<![\d.])\d{9,13}(?![\d])")
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_text(value: str | None) -> str | None:
    """Free text with every phone number, ID number and e-mail in it masked."""
    if not value:
        return value

    def digits(m: re.Match) -> str:
        return mask_middle(re.sub(r"\D", "", m.group()), 3, 3)

    value = _EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group()), value)
    value = _PHONE_IN_TEXT.sub(digits, value)
    return _ID_IN_TEXT.sub(digits, value)


# The rule by field name, after its owner's prefix (applicant_phone, collector_id_number,
# result_address …): the same name means the same kind of data wherever it sits.
_RULES: dict[str, Callable[[Any], Any]] = {
    "id_number": mask_id_number, "phone": mask_phone, "email": mask_email, "birth_date": mask_birth_date,
    "address": mask_address, "address_old": mask_address, "representative": mask_text, "note": mask_text, "notes": mask_text,
    "summary": mask_text, "paper": mask_text,
    # A supplement request's Form 02 facts (event details): free text that may quote the applicant.
    "items": mask_text, "reason": mask_text, "ground": mask_text,
}
_OWNERS = ("applicant_", "collector_", "result_", "postal_", "principal_")


def _rule(field: str) -> Callable[[Any], Any] | None:
    key = field
    for owner in _OWNERS:
        key = key.removeprefix(owner)
    return _RULES.get(key)


def mask(field: str, value: Any) -> Any:
    """`value` as a role without `view_personal_data` may see it. A dict (a dossier's details,
    a history event's facts) is masked key by key, a list item by item; a field that is not
    personal data comes back as it is."""
    if isinstance(value, dict):
        return {k: mask(k, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(mask(field, v) for v in value)
    rule = _rule(field)
    if rule is None or value is None or value == "":
        return value
    return rule(value)


def sees_whole(actor: Actor) -> bool:
    return actor.can(Permission.VIEW_PERSONAL_DATA)


def shown_to(actor: Actor, field: str, value: Any) -> Any:
    """`value` as `actor` may see it: whole, or masked by `mask`."""
    return value if sees_whole(actor) else mask(field, value)

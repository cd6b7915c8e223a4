"""What the documents the office signs for an applicant are called when they leave the office
(docs/signing.md "Gửi đi"): the outbox kind of the record update that carries a signed file to the
portal, and the file name of each signed form, the same at the portal and in the citizen's e-mail."""

from __future__ import annotations

# The outbox row of a signed document (app/services/signing/delivery.py): keyed by its uuid.
SIGNED_KIND = "signed_document"

# Forms 01-05 of an online dossier, by app/services/signing/documents.py's kinds.
FORM_FILE_NAMES = {
    "receipt": "giay-tiep-nhan",  # Form 01: receipt and appointment
    "supplement": "phieu-yeu-cau-bo-sung",  # Form 02
    "refusal": "phieu-tu-choi-tiep-nhan",  # Form 03
    "apology": "van-ban-xin-loi",  # Form 04: apology and new appointment
    "stop": "phieu-dung-giai-quyet",  # Form 05
}


def file_name(kind: str, code: str) -> str:
    """"giay-tiep-nhan-<code>.pdf": ASCII, no path separator (a dossier code has none, but a name
    must never carry one into a mail program or a folder)."""
    stem = FORM_FILE_NAMES.get(kind, "van-ban-da-ky")
    safe = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "-" for c in code or "")
    return f"{stem}-{safe}.pdf" if safe else f"{stem}.pdf"

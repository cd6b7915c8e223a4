"""What the desk's signing does off the GUI thread (ui/ops.py runs these on the pool): read the
settings and this PC's token, open the signer, sign, check. The signing core is the other
helpers' (app/signing/*, app/services/signing/*); these only put its calls together for one
op each, so the GUI thread never touches the token, the database or a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.signing.base import NOT_CONFIGURED, SigningError
from db.engine import Database


@dataclass(frozen=True)
class Prepared:
    """What opening the signer needs, read from the office settings and devices.json."""

    settings: dict
    devices: Any  # app.devices.config.DeviceSettings
    needs_pin: bool  # a USB token asks its PIN; a remote service confirms on the officer's phone
    token_label: str  # shown in the PIN dialog; "" when unknown


def enabled(db: Database) -> bool:
    from app.services.settings.store import load_settings

    return bool(load_settings(db)["signing.enabled"])


def prepare(db: Database, data_dir: Path) -> Prepared:
    from app.devices.config import load_devices
    from app.services.settings.store import load_settings

    settings = load_settings(db)
    if not settings["signing.enabled"]:
        raise SigningError(NOT_CONFIGURED, "Cơ quan chưa bật ký số (Cài đặt › Chữ ký số).")
    devices = load_devices(data_dir)
    needs_pin = settings["signing.method"] == "pkcs11"
    label = ""
    token = getattr(devices, "token", None)
    if needs_pin and token is not None:
        label = token.label
        if not label and token.library:
            label = _first_label(token.library)
    return Prepared(settings, devices, needs_pin, label)


def _first_label(library: str) -> str:
    """The label of the token plugged in, for the PIN dialog: nothing when it cannot be read (the
    opening itself will then say why)."""
    from app.signing.pkcs11_signer import list_tokens

    try:
        tokens = list_tokens(library)
    except SigningError:
        return ""
    return tokens[0].label if tokens else ""


def open_signer(prepared: Prepared, pin_box: list, user: str = ""):
    """`pin_box` holds the PIN and is emptied here: once the token is open no object of the desk
    keeps it (the op's arguments hold only the empty list). `user`: the officer's account at a
    remote signing service."""
    from app.signing.session import open_signer as open_session

    return open_session(prepared.settings, prepared.devices, pin_box.pop() if pin_box else None, user=user)


def pending_of(db: Database, actor, code: str) -> int:
    """How many of the dossier's documents wait to be signed (0 when signing is off)."""
    if not enabled(db):
        return 0
    from app.services.signing.query import documents_of

    return sum(1 for d in documents_of(db, actor, code) if d.state == "pending")


def sign_dossier(db: Database, actor, signer, data_dir: Path, code: str):
    from app.services.signing.signing import sign_pending

    return sign_pending(db, actor, signer, data_dir, dossier_code=code)


def sign_one(db: Database, actor, signer, data_dir: Path, document_id: int):
    from app.services.signing.signing import sign_document

    return sign_document(db, actor, document_id, signer, data_dir)


def unsigned(db: Database, actor) -> list:
    if not enabled(db):
        return []
    from app.services.signing.query import unsigned as unsigned_list

    return unsigned_list(db, actor)


def documents_of(db: Database, actor, code: str) -> list:
    from app.services.signing.query import documents_of as of_dossier

    return of_dossier(db, actor, code)


def signed_pdf(db: Database, actor, document_id: int, data_dir: Path) -> bytes:
    from app.services.signing.query import signed_pdf as read

    return read(db, actor, document_id, data_dir)


def verify_document(db: Database, actor, document_id: int, data_dir: Path):
    """B's verdict on the stored signed PDF against the office's trusted roots."""
    from app.signing.roots import trusted_roots
    from app.signing.verify import verify_pdf

    return verify_pdf(signed_pdf(db, actor, document_id, data_dir), trusted_roots(Path(data_dir)))

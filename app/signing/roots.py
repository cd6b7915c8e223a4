"""The trusted root certificates a signature must chain to (docs/signing.md, "Kiểm tra chữ ký"):
data an office can update, never code. Two folders, read together:

- `resources/signing/roots/`, shipped with the app (its README.md says which roots belong there);
- `<data>/signing/roots/`, the office's own: PEM or DER files named *.pem, *.cer or *.crt, added
  with `add_root` (`motcua roots add FILE`) or dropped in by an administrator.

Only CA certificates count: a file holding anything else is listed with its problem and ignored."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.errors import UserError
from app.logs import FILE_ONLY
from app.paths import RESOURCES

BUNDLED_DIR = RESOURCES / "signing" / "roots"
SUFFIXES = (".pem", ".cer", ".crt")
MAX_FILE_BYTES = 1024 * 1024  # a certificate is a few KB; a PEM bundle of every CA well under this
BUNDLED, OFFICE = "bundled", "office"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RootInfo:
    name: str  # the subject's common name (or its O when it has no CN)
    organization: str
    fingerprint: str  # SHA-256 of the DER certificate, hex, lower case
    not_before: datetime  # UTC, naive
    not_after: datetime  # UTC, naive
    source: str  # BUNDLED | OFFICE
    path: Path
    der: bytes
    problem: str = ""  # Vietnamese; not "": not used as a root

    @property
    def usable(self) -> bool:
        return not self.problem


def office_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "signing" / "roots"


def trusted_roots(data_dir: Path) -> list[bytes]:
    """The DER bytes of every usable root, bundled first, each once."""
    return [r.der for r in list_roots(data_dir) if r.usable]


def list_roots(data_dir: Path) -> list[RootInfo]:
    """Every certificate in both folders, bundled first, each fingerprint once, by name."""
    bundled = roots_in(BUNDLED_DIR, BUNDLED)
    seen = {r.fingerprint for r in bundled}
    return bundled + [r for r in roots_in(office_dir(data_dir), OFFICE) if r.fingerprint not in seen]


def roots_in(folder: Path, source: str = OFFICE) -> list[RootInfo]:
    """The certificates of the *.pem / *.cer / *.crt files in one folder, each once, by name; a
    file that holds no certificate is logged and skipped."""
    seen: set[str] = set()
    found: list[RootInfo] = []
    for path in _files(folder):
        try:
            certs = _read_certs(path.read_bytes())
        except (OSError, ValueError):
            # in the log file only: `roots list` and verify's verdict speak to the user
            log.warning("trusted root file %s is not a certificate; ignored", path, extra=FILE_ONLY)
            continue
        for cert in certs:
            info = _info(cert, source, path)
            if info.fingerprint not in seen:
                seen.add(info.fingerprint)
                found.append(info)
    return sorted(found, key=lambda r: (r.name.casefold(), r.fingerprint))


def add_root(data_dir: Path, file: Path) -> RootInfo:
    """Copy the CA certificate in `file` (PEM or DER) to the office's roots; UserError in
    Vietnamese for anything that is not one CA certificate, or one already trusted."""
    file = Path(file)
    try:
        if file.is_dir():  # Windows refuses to read a folder with "access denied": say what it is
            raise IsADirectoryError
        if file.stat().st_size > MAX_FILE_BYTES:
            raise UserError(f"«{file}» quá lớn để là một chứng thư số.")
        data = file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không có tệp «{file}».") from None
    except IsADirectoryError:
        raise UserError(f"«{file}» là một thư mục, không phải tệp chứng thư.") from None
    except OSError as exc:
        from app.oserrors import os_error_text

        raise UserError(os_error_text(exc, "Không đọc được")) from None
    try:
        certs = _read_certs(data)
    except ValueError:
        raise UserError(f"«{file.name}» không phải tệp chứng thư số (PEM hoặc DER).") from None
    if len(certs) != 1:
        raise UserError(f"«{file.name}» chứa {len(certs)} chứng thư: hãy thêm từng chứng thư gốc một.")
    info = _info(certs[0], OFFICE, file)
    if info.problem:
        raise UserError(f"«{file.name}» ({info.name}): {info.problem}")
    for known in list_roots(data_dir):
        if known.fingerprint == info.fingerprint:
            raise UserError(f"Chứng thư gốc «{info.name}» đã có trong danh sách tin cậy.")
    from app.files import write_atomically

    folder = office_dir(data_dir)
    target = folder / f"{_slug(info.name)}-{info.fingerprint[:16]}.cer"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(target, info.der)
    except OSError as exc:
        from app.oserrors import os_error_text

        raise UserError(os_error_text(exc, "Không ghi được")) from None
    return RootInfo(**{**info.__dict__, "path": target})


def remove_root(data_dir: Path, fingerprint: str) -> RootInfo:
    """Take the office's root whose SHA-256 fingerprint starts with `fingerprint` (at least 8 hex
    digits, colons allowed) off the list; the bundled ones stay (they go with an update)."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    if len(wanted) < 8 or any(ch not in "0123456789abcdef" for ch in wanted):
        raise UserError(f"«{fingerprint}» không phải dấu vân tay SHA-256: cần ít nhất 8 chữ số hệ 16 "
                        "(cột đầu của «motcua roots list»).")
    matches = [r for r in list_roots(data_dir) if r.fingerprint.startswith(wanted)]
    if not matches:
        raise UserError(f"Không có chứng thư gốc nào có dấu vân tay «{fingerprint}».")
    if len(matches) > 1:
        raise UserError(f"Có {len(matches)} chứng thư gốc cùng bắt đầu bằng «{fingerprint}»: hãy ghi dài hơn.")
    info = matches[0]
    if info.source == BUNDLED:
        raise UserError(f"Chứng thư gốc «{info.name}» đi kèm phần mềm, không xóa được ở đây.")
    try:
        others = [c for c in _read_certs(info.path.read_bytes())
                  if c.sha256.hex() != info.fingerprint]
        if others:
            raise UserError(f"Chứng thư gốc «{info.name}» nằm chung tệp «{info.path}» với chứng thư khác: "
                            "hãy sửa tệp đó.")
        info.path.unlink()
    except OSError as exc:
        from app.oserrors import os_error_text

        raise UserError(os_error_text(exc, "Không xóa được")) from None
    return info


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    except OSError:  # no folder yet (the usual case for the office's), or one we cannot read
        return []


def _read_certs(data: bytes) -> list:
    """The certificates in PEM (one or more) or DER bytes; ValueError when there are none."""
    from asn1crypto import pem, x509

    try:
        if pem.detect(data):
            ders = [der for kind, _, der in pem.unarmor(data, multiple=True) if kind == "CERTIFICATE"]
        else:
            ders = [data]
        certs = [x509.Certificate.load(der) for der in ders]
        for cert in certs:
            cert.native  # noqa: B018 - parse it whole now, not on first use
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises several kinds for junk
        raise ValueError("not a certificate") from exc
    if not certs:
        raise ValueError("no certificate")
    return certs


def _info(cert, source: str, path: Path) -> RootInfo:
    subject = cert.subject.native
    cn, org = subject.get("common_name", ""), subject.get("organization_name", "")
    cn = cn[-1] if isinstance(cn, list) else cn
    org = org[0] if isinstance(org, list) else org
    validity = cert["tbs_certificate"]["validity"]
    problem = "" if cert.ca else "không phải chứng thư của tổ chức chứng thực (CA), không dùng làm gốc tin cậy được."
    return RootInfo(name=cn or org or cert.subject.human_friendly, organization=org or "",
                    fingerprint=cert.sha256.hex(), not_before=_utc(validity["not_before"].native),
                    not_after=_utc(validity["not_after"].native), source=source, path=path,
                    der=cert.dump(), problem=problem)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch in " -_"))
    return "-".join(ascii_only.split())[:40] or "root"

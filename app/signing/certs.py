"""What the app needs to know about a signing certificate: who it names (`signer_info`) and whether
it may sign today (`check_validity`). Dates in messages are dd/MM/yyyy, local time of Việt Nam."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

from asn1crypto import x509

from app.signing.base import CERT_EXPIRED, CERT_NOT_YET_VALID, SignerInfo, SigningError

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no DST: a fixed offset is exact


def load_certificate(cert: x509.Certificate | bytes) -> x509.Certificate:
    """An asn1crypto certificate from itself, DER or PEM bytes."""
    if isinstance(cert, x509.Certificate):
        return cert
    data = bytes(cert)
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, data = pem.unarmor(data.strip())
    return x509.Certificate.load(data)


def _attr(name: x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    if isinstance(value, list):  # a name may repeat an attribute: the last is the most specific
        value = value[-1] if value else ""
    return str(value or "")


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def signer_info(cert: x509.Certificate | bytes) -> SignerInfo:
    c = load_certificate(cert)
    validity = c["tbs_certificate"]["validity"]
    return SignerInfo(
        name=_attr(c.subject, "common_name"),
        organization=_attr(c.subject, "organization_name"),
        issuer=_attr(c.issuer, "common_name"),
        serial=format(c.serial_number, "x"),
        fingerprint=hashlib.sha256(c.dump()).hexdigest(),
        not_before=_naive_utc(validity["not_before"].native),
        not_after=_naive_utc(validity["not_after"].native),
    )


def local_date(utc_naive: datetime) -> str:
    return utc_naive.replace(tzinfo=UTC).astimezone(VN_TZ).strftime("%d/%m/%Y")


def check_validity(info: SignerInfo, at: datetime | None = None) -> None:
    """Raise SigningError CERT_EXPIRED / CERT_NOT_YET_VALID if the certificate cannot sign at `at`
    (default now; aware, or naive UTC)."""
    now = _naive_utc(at) if at is not None else datetime.now(UTC).replace(tzinfo=None)
    if now > info.not_after:
        raise SigningError(CERT_EXPIRED, f"Chứng thư số của {info.name} đã hết hạn ngày "
                                         f"{local_date(info.not_after)}: không thể ký.")
    if now < info.not_before:
        raise SigningError(CERT_NOT_YET_VALID, f"Chứng thư số của {info.name} chỉ có hiệu lực từ ngày "
                                               f"{local_date(info.not_before)}: chưa thể ký.")

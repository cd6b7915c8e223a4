"""Checking the digital signatures of a PDF (docs/signing.md, "Kiểm tra chữ ký"): who signed, when,
whether the bytes are as signed, whether anything was added or changed after signing, whether the
signer's certificate chains to one of the office's trusted roots (app/signing/roots.py) and was
valid when it signed.

`verify_pdf` is the one entry point (the CLI, the dossier window and the bench use it). It never
raises for bad input: a file that is not a PDF, a damaged one, a forged signature all come back as
a `Verdict` with one Vietnamese line. Offline by design: nothing is fetched at the counter (no
OCSP, no CRL, no missing intermediate certificates), and every signature says revocation was not
checked."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from app.clock import VN_TZ
from app.logs import FILE_ONLY

MAX_BYTES = 100 * 1024 * 1024  # a signed receipt is ~100 KB; a scanned result a few MB

# What a verdict says (exact texts: the tests and the UI rely on them).
NOT_PDF = "Tệp không phải PDF."
DAMAGED = "Tệp PDF bị hỏng, không đọc được."
ENCRYPTED = "Tệp PDF có mật khẩu: không kiểm tra được chữ ký."
NO_SIGNATURE = "Tệp không có chữ ký số."
EMPTY = "Tệp rỗng, không phải PDF."

BROKEN = "Nội dung đã ký bị thay đổi: chữ ký không còn khớp với tệp."
FORGED = "Chữ ký giả mạo: chữ ký không khớp với chứng thư số kèm theo."
UNREADABLE = "Chữ ký bị hỏng: không đọc được dữ liệu chữ ký."
CHANGED = "Tệp đã bị thay đổi sau khi ký."
PARTIAL = "Chữ ký chỉ bao một phần tệp: có dữ liệu được thêm vào sau khi ký."
ANNOTATED = "Sau khi ký, tệp bị thêm ghi chú có thể che nội dung đã ký."
UNTRUSTED = "Chứng thư số không do tổ chức chứng thực tin cậy cấp (không thuộc danh sách gốc tin cậy)."
CERT_INVALID = "Chứng thư số của người ký không hợp lệ hoặc không được dùng để ký."
BAD_TIMESTAMP = "Dấu thời gian kèm chữ ký không hợp lệ."

# How much of the file a signature covers ("Phạm vi").
SCOPE_WHOLE = "Chữ ký bao toàn bộ tệp."
SCOPE_OTHER_SIGNATURES = "Sau khi ký chỉ thêm chữ ký khác (hoặc điền biểu mẫu)."
SCOPE_VALIDATION_DATA = "Sau khi ký chỉ thêm thông tin để kiểm tra chữ ký (chứng thư, dấu thời gian)."

NOT_REVOKED_CHECKED = "Chưa kiểm tra chứng thư số có bị thu hồi hay không (kiểm tra ngoại tuyến, không tra OCSP/CRL)."

# The validators log each tampering they find, with a traceback, as a warning: here that is the
# expected answer, said in the verdict, and must not reach the console or the app's stderr.
for _name in ("pyhanko.sign.validation", "pyhanko.sign.diff_analysis"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# pyHanko imports cryptography's DSA support, which warns on import; on the command line that would
# be two English lines on stderr before the verdict.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    import pyhanko.sign.validation  # noqa: F401


def expired_text(not_after: datetime) -> str:
    return f"Chứng thư số đã hết hạn khi ký (hết hạn ngày {_local(not_after):%d/%m/%Y})."


def not_yet_valid_text(not_before: datetime) -> str:
    return f"Chứng thư số chưa có hiệu lực khi ký (có hiệu lực từ ngày {_local(not_before):%d/%m/%Y})."


def too_big_text(size: int) -> str:
    return (f"Tệp quá lớn để kiểm tra chữ ký ({size / 1024 / 1024:.0f} MB; "
            f"tối đa {MAX_BYTES // 1024 // 1024} MB).")


@dataclass(frozen=True)
class SignatureCheck:
    field: str  # the signature field's name
    signer: str  # the certificate subject's common name
    organization: str  # its O, "" if none
    signed_at: datetime | None  # Vietnam local, naive: the time-stamp's time, else the signer's claim
    timestamped: bool  # signed_at comes from a valid, trusted RFC 3161 time-stamp
    intact: bool  # the signed bytes hash to what was signed, and the signature math holds
    whole_file: bool  # nothing at all follows the signed bytes
    trusted: bool  # the certificate chains to one of the trusted roots
    problems: tuple[str, ...]  # Vietnamese, worst first; empty: this signature is good
    scope: str = ""  # Vietnamese: what the signature covers / what came after it
    valid_at_signing: bool = True  # the certificate was within its validity at signed_at
    issuer: str = ""  # the issuing CA's common name
    serial: str = ""  # hex, lower case
    fingerprint: str = ""  # SHA-256 of the signer's certificate, hex
    revocation_checked: bool = False  # always False: offline, no OCSP/CRL
    notes: tuple[str, ...] = ()  # Vietnamese, informative (not problems)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verdict:
    ok: bool  # at least one signature, and every one intact, covering what it should, trusted
    summary: str  # one Vietnamese line
    signatures: tuple[SignatureCheck, ...] = ()


def verify_pdf(data: bytes, roots: Sequence[bytes]) -> Verdict:
    """Every signature of `data` checked against `roots` (DER or PEM certificates). Never raises
    for bad input."""
    if not data:
        return Verdict(False, EMPTY)
    if len(data) > MAX_BYTES:
        return Verdict(False, too_big_text(len(data)))
    if b"%PDF-" not in data[:1024]:  # readers accept junk before the header, up to 1 KB
        return Verdict(False, NOT_PDF)
    anchors = _load_roots(roots)
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.fields import enumerate_sig_fields

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        # Encrypted with an owner password only ("no printing", "no copying") opens without one.
        if reader.encrypted and reader.decrypt(b"").status.name == "FAILED":
            return Verdict(False, ENCRYPTED)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:  # noqa: BLE001 - whatever the parser trips on, the file is damaged
        logging.getLogger(__name__).info("unreadable PDF", exc_info=True)
        return Verdict(False, DAMAGED)
    checks = []
    for name, sig_obj, sig_field in fields:  # the form's order: the order they were signed in
        try:
            if sig_obj.get_object().get("/Type") == "/DocTimeStamp":
                continue  # a document time-stamp, not someone's signature
        except Exception:  # noqa: BLE001
            pass
        checks.append(_check_one(reader, name, sig_field, anchors))
    if not checks:
        return Verdict(False, NO_SIGNATURE)
    return Verdict(all(c.ok for c in checks), _summary(checks), tuple(checks))


def _summary(checks: list[SignatureCheck]) -> str:
    bad = [c for c in checks if not c.ok]
    if not bad:
        if len(checks) == 1:
            c = checks[0]
            when = f" lúc {c.signed_at:%d/%m/%Y %H:%M:%S}" if c.signed_at else ""
            return f"Chữ ký hợp lệ: {c.signer} ký{when}."
        return f"Cả {len(checks)} chữ ký đều hợp lệ."
    first = bad[0].problems[0]
    if len(checks) == 1:
        return first
    return f"Chữ ký của {bad[0].signer or bad[0].field}: {first[0].lower()}{first[1:]}"


def _load_roots(roots: Sequence[bytes]) -> list:
    from asn1crypto import pem, x509

    out = []
    for blob in roots:
        try:
            ders = [der for _, _, der in pem.unarmor(blob, multiple=True)] if pem.detect(blob) else [blob]
            for der in ders:
                cert = x509.Certificate.load(der)
                cert.native  # noqa: B018 - parse it all now: a bad root is skipped, not a crash later
                out.append(cert)
        except Exception:  # noqa: BLE001 - roots.py checks files as they are added; this one is unused
            logging.getLogger(__name__).warning("a trusted root could not be read; skipped", extra=FILE_ONLY)
    return out


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ).replace(tzinfo=None, microsecond=0)


def _cn(cert, which: str = "subject") -> str:
    return _attr(cert, which, "common_name", -1)


def _org(cert) -> str:
    return _attr(cert, "subject", "organization_name", 0)


def _attr(cert, which: str, key: str, pick: int) -> str:
    if cert is None:
        return ""
    try:
        value = getattr(cert, which).native.get(key, "")
    except Exception:  # noqa: BLE001 - a malformed name in a forged certificate: shown as unknown
        return ""
    return str(value[pick] if isinstance(value, list) and value else value or "")


def _claimed_times(embedded) -> tuple[datetime | None, datetime | None]:
    """(the first signature time-stamp's time, the signer's own claim), both aware or None,
    read without validating: the validation below is run at that moment."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    stamped = None
    try:
        for tst in extract_tst_data_iter(embedded.signer_info, signed=False):
            stamped = tst["encap_content_info"]["content"].parsed["gen_time"].native
            break
    except Exception:  # noqa: BLE001 - no usable token: the claim is all there is
        stamped = None
    try:
        claimed = embedded.self_reported_timestamp
    except Exception:  # noqa: BLE001
        claimed = None
    return stamped, claimed


def _check_one(reader, name: str, sig_field, anchors: list) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    try:
        embedded = EmbeddedPdfSignature(reader, sig_field, name)
    except Exception:  # noqa: BLE001 - no readable CMS SignedData in /Contents
        return _failed(name, None, UNREADABLE)
    try:
        cert = embedded.signer_cert
    except Exception:  # noqa: BLE001
        # No certificate for the signer, or one that is not the certificate the signed attributes
        # name (PAdES signing-certificate-v2): someone else's certificate put in its place.
        claimed = _embedded_signer_cert(embedded)
        return _failed(name, claimed, UNREADABLE if claimed is None else FORGED)
    stamped, claimed = _claimed_times(embedded)
    moment = stamped or claimed or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        status = validate_pdf_signature(embedded, _context(anchors, moment),
                                        key_usage_settings=_key_usage())
    except Exception:  # noqa: BLE001 - a CMS the validator cannot make sense of
        logging.getLogger(__name__).info("signature %s not validated", name, exc_info=True)
        return _failed(name, cert, UNREADABLE)
    try:
        return _from_status(name, cert, status, stamped, claimed, moment)
    except Exception:  # noqa: BLE001 - a certificate with fields we cannot read (dates, names)
        logging.getLogger(__name__).info("signature %s not described", name, exc_info=True)
        return _failed(name, cert, UNREADABLE)


def _embedded_signer_cert(embedded):
    from pyhanko.sign.general import extract_certificate_info

    try:
        return extract_certificate_info(embedded.signed_data).signer_cert
    except Exception:  # noqa: BLE001 - none there
        return None


def _failed(name: str, cert, problem: str) -> SignatureCheck:
    """A signature that could not be checked at all: `cert` the certificate it carries, if any."""
    try:
        serial, fingerprint = (f"{cert.serial_number:x}", cert.sha256.hex()) if cert else ("", "")
    except Exception:  # noqa: BLE001 - as in _attr
        serial = fingerprint = ""
    return SignatureCheck(
        field=name, signer=_cn(cert), organization=_org(cert),
        signed_at=None, timestamped=False, intact=False, whole_file=False, trusted=False,
        problems=(problem,), valid_at_signing=False, issuer=_cn(cert, "issuer"),
        serial=serial, fingerprint=fingerprint, notes=(NOT_REVOKED_CHECKED,))


def _context(anchors: list, moment: datetime):
    from pyhanko_certvalidator import ValidationContext

    # Validated as of the signing time: a receipt signed last year with a certificate that has
    # expired since is still a good receipt; one signed after the certificate expired is not.
    return ValidationContext(trust_roots=anchors, allow_fetching=False, moment=moment,
                             best_signature_time=moment, revocation_mode="soft-fail")


def _key_usage():
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    # Vietnamese CAs mark signing certificates with digitalSignature and/or nonRepudiation.
    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


def _from_status(name, cert, status, stamped, claimed, moment) -> SignatureCheck:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    problems: list[str] = []
    intact = bool(status.intact and status.valid)
    if not status.intact:
        problems.append(BROKEN)
    elif not status.valid:
        problems.append(FORGED)

    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if whole:
        scope = SCOPE_WHOLE
    elif status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        scope = PARTIAL
    else:
        level = status.modification_level
        if level == ModificationLevel.FORM_FILLING:
            scope = SCOPE_OTHER_SIGNATURES
        elif level == ModificationLevel.LTA_UPDATES:
            scope = SCOPE_VALIDATION_DATA
        elif level == ModificationLevel.NONE:
            scope = PARTIAL  # bytes after the signed revision that change nothing a reader shows
        elif level == ModificationLevel.ANNOTATIONS:
            scope = ANNOTATED
        else:
            scope = CHANGED
    if scope in (SCOPE_OTHER_SIGNATURES, SCOPE_VALIDATION_DATA) and status.docmdp_ok is False:
        scope = CHANGED  # a certifying signer allowed less than what was added
    if scope not in (SCOPE_WHOLE, SCOPE_OTHER_SIGNATURES, SCOPE_VALIDATION_DATA):
        problems.append(scope)

    ts = status.timestamp_validity
    timestamped = bool(ts is not None and ts.intact and ts.valid and ts.trusted)
    if ts is not None and not timestamped:
        problems.append(BAD_TIMESTAMP)

    not_before = cert["tbs_certificate"]["validity"]["not_before"].native
    not_after = cert["tbs_certificate"]["validity"]["not_after"].native
    in_period = not_before <= moment <= not_after
    if moment > not_after:
        problems.append(expired_text(not_after))
    elif moment < not_before:
        problems.append(not_yet_valid_text(not_before))

    chained = status.validation_path is not None
    trusted = chained and (status.trust_problem_indic is None or not in_period)
    if intact:  # the trust of a certificate that did not sign this says nothing
        if not chained:
            problems.append(UNTRUSTED if status.trust_problem_indic is not None
                            and status.trust_problem_indic.name == "NO_CERTIFICATE_CHAIN_FOUND"
                            else CERT_INVALID)
        elif status.trust_problem_indic is not None and in_period:
            problems.append(CERT_INVALID)
    notes = [NOT_REVOKED_CHECKED]
    if not timestamped and claimed is not None:
        notes.insert(0, "Thời điểm ký do máy của người ký ghi (không có dấu thời gian).")
    when = stamped if timestamped else claimed
    return SignatureCheck(
        field=name, signer=_cn(cert), organization=_org(cert),
        signed_at=_local(when) if when is not None else None, timestamped=timestamped,
        intact=intact, whole_file=whole, trusted=trusted and intact, problems=tuple(problems),
        scope=scope, valid_at_signing=in_period, issuer=_cn(cert, "issuer"),
        serial=f"{cert.serial_number:x}", fingerprint=cert.sha256.hex(), notes=tuple(notes))

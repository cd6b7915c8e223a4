"""app/signing/verify.py: every verdict on real PDFs signed here with pyHanko's SimpleSigner and
the test PKI (tests/helpers/pki.py), each tampered with as an attacker would, and each good or
bad case cross-checked with poppler's `pdfsig` trusting the same root (an independent verifier,
NSS underneath)."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from hypothesis import given
from hypothesis import strategies as st

from app.clock import VN_TZ
from app.signing import verify as v
from app.signing.verify import verify_pdf
from tests.helpers.hypothesis_budget import examples
from tests.helpers.pki import AGENCY, OFFICER_CN, make_pki

# --- building signed PDFs ------------------------------------------------------------------------

PAGE_TEXT = "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA"


def plain_pdf(text: str = PAGE_TEXT, **canvas_kwargs) -> bytes:
    """A one-page PDF whose page text is stored uncompressed (so a test can find and change it)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0, **canvas_kwargs)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def sign(pdf: bytes, signer, *, field: str = "ChuKySo", timestamper=None) -> bytes:
    """PAdES (ETSI.CAdES.detached) as app/signing/pades.py signs, as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES,
                                        reason="Tiếp nhận hồ sơ", location="Vĩnh Long")
    return signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper).getvalue()


def timestamper(pki, at: datetime | None = None):
    """An RFC 3161 time-stamp authority in process (pyHanko's DummyTimeStamper) with the test
    PKI's TSA certificate: no network needed to put a real token into the signature."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = serialization.load_pem_private_key(pki.tsa_key_pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return DummyTimeStamper(tsa_cert=pki.tsa_cert, tsa_key=asn1_keys.PrivateKeyInfo.load(key),
                            certs_to_embed=[pki.intermediate_cert], fixed_dt=at)


_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def contents_span(data: bytes) -> tuple[int, int]:
    """Where the last signature's hex /Contents sits (inside the angle brackets)."""
    start, length, second, _ = (int(x) for x in _BYTE_RANGE.findall(data)[-1])
    return start + length + 1, second - 1


def cms_of(data: bytes) -> cms.ContentInfo:
    a, b = contents_span(data)
    return cms.ContentInfo.load(bytes.fromhex(data[a:b].decode()))  # the zero padding is ignored


def with_cms(data: bytes, der: bytes) -> bytes:
    """The file with the last signature's CMS replaced, byte range untouched (as a forger would)."""
    a, b = contents_span(data)
    text = der.hex().encode()
    assert len(text) <= b - a
    return data[:a] + text + b"0" * (b - a - len(text)) + data[b:]


def changed_after_signing(data: bytes) -> bytes:
    """An incremental update that adds text to the signed page (the "shadow" attack)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(data))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    extra = w.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (DA DUYET) Tj ET"))
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), extra])
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ).replace(tzinfo=None, microsecond=0)


# --- pdfsig, the independent check ----------------------------------------------------------------

def pdfsig(tmp_path: Path, data: bytes, nss: str) -> dict:
    """pdfsig's findings: `rc`, and per signature its lines as a dict ("Signature Validation",
    "Certificate Validation", "Signing Time", "total": whether the whole document is signed)."""
    path = tmp_path / f"pdfsig-{len(list(tmp_path.glob('pdfsig-*')))}.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True,
                          env={**os.environ, "TZ": "UTC", "LC_ALL": "C"}, timeout=60)
    sigs: list[dict] = []
    for line in done.stdout.splitlines():
        if re.match(r"^Signature #\d+:", line):
            sigs.append({})
        elif sigs and line.strip().startswith("- "):
            item = line.strip()[2:]
            if item in ("Total document signed", "Not total document signed"):
                sigs[-1]["total"] = item == "Total document signed"
            elif ": " in item:
                key, value = item.split(": ", 1)
                sigs[-1][key] = value
    return {"rc": done.returncode, "signatures": sigs, "out": done.stdout + done.stderr}


def pdfsig_time(found: dict) -> datetime:
    return datetime.strptime(found["Signing Time"], "%b %d %Y %H:%M:%S").replace(tzinfo=UTC)


# --- fixtures ----------------------------------------------------------------------------------------

@pytest.fixture
def pki(tmp_path):
    return make_pki(tmp_path / "ca")


@pytest.fixture
def signed(pki) -> bytes:
    return sign(plain_pdf(), pki.signer())


# --- good signatures ------------------------------------------------------------------------------

def test_a_good_signature_says_who_signed_when_and_that_it_is_trusted(tmp_path, pki, signed):
    verdict = verify_pdf(signed, [pki.root_der])
    found = pdfsig(tmp_path, signed, pki.nss_db())["signatures"]
    assert len(found) == 1 and found[0]["Signature Validation"] == "Signature is Valid."
    assert found[0]["Certificate Validation"] == "Certificate is Trusted." and found[0]["total"] is True
    when = local(pdfsig_time(found[0]))  # pdfsig prints the signer's claimed time in UTC here
    assert verdict.ok is True
    assert verdict.summary == f"Chữ ký hợp lệ: {OFFICER_CN} ký lúc {when:%d/%m/%Y %H:%M:%S}."
    (check,) = verdict.signatures
    assert (check.field, check.signer, check.organization) == ("ChuKySo", OFFICER_CN, AGENCY)
    assert check.signed_at == when and check.timestamped is False
    assert (check.intact, check.whole_file, check.trusted, check.valid_at_signing) == (True, True, True, True)
    assert check.problems == () and check.scope == v.SCOPE_WHOLE
    assert check.issuer == "Test Intermediate CA Một Cửa"
    assert check.fingerprint == pki.officer_cert.sha256.hex()
    assert check.revocation_checked is False and v.NOT_REVOKED_CHECKED in check.notes


@pytest.mark.expected_log("app.signing.verify", logging.WARNING, r"trusted root could not be read")
def test_the_roots_may_be_given_as_pem_and_an_unreadable_one_is_skipped(pki, signed):
    pem = pki.paths["root.pem"].read_bytes()
    verdict = verify_pdf(signed, [b"not a certificate", pem])
    assert verdict.ok is True
    assert verdict.signatures[0].trusted is True


def test_a_second_signature_leaves_the_first_valid_and_says_only_a_signature_was_added(tmp_path, pki, signed):
    twice = sign(signed, pki.signer(), field="ChuKySo2")
    verdict = verify_pdf(twice, [pki.root_der])
    found = pdfsig(tmp_path, twice, pki.nss_db())["signatures"]
    assert [f["Signature Validation"] for f in found] == ["Signature is Valid."] * 2
    assert [f["total"] for f in found] == [False, True]
    assert verdict.ok is True and verdict.summary == "Cả 2 chữ ký đều hợp lệ."
    first, second = verdict.signatures
    assert (first.field, first.whole_file, first.scope) == ("ChuKySo", False, v.SCOPE_OTHER_SIGNATURES)
    assert (second.field, second.whole_file, second.scope) == ("ChuKySo2", True, v.SCOPE_WHOLE)


def test_a_time_stamped_signature_is_dated_by_the_time_stamp(tmp_path, pki):
    stamped_at = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)
    data = sign(plain_pdf(), pki.signer(), timestamper=timestamper(pki, stamped_at))
    verdict = verify_pdf(data, [pki.root_der])
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Signature is Valid."
    assert found[0]["Certificate Validation"] == "Certificate is Trusted."
    (check,) = verdict.signatures
    assert verdict.ok is True
    assert check.timestamped is True and check.signed_at == local(stamped_at)
    assert verdict.summary == f"Chữ ký hợp lệ: {OFFICER_CN} ký lúc {local(stamped_at):%d/%m/%Y %H:%M:%S}."


def test_a_certificate_expired_since_is_still_good_when_a_time_stamp_dates_the_signature_before(tmp_path):
    now = datetime.now(UTC).replace(microsecond=0)
    pki = make_pki(tmp_path / "ca", not_before=now - timedelta(days=30), not_after=now - timedelta(hours=6))
    stamped_at = now - timedelta(hours=12)  # the TSA's certificate is valid from a day ago
    data = sign(plain_pdf(), pki.signer(), timestamper=timestamper(pki, stamped_at))
    verdict = verify_pdf(data, [pki.root_der])
    (check,) = verdict.signatures
    assert verdict.ok is True, verdict.summary
    assert check.valid_at_signing is True and check.signed_at == local(stamped_at)


# --- bad input --------------------------------------------------------------------------------------

def test_a_file_that_is_not_a_pdf(tmp_path, pki):
    data = b"PK\x03\x04 a zip file, or a photo, or a Word document"
    assert pdfsig(tmp_path, data, pki.nss_db())["rc"] != 0
    verdict = verify_pdf(data, [pki.root_der])
    assert (verdict.ok, verdict.summary, verdict.signatures) == (False, "Tệp không phải PDF.", ())


def test_an_empty_file(pki):
    verdict = verify_pdf(b"", [pki.root_der])
    assert (verdict.ok, verdict.summary) == (False, "Tệp rỗng, không phải PDF.")


@pytest.mark.parametrize("cut", ["header only", "half", "no trailer"])
def test_a_damaged_pdf(tmp_path, pki, signed, cut):
    data = {"header only": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nthis is not a PDF body\n",
            "half": signed[: len(signed) // 2],
            "no trailer": signed[: signed.rindex(b"trailer")]}[cut]
    assert pdfsig(tmp_path, data, pki.nss_db())["signatures"] == []
    verdict = verify_pdf(data, [pki.root_der])
    assert (verdict.ok, verdict.summary, verdict.signatures) == (False, "Tệp PDF bị hỏng, không đọc được.", ())


def test_a_pdf_without_a_signature(tmp_path, pki):
    data = plain_pdf()
    found = pdfsig(tmp_path, data, pki.nss_db())
    assert found["signatures"] == [] and "does not contain any signatures" in found["out"]
    verdict = verify_pdf(data, [pki.root_der])
    assert (verdict.ok, verdict.summary, verdict.signatures) == (False, "Tệp không có chữ ký số.", ())


def test_a_password_protected_pdf(pki):
    verdict = verify_pdf(plain_pdf(encrypt="matkhau"), [pki.root_der])
    assert (verdict.ok, verdict.summary) == (False, "Tệp PDF có mật khẩu: không kiểm tra được chữ ký.")


def test_a_pdf_locked_only_against_printing_opens_without_a_password(pki):
    from reportlab.lib.pdfencrypt import StandardEncryption

    locked = StandardEncryption(userPassword="", ownerPassword="chu-so-huu", canPrint=0)
    verdict = verify_pdf(plain_pdf(encrypt=locked), [pki.root_der])
    assert (verdict.ok, verdict.summary) == (False, "Tệp không có chữ ký số.")


def test_a_file_over_the_size_limit_is_refused_unread(monkeypatch, pki, signed):
    # the real limit is 100 MB; a 2 MB file against a 1 MB limit shows the same path
    monkeypatch.setattr(v, "MAX_BYTES", 1024 * 1024)
    verdict = verify_pdf(signed + b"\n%" + b"x" * (2 * 1024 * 1024), [pki.root_der])
    assert (verdict.ok, verdict.summary) == (False, "Tệp quá lớn để kiểm tra chữ ký (2 MB; tối đa 1 MB).")


def test_bytes_changed_inside_the_signed_range_break_the_signature(tmp_path, pki, signed):
    at = signed.index(PAGE_TEXT.encode())
    data = signed[:at] + b"GIAY TU CHOI" + signed[at + len(b"GIAY TIEP NH"):]
    assert len(data) == len(signed)
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Digest Mismatch."
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == "Nội dung đã ký bị thay đổi: chữ ký không còn khớp với tệp."
    (check,) = verdict.signatures
    assert (check.intact, check.trusted, check.signer) == (False, False, OFFICER_CN)


def test_a_signature_value_that_does_not_match_is_a_forgery(tmp_path, pki, signed):
    info = cms_of(signed)
    signer_info = info["content"]["signer_infos"][0]
    value = bytearray(signer_info["signature"].native)
    value[10] ^= 0xFF
    signer_info["signature"] = bytes(value)
    data = with_cms(signed, info.dump(force=True))
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] != "Signature is Valid."
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == "Chữ ký giả mạo: chữ ký không khớp với chứng thư số kèm theo."
    assert (verdict.signatures[0].intact, verdict.signatures[0].trusted) == (False, False)


def test_a_trusted_certificate_swapped_in_for_the_real_signer_is_a_forgery(tmp_path, pki):
    forger = make_pki(tmp_path / "forger")  # same name, own key, a CA nobody trusts
    data = sign(plain_pdf(), forger.signer())
    info = cms_of(data)
    sd = info["content"]
    sd["certificates"] = [cms.CertificateChoices(name="certificate", value=c)
                          for c in (pki.officer_cert, pki.intermediate_cert)]
    sd["signer_infos"][0]["sid"] = cms.SignerIdentifier(name="issuer_and_serial_number", value={
        "issuer": pki.officer_cert.issuer, "serial_number": pki.officer_cert.serial_number})
    data = with_cms(data, info.dump(force=True))
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] != "Signature is Valid."
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == "Chữ ký giả mạo: chữ ký không khớp với chứng thư số kèm theo."
    assert verdict.signatures[0].fingerprint == pki.officer_cert.sha256.hex()


def test_a_signature_taken_from_another_file_does_not_match_this_one(tmp_path, pki, signed):
    other = sign(plain_pdf("MOT VAN BAN KHAC HAN"), pki.signer())
    data = with_cms(signed, cms_of(other).dump())
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Digest Mismatch."
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.summary == "Nội dung đã ký bị thay đổi: chữ ký không còn khớp với tệp."


def test_signature_data_that_is_not_a_signature_at_all(tmp_path, pki, signed):
    data = with_cms(signed, b"\x30\x03\x02\x01\x05")  # valid DER, not a CMS SignedData
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == "Chữ ký bị hỏng: không đọc được dữ liệu chữ ký."
    assert verdict.signatures[0].intact is False


def test_content_appended_after_signing_leaves_the_signature_over_part_of_the_file(tmp_path, pki, signed):
    data = signed + b"\n% added after signing\n"
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Signature is Valid." and found[0]["total"] is False
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == "Chữ ký chỉ bao một phần tệp: có dữ liệu được thêm vào sau khi ký."
    (check,) = verdict.signatures
    assert (check.intact, check.whole_file, check.trusted) == (True, False, True)


def test_a_page_changed_in_an_update_after_signing(tmp_path, pki, signed):
    data = changed_after_signing(signed)
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Signature is Valid." and found[0]["total"] is False
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False and verdict.summary == "Tệp đã bị thay đổi sau khi ký."
    assert verdict.signatures[0].scope == "Tệp đã bị thay đổi sau khi ký."


def test_a_change_after_the_first_of_two_signatures_names_the_signer(pki, signed):
    data = sign(changed_after_signing(signed), pki.signer(), field="ChuKySo2")
    verdict = verify_pdf(data, [pki.root_der])
    assert verdict.ok is False
    assert verdict.summary == f"Chữ ký của {OFFICER_CN}: tệp đã bị thay đổi sau khi ký."
    assert [c.ok for c in verdict.signatures] == [False, True]


def test_a_signer_that_does_not_chain_to_a_trusted_root(tmp_path, pki):
    stranger = make_pki(tmp_path / "stranger")
    data = sign(plain_pdf(), stranger.signer())
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Signature Validation"] == "Signature is Valid."
    assert found[0]["Certificate Validation"] != "Certificate is Trusted."
    for roots in ([pki.root_der], [stranger.untrusted_root_cert.dump()], []):
        verdict = verify_pdf(data, roots)
        assert verdict.ok is False
        assert verdict.summary == ("Chứng thư số không do tổ chức chứng thực tin cậy cấp "
                                   "(không thuộc danh sách gốc tin cậy).")
        assert (verdict.signatures[0].intact, verdict.signatures[0].trusted) == (True, False)


def test_a_certificate_expired_at_signing_time(tmp_path):
    now = datetime.now(UTC).replace(microsecond=0)
    pki = make_pki(tmp_path / "ca", not_before=now - timedelta(days=400), not_after=now - timedelta(days=2))
    data = sign(plain_pdf(), pki.signer())
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Certificate Validation"] == "Certificate has Expired"
    verdict = verify_pdf(data, [pki.root_der])
    expiry = local(now - timedelta(days=2))
    assert verdict.ok is False
    assert verdict.summary == f"Chứng thư số đã hết hạn khi ký (hết hạn ngày {expiry:%d/%m/%Y})."
    (check,) = verdict.signatures
    assert (check.intact, check.valid_at_signing, check.trusted) == (True, False, True)


def test_a_certificate_not_yet_valid_at_signing_time(tmp_path):
    now = datetime.now(UTC).replace(microsecond=0)
    pki = make_pki(tmp_path / "ca", not_before=now + timedelta(days=3), not_after=now + timedelta(days=400))
    data = sign(plain_pdf(), pki.signer())
    found = pdfsig(tmp_path, data, pki.nss_db())["signatures"]
    assert found[0]["Certificate Validation"] == "Certificate has Expired"  # NSS: outside its validity
    verdict = verify_pdf(data, [pki.root_der])
    start = local(now + timedelta(days=3))
    assert verdict.ok is False
    assert verdict.summary == f"Chứng thư số chưa có hiệu lực khi ký (có hiệu lực từ ngày {start:%d/%m/%Y})."
    assert verdict.signatures[0].valid_at_signing is False


# --- whatever the bytes, a verdict --------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_material(tmp_path_factory):
    pki = make_pki(tmp_path_factory.mktemp("fuzz-ca"))
    return sign(plain_pdf(), pki.signer()), pki.root_der


@examples(60)
@given(edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=0, max_size=8),
                                st.integers(0, 8)), min_size=1, max_size=4),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_any_damage_to_a_signed_file_gives_a_verdict_never_an_exception(fuzz_material, edits, cut):
    data, root = fuzz_material
    for where, new, removed in edits:  # replace a few bytes anywhere: xref, dictionaries, the CMS
        at = int(where * len(data))
        data = data[:at] + new + data[at + removed:]
    if cut is not None:
        data = data[: int(cut * len(data))]
    verdict = verify_pdf(data, [root])
    assert isinstance(verdict, v.Verdict) and verdict.summary and "\n" not in verdict.summary
    if not verdict.signatures:
        assert verdict.ok is False
        assert verdict.summary in {v.NOT_PDF, v.DAMAGED, v.NO_SIGNATURE, v.EMPTY, v.ENCRYPTED}
    else:
        assert verdict.ok == all(c.ok for c in verdict.signatures)
        if not verdict.ok and len(verdict.signatures) == 1:
            assert verdict.summary == verdict.signatures[0].problems[0]

"""PAdES signing of PDF bytes with any pyHanko `Signer` (a token through PKCS#11, or a test key):
an incremental update, so the original bytes stay as they were, with a visible box in Vietnamese
("Ký bởi: …", "Thời gian: dd/MM/yyyy HH:mm:ss", Việt Nam time) where the form has its signature
line, and an RFC 3161 time-stamp when a server is configured.

The box is drawn by ReportLab in the forms' serif (printing/fonts.py: Times New Roman, else Noto
Serif, embedded with its Vietnamese letters) and placed as the field's appearance through pyHanko's
StaticStampStyle: pyHanko's built-in Courier has no Vietnamese letters, and its OpenType text
needs uharfbuzz, which the app does not ship."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import FormFillingError
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp import StaticStampStyle

from app.signing.base import BAD_PDF, TIMESTAMP_FAILED, SignatureBox, SignerInfo, SigningError
from app.signing.certs import VN_TZ
from app.signing.stamp import stamp_style
from app.signing.timestamps import timestamper_for

TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    if not pdf.lstrip()[:5].startswith(b"%PDF-"):
        raise SigningError(BAD_PDF, "Tệp cần ký không phải là tệp PDF.")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        writer.root  # noqa: B018 (reads the catalogue: a broken file fails here, not half-way)
    except Exception:  # noqa: BLE001 (pyHanko raises many kinds for a damaged file)
        raise SigningError(BAD_PDF, "Tệp PDF bị hỏng, không ký được.") from None
    if writer.prev.encrypted:
        raise SigningError(BAD_PDF, "Tệp PDF được đặt mật khẩu, không ký được.")
    return writer


def _page_count(writer: IncrementalPdfFileWriter) -> int:
    try:
        return int(writer.root["/Pages"]["/Count"])
    except Exception:  # noqa: BLE001 (a missing or broken page tree)
        raise SigningError(BAD_PDF, "Tệp PDF bị hỏng, không ký được.") from None


def sign_with(pdf: bytes, signer: signers.Signer, info: SignerInfo, box: SignatureBox | None, *,
              reason: str, location: str, contact: str = "", timestamp_url: str = "") -> bytes:
    """`pdf` signed by `signer` (whose certificate `info` describes). Raises SigningError."""
    writer = _writer(pdf)
    timestamper = timestamper_for(timestamp_url)
    field_name = box.field_name if box else "ChuKySo"
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason or None, location=location or None, contact_info=contact or None,
        name=info.name or None)
    spec = None
    if box is not None:
        pages = _page_count(writer)
        page = box.page if box.page >= 0 else pages + box.page
        if not 0 <= page < pages:
            raise SigningError(BAD_PDF, f"Tệp PDF không có trang {box.page + 1} để đặt ô chữ ký.")
        spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page,
                                   box=tuple(int(round(v)) for v in box.rect))
    when = datetime.now(VN_TZ).strftime(TIME_FORMAT)
    style = StaticStampStyle() if box is None else stamp_style(
        box.rect, [f"Ký bởi: {info.name}", f"Thời gian: {when}"])
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style,
                                   new_field_spec=spec)
    out = io.BytesIO()
    try:
        # a fresh event loop: sign_with may run on the desk's worker thread, never inside a loop
        asyncio.run(pdf_signer.async_sign_pdf(writer, output=out))
    except SigningError:
        raise
    except TimestampRequestError:
        raise SigningError(TIMESTAMP_FAILED, f"Không lấy được dấu thời gian từ máy chủ "
                                             f"{timestamp_url}.") from None
    except FormFillingError:
        raise SigningError(BAD_PDF, f"Ô chữ ký «{field_name}» của tệp PDF đã được ký: "
                                    "không ký lại được.") from None
    except PdfError:  # a damaged file that only shows while writing (objects read lazily)
        raise SigningError(BAD_PDF, "Tệp PDF bị hỏng, không ký được.") from None
    except Exception as e:
        # a signer's own failures (the token's) arrive wrapped: pass a SigningError through
        cause = e
        while cause is not None:
            if isinstance(cause, SigningError):
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        raise
    return out.getvalue()

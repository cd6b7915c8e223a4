"""Signing through a remote signing service (ký số từ xa: the officer has no USB token; the app
sends the document's hash, the officer confirms on their phone, the service returns the signature).

`open_remote` asks the service for the user's certificate and chain once; `RemoteSigner` is a
pyHanko `Signer` whose `async_sign_raw` (pyHanko's external-signing hook) sends the digest of the
signed attributes and polls the service with its transaction id until the user confirms, refuses,
or `signing.remote.wait_s` runs out. The service's wire format is a mapping module in
app/signing/providers/; the PDF itself goes through app.signing.pades.sign_with like a token's.

Every failure is one SigningError in Vietnamese; the api key is sent in the provider's headers and
never logged nor quoted."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import uuid
from types import ModuleType
from typing import Any

import httpx
from asn1crypto import x509
from pyhanko.sign.signers import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator, SignatureValidationContext

from app.domain.text import printable
from app.signing import providers
from app.signing.base import (
    NOT_CONFIGURED,
    REMOTE_REFUSED,
    REMOTE_UNREACHABLE,
    SignatureBox,
    SignerInfo,
    SigningError,
)

log = logging.getLogger("motcua.signing")

CONNECT_TIMEOUT_S = 5.0
REQUEST_TIMEOUT_S = 15.0  # one request; the wait for the user's confirmation is wait_s
FIRST_POLL_S, MAX_POLL_S = 0.25, 2.0  # polling backs off from a quick first look to every 2 s
_TIMEOUT = httpx.Timeout(REQUEST_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
DRY_RUN_SIGNATURE_SIZE = 512  # bytes pyHanko reserves when it sizes the signature (RSA-4096 fits)

SERVICE = "Dịch vụ ký số từ xa"
GARBLED = f"{SERVICE} trả lời không đúng định dạng; văn bản chưa được ký."
BAD_CREDENTIALS = (f"{SERVICE} không chấp nhận mã ứng dụng hoặc khóa truy cập của cơ quan: kiểm tra "
                   "cài đặt signing.remote.client_id và signing.remote.api_key.")


class RemoteSigner(Signer):
    """A DocumentSigner backed by a remote signing service (made by open_remote)."""

    def __init__(self, *, provider: ModuleType, headers: dict[str, str], base_url: str, client_id: str,
                 user: str, wait_s: float, info: SignerInfo, certificate: x509.Certificate,
                 chain: list[x509.Certificate], timestamp_url: str = ""):
        super().__init__(signing_cert=certificate,
                         cert_registry=SimpleCertificateStore.from_certs(chain))
        self.info = info
        self.provider = provider
        self.timestamp_url = timestamp_url
        self._headers = headers  # the credentials: never logged, never quoted
        self._base_url = base_url
        self._client_id = client_id
        self._user = user
        self._wait_s = float(wait_s)
        self._description = ""
        self._lock = threading.Lock()  # one confirmation on the phone at a time

    # --- DocumentSigner -------------------------------------------------------------------------
    def sign_pdf(self, pdf: bytes, box: SignatureBox | None, *, reason: str, location: str,
                 contact: str = "") -> bytes:
        from app.signing.certs import check_validity
        from app.signing.pades import sign_with

        check_validity(self.info)  # a long session may outlive the certificate
        with self._lock:
            self._description = f"Một Cửa: {reason}" if reason else "Một Cửa: ký văn bản"
            return sign_with(pdf, self, self.info, box, reason=reason, location=location, contact=contact,
                             timestamp_url=self.timestamp_url)

    def close(self) -> None:
        pass  # each signing opens and closes its own connection: nothing stays open between them

    # --- pyHanko's external-signing hook ---------------------------------------------------------
    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:  # pyHanko only sizes the signature: nothing goes to the service
            return bytes(DRY_RUN_SIGNATURE_SIZE)
        digest = hashlib.new(digest_algorithm, data).digest()
        async with httpx.AsyncClient(headers=self._headers, timeout=_TIMEOUT, follow_redirects=False) as client:
            signature = await self._confirmed_signature(client, digest, digest_algorithm)
        self._check_signature(signature, data, digest_algorithm)
        return signature

    async def _confirmed_signature(self, client: httpx.AsyncClient, digest: bytes, algorithm: str) -> bytes:
        ours = uuid.uuid4().hex
        call = self.provider.sign_call(self._client_id, self._user, digest, algorithm, ours, self._description)
        transaction = _read(self.provider.read_transaction,
                            await _send_async(client, self._base_url, self.provider, call))
        log.info("remote signing: request %s sent to %s for %s, waiting for the user's confirmation",
                 transaction, self._base_url, self._user)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._wait_s
        delay = FIRST_POLL_S
        while True:
            await asyncio.sleep(max(0.0, min(delay, deadline - loop.time())))
            call = self.provider.status_call(self._client_id, transaction)
            status = _read(self.provider.read_status,
                           await _send_async(client, self._base_url, self.provider, call))
            if status.state == providers.CONFIRMED:
                log.info("remote signing: request %s confirmed", transaction)
                return status.signature
            if status.state == providers.REFUSED:
                log.info("remote signing: request %s refused", transaction)
                why = f" ({printable(status.reason, 200)})" if status.reason else ""
                raise SigningError(REMOTE_REFUSED, f"Yêu cầu ký đã bị từ chối trên điện thoại hoặc tại "
                                                   f"{SERVICE.lower()}{why}; văn bản chưa được ký.")
            if loop.time() >= deadline:
                log.info("remote signing: request %s not confirmed within %s s", transaction, self._wait_s)
                raise SigningError(REMOTE_UNREACHABLE, f"Không nhận được xác nhận ký trên điện thoại sau "
                                                       f"{self._wait_s:g} giây; văn bản chưa được ký, ký lại "
                                                       "sau từ danh sách «Chưa ký».")
            delay = min(delay * 2, MAX_POLL_S)

    def _check_signature(self, signature: bytes, data: bytes, digest_algorithm: str) -> None:
        """Nothing is shown as signed that is not: the service's signature must verify with the
        certificate it gave for this user."""
        try:
            DefaultSignatureValidator().validate_signature(
                signature, data, self.signing_cert.public_key,
                self.get_signature_mechanism_for_digest(digest_algorithm),
                SignatureValidationContext(contextual_md_algorithm=digest_algorithm))
        except Exception:  # InvalidSignature, a wrong length, an unsupported key: all unusable
            raise SigningError(REMOTE_UNREACHABLE, f"{SERVICE} trả về chữ ký không khớp với chứng thư số "
                                                   "của người ký; văn bản chưa được ký.") from None


def open_remote(settings: dict, *, user: str, timestamp_url: str = "") -> RemoteSigner:
    """A DocumentSigner for `user` (the officer's account at the service) from the signing.remote.*
    settings: the certificate and chain are fetched now and checked for validity. SigningError
    NOT_CONFIGURED / REMOTE_REFUSED / REMOTE_UNREACHABLE / CERT_EXPIRED / CERT_NOT_YET_VALID."""
    from app.signing.certs import check_validity, signer_info

    name = settings.get("signing.remote.provider") or "generic_json"
    url = str(settings.get("signing.remote.url") or "").rstrip("/")
    try:
        provider = providers.load(name)
    except KeyError:
        raise SigningError(NOT_CONFIGURED, f"Không có nhà cung cấp ký số từ xa «{printable(str(name))}» "
                                           f"(chọn một trong: {', '.join(providers.PROVIDERS)}).") from None
    if not url:
        raise SigningError(NOT_CONFIGURED, "Chưa cài đặt địa chỉ dịch vụ ký số từ xa (signing.remote.url).")
    if not user:
        raise SigningError(NOT_CONFIGURED, "Chưa có tài khoản ký số từ xa của người ký.")
    client_id = str(settings.get("signing.remote.client_id") or "")
    api_key = str(settings.get("signing.remote.api_key") or "")
    wait_s = settings.get("signing.remote.wait_s") or 120
    headers = {**provider.headers(client_id, api_key), "Accept": "application/json", "User-Agent": "motcua-signing"}
    headers = {k: v for k, v in headers.items() if v.strip()}  # none at all: the service answers 401
    if not all(v.isascii() and v.isprintable() and v == v.strip() for v in headers.values()):  # an HTTP header's
        raise SigningError(NOT_CONFIGURED, "Mã ứng dụng hoặc khóa truy cập dịch vụ ký số từ xa có ký tự không dùng "
                                           "được: kiểm tra cài đặt signing.remote.client_id và signing.remote.api_key.")
    with httpx.Client(headers=headers, timeout=_TIMEOUT, follow_redirects=False) as http:
        answer = _send(http, url, provider, provider.certificate_call(client_id, user), not_found=(
            f"{SERVICE} không có chứng thư số nào cho tài khoản «{printable(user)}»."))
        credential = _read(provider.read_certificate, answer)
        try:
            certificate = x509.Certificate.load(credential.certificate)
            chain = [x509.Certificate.load(c) for c in credential.chain]
            for cert in (certificate, *chain):
                _ = cert.native  # asn1crypto parses lazily: a broken certificate shows here
            info = signer_info(certificate)
        except (ValueError, TypeError):
            raise SigningError(REMOTE_UNREACHABLE, f"{SERVICE} trả về chứng thư số không đọc được.") from None
    check_validity(info)
    log.info("remote signing: %s opened for %s (certificate %s, serial %s)", name, user, info.name, info.serial)
    return RemoteSigner(provider=provider, headers=headers, base_url=url, client_id=client_id, user=user,
                        wait_s=wait_s, info=info, certificate=certificate, chain=chain,
                        timestamp_url=timestamp_url)


# --- HTTP, the same answers for the blocking and the async client ----------------------------------
def _send(http: httpx.Client, base_url: str, provider: ModuleType, call: providers.Call, *,
          not_found: str = "") -> Any:
    try:
        response = http.request(call.method, base_url + call.path, params=call.params, json=call.json)
    except httpx.HTTPError as exc:
        raise _transport_error(exc, base_url) from None
    return _answer(response, provider, not_found)


async def _send_async(client: httpx.AsyncClient, base_url: str, provider: ModuleType,
                      call: providers.Call) -> Any:
    try:
        response = await client.request(call.method, base_url + call.path, params=call.params, json=call.json)
    except httpx.HTTPError as exc:
        raise _transport_error(exc, base_url) from None
    return _answer(response, provider, "")


def _transport_error(exc: httpx.HTTPError, base_url: str) -> SigningError:
    where = printable(base_url, 200)
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return SigningError(NOT_CONFIGURED, f"Địa chỉ dịch vụ ký số từ xa không dùng được: {where}.")
    if isinstance(exc, httpx.TimeoutException):
        return SigningError(REMOTE_UNREACHABLE, f"{SERVICE} ({where}) không trả lời kịp; văn bản chưa được ký.")
    return SigningError(REMOTE_UNREACHABLE, f"Không kết nối được {SERVICE.lower()} ({where}); văn bản chưa được ký.")


def _answer(response: httpx.Response, provider: ModuleType, not_found: str) -> Any:
    """The JSON body of a successful answer, or the SigningError its status means."""
    status = response.status_code
    if status in (401, 403):
        raise SigningError(REMOTE_REFUSED, BAD_CREDENTIALS)
    if status in (408, 429) or status >= 500:
        raise SigningError(REMOTE_UNREACHABLE, f"{SERVICE} đang gặp sự cố (mã {status}), thử lại sau; "
                                               "văn bản chưa được ký.")
    try:
        body = response.json()
    except ValueError:
        body = None
    if status == 404 and not_found:
        raise SigningError(REMOTE_REFUSED, not_found)
    if not 200 <= status < 300:
        said = printable(_read(provider.error_text, body, quiet=True) or "", 200)
        raise SigningError(REMOTE_REFUSED, f"{SERVICE} từ chối yêu cầu (mã {status})"
                                           f"{': ' + said if said else ''}; văn bản chưa được ký.")
    if body is None:
        raise SigningError(REMOTE_UNREACHABLE, GARBLED)
    return body


def _read(reader, body: Any, *, quiet: bool = False) -> Any:
    """A provider's reading of an answer; an answer not as its protocol says is the service's fault."""
    try:
        return reader(body)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        if quiet:
            return None
        raise SigningError(REMOTE_UNREACHABLE, GARBLED) from None

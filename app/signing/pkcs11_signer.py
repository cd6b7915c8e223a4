"""The officer's USB token through its PKCS#11 library (issue 24): `open_token` logs in once and
keeps the session until `close()`, so the PIN is asked once per log-in and never kept; the PIN
itself is passed to the token and forgotten (no attribute, no log line, no exception text).

Each library is loaded once per process and never unloaded: python-pkcs11 finalises the library
when its `lib` object is freed, which would end every open session (the desk's included).

Every failure is one SigningError with a Vietnamese line naming the problem."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from app.signing.base import (
    NO_KEY,
    NO_TOKEN,
    PIN_LOCKED,
    WRONG_PIN,
    SignatureBox,
    SignerInfo,
    SigningError,
)
from app.signing.certs import check_validity, signer_info

log = logging.getLogger(__name__)

_libs: dict[str, object] = {}
_libs_lock = threading.Lock()


@dataclass(frozen=True)
class TokenInfo:
    label: str
    serial: str
    manufacturer: str


def _library(library: str):
    """The loaded PKCS#11 library at `library` (a path), loaded once per process."""
    import pkcs11

    path = Path(library.strip()) if library else None
    if path is None or not library.strip():
        raise SigningError(NO_TOKEN, "Chưa khai báo thư viện PKCS#11 của token trên máy này.")
    key = str(path)
    with _libs_lock:
        if key in _libs:
            return _libs[key]
        if not path.is_file():
            raise SigningError(NO_TOKEN, f"Không tìm thấy thư viện PKCS#11 của token tại {path}.")
        try:
            lib = pkcs11.lib(key)
        except Exception:  # noqa: BLE001 (dlopen errors, a missing C_GetFunctionList, a failing C_Initialize)
            raise SigningError(NO_TOKEN, f"Tệp {path} không phải thư viện PKCS#11 của token "
                                         "(hoặc không nạp được).") from None
        _libs[key] = lib
        return lib


def _initialized(token) -> bool:
    from pkcs11.constants import TokenFlag

    return bool(token.flags & TokenFlag.TOKEN_INITIALIZED)


def _tokens(lib):
    import pkcs11

    out = []
    try:
        for slot in lib.get_slots(token_present=True):
            try:
                token = slot.get_token()
            except pkcs11.PKCS11Error:  # pulled out between the two calls
                continue
            if _initialized(token):
                out.append(token)
    except pkcs11.PKCS11Error:
        raise SigningError(NO_TOKEN, "Không đọc được danh sách token từ thư viện PKCS#11.") from None
    return out


def list_tokens(library: str) -> list[TokenInfo]:
    """The initialised tokens present through `library` (SigningError NO_TOKEN if it won't load)."""
    return [TokenInfo(label=t.label, serial=str(t.serial.decode("ascii", "replace")
                                                  if isinstance(t.serial, bytes) else t.serial),
                      manufacturer=t.manufacturer_id)
            for t in _tokens(_library(library))]


def _find_token(lib, library: str, label: str):
    tokens = _tokens(lib)
    if label:
        tokens = [t for t in tokens if t.label == label]
        if not tokens:
            raise SigningError(NO_TOKEN, f"Không thấy token \"{label}\": hãy cắm token vào máy.")
    if not tokens:
        raise SigningError(NO_TOKEN, "Không thấy token ký số nào: hãy cắm token vào máy "
                                     f"(thư viện {library}).")
    return tokens[0]


def token_error(e: BaseException) -> SigningError:
    """A PKCS#11 failure as the desk should hear it."""
    from pkcs11 import exceptions as x

    if isinstance(e, x.PinLocked):
        return SigningError(PIN_LOCKED, "Mã PIN của token đã bị khóa do nhập sai nhiều lần: "
                                        "hãy liên hệ nơi cấp chứng thư số để mở khóa.")
    if isinstance(e, (x.PinIncorrect, x.PinInvalid, x.PinLenRange)):
        return SigningError(WRONG_PIN, "Mã PIN không đúng: hãy nhập lại (nhập sai nhiều lần token "
                                       "sẽ bị khóa).")
    if isinstance(e, x.PinExpired):
        return SigningError(WRONG_PIN, "Mã PIN của token đã hết hạn: hãy đổi mã PIN bằng phần mềm "
                                       "của token.")
    if isinstance(e, (x.TokenNotPresent, x.DeviceRemoved, x.NoSuchToken, x.TokenNotRecognised)):
        return SigningError(NO_TOKEN, "Token đã bị rút ra hoặc không đọc được: hãy cắm lại token.")
    if isinstance(e, (x.SessionClosed, x.SessionHandleInvalid, x.UserNotLoggedIn)):
        return SigningError(NO_TOKEN, "Phiên làm việc với token đã đóng: hãy nhập lại mã PIN.")
    return SigningError(NO_TOKEN, f"Token báo lỗi ({type(e).__name__}): hãy rút ra, cắm lại và thử lại.")


def _certificate_of(session, key_id: bytes):
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    # whole lists: a token runs one search per session, so none may be left open or nested
    found = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: key_id}))
    return x509.Certificate.load(found[0][Attribute.VALUE]) if found else None


def _signing_key_and_chain(session):
    """(key CKA_ID, officer's certificate, the other certificates on the token)."""
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    found = None
    for key in list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})):
        try:
            key_id, can_sign = key[Attribute.ID], key[Attribute.SIGN]
        except Exception:  # noqa: BLE001 (a key without an ID cannot be matched to a certificate)
            continue
        cert = _certificate_of(session, key_id) if can_sign else None
        if cert is not None:
            found = (bytes(key_id), cert)
            break
    if found is None:
        raise SigningError(NO_KEY, "Token không có khóa ký kèm chứng thư số: hãy dùng đúng token "
                                   "đã được cấp chứng thư số.")
    others = []
    for obj in list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})):
        cert = x509.Certificate.load(obj[Attribute.VALUE])
        if cert.dump() != found[1].dump():
            others.append(cert)
    return found[0], found[1], others


class Pkcs11DocumentSigner:
    """A logged-in token session that signs PDFs (the DocumentSigner protocol)."""

    def __init__(self, session, key_id: bytes, cert, chain, *, token_label: str, timestamp_url: str):
        from pyhanko.sign.pkcs11 import PKCS11Signer

        self._session = session
        self._lock = threading.Lock()  # one token operation at a time (the desk signs in a worker)
        self.token_label = token_label
        self.timestamp_url = timestamp_url
        self.info: SignerInfo = signer_info(cert)
        self.signer = PKCS11Signer(session, signing_cert=cert, ca_chain=chain, key_id=key_id)

    def __repr__(self) -> str:
        return f"<Pkcs11DocumentSigner token={self.token_label!r} signer={self.info.name!r}>"

    def sign_pdf(self, pdf: bytes, box: SignatureBox | None, *, reason: str, location: str,
                 contact: str = "") -> bytes:
        import pkcs11

        from app.signing.pades import sign_with

        if self._session is None:
            raise SigningError(NO_TOKEN, "Phiên làm việc với token đã đóng: hãy nhập lại mã PIN.")
        check_validity(self.info)  # the session may outlive the certificate
        with self._lock:
            try:
                return sign_with(pdf, self.signer, self.info, box, reason=reason, location=location,
                                 contact=contact, timestamp_url=self.timestamp_url)
            except SigningError:
                raise
            except Exception as e:
                cause: BaseException | None = e
                while cause is not None:  # pyHanko wraps the token's own errors
                    if isinstance(cause, pkcs11.PKCS11Error):
                        raise token_error(cause) from None
                    cause = cause.__cause__ or cause.__context__
                raise

    def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            try:
                session.close()  # logs out, then closes
            except Exception:  # noqa: BLE001 (a token pulled out: nothing left to close)
                log.info("token session already gone at close")


def open_token(library: str, pin: str, *, label: str = "", timestamp_url: str = "") -> Pkcs11DocumentSigner:
    """Log in to the token (the one labelled `label`, else the first present) and find its signing
    key with its certificate; the certificate must be valid now. Raises SigningError."""
    import pkcs11

    lib = _library(library)
    token = _find_token(lib, library, label)
    error = session = None
    try:
        session = token.open(user_pin=pin)
    except pkcs11.exceptions.UserAlreadyLoggedIn:
        # A token's log-in belongs to the whole process: the desk's own signer is already logged in
        # (the settings page's "Thử ký" beside it). A session of our own then needs no log-in, and
        # closing it does not log the desk's out.
        try:
            session = token.open()
        except pkcs11.PKCS11Error as e:
            error = token_error(e)
    except pkcs11.PKCS11Error as e:
        error = token_error(e)
    del pin  # gone from this frame before anything is raised from it (tracebacks keep frames)
    if error is not None:
        raise error
    try:
        key_id, cert, chain = _signing_key_and_chain(session)
        signer = Pkcs11DocumentSigner(session, key_id, cert, chain, token_label=token.label,
                                      timestamp_url=timestamp_url)
        check_validity(signer.info)
    except BaseException as e:
        try:
            session.close()
        except pkcs11.PKCS11Error:
            pass
        if isinstance(e, pkcs11.PKCS11Error):
            raise token_error(e) from None
        raise
    log.info("token %r opened for %s", token.label, signer.info.name)
    return signer

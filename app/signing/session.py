"""The one place that turns the office's settings and this PC's devices into a DocumentSigner:
the token on this PC (signing.method "pkcs11", devices.json `token`) or the remote signing service
("remote"). Whoever holds the signer closes it (at log-out or lock, for the desk)."""

from __future__ import annotations

from app.devices.config import DeviceSettings
from app.signing.base import NOT_CONFIGURED, WRONG_PIN, DocumentSigner, SigningError


def open_signer(settings: dict, devices: DeviceSettings, pin: str | None, *, user: str = "") -> DocumentSigner:
    """`settings` the office's settings (the signing.* keys), `pin` the token's PIN (pkcs11 only,
    never kept), `user` the officer's login (remote only: signing.remote.accounts gives their account
    at the service, else the login is the account).
    SigningError NOT_CONFIGURED when signing is off or this PC has no token set up; otherwise
    whatever opening the token or the service raises."""
    if not settings.get("signing.enabled", False):
        raise SigningError(NOT_CONFIGURED, "Ký số đang tắt: bật ở Cài đặt › Chữ ký số.")
    method = settings.get("signing.method", "pkcs11")
    timestamp_url = settings.get("signing.timestamp_url", "") or ""
    if method == "remote":
        from app.services.settings.store import remote_account
        from app.signing.remote import open_remote

        # `user` is the officer's login: the account at the service is the office's mapping of it.
        return open_remote(settings, user=remote_account(settings, user), timestamp_url=timestamp_url)
    if method != "pkcs11":
        raise SigningError(NOT_CONFIGURED, f"Cách ký số «{method}» không có (pkcs11 hoặc remote).")
    library = devices.token.library.strip()
    if not library:
        raise SigningError(NOT_CONFIGURED, "Máy này chưa khai báo token ký số: chọn thư viện PKCS#11 "
                                           "của token ở Cài đặt › Chữ ký số.")
    if not pin:
        raise SigningError(WRONG_PIN, "Chưa nhập mã PIN của token.")
    from app.signing.pkcs11_signer import open_token

    return open_token(library, pin, label=devices.token.label.strip(), timestamp_url=timestamp_url)

"""The sandbox signing service's own protocol (app/signing/remote_sandbox.py), shaped the way the
Vietnamese remote signing services' APIs are: a bearer token, the application's client id and the
user's id in JSON bodies, a transaction confirmed later on the user's phone, numeric states and
`{"code": 0, "message": ..., "data": ...}` envelopes. It is no real service's protocol.

    POST <url>/api/v1/credentials/info   {"client_id", "user_id"}
         -> data {"cert": B64 DER, "ca_chain": [B64 DER, ...]}
    POST <url>/api/v1/signatures/sign    {"client_id", "user_id", "ref_id", "description",
                                          "hashes": [{"hash_value": HEX, "hash_alg": "SHA256"}]}
         -> data {"tran_id": T}
    POST <url>/api/v1/signatures/status  {"client_id", "tran_id"}
         -> data {"tran_status": 1 waiting | 2 signed | 3 refused | 4 expired,
                  "signatures": [B64], "reason": text}"""

from __future__ import annotations

import base64
from typing import Any

from app.signing.providers import CONFIRMED, PENDING, REFUSED, Call, Credential, Status

LABEL = "Dịch vụ ký số từ xa thử nghiệm"
WAITING, SIGNED, DECLINED, EXPIRED = 1, 2, 3, 4


def headers(client_id: str, api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}" if api_key else ""}


def certificate_call(client_id: str, user: str) -> Call:
    return Call("POST", "/api/v1/credentials/info", json={"client_id": client_id, "user_id": user})


def read_certificate(body: Any) -> Credential:
    data = body["data"]
    return Credential(_b64(data["cert"]), tuple(_b64(c) for c in data.get("ca_chain") or ()))


def sign_call(client_id: str, user: str, digest: bytes, algorithm: str, transaction_id: str,
              description: str) -> Call:
    return Call("POST", "/api/v1/signatures/sign", json={
        "client_id": client_id, "user_id": user, "ref_id": transaction_id, "description": description,
        "hashes": [{"hash_value": digest.hex(), "hash_alg": algorithm.upper()}]})


def read_transaction(body: Any) -> str:
    tran_id = body["data"]["tran_id"]
    if not isinstance(tran_id, str) or not tran_id:
        raise TypeError("no transaction id")
    return tran_id


def status_call(client_id: str, transaction_id: str) -> Call:
    return Call("POST", "/api/v1/signatures/status", json={"client_id": client_id, "tran_id": transaction_id})


def read_status(body: Any) -> Status:
    data = body["data"]
    state = data["tran_status"]
    if state == WAITING:
        return Status(PENDING)
    if state == SIGNED:
        return Status(CONFIRMED, signature=_b64(data["signatures"][0]))
    if state == DECLINED:
        return Status(REFUSED, reason=str(data.get("reason") or ""))
    if state == EXPIRED:
        return Status(REFUSED, reason="yêu cầu ký đã hết hạn")
    raise ValueError(f"unknown state {state!r}")


def error_text(body: Any) -> str:
    return str(body.get("message") or "") if isinstance(body, dict) else ""


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not a base64 text")
    return base64.b64decode(value, validate=True)

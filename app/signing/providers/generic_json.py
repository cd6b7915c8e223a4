"""The generic JSON protocol (docs/signing.md, "Ký số từ xa"): a plain protocol an office's
integrator can put in front of any remote signing service. Every request carries the headers
`X-Client-Id: <signing.remote.client_id>` and `X-Api-Key: <signing.remote.api_key>`; bytes travel
as standard base64.

    GET  <url>/certificate?user=U
         200 {"certificate": B64 DER, "chain": [B64 DER, ...]}          404 when U has none
    POST <url>/sign  {"hash": B64, "algorithm": "sha256", "user": U,
                      "transaction_id": ours, "description": text shown on the phone}
         202 {"transaction_id": T}                                       (the service's own id)
    GET  <url>/sign/T
         200 {"status": "pending"} | {"status": "confirmed", "signature": B64}
             | {"status": "refused", "reason": text}
Errors: 401 bad credentials, 4xx refused, 5xx the service's fault; body {"error": text}."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from app.signing.providers import CONFIRMED, PENDING, REFUSED, Call, Credential, Status

LABEL = "Giao thức JSON chung"


def headers(client_id: str, api_key: str) -> dict[str, str]:
    return {"X-Client-Id": client_id, "X-Api-Key": api_key}


def certificate_call(client_id: str, user: str) -> Call:
    return Call("GET", "/certificate", params={"user": user})


def read_certificate(body: Any) -> Credential:
    return Credential(_b64(body["certificate"]), tuple(_b64(c) for c in body.get("chain") or ()))


def sign_call(client_id: str, user: str, digest: bytes, algorithm: str, transaction_id: str,
              description: str) -> Call:
    return Call("POST", "/sign", json={
        "hash": base64.b64encode(digest).decode("ascii"), "algorithm": algorithm, "user": user,
        "transaction_id": transaction_id, "description": description})


def read_transaction(body: Any) -> str:
    return _text(body["transaction_id"])


def status_call(client_id: str, transaction_id: str) -> Call:
    return Call("GET", "/sign/" + quote(transaction_id, safe=""))


def read_status(body: Any) -> Status:
    state = body["status"]
    if state == PENDING:
        return Status(PENDING)
    if state == CONFIRMED:
        return Status(CONFIRMED, signature=_b64(body["signature"]))
    if state == REFUSED:
        return Status(REFUSED, reason=str(body.get("reason") or ""))
    raise ValueError(f"unknown status {state!r}")


def error_text(body: Any) -> str:
    return str(body.get("error") or "") if isinstance(body, dict) else ""


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not a base64 text")
    return base64.b64decode(value, validate=True)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError("not a text")
    return value

"""The generic JSON e-receipt protocol (docs/fees.md "Giao thức HTTP JSON chung"): the contract a
provider module fulfils, and a plain shape an office's own relay (or the sandbox) can speak.

Issue:  POST <url>/receipts, headers `Authorization: Bearer <api key>`, `Idempotency-Key: <uuid>`,
        body {"uuid", "template_code", "symbol", "unit": {"name", "tax_code"},
              "payer": {"name", "id_number", "address"}, "amount", "currency": "VND",
              "lines": [{"name", "amount", "kind"}], "method", "dossier_code", "paid_at",
              "replaces": null | {"uuid", "template_code", "symbol", "number", "id"}}
        2xx {"id", "template_code", "symbol", "number", "issued_at", "lookup_code", "lookup_url",
             "pdf_base64"?}: issued (the same uuid again: the same receipt, never a second number)
Cancel: POST <url>/receipts/<uuid>/cancel {"reason", "at"} -> 2xx {"state": "cancelled"};
        404 {"error": "not_found"}: never issued (nothing to cancel)
Look:   GET <url>/receipts/<uuid> -> 2xx as the issue answer, 404 when unknown
Check:  GET <url>/status -> 2xx {"name": …}; 401/403: the key is refused
Faults: 408, 429 (Retry-After), 5xx -> retry later; any other 4xx {"error", "message"} -> refused."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from urllib.parse import quote

from app.fees.base import OK, REFUSED, RETRY, Answer, CancelRequest, Issued, ReceiptRequest
from app.notify.base import retry_after_seconds

REFUSAL_WORDS = {"invalid_series": "mẫu số hoặc ký hiệu không đúng với dải biên lai đã đăng ký",
                 "missing_series": "thiếu mẫu số hoặc ký hiệu biên lai",
                 "invalid_amount": "số tiền không hợp lệ", "unauthorized": "khóa truy cập bị từ chối",
                 "not_found": "không có biên lai này", "already_cancelled": "biên lai đã bị hủy"}


def issue_request(request: ReceiptRequest, config: dict) -> tuple[str, str, dict, bytes]:
    r = request
    body = {"uuid": r.uuid, "template_code": r.template_code, "symbol": r.symbol,
            "unit": {"name": r.unit_name, "tax_code": r.unit_tax_code},
            "payer": {"name": r.payer_name, "id_number": r.payer_id_number, "address": r.payer_address},
            "amount": r.amount, "currency": "VND",
            "lines": [{"name": x.name, "amount": x.amount, "kind": x.kind} for x in r.lines],
            "method": r.method, "dossier_code": r.dossier_code, "paid_at": r.paid_at.isoformat(timespec="seconds"),
            "replaces": None if r.replaces is None else {
                "uuid": r.replaces.uuid, "template_code": r.replaces.template_code, "symbol": r.replaces.symbol,
                "number": r.replaces.number, "id": r.replaces.provider_id}}
    return "POST", _base(config) + "/receipts", _headers(r.uuid, config), _json(body)


def issue_result(status: int, headers: dict, body: bytes) -> Answer:
    data = _parse(body)
    if not 200 <= status < 300:
        return answer_fault(status, headers, data)
    issued = read_issued(data)
    if isinstance(issued, str):  # the receipt may exist over there: ask again under the same uuid
        return Answer(RETRY, issued)
    return Answer(OK, issued=issued)


def read_issued(data: dict) -> Issued | str:
    """The receipt in an answer, or why it cannot be read."""
    fields = {k: str(data.get(k) or "").strip() for k in ("template_code", "symbol", "number")}
    missing = [k for k, v in fields.items() if not v]
    if missing:
        return "câu trả lời của dịch vụ biên lai thiếu " + ", ".join(missing)
    if any(len(v) > 20 for v in fields.values()):
        return "câu trả lời của dịch vụ biên lai có mẫu số, ký hiệu hoặc số dài quá 20 ký tự"
    issued_at = None
    if data.get("issued_at"):
        try:
            issued_at = datetime.fromisoformat(str(data["issued_at"]))
        except ValueError:
            return "câu trả lời của dịch vụ biên lai có ngày phát hành không đọc được"
        if issued_at.tzinfo is not None:  # stored as the office's local time, like every other moment
            issued_at = issued_at.astimezone().replace(tzinfo=None)
    pdf = None
    if data.get("pdf_base64"):
        try:
            pdf = base64.b64decode(str(data["pdf_base64"]), validate=True)
        except (binascii.Error, ValueError):
            return "câu trả lời của dịch vụ biên lai có tệp PDF không đọc được"
    return Issued(fields["template_code"], fields["symbol"], fields["number"], issued_at,
                  _text(data.get("lookup_code"), 100), _text(data.get("lookup_url"), 500),
                  _text(data.get("id"), 100), pdf)


def cancel_request(request: CancelRequest, config: dict) -> tuple[str, str, dict, bytes]:
    body = {"reason": request.reason, "at": request.at.isoformat(timespec="seconds"),
            "template_code": request.template_code, "symbol": request.symbol, "number": request.number}
    url = _base(config) + "/receipts/" + quote(request.uuid, safe="") + "/cancel"
    return "POST", url, _headers(request.uuid + ":cancel", config), _json(body)


def cancel_result(status: int, headers: dict, body: bytes) -> Answer:
    data = _parse(body)
    if 200 <= status < 300:
        return Answer(OK)
    if status == 404:
        return Answer(OK, REFUSAL_WORDS["not_found"], not_found=True)
    if status == 409 and data.get("error") == "already_cancelled":
        return Answer(OK)
    return answer_fault(status, headers, data)


def check_request(config: dict) -> tuple[str, str, dict, None]:
    return "GET", _base(config) + "/status", _headers("status", config), None


def check_result(status: int, headers: dict, body: bytes) -> str | None:
    if 200 <= status < 300:
        return None
    if status in (401, 403):
        return "dịch vụ từ chối khóa truy cập"
    return f"dịch vụ trả lời HTTP {status}"


def answer_fault(status: int, headers: dict, data: dict) -> Answer:
    """408, 429 and 5xx are worth another try, any other 4xx is not."""
    words = _reason(data)
    if status in (408, 429) or status >= 500:
        return Answer(RETRY, f"dịch vụ biên lai trả lời HTTP {status}" + (f": {words}" if words else ""),
                      retry_after=retry_after_seconds(headers.get("retry-after")))
    return Answer(REFUSED, words or f"dịch vụ biên lai từ chối (HTTP {status})")


def _reason(data: dict) -> str:
    code, text = str(data.get("error") or ""), str(data.get("message") or data.get("reason") or "")
    # The far side's own sentence when it gave one; else our words for its code (or the bare code).
    return (text or REFUSAL_WORDS.get(code, code))[:300]


def _text(value, most: int) -> str | None:
    return str(value)[:most] if value not in (None, "") else None


def _base(config: dict) -> str:
    return str(config["url"]).rstrip("/")


def _headers(key: str, config: dict) -> dict:
    h = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key, "Accept": "application/json"}
    if config.get("api_key"):
        h["Authorization"] = f"Bearer {config['api_key']}"
    return h


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _parse(body: bytes) -> dict:
    try:
        data = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

"""A generic JSON SMS / Zalo gateway: the contract a provider module fulfils, and the shape an
office's own relay (or the sandbox) can speak without a mapping of its own.

Send: POST <url>/messages with
    {"id": <notice uuid>, "channel": "sms" | "zalo", "to": "<phone>", "sender": "<brand name>",
     "text": "<body>"}
and headers `Authorization: Bearer <api key>` and `Idempotency-Key: <notice uuid>`; a gateway that
sees a key again answers as the first time and sends nothing. Answers:
    2xx {"id": "<gateway's message id>", "status": "accepted" | "delivered"}  -> ok
    429 (Retry-After) / 5xx / 408                                              -> retry
    4xx {"error": "invalid_number" | "template_rejected" | …, "message": "…"}  -> refused for good
Status: GET <url>/messages/<gateway id> -> {"status": "accepted" | "delivered" | "failed", "reason": …}."""

from __future__ import annotations

import json
from urllib.parse import quote

from app.notify.base import OK, REFUSED, RETRY, Delivery, Message, Result, retry_after_seconds

REFUSAL_WORDS = {"invalid_number": "số điện thoại không hợp lệ", "template_rejected": "mẫu tin bị từ chối",
                 "blocked": "người nhận đã chặn tin"}


def send_request(message: Message, config: dict) -> tuple[str, str, dict, bytes]:
    body = {"id": message.uuid, "channel": message.channel, "to": message.recipient,
            "sender": config.get("sender", ""), "text": message.body}
    return "POST", config["url"].rstrip("/") + "/messages", _headers(message.uuid, config), _json(body)


def send_result(status: int, headers: dict, body: bytes) -> Result:
    data = _parse(body)
    if 200 <= status < 300:
        gid = str(data.get("id") or "") or None
        return Result(OK, provider_id=gid, delivered=data.get("status") == "delivered")
    return answer_fault(status, headers, data)


def status_request(provider_id: str, uuid: str, config: dict) -> tuple[str, str, dict, bytes | None]:
    return "GET", config["url"].rstrip("/") + "/messages/" + quote(provider_id, safe=""), _headers(uuid, config), None


def status_result(status: int, headers: dict, body: bytes) -> Delivery:
    data = _parse(body)
    if not 200 <= status < 300:
        return Delivery("unknown", f"HTTP {status}")
    state = data.get("status")
    if state == "delivered":
        return Delivery("delivered")
    if state == "failed":
        return Delivery("failed", _reason(data) or "cổng báo không chuyển được tin")
    return Delivery("sent")


def answer_fault(status: int, headers: dict, data: dict) -> Result:
    """The usual HTTP meanings: 408, 429 and 5xx are worth another try, any other 4xx is not."""
    if status in (408, 429) or status >= 500:
        return Result(RETRY, f"cổng trả lời HTTP {status}" + (f": {_reason(data)}" if _reason(data) else ""),
                      retry_after=retry_after_seconds(headers.get("retry-after")))
    return Result(REFUSED, _reason(data) or f"cổng từ chối (HTTP {status})")


def _reason(data: dict) -> str:
    code, text = str(data.get("error") or ""), str(data.get("message") or data.get("reason") or "")
    words = REFUSAL_WORDS.get(code, code)
    return "; ".join(x for x in (words, text) if x)[:300]


def _headers(uuid: str, config: dict) -> dict:
    h = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": uuid, "Accept": "application/json"}
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

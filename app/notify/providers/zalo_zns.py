"""Zalo Notification Service (ZNS): a message is an approved template's id and its parameters,
not free text. Shape as published for ZNS (checked against public SDK docs, not against the
live service): POST <url> (https://business.openapi.zalo.me/message/template) with header
`access_token`, body {"phone": "84…", "template_id": …, "template_data": {…}, "tracking_id": …};
the answer {"error": 0, "message": "Success", "data": {"msg_id": …}}. The notice uuid goes as
`tracking_id`, which ZNS echoes for reconciliation; whether ZNS refuses a repeated tracking_id is
NOT confirmed, so exactly-once on this channel rests on our outbox. Error codes are not mapped one
by one here (unchecked): a negative `error` is taken as refused for good, HTTP 429/5xx as retry.
The delivery status query is unchecked too and answers "sent" (no delivery report)."""

from __future__ import annotations

import json

from app.notify.base import OK, REFUSED, Delivery, Message, Result
from app.notify.providers.generic_json import _parse, answer_fault


def international(phone: str) -> str:
    """"0912 345 678" -> "84912345678"."""
    digits = "".join(c for c in phone if c.isdigit())
    return "84" + digits[1:] if digits.startswith("0") else digits


def send_request(message: Message, config: dict):
    template_id = dict(x.split("=", 1) for x in config.get("template_ids", [])).get(message.kind, "")
    body = {"phone": international(message.recipient), "template_id": template_id,
            "template_data": {k: str(v) for k, v in message.fields.items()}, "tracking_id": message.uuid}
    headers = {"Content-Type": "application/json", "access_token": config.get("api_key", "")}
    return "POST", config["url"], headers, json.dumps(body, ensure_ascii=False).encode("utf-8")


def send_result(status: int, headers: dict, body: bytes) -> Result:
    data = _parse(body)
    if not 200 <= status < 300:
        return answer_fault(status, headers, data)
    err = data.get("error")
    if err == 0:
        msg_id = (data.get("data") or {}).get("msg_id") if isinstance(data.get("data"), dict) else None
        return Result(OK, provider_id=str(msg_id) if msg_id else None)
    return Result(REFUSED, f"Zalo từ chối (mã {err}): {str(data.get('message') or '')[:200]}")


def status_request(provider_id: str, uuid: str, config: dict):
    return None  # unchecked: no status query


def status_result(status: int, headers: dict, body: bytes) -> Delivery:
    return Delivery("sent")

"""The sandbox gateway (app/notify/sandbox.py, `motcua notices sandbox`): it speaks the generic
JSON shape (generic_json.py) under /sms and /zalo, so the same settings work for either channel
with one sandbox address."""

from __future__ import annotations

from app.notify.base import Message
from app.notify.providers import generic_json
from app.notify.providers.generic_json import send_result, status_result

__all__ = ["send_request", "send_result", "status_request", "status_result"]


def _base(config: dict, channel: str) -> dict:
    return {**config, "url": config["url"].rstrip("/") + "/" + channel}


def send_request(message: Message, config: dict):
    return generic_json.send_request(message, _base(config, message.channel))


def status_request(provider_id: str, uuid: str, config: dict):
    return generic_json.status_request(provider_id, uuid, _base(config, config.get("channel", "sms")))

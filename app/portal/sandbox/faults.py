"""Fault switches: an ASGI middleware in front of the /api/v1 routes that, with the configured
probabilities, makes the network and the portal misbehave the ways the counter must survive.

- error500 / error429 (with Retry-After): answered before anything is applied;
- delay: the request is read, then held `delay_seconds` before it runs (it still runs: a client that
  gave up on a timeout has in fact been applied);
- duplicate: the request runs through the app twice, the second answer is returned ("delivered
  twice");
- drop_before: the connection breaks without a complete answer and nothing is applied;
- drop_after: the request is applied, then the connection breaks without a complete answer;
- truncate: the request is applied and the answer's body is cut short (Content-Length larger than
  what is sent);
- drop_upload (file uploads only, PATCH /api/v1/files/…): the connection breaks when half of the
  body has arrived; the portal keeps that half, as it would after a real drop;
- refuse_file (file uploads only): the portal refuses the file (422 with its message).

Breaking a connection from ASGI: send `http.response.start`, then raise. The server then closes the
socket; the client sees headers and no (complete) body. `QuietDrops` keeps the expected
tracebacks out of the log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
from collections import Counter

KINDS = ("drop_before", "drop_after", "truncate", "error500", "error429", "delay", "duplicate",
         "drop_upload", "refuse_file")
# At most one of these per request, tried in this order; delay combines with any of them.
OUTCOMES = ("refuse_file", "drop_upload", "error500", "error429", "drop_before", "duplicate", "drop_after",
            "truncate")
UPLOAD_ONLY = frozenset({"drop_upload", "refuse_file"})
REFUSED = "Cổng từ chối tệp (giả lập): tệp không đạt yêu cầu lưu trữ của cổng."


class DeliberateDrop(Exception):
    """Raised to make the server drop a connection; not a bug."""


class QuietDrops(logging.Filter):
    """Drops log records whose exception is a DeliberateDrop."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if isinstance(exc, DeliberateDrop):
                return False
            if isinstance(exc, BaseExceptionGroup):
                if any(isinstance(e, DeliberateDrop) for e in exc.exceptions):
                    return False
            exc = exc.__cause__ or exc.__context__
        return True


class FaultSettingsError(ValueError):
    """A bad fault setting; the message is Vietnamese."""


class Faults:
    def __init__(self) -> None:
        self.requests = 0
        self.fired: Counter[str] = Counter()
        self.reset()

    def reset(self) -> dict:
        self.probabilities = dict.fromkeys(KINDS, 0.0)
        self.retry_after = 1.0
        self.delay_seconds = 2.0
        self.seed: int | None = None
        self.rng = random.Random()
        return self.settings()

    def settings(self) -> dict:
        return {**self.probabilities, "retry_after": self.retry_after,
                "delay_seconds": self.delay_seconds, "seed": self.seed}

    def configure(self, body: dict) -> dict:
        """Replace the settings: kinds not named are switched off."""
        if not isinstance(body, dict):
            raise FaultSettingsError("Cấu hình lỗi giả lập phải là một đối tượng JSON.")
        unknown = set(body) - set(KINDS) - {"retry_after", "delay_seconds", "seed"}
        if unknown:
            raise FaultSettingsError(f"Không có loại lỗi giả lập: {', '.join(sorted(unknown))}.")
        probabilities = dict.fromkeys(KINDS, 0.0)
        for kind in KINDS:
            value = body.get(kind, 0)
            if not _number(value) or not 0 <= value <= 1:
                raise FaultSettingsError(f"Xác suất «{kind}» phải là số từ 0 đến 1.")
            probabilities[kind] = float(value)
        for name in ("retry_after", "delay_seconds"):
            if name in body and (not _number(body[name]) or body[name] < 0):
                raise FaultSettingsError(f"«{name}» phải là số giây không âm.")
        seed = body.get("seed")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise FaultSettingsError("«seed» phải là số nguyên.")
        self.probabilities = probabilities
        self.retry_after = float(body.get("retry_after", 1.0))
        self.delay_seconds = float(body.get("delay_seconds", 2.0))
        self.seed = seed
        self.rng = random.Random(seed)
        return self.settings()

    def draw(self, upload: bool = False) -> tuple[str | None, bool]:
        """(the outcome fault for this request or None, whether to delay it); the upload-only kinds
        only for a file upload."""
        p = self.probabilities
        delay = p["delay"] > 0 and self.rng.random() < p["delay"]
        for kind in OUTCOMES:
            if kind in UPLOAD_ONLY and not upload:
                continue
            if p[kind] > 0 and self.rng.random() < p[kind]:
                return kind, delay
        return None, delay

    def stats(self) -> dict:
        return {"requests": self.requests, "faults": {k: self.fired.get(k, 0) for k in KINDS}}


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


async def _noop_send(message) -> None:
    return None


def _json_start(status: int, body: bytes, extra: list[tuple[bytes, bytes]] = ()) -> dict:
    headers = [(b"content-type", b"application/json; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), *extra]
    return {"type": "http.response.start", "status": status, "headers": headers}


class FaultMiddleware:
    def __init__(self, app, faults: Faults, prefix: str = "/api/v1"):
        self.app = app
        self.faults = faults
        self.prefix = prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        self.faults.requests += 1
        upload = scope["method"] == "PATCH" and scope["path"].startswith(self.prefix + "/files/")
        outcome, delay = self.faults.draw(upload)
        if outcome is None and not delay:
            return await self.app(scope, receive, send)
        body = await _read_body(receive)

        def replay():
            sent = False

            async def again():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()  # waits for the real disconnect
            return again

        if delay:
            self.faults.fired["delay"] += 1
            await asyncio.sleep(self.faults.delay_seconds)
        if outcome is not None:
            self.faults.fired[outcome] += 1
        if outcome is None:
            await self.app(scope, replay(), send)
        elif outcome == "error500":
            await _send_error(send, 500, "server_error", "Lỗi máy chủ cổng dịch vụ công (giả lập).")
        elif outcome == "error429":
            seconds = math.ceil(self.faults.retry_after)
            await _send_error(send, 429, "too_many_requests",
                              f"Quá nhiều yêu cầu: thử lại sau {seconds} giây.",
                              [(b"retry-after", str(seconds).encode())])
        elif outcome == "drop_before":
            await _drop(send)
        elif outcome == "refuse_file":
            await _send_error(send, 422, "invalid", REFUSED)
        elif outcome == "drop_upload":  # half the body arrives, then the line breaks
            await _capture(self.app, scope, _cut_after(body[: len(body) // 2]))
            await _drop(send)
        elif outcome == "duplicate":
            await self.app(scope, replay(), _noop_send)
            await self.app(scope, replay(), send)
        elif outcome == "drop_after":  # applied, then the answer never arrives
            await _capture(self.app, scope, replay())
            await _drop(send)
        else:  # truncate: applied, then the answer is cut short
            start, chunks = await _capture(self.app, scope, replay())
            full = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(full) + 1).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": full[: len(full) // 2], "more_body": True})
            raise DeliberateDrop("truncate")


def _cut_after(part: bytes):
    """A receive() that delivers `part`, then a disconnect (as a client that went away)."""
    given = False

    async def receive():
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": part, "more_body": True}
        return {"type": "http.disconnect"}
    return receive


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


async def _capture(app, scope, receive) -> tuple[dict, list[bytes]]:
    start: dict = {"type": "http.response.start", "status": 500, "headers": []}
    chunks: list[bytes] = []

    async def keep(message):
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    return start, chunks


async def _send_error(send, status: int, code: str, message: str,
                      extra: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": code, "message": message}, ensure_ascii=False).encode()
    await send(_json_start(status, body, extra))
    await send({"type": "http.response.body", "body": body})


async def _drop(send) -> None:
    await send(_json_start(200, b"x" * 64))
    raise DeliberateDrop("drop")

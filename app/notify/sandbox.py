"""The sandbox SMS / Zalo gateway: a real HTTP server (http.server in a thread) speaking the
generic JSON shape (providers/generic_json.py) under /sms and /zalo. It records each message
once per idempotency key (a key seen again gets the first answer and nothing is sent twice), can
be told to answer the next requests with faults, and reports delivery. For tests, and for a
manual try: `motcua notices sandbox --port P`.

Faults (POST /__sandbox/faults {"faults": [...]}, one per coming send request, in order):
  "timeout"  record the message, then answer only after `hold` seconds (the client gives up first
             and tries again with the same key: the message must still exist once)
  "500"      answer 500 without recording
  "429"      answer 429 with Retry-After: 1 ("429:N": N seconds) without recording
  "invalid"  answer 400 {"error": "invalid_number"} (refused for good)
A recipient starting with "000" is always an invalid number. GET /__sandbox/messages lists what
was recorded; messages are "delivered" at once unless `deliver` is false."""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INVALID_PREFIX = "000"


class GatewayState:
    def __init__(self, hold: float = 3.0, deliver: bool = True):
        self.lock = threading.Lock()
        self.messages: dict[str, dict] = {}  # idempotency key -> the message as recorded
        self.requests: Counter = Counter()  # key -> send requests seen (retries included)
        self.faults: list[str] = []
        self.hold = hold
        self.deliver = deliver
        self.released = threading.Event()  # set on shutdown: a held answer stops waiting

    def next_fault(self) -> str | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else None


class _Handler(BaseHTTPRequestHandler):
    server_version = "MotCuaNoticeSandbox/1"
    # The headers and the body go out in two writes: with Nagle on, the body waits for the client's
    # delayed ACK of the headers (40 ms a request on Linux).
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries its Content-Length
    state: GatewayState  # set on the server class

    def log_message(self, format, *args):  # noqa: A002 - http.server's name; silent: no numbers in logs
        pass

    def _json(self, status: int, data, headers: dict | None = None) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout fault): that is the point

    def _body(self) -> dict:
        n = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(n).decode("utf-8")) if n else {}
        except (UnicodeDecodeError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def do_GET(self):  # noqa: N802
        st = self.server.state
        if self.path == "/__sandbox/messages":
            with st.lock:
                return self._json(200, {"messages": list(st.messages.values()), "requests": dict(st.requests)})
        parts = self.path.strip("/").split("/")
        if len(parts) == 3 and parts[0] in ("sms", "zalo") and parts[1] == "messages":
            with st.lock:
                m = next((m for m in st.messages.values() if m["id"] == parts[2]), None)
            if m is None:
                return self._json(404, {"error": "not_found"})
            return self._json(200, {"id": m["id"], "status": m["status"]})
        return self._json(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        st = self.server.state
        if self.path == "/__sandbox/faults":
            data = self._body()
            with st.lock:
                st.faults = [str(f) for f in data.get("faults", [])]
                if "deliver" in data:
                    st.deliver = bool(data["deliver"])
            return self._json(200, {"faults": st.faults})
        parts = self.path.strip("/").split("/")
        if not (len(parts) == 2 and parts[0] in ("sms", "zalo") and parts[1] == "messages"):
            return self._json(404, {"error": "not_found"})
        data, key = self._body(), self.headers.get("Idempotency-Key", "")
        if not key or not data.get("to") or not data.get("text"):
            return self._json(400, {"error": "bad_request", "message": "thiếu Idempotency-Key, to hoặc text"})
        with st.lock:
            st.requests[key] += 1
        fault = st.next_fault()
        if fault == "500":
            return self._json(500, {"error": "internal", "message": "lỗi giả lập"})
        if fault and fault.split(":")[0] == "429":  # "429:7200": Retry-After 7200 seconds
            wait = fault.partition(":")[2] or "1"
            return self._json(429, {"error": "rate_limited", "message": "gửi quá nhanh"}, {"Retry-After": wait})
        if fault == "invalid" or str(data["to"]).startswith(INVALID_PREFIX):
            return self._json(400, {"error": "invalid_number", "message": "số thuê bao không tồn tại"})
        with st.lock:
            m = st.messages.get(key)
            if m is None:
                m = {"id": f"sb-{len(st.messages) + 1}", "key": key, "channel": parts[0], "to": data["to"],
                     "sender": data.get("sender", ""), "text": data["text"],
                     "status": "delivered" if st.deliver else "accepted"}
                st.messages[key] = m
            answer = {"id": m["id"], "status": m["status"]}
        if fault == "timeout":
            st.released.wait(st.hold)  # recorded, but the answer comes too late
        return self._json(200, answer)


class SandboxGateway:
    """The gateway on 127.0.0.1:`port` (0: any free port) in a thread of its own."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, hold: float = 3.0, deliver: bool = True):
        self.state = GatewayState(hold, deliver)
        handler = type("Handler", (_Handler,), {})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.httpd.state = self.state
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="notice-sandbox", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SandboxGateway:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.state.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)

    def __enter__(self) -> SandboxGateway:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # what tests ask
    def set_faults(self, *faults: str) -> None:
        with self.state.lock:
            self.state.faults = list(faults)

    def recorded(self) -> list[dict]:
        with self.state.lock:
            return list(self.state.messages.values())

    def deliver_all(self) -> None:
        """The citizens' phones took every message accepted so far (a delivery report)."""
        with self.state.lock:
            for m in self.state.messages.values():
                m["status"] = "delivered"

    def requests_per_key(self) -> Counter:
        """Send requests seen per idempotency key, retries included."""
        with self.state.lock:
            return Counter(self.state.requests)

    def copies(self) -> Counter:
        """How many messages with the same recipient and text the gateway would have passed on:
        a sender that changed its key between tries shows up here as 2."""
        with self.state.lock:
            return Counter((m["to"], m["text"]) for m in self.state.messages.values())


def run(host: str, port: int) -> None:
    """Serve until interrupted (the `motcua notices sandbox` command)."""
    gw = SandboxGateway(host, port)
    gw.start()
    print(f"Cổng SMS/Zalo thử nghiệm đang chạy tại {gw.url} (SMS: {gw.url}/sms, Zalo: {gw.url}/zalo). "
          "Nhấn Ctrl+C để dừng.", flush=True)
    forever = threading.Event()
    try:
        while not forever.wait(0.5):  # a wait without a timeout does not see Ctrl+C on Windows
            pass
    except KeyboardInterrupt:
        pass
    finally:
        gw.stop()

"""The sandbox e-receipt provider: a real HTTP server (http.server in a thread) speaking the generic
JSON protocol (providers/generic_json.py). Numbers run per (mẫu số, ký hiệu, year of the payment)
from 1, so they restart each 1 January; the same uuid again gets the receipt first issued to it
(never a second number); a receipt can be cancelled. For tests, and for a manual try:
`motcua fees sandbox --port 8793`.

Faults, one per coming POST (issue or cancel), in order: in-process `server.set_faults(...)`, or over
HTTP POST /__sandbox/faults {"faults": [...]}:
  "refuse"   answer 400 {"error": "rejected", …} without issuing (refused for good)
  "500"      answer 500 without issuing
  "stall:N"  wait N seconds, then issue and answer (the client has given up: its next try must get
             the same number)
  "drop"     issue, then close the connection without answering (the answer lost)
  "hold"     issue, then answer only once released (POST /__sandbox/release or `release()`); while
             held, GET /__sandbox/receipts says "held": 1 (the kill -9 test waits for it)
With {"pdf": true} (or `serve(pdf=True)`) its answers carry the receipt as a PDF. A series or amount
that does not add up is refused like a real provider would. GET /__sandbox/receipts
lists every receipt issued and the requests seen per uuid."""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from app.clock import now_local


class SandboxState:
    def __init__(self, faults=None, pdf: bool = False):
        self.lock = threading.Lock()
        self.pdf = pdf  # answers carry the receipt as a PDF (pdf_base64)
        self.receipts: dict[str, dict] = {}  # uuid -> the receipt issued to it
        self.counters: Counter = Counter()  # (template, symbol, year) -> last number given
        self.requests: Counter = Counter()  # uuid -> issue requests seen (retries included)
        self.faults: list[str] = list(faults or [])
        self.released = threading.Event()
        self.released.set()
        self.held = 0
        self.stopping = threading.Event()

    def next_fault(self) -> str | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def issue(self, data: dict) -> dict:
        """The receipt for this uuid: the one already issued, or a new one with the next number."""
        uuid = str(data["uuid"])
        with self.lock:
            got = self.receipts.get(uuid)
            if got is not None:
                return got
            year = _year(data.get("paid_at"))
            key = (str(data["template_code"]), str(data["symbol"]), year)
            self.counters[key] += 1
            got = {"id": f"sbr-{len(self.receipts) + 1}", "uuid": uuid, "template_code": key[0], "symbol": key[1],
                   "number": f"{self.counters[key]:07d}", "year": year,
                   "issued_at": now_local().isoformat(timespec="seconds"),
                   "lookup_code": secrets.token_hex(5).upper(), "payer": data.get("payer") or {},
                   "amount": data.get("amount"), "lines": data.get("lines") or [],
                   "dossier_code": data.get("dossier_code"), "replaces": data.get("replaces"),
                   "state": "issued", "cancel_reason": None}
            if self.pdf:
                got["pdf_base64"] = base64.b64encode(_pdf(got)).decode("ascii")
            self.receipts[uuid] = got
            return got


def _pdf(r: dict) -> bytes:
    """A one-page PDF of the receipt, as a provider would attach it."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 760, f"BIEN LAI THU PHI, LE PHI (thu nghiem) - Mau so {r['template_code']} "
                          f"Ky hieu {r['symbol']} So {r['number']}")
    c.drawString(72, 740, f"So tien: {r['amount']} dong - Ma tra cuu: {r['lookup_code']}")
    c.save()
    return out.getvalue()


def _year(paid_at) -> int:
    try:
        return datetime.fromisoformat(str(paid_at)).year
    except ValueError:
        return now_local().year


def _answer(r: dict, base: str) -> dict:
    keys = ("id", "uuid", "template_code", "symbol", "number", "issued_at", "lookup_code", "state")
    extra = {"pdf_base64": r["pdf_base64"]} if "pdf_base64" in r else {}
    return {**{k: r[k] for k in keys}, "lookup_url": f"{base}/tra-cuu/{r['lookup_code']}", **extra}


class _Handler(BaseHTTPRequestHandler):
    server_version = "MotCuaReceiptSandbox/1"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - http.server's name; quiet
        pass

    @property
    def st(self) -> SandboxState:
        return self.server.state

    def _json(self, status: int, data) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up or was killed: that is the point of the fault

    def _body(self) -> dict:
        length = self.headers.get("Content-Length") or "0"
        n = int(length) if length.isdigit() else 0
        try:
            data = json.loads(self.rfile.read(n).decode("utf-8")) if n else {}
        except (UnicodeDecodeError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def do_GET(self):  # noqa: N802
        st = self.st
        if self.path == "/__sandbox/receipts":
            with st.lock:
                return self._json(200, {"receipts": list(st.receipts.values()), "requests": dict(st.requests),
                                        "held": st.held})
        if self.path == "/status":
            return self._json(200, {"name": "Dịch vụ biên lai thử nghiệm"})
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "receipts":
            with st.lock:
                r = st.receipts.get(unquote(parts[1]))
            return self._json(200, _answer(r, self.server.url)) if r else self._json(404, {"error": "not_found"})
        return self._json(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        st, data = self.st, self._body()
        if self.path == "/__sandbox/faults":
            with st.lock:
                st.faults = [str(f) for f in data.get("faults", [])]
                if "pdf" in data:
                    st.pdf = bool(data["pdf"])
            if "hold" in st.faults:
                st.released.clear()
            return self._json(200, {"faults": st.faults})
        if self.path == "/__sandbox/release":
            st.released.set()
            return self._json(200, {"released": True})
        parts = self.path.strip("/").split("/")
        if parts == ["receipts"]:
            return self._issue(data)
        if len(parts) == 3 and parts[0] == "receipts" and parts[2] == "cancel":
            return self._cancel(unquote(parts[1]), data)
        return self._json(404, {"error": "not_found"})

    def _fault(self) -> str | None:
        """The fault for this request; "500" and "refuse" are answered here (returns "answered")."""
        fault = self.st.next_fault()
        if fault == "500":
            self._json(500, {"error": "internal", "message": "lỗi giả lập"})
            return "answered"
        if fault == "refuse":
            self._json(400, {"error": "rejected", "message": "mẫu biên lai chưa được thông báo phát hành (giả lập)"})
            return "answered"
        if fault and fault.startswith("stall:"):
            seconds = fault.partition(":")[2]
            self.st.stopping.wait(float(seconds) if seconds.replace(".", "", 1).isdigit() else 1.0)
        return fault

    def _issue(self, data: dict) -> None:
        st = self.st
        uuid = str(data.get("uuid") or "")
        if not uuid or uuid != self.headers.get("Idempotency-Key"):
            return self._json(400, {"error": "bad_request", "message": "thiếu uuid hoặc Idempotency-Key khác uuid"})
        with st.lock:
            st.requests[uuid] += 1
        fault = self._fault()
        if fault == "answered":
            return None
        refusal = _refusal(data)
        if refusal:
            return self._json(400, refusal)
        r = st.issue(data)
        return self._finish(_answer(r, self.server.url), fault)

    def _finish(self, answer: dict, how: str | None) -> None:
        if how == "drop":  # issued, and the answer is lost on the way
            self.close_connection = True
            return
        if how == "hold":
            with self.st.lock:
                self.st.held += 1
            self.st.released.wait()
            with self.st.lock:
                self.st.held -= 1
        self._json(200, answer)

    def _cancel(self, uuid: str, data: dict) -> None:
        st = self.st
        if self._fault() == "answered":
            return None
        with st.lock:
            r = st.receipts.get(uuid)
            if r is None:
                return self._json(404, {"error": "not_found", "message": "không có biên lai này"})
            r["state"], r["cancel_reason"] = "cancelled", str(data.get("reason") or "")
        return self._json(200, {"uuid": uuid, "state": "cancelled"})


def _refusal(data: dict) -> dict | None:
    if not str(data.get("template_code") or "").strip() or not str(data.get("symbol") or "").strip():
        return {"error": "missing_series", "message": "chưa khai báo mẫu số hoặc ký hiệu biên lai"}
    amount, lines = data.get("amount"), data.get("lines") or []
    amounts = [x.get("amount") for x in lines if isinstance(x, dict)] if isinstance(lines, list) else []
    if not isinstance(amount, int) or amount <= 0 or not all(isinstance(a, int) for a in amounts) \
            or len(amounts) != len(lines) or sum(amounts) != amount:
        return {"error": "invalid_amount", "message": "tổng các dòng không bằng số tiền"}
    payer = data.get("payer")
    if not isinstance(payer, dict) or not str(payer.get("name") or "").strip():
        return {"error": "missing_payer", "message": "thiếu tên người nộp"}
    return None


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, faults=None, pdf: bool = False):
        handler = type("Handler", (_Handler,), {})
        super().__init__((host, port), handler)
        self.state = SandboxState(faults, pdf)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    # what tests ask
    def set_faults(self, *faults: str) -> None:
        with self.state.lock:
            self.state.faults = list(faults)
        if "hold" in faults:
            self.state.released.clear()

    def release(self) -> None:
        self.state.released.set()

    def held(self) -> int:
        with self.state.lock:
            return self.state.held

    def issued(self) -> list[dict]:
        """Every receipt the sandbox issued, cancelled ones included."""
        with self.state.lock:
            return [dict(r) for r in self.state.receipts.values()]

    def requests_per_uuid(self) -> Counter:
        with self.state.lock:
            return Counter(self.state.requests)

    def stop(self, thread: threading.Thread | None = None) -> None:
        self.state.stopping.set()
        self.state.released.set()
        self.shutdown()
        self.server_close()
        if thread is not None:
            thread.join(10)


def serve(host: str = "127.0.0.1", port: int = 0, *, faults=None, pdf: bool = False
          ) -> tuple[SandboxServer, threading.Thread]:
    """The sandbox on host:port (0: any free port), serving in a thread of its own; `pdf`: its
    answers carry the receipt's PDF."""
    server = SandboxServer(host, port, faults, pdf)
    if faults and "hold" in faults:
        server.state.released.clear()
    thread = threading.Thread(target=server.serve_forever, name="receipt-sandbox", daemon=True)
    thread.start()
    return server, thread


def run(host: str, port: int) -> None:
    """Serve until interrupted (`motcua fees sandbox`)."""
    server, thread = serve(host, port)
    print(f"Dịch vụ biên lai thử nghiệm đang chạy tại {server.url}. Nhấn Ctrl+C để dừng.", flush=True)
    forever = threading.Event()
    try:
        while not forever.wait(0.5):  # a wait without a timeout does not see Ctrl+C on Windows
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(thread)

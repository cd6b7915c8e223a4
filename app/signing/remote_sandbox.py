"""A remote signing service to test against (docs/signing.md, "Ký số từ xa"): a real HTTP server
holding a software key and certificate, speaking both the sandbox's own protocol
(app/signing/providers/sandbox.py, under /api/v1) and the generic JSON protocol
(app/signing/providers/generic_json.py, under /generic). A signing request is "confirmed on the
phone" `auto_confirm_s` after it arrives; switches make it refuse, never confirm, or answer 500,
and a wrong api key (or client id) gets 401.

    server, thread = serve("127.0.0.1", 0)
    server.url                  # http://127.0.0.1:PORT  (generic protocol: server.url + "/generic")
    server.service.mode = REFUSE   # or NEVER, or CONFIRM; server.service.fail_500 = True
    server.service.signatures_made # how many signatures it has produced
    server.shutdown(); server.server_close()

Standalone: `python -m app.signing.remote_sandbox --port 8766` (the root certificate to trust is at
<url>/root.pem). Without a key and certificate it makes its own root CA and signer at start."""

from __future__ import annotations

import argparse
import base64
import json
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID

from app.domain.text import printable
from app.errors import UserError

CONFIRM, REFUSE, NEVER = "confirm", "refuse", "never"
DEFAULT_API_KEY = "sandbox-key"
DEFAULT_CLIENT_ID = "motcua"
BANNER = "Dịch vụ ký số từ xa thử nghiệm: "
_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
_SANDBOX_STATE = {"pending": 1, "confirmed": 2, "refused": 3}  # providers/sandbox.py's tran_status


@dataclass
class _Transaction:
    user: str
    digest: bytes
    algorithm: str
    mode: str  # the sandbox's mode when the request came: a later switch does not change it
    arrived: float
    signature: bytes = b""


@dataclass
class SandboxService:
    """The service's state, shared by the server's threads."""

    key: Any  # a cryptography private key (RSA or EC)
    certificate: bytes  # DER
    chain: list[bytes]  # DER, the CAs above the certificate
    api_key: str = DEFAULT_API_KEY
    client_id: str = DEFAULT_CLIENT_ID
    users: frozenset[str] | None = None  # None: every user has the certificate
    auto_confirm_s: float = 0.2
    mode: str = CONFIRM
    fail_500: bool = False
    signatures_made: int = 0
    transactions: dict[str, _Transaction] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root(self) -> bytes:
        return self.chain[-1] if self.chain else self.certificate

    def knows(self, user: str) -> bool:
        return self.users is None or user in self.users

    def start(self, user: str, digest: bytes, algorithm: str) -> str:
        tid = secrets.token_hex(8)
        with self.lock:
            self.transactions[tid] = _Transaction(user, digest, algorithm.lower(), self.mode, time.monotonic())
        return tid

    def status(self, tid: str) -> tuple[str, bytes] | None:
        """("pending" | "confirmed" | "refused", signature) or None for an unknown transaction."""
        with self.lock:
            tx = self.transactions.get(tid)
            if tx is None:
                return None
            if tx.mode == NEVER or time.monotonic() - tx.arrived < self.auto_confirm_s:
                return "pending", b""
            if tx.mode == REFUSE:
                return "refused", b""
            if not tx.signature:
                tx.signature = self._sign(tx.digest, tx.algorithm)
                self.signatures_made += 1
            return "confirmed", tx.signature

    def _sign(self, digest: bytes, algorithm: str) -> bytes:
        prehashed = utils.Prehashed(_HASHES[algorithm]())
        if isinstance(self.key, rsa.RSAPrivateKey):
            return self.key.sign(digest, padding.PKCS1v15(), prehashed)
        return self.key.sign(digest, ec.ECDSA(prehashed))


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    service: SandboxService

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: SandboxServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # no access log: requests carry the api key in their headers

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def _route(self, method: str) -> None:
        service = self.server.service
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if method == "GET" and path == "/root.pem":
            pem = x509.load_der_x509_certificate(service.root).public_bytes(serialization.Encoding.PEM)
            return self._reply(200, pem, "application/x-pem-file")
        if service.fail_500:
            return self._json(500, {"code": 500, "message": "internal error", "error": "internal error"})
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return self._json(400, {"code": 400, "message": "bad json", "error": "bad json"})
        if path.startswith("/api/v1/"):
            return self._sandbox(method, path, body)
        if path.startswith("/generic/"):
            return self._generic(method, path, query, body)
        return self._json(404, {"error": "no such path"})

    # --- the sandbox's own protocol (providers/sandbox.py) ---------------------------------------
    def _sandbox(self, method: str, path: str, body: dict) -> None:
        service = self.server.service
        if (self.headers.get("Authorization") != f"Bearer {service.api_key}"
                or body.get("client_id") != service.client_id):
            return self._json(401, {"code": 401, "message": "unauthorized"})
        if method == "POST" and path == "/api/v1/credentials/info":
            if not service.knows(str(body.get("user_id"))):
                return self._json(404, {"code": 404, "message": "no credential for this user"})
            return self._ok({"cert": _b64(service.certificate), "ca_chain": [_b64(c) for c in service.chain]})
        if method == "POST" and path == "/api/v1/signatures/sign":
            try:
                item = body["hashes"][0]
                digest, algorithm = bytes.fromhex(item["hash_value"]), item["hash_alg"].lower()
                user = str(body["user_id"])
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                return self._json(400, {"code": 400, "message": "bad request"})
            if problem := _bad_digest(digest, algorithm):
                return self._json(400, {"code": 400, "message": problem})
            if not service.knows(user):
                return self._json(404, {"code": 404, "message": "no credential for this user"})
            return self._ok({"tran_id": service.start(user, digest, algorithm)})
        if method == "POST" and path == "/api/v1/signatures/status":
            found = service.status(str(body.get("tran_id")))
            if found is None:
                return self._json(404, {"code": 404, "message": "no such transaction"})
            state, signature = found
            data: dict[str, Any] = {"tran_status": _SANDBOX_STATE[state]}
            if signature:
                data["signatures"] = [_b64(signature)]
            if state == "refused":
                data["reason"] = "người dùng từ chối"
            return self._ok(data)
        return self._json(404, {"code": 404, "message": "no such path"})

    def _ok(self, data: dict) -> None:
        self._json(200, {"code": 0, "message": "ok", "data": data})

    # --- the generic JSON protocol (providers/generic_json.py) -----------------------------------
    def _generic(self, method: str, path: str, query: dict, body: dict) -> None:
        service = self.server.service
        if (self.headers.get("X-Api-Key") != service.api_key
                or self.headers.get("X-Client-Id") != service.client_id):
            return self._json(401, {"error": "unauthorized"})
        if method == "GET" and path == "/generic/certificate":
            user = (query.get("user") or [""])[0]
            if not service.knows(user):
                return self._json(404, {"error": "no certificate for this user"})
            return self._json(200, {"certificate": _b64(service.certificate),
                                    "chain": [_b64(c) for c in service.chain]})
        if method == "POST" and path == "/generic/sign":
            try:
                digest = base64.b64decode(body["hash"], validate=True)
                algorithm, user = str(body["algorithm"]).lower(), str(body["user"])
            except (KeyError, TypeError, ValueError):
                return self._json(400, {"error": "bad request"})
            if problem := _bad_digest(digest, algorithm):
                return self._json(400, {"error": problem})
            if not service.knows(user):
                return self._json(404, {"error": "no certificate for this user"})
            return self._json(202, {"transaction_id": service.start(user, digest, algorithm)})
        if method == "GET" and path.startswith("/generic/sign/"):
            found = service.status(unquote(path.removeprefix("/generic/sign/")))
            if found is None:
                return self._json(404, {"error": "no such transaction"})
            state, signature = found
            answer: dict[str, Any] = {"status": state}
            if signature:
                answer["signature"] = _b64(signature)
            if state == "refused":
                answer["reason"] = "người dùng từ chối"
            return self._json(200, answer)
        return self._json(404, {"error": "no such path"})

    # --- answers ---------------------------------------------------------------------------------
    def _json(self, status: int, body: dict) -> None:
        self._reply(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json")

    def _reply(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _bad_digest(digest: bytes, algorithm: str) -> str:
    if algorithm not in _HASHES:
        return f"unsupported hash algorithm {algorithm}"
    if len(digest) != _HASHES[algorithm].digest_size:
        return "hash has the wrong length"
    return ""


# --- key material --------------------------------------------------------------------------------
def _own_pki() -> tuple[Any, bytes, list[bytes]]:
    """A root CA and a signer made now: the sandbox's key, certificate and chain (DER)."""
    now = datetime.now(UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Một Cửa thử nghiệm"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def cert(subject, public, ca: bool, days: int):
        usage = dict(digital_signature=not ca, content_commitment=not ca, key_cert_sign=ca, crl_sign=ca)
        return (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name("Sandbox Root CA Một Cửa"))
                .public_key(public).serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=days))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
                .add_extension(x509.KeyUsage(key_encipherment=False, data_encipherment=False, key_agreement=False,
                                             encipher_only=False, decipher_only=False, **usage), critical=True)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                               critical=False)
                .sign(root_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))

    root = cert("Sandbox Root CA Một Cửa", root_key.public_key(), True, 3650)
    return key, cert("Nguyễn Văn Thử", key.public_key(), False, 365), [root]


def _certificates(data: bytes) -> list[bytes]:
    """DER certificates from PEM (one or more) or DER bytes."""
    if b"-----BEGIN" in data:
        return [c.public_bytes(serialization.Encoding.DER) for c in x509.load_pem_x509_certificates(data)]
    return [x509.load_der_x509_certificate(data).public_bytes(serialization.Encoding.DER)]


def _load(value: bytes | str | Path | None, parse):
    """Key material from bytes or a file; UserError in Vietnamese when it cannot be read."""
    what = "dữ liệu đã cho" if isinstance(value, bytes) else f"tệp «{printable(str(value), 200)}»"
    try:
        return parse(value if isinstance(value, bytes) else Path(value).read_bytes())
    except OSError:
        raise UserError(f"Không đọc được khóa hoặc chứng thư số cho dịch vụ thử nghiệm: không mở được {what}.") from None
    except (ValueError, TypeError):
        raise UserError(f"Không đọc được khóa hoặc chứng thư số cho dịch vụ thử nghiệm: {what} không phải "
                        "khóa PEM (PKCS#8, không mật khẩu) hoặc chứng thư PEM/DER.") from None


def serve(host: str, port: int, *, auto_confirm_s: float = 0.2, key_pem: bytes | str | Path | None = None,
          certificate: bytes | str | Path | None = None, chain: list[bytes | str | Path] | tuple = (),
          api_key: str = DEFAULT_API_KEY, client_id: str = DEFAULT_CLIENT_ID,
          users: set[str] | frozenset[str] | None = None) -> tuple[SandboxServer, threading.Thread]:
    """Start the sandbox on host:port (0: any free port) in a daemon thread. `key_pem` (PKCS#8 PEM,
    unencrypted), `certificate` and `chain` (PEM or DER, bytes or file paths; the chain's last
    certificate is the root) give it a key of yours; without them it makes its own. UserError in
    Vietnamese when the port cannot be opened or the key material cannot be read."""
    from app.portal.sandbox.server import bind  # the same Vietnamese messages for a busy port

    if key_pem is None:
        key, cert_der, chain_der = _own_pki()
    else:
        key = _load(key_pem, lambda data: serialization.load_pem_private_key(data, None))
        cert_der = _load(certificate, _certificates)[0]
        chain_der = [der for item in chain for der in _load(item, _certificates)]
    service = SandboxService(key=key, certificate=cert_der, chain=chain_der, api_key=api_key,
                             client_id=client_id, users=frozenset(users) if users is not None else None,
                             auto_confirm_s=auto_confirm_s)
    sock = bind(host, port)
    server = SandboxServer((host, port), _Handler, bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.server_address = sock.getsockname()
    server.service = service
    server.server_activate()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="remote-signing-sandbox", daemon=True)
    thread.start()
    return server, thread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.signing.remote_sandbox",
                                     description="Dịch vụ ký số từ xa thử nghiệm (không phải dịch vụ thật).")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe")
    parser.add_argument("--port", type=int, default=8766, help="cổng (0: cổng trống bất kỳ)")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="khóa truy cập (signing.remote.api_key)")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID, help="mã ứng dụng (signing.remote.client_id)")
    parser.add_argument("--confirm-after", type=float, default=2.0, help="giây trước khi tự xác nhận ký")
    parser.add_argument("--key", help="khóa riêng PEM (PKCS#8); cùng --cert")
    parser.add_argument("--cert", help="chứng thư số của người ký (PEM hoặc DER)")
    parser.add_argument("--chain", nargs="*", default=[], help="chứng thư số CA, gốc sau cùng")
    outcome = parser.add_mutually_exclusive_group()
    outcome.add_argument("--refuse", action="store_true", help="luôn từ chối ký")
    outcome.add_argument("--never-confirm", action="store_true", help="không bao giờ xác nhận")
    outcome.add_argument("--fail-500", action="store_true", help="mọi yêu cầu trả lỗi 500")
    args = parser.parse_args(argv)
    if bool(args.key) != bool(args.cert):
        print("Cần cả --key và --cert, hoặc không cái nào.", file=sys.stderr)
        return 2
    try:
        server, thread = serve(args.host, args.port, auto_confirm_s=args.confirm_after, key_pem=args.key,
                               certificate=args.cert, chain=args.chain, api_key=args.api_key,
                               client_id=args.client_id)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    server.service.mode = REFUSE if args.refuse else NEVER if args.never_confirm else CONFIRM
    server.service.fail_500 = args.fail_500
    print(f"{BANNER}{server.url} (signing.remote.provider = sandbox; giao thức JSON chung: {server.url}/generic; "
          f"chứng thư gốc: {server.url}/root.pem)", flush=True)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

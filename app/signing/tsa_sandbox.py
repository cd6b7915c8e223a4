"""A real RFC 3161 time-stamp server over HTTP, for the tests and for trying the settings at a
desk without a CA's server (`motcua signing tsa`): POST application/timestamp-query, answer
application/timestamp-reply. The token is built by pyHanko's DummyTimeStamper (a real signed
TSTInfo); the HTTP part is the standard library's.

With no certificate given it makes its own: a "Một Cửa Sandbox TSA Root" and a TSA certificate
under it (extended key usage timeStamping), valid for a year; `server.tsa_root` is the root."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys, tsp, x509

MAX_QUERY = 64 * 1024


def _self_made() -> tuple[x509.Certificate, keys.PrivateKeyInfo, x509.Certificate]:
    from cryptography import x509 as cx
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = cx.Name([cx.NameAttribute(NameOID.COMMON_NAME, "Một Cửa Sandbox TSA Root")])
    tsa_name = cx.Name([cx.NameAttribute(NameOID.COMMON_NAME, "Một Cửa Sandbox TSA")])

    def build(subject, key, issuer_key, *, ca: bool):
        b = (cx.CertificateBuilder().subject_name(subject).issuer_name(root_name)
             .public_key(key.public_key()).serial_number(cx.random_serial_number())
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
             .add_extension(cx.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            b = b.add_extension(cx.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        return x509.Certificate.load(b.sign(issuer_key, hashes.SHA256()).public_bytes(
            serialization.Encoding.DER))

    root = build(root_name, root_key, root_key, ca=True)
    tsa = build(tsa_name, tsa_key, root_key, ca=False)
    key = keys.PrivateKeyInfo.load(tsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return tsa, key, root


class _Handler(BaseHTTPRequestHandler):
    server: _TsaServer

    def log_message(self, format, *args):  # noqa: A002 (http.server's name) - quiet in tests
        pass

    def _reply(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if kind != "application/timestamp-query" or not 0 < length <= MAX_QUERY:
            self._reply(400, "text/plain; charset=utf-8", b"expected application/timestamp-query")
            return
        body = self.rfile.read(length)
        try:
            req = tsp.TimeStampReq.load(body)
            req.native  # noqa: B018 (parses it all: a broken query fails here)
        except Exception:  # noqa: BLE001 (any undecodable query is a bad request)
            self._reply(400, "text/plain; charset=utf-8", b"bad timestamp query")
            return
        resp = self.server.stamper.request_tsa_response(req)
        self.server.count += 1
        self._reply(200, "application/timestamp-reply", resp.dump())


class _TsaServer(ThreadingHTTPServer):
    daemon_threads = True
    stamper = None
    tsa_cert: x509.Certificate
    tsa_root: x509.Certificate | None = None
    count = 0  # time-stamps given

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def serve(host: str, port: int, *, tsa_cert: x509.Certificate | None = None,
          tsa_key: keys.PrivateKeyInfo | None = None, chain: tuple[x509.Certificate, ...] = ()):
    """Start the server in a daemon thread; returns (server, thread). Port 0 picks a free one
    (`server.url`). Stop with server.shutdown(); server.server_close()."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    root = None
    if tsa_cert is None or tsa_key is None:
        tsa_cert, tsa_key, root = _self_made()
        chain = (root,)
    server = _TsaServer((host, port), _Handler)
    server.tsa_cert, server.tsa_root = tsa_cert, root
    server.stamper = DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key,
                                      certs_to_embed=SimpleCertificateStore.from_certs(list(chain)))
    thread = threading.Thread(target=server.serve_forever, name="tsa-sandbox", daemon=True)
    thread.start()
    return server, thread

"""A real local SMTP server for the tests (aiosmtpd in its own thread), with STARTTLS on a
throwaway self-signed certificate made here with `cryptography`, an optional login, a recipient
refused for good, and a connection dropped once in the middle of DATA."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class Mailbox:
    """aiosmtpd handler: what was delivered, what was cut off, who is refused."""

    def __init__(self, refuse_prefix: str = "bad", drop_first: int = 0):
        self.delivered: list = []  # email.message.EmailMessage
        self.dropped: list = []  # messages whose connection was cut before the answer
        self.refuse_prefix = refuse_prefix
        self.drop_first = drop_first

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith(self.refuse_prefix):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        if self.drop_first > 0:
            self.drop_first -= 1
            self.dropped.append(message)
            server.transport.close()  # the line goes dead before "250": the sender cannot know
            return "421 connection lost"
        self.delivered.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self, mailbox: Mailbox, tls: tuple[Path, Path] | None = None, login: tuple[str, str] | None = None):
        kwargs = {}
        if tls:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*tls)
            kwargs.update(tls_context=ctx, require_starttls=True)
        if login:
            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode()) == login
                return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535

            kwargs.update(authenticator=authenticator, auth_required=True)
        self.port = free_port()
        self.controller = Controller(mailbox, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

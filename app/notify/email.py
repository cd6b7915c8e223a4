"""E-mail over SMTP with smtplib: STARTTLS (port 587), implicit TLS (465) or none (a relay inside
the office network), a login if the server wants one. The Message-ID is made from the notice's
uuid, so a message sent again after a lost answer is the same message to the server, the
mailbox and the citizen's mail program. A recipient the server refuses for good (5xx) is
REFUSED with the server's words; 4xx, a dropped connection or a timeout is RETRY."""

from __future__ import annotations

import smtplib
import ssl
from email.header import Header
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from app.domain.privacy import mask_text
from app.notify.base import OK, REFUSED, RETRY, Delivery, Message, Result

MESSAGE_ID_DOMAIN = "thongbao.motcua"


def message_id(uuid: str) -> str:
    return f"<{uuid}@{MESSAGE_ID_DOMAIN}>"


class SmtpChannel:
    def __init__(self, host: str, port: int, security: str = "starttls", username: str = "", password: str = "",
                 sender: str = "", sender_name: str = "", timeout: float = 20.0,
                 ssl_context: ssl.SSLContext | None = None):
        self.host, self.port, self.security = host, port, security
        self.username, self.password = username, password
        self.sender, self.sender_name, self.timeout = sender, sender_name, timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def build(self, m: Message) -> EmailMessage:
        e = EmailMessage()
        e["From"] = formataddr((self.sender_name, self.sender)) if self.sender_name else self.sender
        e["To"] = m.recipient
        e["Subject"] = _subject(m.subject or "")
        e["Date"] = formatdate(localtime=True)
        e["Message-ID"] = message_id(m.uuid)
        e["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to a machine
        e.set_content(m.body)
        for a in m.attachments:
            main, _, sub = a.mime.partition("/")
            e.add_attachment(a.data, maintype=main, subtype=sub, filename=a.filename)
        return e

    def send(self, message: Message) -> Result:
        try:
            with self._connect() as smtp:
                refused = smtp.send_message(self.build(message), from_addr=self.sender, to_addrs=[message.recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return self._answer(code, text, message.recipient)
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPSenderRefused) as exc:
            # The office's login or sender address: every notice would meet it, none is at fault.
            return Result(RETRY, f"máy chủ thư từ chối {'đăng nhập' if isinstance(exc, smtplib.SMTPAuthenticationError) else 'địa chỉ gửi'}"
                                 f" ({exc.smtp_code})")
        except smtplib.SMTPResponseException as exc:  # the message itself (DATA) refused
            return self._answer(exc.smtp_code, exc.smtp_error, message.recipient)
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPException, ssl.SSLError,
                TimeoutError, ConnectionError, OSError) as exc:
            return Result(RETRY, f"máy chủ thư: {_fault(exc)}")
        if refused:  # one recipient only, so this is it
            code, text = next(iter(refused.values()))
            return self._answer(code, text, message.recipient)
        return Result(OK, provider_id=message_id(message.uuid))

    def delivery(self, provider_id: str, uuid: str) -> Delivery:
        return Delivery("sent")  # SMTP says no more once the server took it

    def _connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=self.ssl_context)
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    @staticmethod
    def _answer(code: int, text: bytes | str, recipient: str) -> Result:
        words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        words = mask_text(words.replace(recipient, "<người nhận>"))  # the server quotes the address
        reason = f"máy chủ thư trả lời {code}: {' '.join(words.split())[:300]}"
        return Result(REFUSED if 500 <= code < 600 else RETRY, reason)


class _EncodedSubject(str):
    """A Vietnamese subject encoded by email.header (RFC 2047, each encoded word whole, the spaces
    inside them). Python 3.11's own folding of a long non-ASCII subject puts the space between two
    words as folding whitespace between encoded words, where mail programs drop it ("giấytiếp"):
    EmailPolicy keeps a header object that has a `name` and folds it with its own `fold`."""

    name = "Subject"

    def fold(self, *, policy) -> str:
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {encoded}{policy.linesep}"


def _subject(text: str) -> str:
    text = " ".join(text.split())  # one line
    return text if text.isascii() else _EncodedSubject(text)


def _fault(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "không trả lời kịp"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "mất kết nối"
    if isinstance(exc, ssl.SSLError):
        return f"lỗi mã hóa TLS ({exc.reason or type(exc).__name__})"
    if isinstance(exc, ConnectionRefusedError):
        return "không kết nối được (máy chủ từ chối kết nối)"
    return f"{type(exc).__name__}"

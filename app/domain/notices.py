"""Notices to the citizen (issue 23): what a notice tells of, the channels it goes by, the states
of its outbox row (db/models.py `Notice`), and a recipient as a list may show it. Pure data."""

from __future__ import annotations

from enum import StrEnum

from app.domain.privacy import mask_email, mask_phone


class NoticeKind(StrEnum):
    SUPPLEMENT = "supplement"  # the officer asks for papers to be added or completed (Form 02)
    RESULT_READY = "result_ready"  # the result waits at the counter
    EXTENSION = "extension"  # the due date moves, with the apology letter (Form 04)
    OFFICIAL_CODE = "official_code"  # the portal's official code replaces the counter's provisional one
    FEE_OWED = "fee_owed"  # a fee or charge still to be paid
    E_RECEIPT = "e_receipt"  # the signed e-receipt (Form 01) of an online dossier; e-mail only (a file)

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    NoticeKind.SUPPLEMENT: "Yêu cầu bổ sung hồ sơ",
    NoticeKind.RESULT_READY: "Đã có kết quả",
    NoticeKind.EXTENSION: "Gia hạn, xin lỗi",
    NoticeKind.OFFICIAL_CODE: "Mã hồ sơ chính thức",
    NoticeKind.FEE_OWED: "Còn phí, lệ phí phải nộp",
    NoticeKind.E_RECEIPT: "Giấy tiếp nhận điện tử đã ký số",
}

CHANNELS: dict[str, str] = {"email": "Thư điện tử", "sms": "Tin nhắn SMS", "zalo": "Zalo"}
PHONE_CHANNELS = ("sms", "zalo")  # they go to the applicant's phone; e-mail to the e-mail address

PENDING, SENT, DELIVERED, FAILED, CANCELLED = "pending", "sent", "delivered", "failed", "cancelled"
STATES: dict[str, str] = {PENDING: "Đang chờ gửi", SENT: "Đã gửi", DELIVERED: "Đã nhận",
                          FAILED: "Không gửi được", CANCELLED: "Đã hủy"}


def channel_label(channel: str) -> str:
    return CHANNELS.get(channel, channel)


def state_label(state: str) -> str:
    return STATES.get(state, state)


def mask_recipient(channel: str, recipient: str | None) -> str | None:
    """"0939123456" -> "093****456", "an.nguyen@example.vn" -> "a********@example.vn": enough for
    the officer to tell which address was used, never enough to use it."""
    return mask_email(recipient) if channel == "email" else mask_phone(recipient)


# SMS lengths (3GPP TS 23.038): 160 GSM-7 characters in one message, 153 each when split; any other
# character (Vietnamese letters with diacritics) makes the whole text UCS-2: 70, then 67 each.
_GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM7_EXT = set("^{}\\[~]|€")  # two septets each


def sms_segments(text: str) -> int:
    """How many SMS a text costs."""
    if all(c in _GSM7 or c in _GSM7_EXT for c in text):
        units = sum(2 if c in _GSM7_EXT else 1 for c in text)
        return 1 if units <= 160 else -(-units // 153)
    units = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
    return 1 if units <= 70 else -(-units // 67)


def unaccented(text: str) -> str:
    """"Hồ sơ đã có kết quả" -> "Ho so da co ket qua": an SMS in GSM-7 costs a third of one in
    UCS-2, and brand-name SMS in Vietnam is usually sent without diacritics."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").translate(_TYPOGRAPHY))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


# Typographic marks outside GSM-7: one of them alone would make the whole SMS UCS-2.
_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "\u00a0": " "})

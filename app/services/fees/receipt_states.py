"""The states of a fee receipt (db/models.py FeeReceipt) and how its identifiers read."""

from __future__ import annotations

PENDING, UNISSUED, ISSUED, FAILED, CANCEL_PENDING, CANCELLED = (
    "pending", "unissued", "issued", "failed", "cancel_pending", "cancelled")
STATE_LABELS = {
    PENDING: "Chờ phát hành",
    UNISSUED: "Chưa có số (chờ ghi số biên lai giấy)",
    ISSUED: "Đã phát hành",
    FAILED: "Bị từ chối phát hành",
    CANCEL_PENDING: "Chờ hủy",
    CANCELLED: "Đã hủy",
}
PAPER = "paper"


def identifier(template_code: str | None, symbol: str | None, number: str | None) -> str:
    """"Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000012", or "" while it has no number."""
    if not number:
        return ""
    return f"Mẫu số {template_code or '—'} Ký hiệu {symbol or '—'} Số {number}"

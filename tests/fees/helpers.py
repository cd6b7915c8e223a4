"""A receipt request as the outbox builds it, for the provider and sandbox tests."""

from __future__ import annotations

from datetime import datetime

from app.fees.base import ReceiptLine, ReceiptRequest, Replaced

TEMPLATE, SYMBOL = "01BLP0-001", "BL-26E"


def receipt_request(uuid: str, *, paid_at: datetime = datetime(2026, 11, 23, 9, 0), amount: int = 38000,
                    template: str = TEMPLATE, symbol: str = SYMBOL, replaces: Replaced | None = None) -> ReceiptRequest:
    lines = (ReceiptLine("Lệ phí", amount - 8000, "le_phi"), ReceiptLine("Phí bản sao", 8000, "phi"))
    return ReceiptRequest(uuid, template, symbol, "UBND phường Phước Hậu", "1500123456", "Nguyễn Văn An",
                          "079090012345", "12 Lê Lợi, Phường 1, Vĩnh Long", amount, lines, "cash",
                          "000.00.01.H62-261123-0001", paid_at, replaces)

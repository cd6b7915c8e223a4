"""The fee report (issue 25 §4): what a treasury inspector asks of a period's fee collection. Plain
figures, built by app/services/reports/fees.py, shown by ui/reports/fees_tab.py and written by
printing/report_fees.py and `motcua fees report`.

How each figure is counted (also said on the report and in docs/fees.md):
- Collected: the payments recorded in the period (by the day they were paid), not voided; each in
  one procedure, counter, officer (who recorded it), channel (how its dossier was filed), method
  and month. A payment voided later is out of every total and counted in "voided" instead.
- Paid online (Decision 766 item 3.6, `DuocThanhToanTrucTuyen`, **(check)**): of the dossiers
  received in the period that carry a fee (not waiting online, not refused), the share with a
  payment (not voided) made online on the portal, whenever it was made.
- Receipts waiting: receipts of payments of the period or before, still pending at the provider,
  waiting for a paper receipt's number, or refused by the provider; their age in days today.
- Receipts cancelled: those cancelled (or whose cancellation is queued) in the period."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from app.domain.report import share

RULES = (
    "Cách tính: số đã thu là các khoản nộp ghi nhận trong kỳ (theo ngày nộp), không tính khoản đã hủy; "
    "theo thủ tục và hình thức nộp hồ sơ của hồ sơ, theo quầy thu, theo cán bộ ghi nhận khoản nộp, theo "
    "hình thức nộp tiền và theo tháng. Khoản nộp trong kỳ bị hủy sau đó tính riêng ở mục «Khoản nộp đã hủy». "
    "Tỷ lệ thanh toán trực tuyến (chỉ số 3.6, Quyết định 766/QĐ-TTg, cần kiểm tra): trong các hồ sơ tiếp nhận "
    "trong kỳ có phí, lệ phí (trừ hồ sơ trực tuyến chờ tiếp nhận và hồ sơ từ chối tiếp nhận), tỷ lệ hồ sơ có "
    "khoản nộp trực tuyến trên cổng (không bị hủy), nộp vào bất kỳ lúc nào. Biên lai chưa phát hành: biên lai "
    "của các khoản nộp đến hết kỳ còn chờ nhà cung cấp, chờ số biên lai giấy hoặc bị nhà cung cấp từ chối; "
    "số ngày chờ tính đến hôm nay. Biên lai đã hủy: hủy (hoặc chờ hủy) trong kỳ.")
NO_PAYMENT = "Không có khoản nộp nào trong kỳ báo cáo."
NO_COUNTER = "Không gắn với quầy nào"
NO_OFFICER = "Không rõ người thu"
WAITING_STATES = ("pending", "unissued", "failed")
CANCELLED_STATES = ("cancelled", "cancel_pending")  # named as in app/services/fees/receipt_states.py


@dataclass(frozen=True)
class FeeRow:
    """A slice of the money collected: a procedure (key: its code), a counter (its number), an
    officer (login), a channel or method (its code), a month ("2026-03", label "03/2026")."""

    key: str
    label: str
    count: int = 0
    amount: int = 0


@dataclass(frozen=True)
class OnlineShareRow:
    """Dossiers received with a fee, and of them those paid online: one channel's, or the total."""

    key: str
    label: str
    with_fee: int = 0
    paid_online: int = 0

    @property
    def share(self) -> float | None:
        return share(self.paid_online, self.with_fee)


@dataclass(frozen=True)
class WaitingReceipt:
    receipt_id: int
    dossier_code: str
    state: str
    state_label: str
    amount: int
    payer_name: str
    created_at: datetime
    age_days: int
    last_error: str | None


@dataclass(frozen=True)
class CancelledReceipt:
    receipt_id: int
    dossier_code: str
    identifier: str
    state_label: str
    amount: int
    cancelled_at: datetime
    reason: str
    cancelled_by: str


@dataclass(frozen=True)
class VoidedPayment:
    payment_id: int
    dossier_code: str
    amount: int
    method_label: str
    paid_at: datetime
    voided_at: datetime
    reason: str
    voided_by: str


@dataclass(frozen=True)
class FeeReport:
    start: date
    end: date  # inclusive
    generated_at: datetime
    agency_name: str
    counter_label: str | None  # the counter the report is narrowed to, None: every counter
    count: int  # payments collected (not voided)
    amount: int
    by_procedure: list[FeeRow] = field(default_factory=list)
    by_counter: list[FeeRow] = field(default_factory=list)
    by_officer: list[FeeRow] = field(default_factory=list)
    by_channel: list[FeeRow] = field(default_factory=list)
    by_method: list[FeeRow] = field(default_factory=list)
    by_month: list[FeeRow] = field(default_factory=list)
    online: OnlineShareRow = field(default_factory=lambda: OnlineShareRow("", "Tổng cộng"))
    online_by_channel: list[OnlineShareRow] = field(default_factory=list)
    waiting: list[WaitingReceipt] = field(default_factory=list)
    cancelled: list[CancelledReceipt] = field(default_factory=list)
    voided: list[VoidedPayment] = field(default_factory=list)

    @property
    def voided_count(self) -> int:
        return len(self.voided)

    @property
    def voided_amount(self) -> int:
        return sum(v.amount for v in self.voided)

    def waiting_by_state(self) -> dict[str, int]:
        """How many receipts wait in each state (every state named, 0 when none)."""
        out = dict.fromkeys(WAITING_STATES, 0)
        for r in self.waiting:
            out[r.state] += 1
        return out

    def as_dict(self) -> dict:
        """What `motcua fees report --json` prints: moments in ISO, amounts in đồng."""
        def rows(items) -> list[dict]:
            return [{k: (v.isoformat() if isinstance(v, datetime | date) else v) for k, v in asdict(i).items()}
                    for i in items]

        def online(r: OnlineShareRow) -> dict:
            return {"key": r.key, "label": r.label, "with_fee": r.with_fee, "paid_online": r.paid_online,
                    "share": r.share}

        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "generated_at": self.generated_at.isoformat(), "agency_name": self.agency_name,
                "counter": self.counter_label, "count": self.count, "amount": self.amount,
                "by_procedure": rows(self.by_procedure), "by_counter": rows(self.by_counter),
                "by_officer": rows(self.by_officer), "by_channel": rows(self.by_channel),
                "by_method": rows(self.by_method), "by_month": rows(self.by_month),
                "online_payment": {**online(self.online), "by_channel": [online(r) for r in self.online_by_channel]},
                "receipts_waiting": {"by_state": self.waiting_by_state(), "receipts": rows(self.waiting)},
                "receipts_cancelled": rows(self.cancelled),
                "voided": {"count": self.voided_count, "amount": self.voided_amount, "payments": rows(self.voided)},
                "rules": RULES}

"""The digitization figures an office is scored on (Decision 766/QĐ-TTg group 4, DOMAIN.md §12, §13),
as the supervisors' report carries them: plain records, no database, no Qt.

The rules (stated in the exports' footnote, `RULES`):
- Digitized at intake: of the dossiers received in the period (waiting online dossiers and those
  refused at intake are never received), those whose every received paper line that must be
  digitized was scanned or reused. A line "shown only" (xuất trình) or "exempt" (with its reason:
  verification results, classified papers) need not be digitized (DOMAIN.md §13). A line not yet
  decided, or "not digitized" even with a reason, holds the dossier back. Dossiers filed online are
  exempt as a whole (their papers came as files), and so is a dossier with no paper line that
  must be digitized: both are outside the denominator and counted in `exempt_online` and
  `no_paper`, so that received = exempt_online + no_paper + intake_due.
- Results digitized: of the dossiers whose result was ready in the period (`finished_at`, as
  "resolved" in the report), those with at least one result file; every channel.
- Documents reused: of the received lines scanned or reused (the digitized lines) of the dossiers
  received in person or by post in the period (online ones are exempt, as above), those reused; of them, how many came from the citizen's
  store on the national portal (DuocLayTuKhoDMQG, item 4.4).
- An officer's figures are those of the dossiers they received (`received_by`), results included;
  a month's are by the month received, results by the month they were ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from app.domain.report import share

RULES = (
    "Cách tính: (1) Số hóa khi tiếp nhận: hồ sơ tiếp nhận trong kỳ có mọi thành phần giấy đã nhận được "
    "quét hoặc tái sử dụng tệp đã có, trên số hồ sơ phải số hóa. Thành phần chỉ xuất trình hoặc không phải "
    "số hóa (có ghi lý do) không phải số hóa; thành phần chưa ghi nhận hoặc chưa số hóa (dù có lý do) chưa "
    "đạt. Hồ sơ nộp trực tuyến và hồ sơ không có thành phần giấy nào phải số hóa không tính vào mẫu số. "
    "(2) Kết quả được số hóa: hồ sơ có kết quả trong kỳ có ít nhất một tệp kết quả, trên số hồ sơ có kết "
    "quả trong kỳ. (3) Tái sử dụng: thành phần tái sử dụng (từ kho của cơ quan hoặc kho dữ liệu của công "
    "dân trên Cổng DVCQG) trên số thành phần đã số hóa của hồ sơ tiếp nhận trực tiếp hoặc qua bưu chính trong kỳ. Theo cán bộ: người "
    "tiếp nhận hồ sơ; theo tháng: tháng tiếp nhận, riêng kết quả theo tháng có kết quả. "
    "Tỷ lệ «–»: không có mẫu số.")


@dataclass
class DigitizationCounts:
    """The numerators and denominators of one slice (the office, an officer, a procedure, a month)."""

    received: int = 0  # dossiers received in the period
    exempt_online: int = 0  # of them filed online: exempt as a whole
    no_paper: int = 0  # in person or by post with no paper line to digitize
    intake_due: int = 0  # the rest: the intake share's denominator
    intake_done: int = 0  # of them, every paper line scanned or reused
    lines_digitized: int = 0  # received lines scanned or reused (in person or by post)
    lines_reused: int = 0  # of them reused (local or portal)
    lines_reused_portal: int = 0  # of those, from the citizen's store on the national portal
    results: int = 0  # dossiers whose result was ready in the period
    results_with_file: int = 0  # of them with at least one result file

    @property
    def intake_share(self) -> float | None:
        return share(self.intake_done, self.intake_due)

    @property
    def result_share(self) -> float | None:
        return share(self.results_with_file, self.results)

    @property
    def reuse_share(self) -> float | None:
        return share(self.lines_reused, self.lines_digitized)

    def add(self, other: DigitizationCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def any(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)

    def as_dict(self) -> dict:
        return {**asdict(self), "intake_share": self.intake_share, "result_share": self.result_share,
                "reuse_share": self.reuse_share}


@dataclass
class DigitizationRow:
    """An officer (key = login, "" when unknown), a procedure (its code) or a month ("2026-03")."""

    key: str
    label: str
    counts: DigitizationCounts = field(default_factory=DigitizationCounts)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, **self.counts.as_dict()}


@dataclass
class DigitizationFigures:
    total: DigitizationCounts
    by_officer: list[DigitizationRow]
    by_procedure: list[DigitizationRow]
    by_month: list[DigitizationRow]  # every month of the period, even an empty one

    def as_dict(self) -> dict:
        return {"total": self.total.as_dict(), "by_officer": [r.as_dict() for r in self.by_officer],
                "by_procedure": [r.as_dict() for r in self.by_procedure],
                "by_month": [r.as_dict() for r in self.by_month]}

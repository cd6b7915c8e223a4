"""The citizens' satisfaction ratings and the notices sent to them, as the supervisors' report
carries them beside its yearly figures (app/services/reports/satisfaction.py fills them): plain
records, no database, no Qt.

The rules (stated under the tables and in the exports, `RULES`):
- A rating counts in the period it was asked (`asked_at`): asked = rated + no rating + still
  waiting for the citizen. The average and the share satisfied are over the rated ones only: a
  service the citizen did not rate is never a score.
- Satisfied or better: a score of at least `SATISFIED_AT` (4, "Hài lòng"), over the rated.
- The reasons are the criteria the citizen chose with a low score: a rating may give several, so
  they do not add up to the ratings.
- By officer: who served; by counter: where; by procedure: the dossier's (a queue service with no
  dossier has none); by month: the month asked.
- A notice counts in the period it was written (`created_at`), by its channel and its state now:
  pending (still to be sent or retried), sent, delivered, failed (refused for good), cancelled."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.notices import CANCELLED, CHANNELS, DELIVERED, FAILED, PENDING, SENT
from app.domain.notices import channel_label as channel_label
from app.domain.ratings import SATISFIED_AT, SCORES
from app.domain.report import share

# The notices' states the tables count, each a field of NoticeCounts.
NOTICE_STATES = (PENDING, SENT, DELIVERED, FAILED, CANCELLED)
NO_OFFICER = "Không rõ cán bộ"
NO_COUNTER = "Không rõ quầy"
NO_PROCEDURE = "Không gắn với hồ sơ"

RULES = (
    "Cách tính: đánh giá tính theo thời điểm đề nghị đánh giá trong kỳ; số đề nghị = đã đánh giá + không "
    "đánh giá (hết thời gian) + đang chờ. Điểm trung bình và tỷ lệ hài lòng tính trên số đã đánh giá; "
    "hài lòng trở lên: điểm 4 hoặc 5. Lý do: tiêu chí công dân chọn khi đánh giá thấp, mỗi đánh giá có thể "
    "chọn nhiều tiêu chí; tỷ lệ của một lý do tính trên số đánh giá dưới mức hài lòng. Theo cán bộ: người phục vụ; theo thủ tục: thủ tục của hồ sơ; theo tháng: tháng đề "
    "nghị đánh giá. Thông báo tính theo thời điểm lập trong kỳ, theo kênh và trạng thái hiện tại. "
    "Tỷ lệ «–»: không có mẫu số.")


def score_label(score: int) -> str:
    return SCORES.get(score, str(score))


def channels() -> tuple[str, ...]:
    """Every channel a notice may use, in the order they are offered."""
    return tuple(CHANNELS)


@dataclass
class RatingCounts:
    """The ratings of one slice (the office, an officer, a counter, a procedure, a month)."""

    asked: int = 0  # asked in the period, whatever became of it
    rated: int = 0
    no_rating: int = 0  # the screen timed out: never a score
    waiting: int = 0  # still on the screen (asked, not yet answered or timed out)
    score_sum: int = 0
    scores: dict[int, int] = field(default_factory=lambda: {s: 0 for s in sorted(SCORES, reverse=True)})
    reasons: dict[str, int] = field(default_factory=dict)  # criterion key -> times chosen (the office's total only)

    @property
    def satisfied(self) -> int:
        return sum(n for s, n in self.scores.items() if s >= SATISFIED_AT)

    @property
    def satisfied_share(self) -> float | None:
        return share(self.satisfied, self.rated)

    @property
    def average(self) -> float | None:
        return share(self.score_sum, self.rated)

    @property
    def below(self) -> int:
        """Rated below "satisfied": the ratings asked for their reasons."""
        return self.rated - self.satisfied

    @property
    def rated_share(self) -> float | None:
        return share(self.rated, self.asked)

    def score(self, s: int) -> int:
        return self.scores.get(s, 0)

    def add(self, other: RatingCounts) -> None:
        for name in ("asked", "rated", "no_rating", "waiting", "score_sum"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for s, n in other.scores.items():
            self.scores[s] = self.scores.get(s, 0) + n
        for k, n in other.reasons.items():
            self.reasons[k] = self.reasons.get(k, 0) + n

    def as_dict(self) -> dict:
        return {"asked": self.asked, "rated": self.rated, "no_rating": self.no_rating, "waiting": self.waiting,
                "scores": {str(s): n for s, n in self.scores.items()}, "reasons": dict(self.reasons),
                "satisfied": self.satisfied, "satisfied_share": self.satisfied_share, "average": self.average}


@dataclass
class RatingRow:
    """An officer (key = login, "" when unknown), a counter (its number), a procedure (its code,
    "" for services without a dossier) or a month ("2026-03", label "03/2026")."""

    key: str
    label: str
    counts: RatingCounts = field(default_factory=RatingCounts)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, **self.counts.as_dict()}


@dataclass(frozen=True)
class ReasonRow:
    key: str  # the criterion key (Rating.reasons)
    label: str
    count: int
    share: float | None  # times chosen over the ratings below "satisfied" (those asked for reasons)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "count": self.count, "share": self.share}


@dataclass
class NoticeCounts:
    written: int = 0
    pending: int = 0
    sent: int = 0
    delivered: int = 0
    failed: int = 0
    cancelled: int = 0

    @property
    def delivered_share(self) -> float | None:
        """Delivered over those that left (sent, delivered or failed)."""
        return share(self.delivered, self.sent + self.delivered + self.failed)

    @property
    def failed_share(self) -> float | None:
        return share(self.failed, self.sent + self.delivered + self.failed)

    def add(self, other: NoticeCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {
            "delivered_share": self.delivered_share, "failed_share": self.failed_share}


@dataclass
class NoticeRow:
    key: str  # the channel
    label: str
    counts: NoticeCounts = field(default_factory=NoticeCounts)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, **self.counts.as_dict()}


@dataclass
class SatisfactionFigures:
    total: RatingCounts
    by_officer: list[RatingRow]
    by_counter: list[RatingRow]
    by_procedure: list[RatingRow]
    by_month: list[RatingRow]  # every month of the period, even one without a rating
    reasons: list[ReasonRow]  # every criterion chosen in the period, most chosen first
    notices: list[NoticeRow]  # every channel, then any other one found
    notices_total: NoticeCounts
    officer_login: str | None = None  # narrowed to one officer (its ratings; notices are the office's)

    def as_dict(self) -> dict:
        return {"total": self.total.as_dict(), "by_officer": [r.as_dict() for r in self.by_officer],
                "by_counter": [r.as_dict() for r in self.by_counter],
                "by_procedure": [r.as_dict() for r in self.by_procedure],
                "by_month": [r.as_dict() for r in self.by_month], "reasons": [r.as_dict() for r in self.reasons],
                "notices": [r.as_dict() for r in self.notices], "notices_total": self.notices_total.as_dict(),
                "officer": self.officer_login}


def average_text(value: float | None) -> str:
    """An average score as the exports and the desk show it: "4,25"; "–" when nothing was rated."""
    return "–" if value is None else f"{value:.2f}".replace(".", ",")

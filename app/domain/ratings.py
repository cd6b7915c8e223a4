"""The citizen's rating of a service at the counter (issue 23 §1): the five-level scale, when the
reasons are asked, the occasions a rating is asked on and the states of a rating. Pure data and
rules; the services (app/services/ratings/) and the reports read the same names."""

from __future__ import annotations

import re

# The five levels the rating screen shows, best first on the keypad's top row.
SCORES: dict[int, str] = {
    5: "Rất hài lòng",
    4: "Hài lòng",
    3: "Bình thường",
    2: "Không hài lòng",
    1: "Rất không hài lòng",
}
SATISFIED_AT = 4  # "satisfied or better": the share the reports give
REASONS_AT = 3  # reasons (criteria) are asked at this score or lower

OCCASIONS: dict[str, str] = {"service": "Phục vụ tại quầy", "return": "Trả kết quả"}

ASKED, RATED, NO_RATING = "asked", "rated", "no_rating"
STATES: dict[str, str] = {ASKED: "Chưa đánh giá", RATED: "Đã đánh giá", NO_RATING: "Không đánh giá"}

SOURCES = ("screen", "keypad")  # where an answer came from (Rating.source)

# A criterion's key: English snake_case, stored in ratings.reasons and sent to the portal.
CRITERION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_CRITERIA = 20
MAX_LABEL = 200


def answer_problem(score: object, reasons: object, criteria: dict[str, str]) -> str | None:
    """Why (score, reasons) is not a valid answer, in Vietnamese; None when it is one. `criteria`:
    the office's criteria (key → label) the reasons must come from."""
    if not isinstance(score, int) or isinstance(score, bool) or score not in SCORES:
        return "Mức đánh giá phải từ 1 đến 5."
    if not isinstance(reasons, list | tuple) or not all(isinstance(r, str) for r in reasons):
        return "Lý do đánh giá phải là danh sách các tiêu chí."
    if reasons and score > REASONS_AT:
        return f"Chỉ chọn lý do khi đánh giá từ mức {REASONS_AT} trở xuống."
    unknown = [r for r in reasons if r not in criteria]
    if unknown:
        return f"Lý do «{unknown[0][:40]}» không có trong các tiêu chí đánh giá."
    if len(set(reasons)) != len(reasons):
        return "Mỗi lý do chỉ chọn một lần."
    return None


def note_for(score: int, reason_labels: list[str]) -> str:
    """What the dossier's history shows beside "Công dân đánh giá": the level, then the reasons."""
    text = SCORES[score]
    return f"{text}. Chưa hài lòng về: {'; '.join(reason_labels)}" if reason_labels else text

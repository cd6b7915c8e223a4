"""The shape of the report agencies publish every period (DOMAIN.md §2): plain records that the
services fill, the desk draws, and the exports write. No database, no Qt.

Which moment anchors each figure (as in the official "tình hình giải quyết TTHC" forms):
- received, by channel, level or class, and by how the filer's identity was checked: dossiers
  received in the period (`received_at`); online dossiers still waiting to be accepted and those
  refused at intake are counted apart. Online levels 3/4 (Decree 43/2011) belong to the historical
  series: a period that starts before the class list's `classes_from` counts levels, a later one
  the online-service class of the catalog (resources/data/online_classes.json, data because its
  decree was reportedly repealed on 01/7/2026);
- asked for a supplement again: dossiers whose second (or later) supplement request was made in the
  period (Decree 118/2025 Art. 11 allows one);
- resolved early / on time / late: dossiers whose result was ready in the period (`finished_at`);
- open and overdue: dossiers still being processed at the end of the period; carried over: at its start;
- returned and returned by post: results handed back in the period (`returned_at`);
- guided: citizens a volunteer guide helped to file online in the period."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from app.domain.vocab import Channel
from app.errors import UserError
from app.paths import RESOURCES

if TYPE_CHECKING:
    from app.domain.digitization_report import DigitizationFigures

ONLINE_CLASSES_FILE = RESOURCES / "data" / "online_classes.json"
# How the filer's identity was checked (Dossier.identity_check), as the report counts it; None in
# the column (not recorded) is "unrecorded".
IDENTITY_FIELDS = {"card_seen": "id_card_seen", "card_qr": "id_card_qr", "vneid": "id_vneid",
                   "passport": "id_passport", None: "id_unrecorded"}


@dataclass(frozen=True)
class OnlineClass:
    code: str  # as the catalog writes it (Procedure.process_class)
    label: str
    portal_whole_process: bool | None = None  # the portal's ToanTrinh flag that means this class


@dataclass(frozen=True)
class OnlineClasses:
    """The online-service classes current reports count, and from when (the data file)."""

    classes_from: date
    classes: tuple[OnlineClass, ...]

    def label(self, code: str) -> str:
        return next((c.label for c in self.classes if c.code == code), code)

    def of_portal_flag(self, whole: bool | None) -> str | None:
        return next((c.code for c in self.classes if whole is not None and c.portal_whole_process is whole), None)


@cache
def online_classes(path=ONLINE_CLASSES_FILE) -> OnlineClasses:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return OnlineClasses(date.fromisoformat(data["classes_from"]),
                         tuple(OnlineClass(c["code"], c["label"], c.get("portal_whole_process"))
                               for c in data["classes"]))


def share(part: int, whole: int) -> float | None:
    """`part` over `whole`, or None when there is nothing to divide (shown as "–", never 0 %)."""
    return part / whole if whole else None


@dataclass(frozen=True)
class ReportFilter:
    start: date
    end: date  # inclusive
    procedure_code: str | None = None
    sector_code: str | None = None
    channel: Channel | None = None
    counter_id: int | None = None

    def check(self) -> ReportFilter:
        """Refuse a period that ends before it starts (the service and the command line alike)."""
        if self.end < self.start:
            raise UserError("Ngày cuối của kỳ báo cáo phải sau hoặc bằng ngày đầu.")
        return self


@dataclass
class Counts:
    """Every count the report shows for one slice (the whole office, a procedure, an officer…)."""

    received: int = 0
    online: int = 0
    in_person: int = 0
    post: int = 0
    level3: int = 0  # online dossiers by the procedure's level (Decree 43/2011): historical periods
    level4: int = 0
    # Online dossiers by the catalog's online-service class code (current periods), e.g.
    # {"toan_trinh": 3, "mot_phan": 1}; one with no class is in `online` only.
    online_class: dict[str, int] = field(default_factory=dict)
    repeat_supplement: int = 0  # asked for a supplement again in the period (Decree 118 Art. 11)
    id_card_seen: int = 0  # received, by how the filer's identity was checked: the card seen
    id_card_qr: int = 0  # its QR read
    id_vneid: int = 0  # a VNeID level-2 account (Decision 766 item 4.5)
    id_passport: int = 0
    id_unrecorded: int = 0
    waiting_online: int = 0  # filed online in the period, not yet accepted
    refused: int = 0  # refused at intake in the period (never received)
    carried_over: int = 0  # being processed when the period began
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0  # being processed when the period ended
    open_overdue: int = 0
    returned: int = 0
    returned_by_post: int = 0
    returned_online: int = 0
    guided: int = 0  # helped to file online at the guide desk

    @property
    def online_share(self) -> float | None:
        return share(self.online, self.received)

    @property
    def on_time_share(self) -> float | None:
        """Resolved early or on time over all resolved."""
        return share(self.early + self.on_time, self.resolved)

    @property
    def post_share(self) -> float | None:
        return share(self.returned_by_post, self.returned)

    @property
    def vneid_share(self) -> float | None:
        """Dossiers whose filer was verified with a VNeID level-2 account over all received."""
        return share(self.id_vneid, self.received)

    def figure(self, name: str) -> int:
        """A count by name; "class:<code>" is the online dossiers of that class."""
        if name.startswith("class:"):
            return self.online_class.get(name[6:], 0)
        return getattr(self, name)

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            if name == "online_class":
                for code, n in other.online_class.items():
                    self.online_class[code] = self.online_class.get(code, 0) + n
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {**asdict(self), "online_share": self.online_share, "on_time_share": self.on_time_share,
                "post_share": self.post_share, "vneid_share": self.vneid_share}


@dataclass
class Row:
    """One slice of the report: a procedure (key = its code), a sector (its code), an officer
    (login), a counter (its number) or a month ("2026-03")."""

    key: str
    label: str
    counts: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, **self.counts.as_dict()}


@dataclass(frozen=True)
class TimeStats:
    """Minutes: mean, median and 90th percentile (nearest rank); None when no sample."""

    count: int
    mean: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class QueueRow:
    """Queue tickets of one service group (hour None: the whole day; else tickets issued in that
    hour). Waiting: issued to reaching the counter; service: from then to done."""

    group_code: str
    group_name: str
    hour: int | None
    issued: int
    served: int
    no_show: int
    waiting: TimeStats
    service: TimeStats

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class YearRow:
    """The seed articles' series: dossiers received in a year, how many online, and for the years
    before the online classes (the historical series) how many at level 3 / 4; None after."""

    year: int
    received: int
    online: int
    level3: int | None
    level4: int | None

    @property
    def online_share(self) -> float | None:
        """Online level-3 and level-4 dossiers over all dossiers, as the articles report it; from
        the class years on, every online dossier."""
        if self.level3 is None or self.level4 is None:
            return share(self.online, self.received)
        return share(self.level3 + self.level4, self.received)

    def as_dict(self) -> dict:
        return {**asdict(self), "online_share": self.online_share}


@dataclass
class Report:
    filter: ReportFilter
    generated_at: datetime
    agency_name: str
    unit_code: str
    total: Counts
    by_month: list[Row]
    by_procedure: list[Row]
    by_sector: list[Row]
    by_officer: list[Row]  # received (received_by) and, for guides, citizens guided
    by_counter: list[Row]  # received and returned at each counter
    queue: list[QueueRow]  # each group's whole day (hour None), then its hours
    years: list[YearRow]  # five years up to the period's end (or from its start, if longer)
    filter_labels: dict[str, str] = field(default_factory=dict)  # the filters in words, for headings
    # The online-service classes a current period counts (code, label), in the data file's order.
    online_classes: list[tuple[str, str]] = field(
        default_factory=lambda: [(c.code, c.label) for c in online_classes().classes])
    # The digitization figures (app/domain/digitization_report.py); None in a report made without them.
    digitization: DigitizationFigures | None = None

    @property
    def historical(self) -> bool:
        """A period before the online classes: its online dossiers are counted by level 3 / 4."""
        return self.filter.start < online_classes().classes_from

    def as_dict(self) -> dict:
        """Every figure, JSON-ready: what `motcua report --format json` prints."""
        f = self.filter
        return {
            "agency": {"name": self.agency_name, "unit_code": self.unit_code},
            "period": {"from": f.start.isoformat(), "to": f.end.isoformat()},
            "filter": {"procedure": f.procedure_code, "sector": f.sector_code,
                       "channel": int(f.channel) if f.channel else None, "counter_id": f.counter_id,
                       "labels": self.filter_labels},
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "historical": self.historical,
            "online_classes": [{"code": c, "label": label} for c, label in self.online_classes],
            "total": self.total.as_dict(),
            "by_month": [r.as_dict() for r in self.by_month],
            "by_procedure": [r.as_dict() for r in self.by_procedure],
            "by_sector": [r.as_dict() for r in self.by_sector],
            "by_officer": [r.as_dict() for r in self.by_officer],
            "by_counter": [r.as_dict() for r in self.by_counter],
            "queue": [q.as_dict() for q in self.queue],
            "years": [y.as_dict() for y in self.years],
            "digitization": self.digitization.as_dict() if self.digitization else None,
        }

"""Synthetic dossiers for demos, training and benchmarks (`motcua demo-data`).

Deterministic for a given seed and end date. Every dossier is flagged `is_demo`, so it never
reaches the portal outbox. Rows are written with bulk Core inserts in chunks: each chunk is one
transaction holding its dossiers, their documents, fees and history events, the day sequences it
used, and one audit record, so an interrupted run leaves only complete dossiers behind. The
lifecycle follows the TrangThaiHoSo code list: old dossiers are mostly returned, recent ones are
still being processed, and online filing grows over the years as it does in the national figures.
Addresses follow the 2025 reform: dossiers received before 01/7/2025 carry an old ward and district
of the old Vĩnh Long province, later ones a commune of the office's province (the new Vĩnh Long,
former Bến Tre and Trà Vinh included), sometimes converted from an ID card's old address. Staff
act on working days only: no event falls on a day off of the office's calendar.
"""

from __future__ import annotations

import json
import random
import uuid as uuidlib
from collections import Counter as Tally
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import itemgetter

from sqlalchemy import JSON, Date, DateTime, func, literal_column, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.clock import VN_TZ, now_local
from app.domain import address as units
from app.domain.applicant import cccd_provinces
from app.domain.calendar import WorkingCalendar
from app.domain.codes import MAX_DAILY_SEQUENCE, format_dossier_code
from app.domain.fees import amount_for
from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.vocab import ApplicantKind, Channel, DossierStatus, ResultMethod, Role, TimeUnit
from app.errors import UserError
from app.formatting import money
from app.services import demo_names as N
from app.services.demo_digitization import FROM as DIGITIZED_FROM
from app.services.demo_digitization import attach_files, demo_file_in, line_states
from app.services.dossiers.ledger import book_for, books_in
from app.services.journal import audit
from app.services.sequences import reserve_yearly
from app.services.settings.calendar import calendar_in, parse_cutoff
from db.engine import Database
from db.models import (
    Agency,
    Counter,
    CounterClosing,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFee,
    DossierPayment,
    DossierSequence,
    Procedure,
    User,
)

MAX_DOSSIERS = 5_000_000
REFORM_DAY = date(2025, 7, 1)  # two-tier local government: no districts, 34 provinces
DEMO_PROVINCE = "86"  # Vĩnh Long, when the office's own province cannot be read from its settings
CHUNK = 50_000
S = DossierStatus
# Vietnam's clock at the Unix epoch: UTC+7 without summer time since 1975, so a UUID's milliseconds
# are plain arithmetic on a naive local moment (zoneinfo's lookup cost a tenth of a build).
_EPOCH_VN = datetime(1970, 1, 1, 7, 0)
_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class _Proc:
    id: int
    name: str
    amount: float
    unit: TimeUnit
    cutoff: time | None
    fees: tuple[tuple[str, int, str, int | None], ...]  # name, amount, kind, online amount
    documents: tuple[tuple[str, int, int, bool], ...]
    sector: str = ""  # MaLinhVuc: which ledger book (Form 07) the dossier is entered in


@dataclass
class _Context:
    agency_id: int
    unit_code: str
    procedures: list[_Proc]
    staff: list[tuple[int | None, int | None]]  # (user id, counter id) of the officers
    calendar: WorkingCalendar
    provinces: list[str]
    now: datetime
    existing: int  # highest dossier id before this run
    province: units.Province  # the office's, post-reform


def _load(session: Session, until: datetime) -> _Context:
    agency = session.scalar(select(Agency).order_by(Agency.id).limit(1))
    if agency is None:
        raise UserError("Chưa khai báo cơ quan tiếp nhận: không tạo được hồ sơ mẫu.")
    procs = [
        _Proc(p.id, p.name, p.time_value, TimeUnit(p.time_unit), parse_cutoff(p.cutoff),
              tuple((f.name, f.amount, f.kind, f.online_amount) for f in p.fees),
              tuple((d.name, d.originals, d.copies, d.mandatory) for d in p.documents), p.sector_code)
        for p in session.scalars(select(Procedure).where(Procedure.active).order_by(Procedure.id))
    ]
    if not procs:
        raise UserError("Danh mục thủ tục đang trống: nạp danh mục trước khi tạo hồ sơ mẫu.")
    officers = session.scalars(select(User.id).where(User.role == Role.OFFICER.value).order_by(User.id)).all()
    counters = session.scalars(select(Counter.id).where(Counter.agency_id == agency.id).order_by(Counter.number)).all()
    staff = [(u, counters[i % len(counters)] if counters else None) for i, u in enumerate(officers)] or [(None, None)]
    provinces = sorted(cccd_provinces())
    existing = session.scalar(select(func.coalesce(func.max(Dossier.id), 0)))
    province = (units.province_named(agency.place_name) or units.province_named(agency.address)
                or units.province(DEMO_PROVINCE))
    return _Context(agency.id, agency.unit_code, procs, staff, calendar_in(session), provinces, until, existing,
                    province)


def _days(rng: random.Random, ctx: _Context, count: int, years: int) -> list[tuple[date, int]]:
    """How many dossiers each working day receives: busier towards the present."""
    end = ctx.now.date() if ctx.now.time() > time(7, 31) else ctx.now.date() - timedelta(days=1)
    start = end - timedelta(days=365 * years)
    working = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    working = [d for d in working if ctx.calendar.is_working_day(d)]
    weights = [1.0 + i / len(working) for i in range(len(working))]
    tally = Tally(rng.choices(working, weights=weights, k=count))
    if max(tally.values()) > MAX_DAILY_SEQUENCE:
        raise UserError(f"Quá nhiều hồ sơ mẫu cho {years} năm: tối đa {MAX_DAILY_SEQUENCE} hồ sơ mỗi ngày.")
    return sorted(tally.items())


class _Maker:
    """Builds one dossier's rows (without its id and code, which the chunk writer assigns)."""

    def __init__(self, rng: random.Random, ctx: _Context, years: int):
        self.rng, self.ctx = rng, ctx
        # UUIDs come from their own generator salted with what the database already holds, so
        # running the same seed twice adds new dossiers instead of colliding with the old ones.
        self.ids = random.Random(f"{rng.random()}/{ctx.existing}")
        # The steps' stated facts too: drawing them from `rng` would shift every later dossier.
        self.said = random.Random(f"facts/{ctx.existing}")
        # Payments (issue 25) from their own generator too, for the same reason.
        self.payer = random.Random(f"payments/{ctx.existing}")
        self.surnames = [s for s, _ in N.SURNAMES]
        self.surname_weights = [w for _, w in N.SURNAMES]
        self.span = years * 365
        self._due_cache: dict[tuple[datetime, int], datetime] = {}
        self.communes = units.communes(ctx.province.code)
        by_name = {c.name: c for c in self.communes}
        old_here = ctx.province.code == DEMO_PROVINCE  # the old pairs are Vĩnh Long's
        self.old_places = [p for p in N.OLD_PLACES if p[2] == "Vĩnh Long"] if old_here else []
        self.converted = [(p, by_name[p[3]]) for p in N.OLD_PLACES if p[3] in by_name] if old_here else []
        self.latest = _latest_office_moment(ctx.calendar, ctx.now)
        self.days = _Days(ctx.calendar)
        self._folded: dict[str, str] = {}

    def fold(self, name: str) -> str:
        """fold(name), remembered (names repeat; a bounded cache)."""
        folded = self._folded.get(name)
        if folded is None:
            if len(self._folded) > 200_000:
                self._folded.clear()
            folded = self._folded[name] = fold(name)
        return folded

    def uuid(self, at: datetime) -> str:
        """A version-7 UUID (RFC 9562: time first, then seeded random bits). Keys that follow
        time land at the end of their unique index instead of all over it, which is what
        keeps a million-row run fast; uuid4 would also not be reproducible."""
        if at.tzinfo is None and at.year >= 1976 and not at.microsecond:
            ms = (at - _EPOCH_VN) // _MS  # the same value as below, without zoneinfo
        else:
            ms = int(at.replace(tzinfo=VN_TZ).timestamp() * 1000)
        h = f"{ms:012x}{self.ids.getrandbits(80):020x}"
        return f"{h[:8]}-{h[8:12]}-7{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"

    def person(self) -> tuple[str, str, date, str]:
        r = self.rng
        sex = "Nam" if r.random() < 0.48 else "Nữ"
        middle, given = (N.MIDDLE_MALE, N.GIVEN_MALE) if sex == "Nam" else (N.MIDDLE_FEMALE, N.GIVEN_FEMALE)
        name = f"{r.choices(self.surnames, self.surname_weights)[0]} {r.choice(middle)} {r.choice(given)}"
        birth = date(r.randint(1945, 2006), r.randint(1, 12), r.randint(1, 28))
        province = "086" if r.random() < 0.7 else r.choice(self.ctx.provinces)
        digit = (birth.year // 100 - 19) * 2 + (0 if sex == "Nam" else 1)
        cccd = f"{province}{digit}{birth.year % 100:02d}{r.randrange(10**6):06d}"
        return name, cccd, birth, sex

    def street(self, urban: bool) -> str:
        r = self.rng
        return f"Số {r.randint(1, 250)} đường {r.choice(N.STREETS)}" if urban else r.choice(N.HAMLETS)

    def address(self, day: date) -> tuple[str, str | None, str | None, str | None]:
        """(address, province code, commune code, old address as given) for a dossier received on `day`."""
        r, province = self.rng, self.ctx.province
        if day < REFORM_DAY and self.old_places:
            ward, district, old_province, _ = r.choice(self.old_places)
            street = self.street(not ward.startswith("Xã"))
            return f"{street}, {ward}, {district}, tỉnh {old_province}", None, None, None
        if self.converted and r.random() < 0.2:  # an ID card that still gives the old address
            (ward, district, old_province, _), commune = r.choice(self.converted)
            street = self.street(not ward.startswith("Xã"))
            old = f"{street}, {ward}, {district}, tỉnh {old_province}"
            return units.compose(street, commune.code, province.code), province.code, commune.code, old
        commune = self.communes[r.randrange(len(self.communes))]
        street = self.street(commune.kind == "phường")
        return units.compose(street, commune.code, province.code), province.code, commune.code, None

    def received_moment(self, day: date, channel: Channel) -> datetime:
        r = self.rng
        if channel is Channel.ONLINE:  # filed on the portal at any hour, received next morning at the latest
            return datetime.combine(day, time(r.randint(6, 21), r.randrange(60)))
        start, span = ((7 * 60 + 30, 240) if r.random() < 0.62 else (13 * 60 + 30, 210))
        m = start + r.randrange(span)
        return datetime.combine(day, time(m // 60, m % 60))

    def due(self, received: datetime, proc: _Proc) -> datetime:
        key = (received, proc.id)
        due = self._due_cache.get(key)
        if due is None:
            if len(self._due_cache) > 200_000:
                self._due_cache.clear()
            due = self._due_cache[key] = self.ctx.calendar.due_at(received, proc.amount, proc.unit, proc.cutoff)
        return due

    def channel(self, day: date) -> Channel:
        # Online share grows from about 15 % five years ago to about half today.
        age = (self.ctx.now.date() - day).days / self.span
        online = 0.5 - 0.35 * age
        x = self.rng.random()
        return Channel.ONLINE if x < online else Channel.POST if x < online + 0.08 else Channel.IN_PERSON

    def status(self, received: datetime, due: datetime, channel: Channel) -> DossierStatus:
        r, now = self.rng, self.ctx.now
        if now - received > timedelta(days=60):
            # Long settled, but for a few forgotten ones: the overdue watch has something real to
            # show without an office looking as if tens of thousands of dossiers were late.
            return r.choices([S.RETURNED, S.RESOLVED, S.REFUSED, S.WITHDRAWN, S.STOPPED, S.PROCESSING,
                              S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION],
                             [84, 5, 3, 3, 2, 0.01, 2, 0.005])[0]
        if channel is Channel.ONLINE and now - received < timedelta(days=2) and r.random() < 0.5:
            return S.NEW
        progress = (now - received) / max(due - received, timedelta(hours=1))
        if progress >= 1:
            return r.choices([S.RETURNED, S.RESOLVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.REFUSED],
                             [72, 15, 1, 4, 3])[0]
        return r.choices([S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION,
                          S.RESOLVED, S.RETURNED, S.WITHDRAWN],
                         [20 * (1 - progress), 45, 6, 3, 12 * progress, 8 * progress, 1])[0]

    def dossier(self, day: date) -> dict:
        r, ctx = self.rng, self.ctx
        proc = ctx.procedures[r.randrange(len(ctx.procedures))]
        channel = self.channel(day)
        received = self.received_moment(day, channel)
        if received > ctx.now:  # today: only what has already come in
            opening = datetime.combine(day, time(7, 30))
            received = opening + (ctx.now - opening) * r.random()
            received = received.replace(second=0, microsecond=0)
        due = self.due(received, proc)
        status = self.status(received, due, channel)
        name, cccd, birth, sex = self.person()
        kind, representative, id_number = ApplicantKind.CITIZEN, None, cccd
        if r.random() < 0.12:
            kind, representative = ApplicantKind.BUSINESS, name
            name = f"{r.choice(N.BUSINESS_FORMS)} {r.choice(N.BUSINESS_TRADES)} {r.choice(N.BUSINESS_WORDS)}"
            id_number, birth, sex = f"15{r.randrange(10**8):08d}", None, None
        address, province_code, commune_code, address_old = self.address(day)
        method = ResultMethod.COUNTER
        x = r.random()
        if channel is Channel.POST or x < 0.10:
            method = ResultMethod.POST
        elif channel is Channel.ONLINE and x < 0.30:
            method = ResultMethod.ONLINE
        user_id, counter_id = ctx.staff[r.randrange(len(ctx.staff))]
        fee = r.choice(proc.fees) if proc.fees else None  # one tier of the rate table
        if fee:
            fee = (fee[0], amount_for(fee[1], fee[3], channel), fee[2])
        events, finished, returned = self.history(status, channel, received, due, user_id, counter_id)
        payment = self.payment(fee, status, channel, events, user_id, counter_id) if fee and fee[1] else None
        folded = self.fold(name)
        return {
            "uuid": self.uuid(received), "agency_id": ctx.agency_id, "procedure_id": proc.id, "channel": int(channel),
            "status": int(status), "applicant_kind": int(kind), "applicant_name": name,
            "applicant_name_folded": folded, "applicant_id_number": id_number,
            "applicant_birth_date": birth, "applicant_sex": sex,
            "applicant_phone": f"{r.choice(N.MOBILE_PREFIXES)}{r.randrange(10**7):07d}" if r.random() < 0.92 else None,
            "applicant_email": f"{folded.replace(' ', '.')}{r.randrange(100)}@example.vn" if r.random() < 0.3 else None,
            "applicant_address": address, "applicant_province_code": province_code,
            "applicant_commune_code": commune_code, "applicant_address_old": address_old,
            "representative": representative, "summary": proc.name,
            "sets": 1 if r.random() < 0.93 else 2, "received_at": received, "due_at": due,
            "finished_at": finished, "returned_at": returned, "result_method": method.value,
            "result_address": address if method is ResultMethod.POST else None,
            "fees_total": fee[1] if fee else 0, "fees_paid": payment["amount"] if payment else 0,
            "notes": r.choice(N.NOTES),
            "counter_id": None if channel is Channel.ONLINE else counter_id,
            "received_by": user_id, "is_demo": True, "updated_at": events[-1]["at"], "version": 1,
            "_events": events, "_proc": proc, "_fee": fee, "_payment": payment,
        }

    def payment(self, fee, status, channel, events, user_id, counter_id) -> dict | None:
        """The fee paid at reception (online: on the portal), with its history event placed after
        the first step: every returned dossier paid, most others too; none for a refused, withdrawn
        or stopped one. Recorded before this app issued receipts: no receipt row, as for payments
        migrated from before issue 25."""
        r = self.payer
        if status in (S.REFUSED, S.WITHDRAWN, S.STOPPED) or (status is not S.RETURNED and r.random() < 0.3):
            return None
        first = events[0]
        online = channel is Channel.ONLINE
        method = "online" if online and r.random() < 0.7 else "transfer" if r.random() < 0.2 else "cash"
        uuid = self.uuid(first["at"])
        at = first["at"]
        on_portal = method == "online"  # paid on the portal: no officer, no counter's drawer
        event = {"uuid": self.uuid(at), "action": "payment", "status_from": first["status_to"],
                 "status_to": first["status_to"], "at": at, "user_id": None if on_portal else user_id,
                 "counter_id": None if on_portal else counter_id,
                 "note": f"{_METHOD_LABELS[method]}: {money(fee[1])}",
                 "details": {"amount": fee[1], "method": method, "payment_uuid": uuid}}
        events.insert(1, event)
        return {"uuid": uuid, "amount": fee[1], "method": method, "paid_at": at, "event_uuid": event["uuid"],
                "recorded_by": None if on_portal else user_id, "counter_id": None if on_portal else counter_id,
                "reference": None if method == "cash" else f"DEMO{uuid[:8].upper()}"}

    def facts(self, action: str) -> tuple[str | None, dict]:
        """What the officer stated with a step, as the lifecycle stores it (no form numbers: the
        demo's letters print "Số: ……", as for letters of before the 2025 forms)."""
        r = self.said
        if action == "hand_over":
            return None, {"division": r.choice(N.DIVISIONS), "giver": "Bộ phận Một cửa", "taker": "Văn thư"}
        if action == "request_supplement":
            items = r.sample(N.SUPPLEMENT_ITEMS, r.randint(1, 2))
            return "; ".join(items), {"items": items, "reason": r.choice(N.SUPPLEMENT_REASONS),
                                      "contact_name": "Bộ phận Một cửa", "contact_phone": "02703822118"}
        if action in ("refuse", "withdraw", "stop"):
            return {"refuse": "Hồ sơ không thuộc thẩm quyền giải quyết", "withdraw": "Công dân đề nghị rút hồ sơ",
                    "stop": "Dừng theo đề nghị của cơ quan giải quyết"}[action], {}
        return None, {}

    def history(self, status, channel, received, due, user_id, counter_id):
        """The events that lead to `status`, at increasing moments no later than now."""
        r = self.rng
        steps: list[tuple[str, int | None, int]] = []
        if channel is Channel.ONLINE:
            steps.append(("submit", None, S.NEW))
        if status is S.REFUSED:
            steps.append(("refuse", steps[-1][2] if steps else None, S.REFUSED))
        elif status is not S.NEW:
            steps.append(("receive", steps[-1][2] if steps else None, S.RECEIVED))
            if status is not S.RECEIVED:
                steps.append(("hand_over", S.RECEIVED, S.PROCESSING))
            extra = {S.SUPPLEMENT_REQUESTED: "request_supplement", S.FINANCIAL_OBLIGATION: "request_payment",
                     S.WITHDRAWN: "withdraw", S.STOPPED: "stop", S.RESOLVED: "result_ready"}
            if status in extra:
                steps.append((extra[status], S.PROCESSING, status))
            elif status is S.RETURNED:
                steps += [("result_ready", S.PROCESSING, S.RESOLVED), ("return_result", S.RESOLVED, S.RETURNED)]
        # Moments: receipt first, then spread towards (or past) the due moment.
        late = r.random() < 0.1
        horizon = due + timedelta(days=r.randint(1, 12)) if late else due
        finished = returned = None
        moments, at = [], received
        for i, _ in enumerate(steps):
            if i > 0:
                remaining = max((horizon - at).total_seconds(), 600)
                at = _office_time(r, at + timedelta(seconds=r.uniform(0.2, 0.7) * remaining))
                at = _on_working_day(r, self.days, at)
                at = max(min(at, self.latest), moments[-1])
            moments.append(at)
        events = []
        for (action, before, after), at in zip(steps, moments, strict=True):
            if after is S.RESOLVED:
                finished = at
            if after is S.RETURNED:
                returned = at
            note, details = self.facts(action)
            events.append({"uuid": self.uuid(at), "action": action, "status_from": None if before is None else int(before),
                           "status_to": int(after), "at": at, "user_id": None if action == "submit" else user_id,
                           "counter_id": None if action in ("submit",) else counter_id, "note": note,
                           "details": details})
        if returned is not None and finished is None:
            finished = returned
        return events, finished, returned


class _Days:
    """The office calendar's answers, remembered: the generator asks about the same few thousand
    days millions of times (same answers, a dictionary look-up each)."""

    def __init__(self, calendar: WorkingCalendar):
        self.calendar, self._working, self._next = calendar, {}, {}

    def is_working_day(self, d: date) -> bool:
        working = self._working.get(d)
        if working is None:
            working = self._working[d] = self.calendar.is_working_day(d)
        return working

    def next_working_day(self, d: date) -> date:
        following = self._next.get(d)
        if following is None:
            following = self._next[d] = self.calendar.next_working_day(d)
        return following


def _office_time(r: random.Random, at: datetime) -> datetime:
    """Staff act in office hours: an evening moment moves to the next morning."""
    if at.hour >= 17:
        at = datetime.combine(at.date() + timedelta(days=1), time(r.randint(7, 10), r.randrange(60)))
    elif at.hour < 7:
        at = datetime.combine(at.date(), time(r.randint(7, 10), r.randrange(60)))
    return at.replace(second=0, microsecond=0)


def _on_working_day(r: random.Random, calendar: WorkingCalendar | _Days, at: datetime) -> datetime:
    """A moment on a day off moves to the next working day's morning."""
    if calendar.is_working_day(at.date()):
        return at
    return datetime.combine(calendar.next_working_day(at.date()), time(r.randint(7, 10), r.randrange(60)))


def _latest_office_moment(calendar: WorkingCalendar, now: datetime) -> datetime:
    """The last moment staff could have acted by `now`: now on a working day, else the close of the
    last working day (a demo generated on a Sunday has nothing happening that Sunday)."""
    day = now.date()
    if calendar.is_working_day(day) and now.time() >= time(7, 0):
        return now
    for _ in range(60):
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            return datetime.combine(day, time(17, 0))
    return now


def _allocate(session: Session, unit_code: str, day: date, count: int) -> int:
    """Reserve `count` numbers of a day's sequence at once; returns the first."""
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = DossierSequence.__table__
    stmt = ins(table).values(unit_code=unit_code, day=day, last_value=count).on_conflict_do_update(
        index_elements=[table.c.unit_code, table.c.day],
        set_={"last_value": table.c.last_value + literal_column(str(int(count)))},
    ).returning(table.c.last_value)
    last = int(session.execute(stmt).scalar_one())
    if last > MAX_DAILY_SEQUENCE:
        raise UserError(f"Đã hết số thứ tự hồ sơ trong ngày {day:%d/%m/%Y} (tối đa {MAX_DAILY_SEQUENCE}).")
    return last - count + 1


def _reserve_ids(session: Session, n: int) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(text("SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) "
                                    "FROM generate_series(1, :n)"), {"n": n}).scalars().all()
        return sorted(rows)
    first = (session.execute(text("SELECT COALESCE(MAX(id), 0) FROM dossiers")).scalar_one()) + 1
    return list(range(first, first + n))


def _sqlite_text(value):
    # What SQLAlchemy's SQLite types would store, without its per-value processing cost.
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")  # = strftime("%Y-%m-%d %H:%M:%S.%f"), faster
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """A plain driver-level executemany: the generator's hot path (a third of its time went
    to SQLAlchemy's parameter processing)."""
    if not rows:
        return
    columns = list(rows[0])
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        typed = [c for c in columns if isinstance(table.c[c].type, (DateTime, Date, JSON))]
        for r in rows:
            for c in typed:
                r[c] = _sqlite_text(r[c])
        marks = ", ".join("?" for _ in columns)
    else:
        from psycopg.types.json import Json

        for r in rows:
            for c in columns:
                if isinstance(r[c], dict):
                    r[c] = Json(r[c])
        marks = ", ".join("%s" for _ in columns)
    pick = itemgetter(*columns)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
                         [pick(r) for r in rows])


def _write_chunk(db: Database, actor: Actor, ctx: _Context, rows: list[dict], seed: int) -> int:
    rows.sort(key=lambda row: row["received_at"])  # numbers follow the order of receipt
    with db.writing() as s:
        if db.is_sqlite:
            # Random UUID keys touch pages all over their indexes: give this connection a page
            # cache big enough to keep them (the default 2 MB makes a million rows crawl).
            s.connection().exec_driver_sql("PRAGMA cache_size = -262144")
        ids = _reserve_ids(s, len(rows))
        per_day = Tally(row["received_at"].date() for row in rows)
        next_number = {day: _allocate(s, ctx.unit_code, day, n) for day, n in sorted(per_day.items())}
        # Every dossier received (not an online one still waiting) has its ledger entry (Form 07):
        # its book's numbers for the year, reserved in blocks, in the order of receipt.
        books = books_in(s)
        book_of = {row["_proc"].sector: book_for(books, row["_proc"].sector).key for row in rows}
        entered = Tally((book_of[row["_proc"].sector], row["received_at"].year)
                        for row in rows if row["status"] != DossierStatus.NEW)
        next_entry = {k: reserve_yearly(s, f"ledger:{k[0]}", k[1], n) for k, n in sorted(entered.items())}
        events, documents, fees, payments = [], [], [], []
        digitized = random.Random(seed * 1_000_003 + ids[0])  # its own draws: the rest stays as it was
        for row, dossier_id in zip(rows, ids, strict=True):
            day = row["received_at"].date()
            row["id"] = dossier_id
            row["code"] = format_dossier_code(ctx.unit_code, day, next_number[day])
            next_number[day] += 1
            for e in row.pop("_events"):
                e["dossier_id"] = dossier_id
                events.append(e)
            proc = row.pop("_proc")
            entry = (book_of[proc.sector], row["received_at"].year) if row["status"] != DossierStatus.NEW else None
            row["ledger_book"], row["ledger_year"], row["ledger_number"] = \
                (entry[0], entry[1], next_entry[entry]) if entry else (None, None, None)
            if entry:
                next_entry[entry] += 1
            lines = [{"dossier_id": dossier_id, "position": i, "name": d[0], "originals": d[1],
                      "copies": d[2], "mandatory": d[3], "received": True, "digitization": None,
                      "digitization_note": None, "reuse_source": None, "paper_pages": None}
                     for i, d in enumerate(proc.documents)]
            line_states(digitized, row, lines)
            documents += lines
            fee = row.pop("_fee")
            if fee is not None:
                fees.append({"dossier_id": dossier_id, "position": 0, "name": fee[0], "amount": fee[1], "kind": fee[2]})
            payment = row.pop("_payment")
            if payment is not None:
                payments.append({"dossier_id": dossier_id, **payment})
        with_files = any(doc["digitization"] in ("scanned", "reused") for doc in documents) or \
            any(row["finished_at"] and row["finished_at"].date() >= DIGITIZED_FROM for row in rows)
        closings = _daily_closings(payments, ctx.now)
        keys = [c.pop("_key") for c in closings]
        for table, batch in ((Dossier, rows), (DossierEvent, events), (DossierDocument, documents),
                             (DossierFee, fees), (CounterClosing, closings)):
            _bulk_insert(s, table.__table__, batch)  # (on SQLite its dates become text in place)
        _bulk_insert(s, DossierPayment.__table__, _closed(s, payments, closings, keys))
        if with_files:
            attach_files(s, demo_file_in(s, ctx.now), ids[0], ids[-1])
        audit(s, actor, "demo.generate", "dossier", None,
              {"seed": seed, "dossiers": len(rows), "first": rows[0]["code"], "last": rows[-1]["code"]})
    return len(rows)


_METHOD_LABELS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "online": "Thanh toán trực tuyến trên cổng"}


def _daily_closings(payments: list[dict], now: datetime) -> list[dict]:
    """Each counter closed at the end of each past day of the demo, the cash counted as recorded:
    a demo office's first closing counts today's payments, not five years'. Online payments on the
    portal belong to no counter's drawer. (A day split across two chunks gets two closings, as a
    counter closed twice that day would.)"""
    days: dict[tuple[int, date], list[dict]] = {}
    for p in payments:
        if p["counter_id"] is not None and p["paid_at"].date() < now.date():
            days.setdefault((p["counter_id"], p["paid_at"].date()), []).append(p)
    out = []
    for (counter_id, day), paid in sorted(days.items()):
        cash = sum(p["amount"] for p in paid if p["method"] == "cash")
        at = max(p["paid_at"] for p in paid)
        out.append({"uuid": str(uuidlib.uuid4()),
                    "kind": "closing", "counter_id": counter_id, "closed_by": paid[0]["recorded_by"],
                    "closed_at": datetime.combine(day, time(17, 0)), "day": day,
                    "period_from": min(p["paid_at"] for p in paid), "period_to": at, "payments": len(paid),
                    "cash_total": cash, "transfer_total": sum(p["amount"] for p in paid if p["method"] == "transfer"),
                    "online_total": sum(p["amount"] for p in paid if p["method"] == "online"),
                    "cash_counted": cash, "difference": 0, "receipts_pending": 0, "corrects_id": None,
                    "note": "Dữ liệu mẫu", "_key": (counter_id, day)})
    return out


def _closed(session: Session, payments: list[dict], closings: list[dict], keys: list) -> list[dict]:
    """The payments with the id of the closing that counted them (the closings just inserted)."""
    if not closings:
        return [p | {"closing_id": None} for p in payments]
    uuids = [c["uuid"] for c in closings]
    ids = {}
    for i in range(0, len(uuids), 500):  # bound the IN list
        ids.update(session.execute(select(CounterClosing.uuid, CounterClosing.id)
                                   .where(CounterClosing.uuid.in_(uuids[i:i + 500]))).all())
    by_key = {key: ids[c["uuid"]] for c, key in zip(closings, keys, strict=True)}
    return [p | {"closing_id": by_key.get((p["counter_id"], p["paid_at"].date()))
                 if p["counter_id"] is not None else None} for p in payments]


def generate(db: Database, actor: Actor, count: int, *, seed: int = 1, until: datetime | None = None,
             years: int = 5, progress: Callable[[int], None] | None = None) -> int:
    """Add `count` demo dossiers received over the `years` before `until` (default: now)."""
    actor.require(Permission.GENERATE_DEMO_DATA)
    if not 1 <= count <= MAX_DOSSIERS:
        raise UserError(f"Số hồ sơ mẫu phải từ 1 đến {MAX_DOSSIERS:,}.".replace(",", "."))
    with db.reading() as s:
        ctx = _load(s, (until or now_local()).replace(second=0, microsecond=0))
    rng = random.Random(seed)
    maker = _Maker(rng, ctx, years)

    def chunks():
        chunk: list[dict] = []
        for day, n in _days(rng, ctx, count, years):
            chunk += [maker.dossier(day) for _ in range(n)]  # whole days: a day's numbers stay in order
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    # SQLite and psycopg release the GIL while they write, so one writer thread overlaps the
    # database work of a chunk with the generation of the next.
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer") as writer:
        pending = None
        for chunk in chunks():
            if pending is not None:
                done += pending.result()
                if progress:
                    progress(done)
            pending = writer.submit(_write_chunk, db, actor, ctx, chunk, seed)
        if pending is not None:
            done += pending.result()
            if progress:
                progress(done)
    return done

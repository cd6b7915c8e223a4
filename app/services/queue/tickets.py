"""The queue: tickets issued at the kiosk, called from the counters.

Every issue and every call locks the service group's row (PostgreSQL: SELECT … FOR UPDATE; SQLite's
write transaction is exclusive anyway), so two counters never get the same ticket, numbers never
repeat or skip, and the "one priority after N regular" count stays exact. Numbers restart every day.
Exceptional changes (no-show, transfer) get an audit record; the ticket row itself records who
called it when, and when it was served and finished."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, insert, literal_column, or_, select, text, union_all, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import ScalarSelect

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.queue import (
    CALLED,
    DONE,
    NO_SHOW,
    PRINTING,
    PRIORITIES,
    SERVING,
    VOID,
    WAITING,
    Waiting,
    choose,
    label,
)
from app.domain.vocab import Role
from app.errors import NotFound, UserError
from app.services.journal import audit
from app.services.ratings.ask import ask_in
from db.engine import Database
from db.models import Counter, QueueGroup, QueueTicket


@dataclass(frozen=True)
class Issued:
    id: int
    label: str
    group: str
    priority: str | None
    issued_at: datetime
    ahead: int
    wait_minutes: int | None  # None: no recent service time to go by


@dataclass(frozen=True)
class Called:
    id: int
    label: str
    group: str
    counter_id: int
    counter_number: int
    calls: int
    status: str
    called_at: datetime | None
    priority: str | None = None  # app/domain/queue.PRIORITIES: why the ticket went first


CHANNEL = "motcua_queue"
_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', '')")


def _notify(s: Session) -> None:
    """Wake the hall displays and kiosks (PostgreSQL delivers it at commit; on SQLite they poll
    the file's change counter instead, see queue_feed)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(_NOTIFY)


def groups(db: Database) -> list[QueueGroup]:
    with db.reading() as s:
        return list(s.scalars(select(QueueGroup).where(QueueGroup.active).order_by(QueueGroup.position)))


def _locked_group(s: Session, code: str, day: date) -> QueueGroup:
    group = s.scalar(select(QueueGroup).where(QueueGroup.code == code, QueueGroup.active).with_for_update())
    if group is None:
        raise NotFound(f"Không có nhóm dịch vụ «{code}».")
    if group.day != day:
        s.execute(_ROLL, {"group": group.id, "day": day})
        s.refresh(group)
    return group


# Issuing, like calling, runs Core statements built once: the ORM's bookkeeping cost more than the
# queries. The group's row is locked first (FOR UPDATE; SQLite's write transaction is exclusive).
_ISSUE_GROUP = (select(QueueGroup.id, QueueGroup.day, QueueGroup.name, QueueGroup.prefix, QueueGroup.last_number,
                       QueueGroup.last_allowed)
                .where(QueueGroup.code == bindparam("code"), QueueGroup.active).with_for_update())
_SET_NUMBER = update(QueueGroup).where(QueueGroup.id == bindparam("group")).values(last_number=bindparam("number"))
_AHEAD = (select(func.count()).select_from(QueueTicket)
          .where(QueueTicket.queue_group_id == bindparam("group"), QueueTicket.status == WAITING,
                 QueueTicket.day == bindparam("day")))
_NEW_TICKET = insert(QueueTicket)
# The wait estimate's sample: the group's last 20 finished tickets today.
_RECENT = (select(QueueTicket.called_at, QueueTicket.done_at, QueueTicket.counter_id)
           .where(QueueTicket.queue_group_id == bindparam("group"), QueueTicket.status == DONE,
                  QueueTicket.day == bindparam("day"))
           .order_by(QueueTicket.done_at.desc()).limit(20))


def issue_ticket(db: Database, group_code: str, priority: str | None = None, at: datetime | None = None,
                 *, held: bool = False) -> Issued:
    """A new number in the group. `held`: the kiosk's ticket is not called before the printer has
    taken it (`release`), and is voided if the printer refused it (`void`)."""
    if priority is not None and priority not in PRIORITIES:
        raise UserError(f"Không có đối tượng ưu tiên «{priority}».")
    at = at or now_local()
    day = at.date()
    with db.writing() as s:
        conn = s.connection()
        group = conn.execute(_ISSUE_GROUP, {"code": group_code}).first()
        if group is None:
            raise NotFound(f"Không có nhóm dịch vụ «{group_code}».")
        if group.day != day:
            conn.execute(_ROLL, {"group": group.id, "day": day})
            group = conn.execute(_ISSUE_GROUP, {"code": group_code}).first()
        if group.last_number >= group.last_allowed:
            raise UserError(f"Nhóm «{group.name}» đã phát hết số hôm nay "
                            f"({label(group.prefix, group.last_allowed)}).")
        number = group.last_number + 1
        conn.execute(_SET_NUMBER, {"group": group.id, "number": number})
        ahead = conn.execute(_AHEAD, {"group": group.id, "day": day}).scalar()  # before this one is added
        ticket_label = label(group.prefix, number)
        ticket_id = conn.execute(_NEW_TICKET, {
            "group_id": group.id, "queue_group_id": group.id, "day": day, "number": number,
            "label": ticket_label, "priority": priority, "status": PRINTING if held else WAITING,
            "issued_at": at}).inserted_primary_key[0]
        wait = wait_minutes(conn, group.id, day, ahead)
        _notify(s)
        return Issued(ticket_id, ticket_label, group.name, priority, at, ahead, wait)


def wait_minutes(conn, group_id: int, day: date, ahead: int) -> int | None:
    """People ahead × the recent average service time ÷ the counters that served the group lately
    (None: nobody finished in the group today, so there is nothing to go by)."""
    recent = conn.execute(_RECENT, {"group": group_id, "day": day}).all()
    if not recent:
        return None
    minutes = sum((d - c).total_seconds() for c, d, _ in recent) / 60 / len(recent)
    counters = len({c for *_, c in recent}) or 1
    return round(ahead * minutes / counters)


def release(db: Database, ticket_id: int) -> None:
    """The printer took the ticket: it now waits in its queue."""
    with db.writing() as s:
        s.execute(update(QueueTicket).where(QueueTicket.id == ticket_id, QueueTicket.status == PRINTING)
                  .values(status=WAITING))
        _notify(s)


def void(db: Database, actor: Actor, ticket_id: int, reason: str) -> None:
    """The printer refused the ticket: it never counts as issued (its number stays used)."""
    with db.writing() as s:
        t = s.get(QueueTicket, ticket_id)
        if t is None or t.status != PRINTING:
            return
        t.status = VOID
        audit(s, actor, "queue.void", "queue_ticket", t.label, {"reason": reason})


_CURRENT = (select(QueueTicket).where(QueueTicket.counter_id == bindparam("counter"),
                                      QueueTicket.status.in_((CALLED, SERVING)))
            .order_by(QueueTicket.id.desc()).limit(1).with_for_update())


def _current(s: Session, counter_id: int) -> QueueTicket | None:
    return s.scalar(_CURRENT, {"counter": counter_id})


def _called(s: Session, t: QueueTicket) -> Called:
    group = s.get(QueueGroup, t.queue_group_id)
    counter = s.get(Counter, t.counter_id)
    return Called(t.id, t.label, group.code, t.counter_id, counter.number, t.calls, t.status, t.called_at,
                  t.priority)


def _finish(t: QueueTicket, at: datetime) -> None:
    t.served_at = t.served_at or t.called_at
    t.status, t.done_at = DONE, at


# Built once: calling is the hot path, and building SQLAlchemy expressions costs more than running them.
# Only the first of each kind (priority or not) in each group can be next; transferred ones sort first.
# Each is one ORDER BY … LIMIT 1 per group and kind, which the partial indexes of waiting tickets
# (regular, priority; ordered head DESC, issued_at, id) answer in a step whatever the queue's
# length: a window over every waiting ticket grew with the queue (1 ms with 50 waiting, 7.6 ms
# with 5,000). The status is a literal so SQLite can match the indexes' WHERE.
_WAITING_LITERAL = literal_column(f"'{WAITING}'")


def _first_of(kind) -> ScalarSelect:
    t = aliased(QueueTicket)
    return (select(t.id).where(t.queue_group_id == QueueGroup.id, t.day == bindparam("day"),
                               t.status == _WAITING_LITERAL, kind(t.priority),
                               or_(t.for_counter_id.is_(None), t.for_counter_id == bindparam("counter")))
            .order_by(t.head.desc(), t.issued_at, t.id).limit(1).correlate(QueueGroup).scalar_subquery())


_IN_GROUPS = QueueGroup.id.in_(bindparam("groups", expanding=True))
_FIRSTS = union_all(select(_first_of(lambda p: p.is_(None))).where(_IN_GROUPS),
                    select(_first_of(lambda p: p.is_not(None))).where(_IN_GROUPS))
_CALL_PG = text("SELECT * FROM motcua_call_next(:counter, CAST(:groups AS text[]), :day, :at)")
# The function (migration 0007) does not return the priority, so it is read after it. Not joined
# in the same statement: that statement's snapshot predates the function's wait for the group
# lock and misses a ticket issued meanwhile (the call would be lost).
_PRIORITY = select(QueueTicket.priority).where(QueueTicket.id == bindparam("ticket"))
_GROUP_COLUMNS = (QueueGroup.id, QueueGroup.day, QueueGroup.regular_run, QueueGroup.priority_every)
_GROUPS_CORE = (select(*_GROUP_COLUMNS).where(QueueGroup.active, QueueGroup.code.in_(bindparam("codes", expanding=True)))
                .order_by(QueueGroup.id))
_ALL_GROUPS_CORE = select(*_GROUP_COLUMNS).where(QueueGroup.active).order_by(QueueGroup.id)
# The day's first ticket or call: numbers and the priority run start again (from what that day
# already issued, should the clock have been set back).
_ROLL = (update(QueueGroup).where(QueueGroup.id == bindparam("group"))
         .values(day=bindparam("day"), regular_run=0,
                 last_number=func.coalesce(select(func.max(QueueTicket.number))
                                           .where(QueueTicket.group_id == bindparam("group"),
                                                  QueueTicket.day == bindparam("day")).scalar_subquery(),
                                           QueueGroup.first_number - 1)))
_FINISH_CURRENT = (update(QueueTicket)
                   .where(QueueTicket.id == select(QueueTicket.id)
                          .where(QueueTicket.counter_id == bindparam("counter"),
                                 QueueTicket.status.in_((CALLED, SERVING)))
                          .order_by(QueueTicket.id.desc()).limit(1).scalar_subquery())
                   .values(status=DONE, done_at=bindparam("at"),
                           served_at=func.coalesce(QueueTicket.served_at, QueueTicket.called_at)))
_SET_RUN = update(QueueGroup).where(QueueGroup.id == bindparam("group")).values(regular_run=bindparam("run_"))
_CALL_TICKET = (update(QueueTicket).where(QueueTicket.id == bindparam("ticket"))
                .values(status=CALLED, counter_id=bindparam("counter"), called_at=bindparam("at"), calls=1,
                        head=False, for_counter_id=None))
_CALLED_ROW = (select(QueueTicket.id, QueueTicket.label, QueueGroup.code, QueueTicket.counter_id, Counter.number,
                      QueueTicket.calls, QueueTicket.status, QueueTicket.called_at, QueueTicket.priority)
               .join(QueueGroup, QueueGroup.id == QueueTicket.queue_group_id)
               .join(Counter, Counter.id == QueueTicket.counter_id)
               .where(QueueTicket.id == bindparam("ticket")))
_COUNTER_GROUPS = select(Counter.queue_groups).where(Counter.id == bindparam("counter"))
_CANDIDATES = (select(QueueTicket.id, QueueTicket.queue_group_id, QueueTicket.issued_at, QueueTicket.priority,
                      QueueTicket.head).where(QueueTicket.id.in_(_FIRSTS)))


def call_next(db: Database, actor: Actor, counter_id: int, group_codes: list[str] | None = None,
              at: datetime | None = None) -> Called | None:
    """Finish this counter's current ticket and call the next one of its groups (None: nobody waits)."""
    actor.require(Permission.SERVE_QUEUE)
    at = at or now_local()
    day = at.date()
    if not db.is_sqlite:  # one round trip under the lock: see migration 0007
        with db.writing() as s:
            row = s.execute(_CALL_PG, {"counter": counter_id, "groups": sorted(group_codes) if group_codes else None,
                                       "day": day, "at": at}).first()
            if row is None:
                return None
            return Called(*row, s.execute(_PRIORITY, {"ticket": row.id}).scalar())
    # SQLite: Core statements built once, no ORM objects: the ORM's bookkeeping cost more than
    # the queries (SQLite's write transaction is exclusive, so the rows need no locks).
    with db.writing() as s:
        conn = s.connection()
        if group_codes is None:
            group_codes = conn.execute(_COUNTER_GROUPS, {"counter": counter_id}).scalar()
        rows = (conn.execute(_GROUPS_CORE, {"codes": sorted(group_codes)}) if group_codes
                else conn.execute(_ALL_GROUPS_CORE)).all()
        locked = {r.id: r for r in rows}
        stale = [gid for gid, r in locked.items() if r.day != day]
        for gid in stale:
            conn.execute(_ROLL, {"group": gid, "day": day})
        run = {gid: 0 if gid in stale else r.regular_run for gid, r in locked.items()}
        conn.execute(_FINISH_CURRENT, {"counter": counter_id, "at": at})
        by_group: dict[int, list[Waiting]] = {}
        for r in conn.execute(_CANDIDATES, {"groups": list(locked), "day": day, "counter": counter_id}):
            by_group.setdefault(r.queue_group_id, []).append(Waiting(r.id, r.issued_at, r.priority is not None,
                                                                     bool(r.head)))
        picks = [(gid, pick) for gid, waiting in by_group.items()
                 if (pick := choose(waiting, locked[gid].priority_every, run[gid]))]
        if not picks:
            return None
        gid, pick = min(picks, key=lambda gp: (not gp[1].head, gp[1].issued_at, gp[1].id))
        conn.execute(_SET_RUN, {"group": gid, "run_": 0 if pick.priority else run[gid] + 1})
        conn.execute(_CALL_TICKET, {"ticket": pick.id, "counter": counter_id, "at": at})
        row = conn.execute(_CALLED_ROW, {"ticket": pick.id}).one()
        return Called(*row)


def _active(s: Session, counter_id: int) -> QueueTicket:
    t = _current(s, counter_id)
    if t is None:
        raise UserError("Quầy chưa gọi số nào.")
    return t


def recall(db: Database, actor: Actor, counter_id: int, at: datetime | None = None) -> Called:
    actor.require(Permission.SERVE_QUEUE)
    with db.writing() as s:
        t = _active(s, counter_id)
        t.calls += 1
        t.called_at = at or now_local()
        _notify(s)
        s.flush()
        return _called(s, t)


def serve(db: Database, actor: Actor, counter_id: int, at: datetime | None = None) -> Called:
    """The citizen has come to the counter: the service time starts."""
    actor.require(Permission.SERVE_QUEUE)
    with db.writing() as s:
        t = _active(s, counter_id)
        if t.status == CALLED:
            t.status, t.served_at = SERVING, at or now_local()
        _notify(s)
        s.flush()
        return _called(s, t)


def done(db: Database, actor: Actor, counter_id: int, at: datetime | None = None) -> Called:
    """The officer's "Xong": the service ends, and the counter's rating screen asks the citizen (ratings on)."""
    actor.require(Permission.SERVE_QUEUE)
    at = at or now_local()
    with db.writing() as s:
        t = _active(s, counter_id)
        _finish(t, at)
        ask_in(s, actor, occasion="service", counter_id=counter_id, ticket_id=t.id, dossier_id=t.dossier_id, at=at)
        _notify(s)
        s.flush()
        return _called(s, t)


def no_show(db: Database, actor: Actor, counter_id: int, at: datetime | None = None) -> Called:
    actor.require(Permission.SERVE_QUEUE)
    with db.writing() as s:
        t = _active(s, counter_id)
        group = s.get(QueueGroup, t.queue_group_id)
        if t.status == SERVING:
            raise UserError(f"Số {t.label} đang được phục vụ, không thể ghi vắng mặt.")
        if t.calls < group.recalls:
            raise UserError(f"Số {t.label} mới được gọi {t.calls} lần: gọi lại đủ {group.recalls} lần "
                            "rồi mới ghi vắng mặt.")
        t.status, t.done_at = NO_SHOW, at or now_local()
        audit(s, actor, "queue.no_show", "queue_ticket", t.label, {"calls": t.calls, "counter_id": counter_id})
        _notify(s)
        s.flush()
        return _called(s, t)


def transfer(db: Database, actor: Actor, counter_id: int, *, to_group: str | None = None,
             to_counter: int | None = None, at: datetime | None = None) -> str:
    """Send the current ticket to another group or counter, where it is called first."""
    actor.require(Permission.SERVE_QUEUE)
    if (to_group is None) == (to_counter is None):
        raise UserError("Chuyển số sang một nhóm dịch vụ hoặc một quầy.")
    at = at or now_local()
    with db.writing() as s:
        t = _active(s, counter_id)
        if to_group is not None:
            t.queue_group_id = _locked_group(s, to_group, at.date()).id
        else:
            target = s.scalar(select(Counter).where(Counter.number == to_counter, Counter.active))
            if target is None:
                raise UserError(f"Không có quầy số {to_counter}.")
            if target.id == counter_id:
                raise UserError("Số đang ở chính quầy này.")
            t.for_counter_id = target.id
        t.status, t.counter_id, t.head, t.calls = WAITING, None, True, 0
        audit(s, actor, "queue.transfer", "queue_ticket", t.label,
              {"from_counter": counter_id, "to_group": to_group, "to_counter": to_counter})
        _notify(s)
        return t.label


def link_dossier_in(s: Session, ticket_label: str, dossier_id: int, day: date) -> bool:
    """The dossier registered while this ticket was being served (waiting and service times per
    dossier); False when no such ticket today."""
    r = s.execute(update(QueueTicket).where(QueueTicket.label == ticket_label.upper(), QueueTicket.day == day)
                  .values(dossier_id=dossier_id))
    return r.rowcount > 0


def counter_ticket(db: Database, counter_id: int) -> Called | None:
    with db.reading() as s:
        t = s.scalar(select(QueueTicket).where(QueueTicket.counter_id == counter_id,
                                               QueueTicket.status.in_((CALLED, SERVING)))
                     .order_by(QueueTicket.id.desc()).limit(1))
        return _called(s, t) if t else None


def counter_groups(db: Database, counter_id: int) -> list[str] | None:
    """The group codes this counter calls from (None: every group)."""
    with db.reading() as s:
        return s.scalar(_COUNTER_GROUPS, {"counter": counter_id})


def set_counter_groups(db: Database, actor: Actor, counter_id: int, codes: list[str] | None) -> None:
    """Which groups a counter calls from; an officer may arrange only the counter they sit at."""
    actor.require(Permission.ARRANGE_QUEUE)
    if actor.role is Role.OFFICER and actor.counter_id != counter_id:
        raise UserError("Cán bộ chỉ được phân nhóm dịch vụ cho quầy mình đang ngồi.")
    if codes is not None and not codes:
        raise UserError("Chọn ít nhất một nhóm dịch vụ cho quầy.")
    with db.writing() as s:
        counter = s.get(Counter, counter_id)
        if counter is None:
            raise NotFound("Không có quầy này.")
        if codes is not None:
            known = set(s.scalars(select(QueueGroup.code).where(QueueGroup.active)))
            unknown = sorted(set(codes) - known)
            if unknown:
                raise UserError(f"Không có nhóm dịch vụ «{', '.join(unknown)}».")
            codes = sorted(set(codes))
        before, counter.queue_groups = counter.queue_groups, codes
        audit(s, actor, "queue.counter_groups", "counter", str(counter.number), {"before": before, "after": codes})

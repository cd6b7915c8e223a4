"""The notices outbox's sender: claim the notices that are due, send them (no transaction open
while the network is used), record what came of each with its audit record. Several senders
(two desks on one PostgreSQL server, the office server's scheduled `motcua notices send`) may
drain at once: a claim is one UPDATE … WHERE claimed_until IS NULL OR claimed_until < now, which
the database serialises per row, so a notice is in one sender's hands at a time. Should a sender
die after sending and before recording, its claim runs out and the notice goes again under the
same uuid: the gateway (Idempotency-Key) or mail program (Message-ID) sees the same message.

No phone number or e-mail address is ever logged or audited: notices go by uuid."""

from __future__ import annotations

import logging
import os
import random
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.notices import CANCELLED, DELIVERED, FAILED, PENDING, SENT, channel_label
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import UserError
from app.notify.base import OK, REFUSED, RETRY, Attachment, Channel, Message, Result
from app.portal.signed_names import FORM_FILE_NAMES, file_name
from app.services.journal import audit
from db.engine import Database
from db.models import Dossier, DossierEvent, Notice, SignedDocument

log = logging.getLogger("motcua.notify")
SENDER_ACTOR = Actor(login="system:notices", role=Role.ADMIN, full_name="Gửi thông báo")
BACKOFF_S = (60, 300, 900, 3600, 3 * 3600, 6 * 3600)  # after the 1st, 2nd … failed try; then the last
MAX_BACKOFF_S = 6 * 3600
CLAIM = timedelta(minutes=10)  # longer than a batch can take; a dead sender's claim runs out after it
POLL_WINDOW = timedelta(days=3)  # delivery is asked for this long after sending
T = Notice.__table__
_rng = random.Random()


@dataclass
class DrainResult:
    claimed: int = 0
    sent: int = 0  # taken by the gateway or mail server (delivered included)
    delivered: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
    """Seconds before the next try after `attempts` failed ones: 1, 5, 15, 60 minutes, 3 h, 6 h…,
    each ±20 % so that notices failed together do not all come back together; never sooner than
    the far side's Retry-After."""
    base = BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1]
    delay = min(MAX_BACKOFF_S, base * (rng or _rng).uniform(0.8, 1.2))
    return max(delay, retry_after or 0.0)


def sender_id() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{_rng.getrandbits(32):08x}"


def channels_from(settings: dict[str, Any], timeout: float = 15.0) -> dict[str, Channel]:
    """The channels the office set up, built from its settings (secrets included)."""
    from app.notify.email import SmtpChannel
    from app.notify.http_gateway import HttpChannel
    from app.services.notices.enqueue import configured_channels

    out: dict[str, Channel] = {}
    for c in configured_channels(settings):
        if c == "email":
            out[c] = SmtpChannel(settings["notices.email.host"], settings["notices.email.port"],
                                 settings["notices.email.security"], settings["notices.email.username"],
                                 settings["notices.email.password"], settings["notices.email.sender"],
                                 settings["notices.email.sender_name"], timeout=timeout)
        else:
            out[c] = HttpChannel(c, settings[f"notices.{c}.provider"],
                                 {"url": settings[f"notices.{c}.url"], "api_key": settings[f"notices.{c}.api_key"],
                                  "sender": settings[f"notices.{c}.sender"],
                                  "template_ids": settings.get(f"notices.{c}.template_ids", [])}, timeout=timeout)
    return out


def _claim(db: Database, me: str, now: datetime, limit: int) -> list[int]:
    free = or_(Notice.claimed_until.is_(None), Notice.claimed_until < now)
    with db.writing() as s:
        ids = s.scalars(select(Notice.id).where(Notice.state == PENDING, Notice.next_attempt_at <= now, free)
                        .order_by(Notice.next_attempt_at, Notice.id).limit(limit)).all()
        if not ids:
            return []
        # Re-checked per row by the UPDATE itself: a row another sender claimed meanwhile is skipped.
        s.execute(update(Notice).where(Notice.id.in_(ids), Notice.state == PENDING, free)
                  .values(claimed_by=me, claimed_until=now + CLAIM).execution_options(synchronize_session=False))
        return list(s.scalars(select(Notice.id).where(Notice.id.in_(ids), Notice.claimed_by == me,
                                                      Notice.state == PENDING)))


def _messages(db: Database, ids: list[int], data_dir: Path) -> list[tuple[Notice, str, Message | str]]:
    """(notice, dossier code, message or why it cannot be made) for the claimed notices."""
    out = []
    with db.reading() as s:
        rows = s.execute(select(Notice, Dossier.code).join(Dossier, Dossier.id == Notice.dossier_id)
                         .where(Notice.id.in_(ids)).order_by(Notice.id)).all()
        signed = _signed_forms(s, [n for n, _ in rows])
        for n, code in rows:
            s.expunge(n)
            doc = signed.get(n.uuid)
            try:
                if doc is not None:  # the signed form, its bytes as signed (docs/signing.md "Gửi đi")
                    attachments = (_signed(s, data_dir, doc, code),)
                elif (n.attachment or "").startswith("sig:"):  # never the e-mail without its file
                    raise UserError("văn bản không còn ở trạng thái đã ký")
                elif n.attachment == "form04":
                    attachments = (_form04(s, code),)
                else:
                    attachments = ()
            except UserError as exc:  # the signed file missing or altered here: never send another
                out.append((n, code, f"không mở được văn bản đã ký số: {exc.message}"))
                continue
            except Exception as exc:  # noqa: BLE001 - the letter failed: this notice waits, the others go
                out.append((n, code, f"không lập được văn bản xin lỗi (Mẫu 04): {type(exc).__name__}"))
                continue
            fields = _fields(s, n) if n.channel == "zalo" else {}
            out.append((n, code, Message(n.uuid, n.channel, n.recipient, n.body, n.subject, n.kind, fields,
                                         attachments)))
    return out


def _signed_forms(s: Session, notices: list[Notice]) -> dict[str, SignedDocument]:
    """Per notice uuid, the signed document it carries: the one its attachment names ("sig:<uuid>",
    the e-receipt), else a signed form of the event it tells of (Form 02 with the supplement
    request, a signed Form 04 preferred to the one built at sending)."""
    from app.services.notices.enqueue import SIGNED_PREFIX

    named = {n.uuid: n.attachment[len(SIGNED_PREFIX):] for n in notices
             if n.channel == "email" and (n.attachment or "").startswith(SIGNED_PREFIX)}
    events = [n.event_uuid for n in notices if n.channel == "email" and n.uuid not in named]
    docs = list(s.scalars(select(SignedDocument).where(
        SignedDocument.state == "signed", SignedDocument.signed_sha256.is_not(None),
        or_(SignedDocument.uuid.in_(list(named.values())),
            SignedDocument.event_uuid.in_(events) & SignedDocument.kind.in_(list(FORM_FILE_NAMES))))
        .order_by(SignedDocument.id)))
    by_uuid = {d.uuid: d for d in docs}
    by_event = {d.event_uuid: d for d in docs if d.event_uuid}  # the latest signed wins
    out = {}
    for n in notices:
        doc = by_uuid.get(named[n.uuid]) if n.uuid in named else \
            (by_event.get(n.event_uuid) if n.channel == "email" else None)
        if doc is not None:
            out[n.uuid] = doc
    return out


def _signed(s: Session, data_dir: Path, doc: SignedDocument, code: str) -> Attachment:
    """The signed PDF exactly as stored (re-hashed on reading): a byte changed would break the
    signature the citizen checks."""
    from app.services.files import store

    return Attachment(file_name(doc.kind, code), store.open_file(s, data_dir, doc.signed_sha256))


def _form04(s: Session, code: str) -> Attachment:
    """The apology and extension letter, as act_in's `_apology` makes it, for the citizen's own eyes."""
    from app.services.dossiers.forms import form_data, load_template_set
    from app.services.settings.store import setting_in
    from printing.forms import build_form

    pdf = build_form(form_data(s, "apology", code, load_template_set(setting_in(s, "forms.set")), masked=False))
    return Attachment(f"van-ban-xin-loi-{code}.pdf".replace("/", "-"), pdf)


def _fields(s: Session, n: Notice) -> dict[str, str]:
    from app.services.notices.templates import fields_for

    event = s.scalar(select(DossierEvent).where(DossierEvent.uuid == n.event_uuid))
    d = s.get(Dossier, n.dossier_id)
    return fields_for(s, d, n.kind, event.details if event else {}, event.at if event else n.created_at)


def drain_once(db: Database, now: datetime | None = None, *, limit: int = 100,
               channels: dict[str, Channel] | None = None, workers: int = 4,
               rng: random.Random | None = None, data_dir: Path | None = None) -> DrainResult:
    """Send what is due at `now`, up to `limit` notices; `channels`: None, the office's settings;
    `data_dir`: where the stored files are (signed documents attached), None the app's folder."""
    now = now or now_local()
    result = DrainResult()
    me = sender_id()
    ids = _claim(db, me, now, limit)
    if not ids:
        return result
    result.claimed = len(ids)
    with db.reading() as s:
        from app.services.settings.store import settings_in

        settings = settings_in(s)
    if channels is None:
        channels = channels_from(settings)
    if data_dir is None:
        from app.paths import data_dir as default_data_dir

        data_dir = default_data_dir()
    work = _messages(db, ids, Path(data_dir))

    def send(item) -> Result:
        n, _, message = item
        if isinstance(message, str):
            return Result(RETRY, message)
        channel = channels.get(n.channel)
        if channel is None:
            return Result(RETRY, f"kênh «{channel_label(n.channel)}» chưa được cài đặt hoặc đã tắt")
        try:
            return channel.send(message)
        except Exception as exc:  # noqa: BLE001 - a channel's bug must not stop the others
            log.error("notice %s: channel %s raised %s", n.uuid, n.channel, type(exc).__name__)
            return Result(RETRY, f"lỗi khi gửi ({type(exc).__name__})")

    if workers > 1 and len(work) > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="notice-send") as pool:
            outcomes = list(pool.map(send, work))
    else:
        outcomes = [send(w) for w in work]
    _record(db, me, now, work, outcomes, settings["notices.max_attempts"], result, rng)
    return result


_RECORD = (update(T).where(T.c.id == bindparam("b_id"), T.c.claimed_by == bindparam("b_me"))
           .values(state=bindparam("b_state"), attempts=bindparam("b_attempts"),
                   next_attempt_at=bindparam("b_next"), sent_at=bindparam("b_sent"),
                   delivered_at=bindparam("b_delivered"), provider_id=bindparam("b_provider"),
                   last_error=bindparam("b_error"), claimed_by=None, claimed_until=None))


def _record(db: Database, me: str, now: datetime, work, outcomes: list[Result], max_attempts: int,
            result: DrainResult, rng) -> None:
    params, audits = [], []
    for (n, code, _), r in zip(work, outcomes, strict=True):
        attempts = n.attempts + 1
        p = {"b_id": n.id, "b_me": me, "b_attempts": attempts, "b_next": n.next_attempt_at, "b_sent": n.sent_at,
             "b_delivered": n.delivered_at, "b_provider": n.provider_id, "b_error": None}
        detail = {"dossier": code, "kind": n.kind, "channel": n.channel, "event": n.event_uuid, "attempt": attempts}
        if r.outcome == OK:
            state = DELIVERED if r.delivered else SENT
            p.update(b_state=state, b_sent=now, b_delivered=now if r.delivered else None,
                     b_provider=(r.provider_id or "")[:100] or None)
            result.sent += 1
            result.delivered += r.delivered
            log.info("notice %s (%s, dossier %s) %s, try %d", n.uuid, n.channel, code, state, attempts)
        elif r.outcome == REFUSED or attempts >= max_attempts:
            reason = r.reason if r.outcome == REFUSED else f"đã thử {attempts} lần, lần cuối: {r.reason}"
            state = FAILED
            p.update(b_state=state, b_error=reason)
            detail["reason"] = reason
            result.failed += 1
            log.info("notice %s (%s, dossier %s) failed for good after try %d", n.uuid, n.channel, code, attempts)
        else:
            state = PENDING
            wait = backoff(attempts, r.retry_after, rng)
            p.update(b_state=state, b_error=r.reason, b_next=now + timedelta(seconds=wait))
            detail.update(reason=r.reason, next_attempt_at=p["b_next"].isoformat(timespec="seconds"))
            result.retried += 1
            log.info("notice %s (%s, dossier %s) will be tried again in %d s", n.uuid, n.channel, code, wait)
        params.append(p)
        audits.append((f"notice.{'retry' if state == PENDING else state}", n.uuid, detail))
    with db.writing() as s:
        s.connection().execute(_RECORD, params)
        for action, uuid, detail in audits:
            audit(s, SENDER_ACTOR, action, "notice", uuid, detail, now)


def poll_delivery(db: Database, now: datetime | None = None, *, limit: int = 200,
                  channels: dict[str, Channel] | None = None) -> int:
    """Ask the gateways about SMS and Zalo notices sent but not known delivered; record the answers.
    Returns how many changed."""
    now = now or now_local()
    with db.reading() as s:
        rows = s.execute(select(Notice.id, Notice.uuid, Notice.channel, Notice.provider_id, Notice.kind,
                                Notice.event_uuid, Dossier.code).join(Dossier, Dossier.id == Notice.dossier_id)
                         .where(Notice.state == SENT, Notice.channel.in_(("sms", "zalo")),
                                Notice.provider_id.is_not(None), Notice.sent_at >= now - POLL_WINDOW)
                         .order_by(Notice.sent_at).limit(limit)).all()
        if channels is None and rows:
            from app.services.settings.store import settings_in

            channels = channels_from(settings_in(s))
    changed = []
    for r in rows:
        channel = (channels or {}).get(r.channel)
        if channel is None:
            continue
        try:
            d = channel.delivery(r.provider_id, r.uuid)
        except Exception as exc:  # noqa: BLE001
            log.error("notice %s: delivery query raised %s", r.uuid, type(exc).__name__)
            continue
        if d.state in (DELIVERED, FAILED):
            changed.append((r, d))
    if changed:
        with db.writing() as s:
            for r, d in changed:
                values = {"state": d.state, "delivered_at": now} if d.state == DELIVERED else \
                    {"state": FAILED, "last_error": d.reason}
                done = s.execute(update(Notice).where(Notice.id == r.id, Notice.state == SENT).values(**values)
                                 .execution_options(synchronize_session=False)).rowcount
                if done:
                    audit(s, SENDER_ACTOR, f"notice.{d.state}", "notice", r.uuid,
                          {"dossier": r.code, "kind": r.kind, "channel": r.channel, "event": r.event_uuid,
                           **({"reason": d.reason} if d.reason else {})}, now)
    return len(changed)


__all__ = ["CANCELLED", "DrainResult", "backoff", "channels_from", "drain_once", "poll_delivery"]

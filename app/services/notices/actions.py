"""What an officer does with a notice: send it again (a failed one, after the citizen gave a
right number, or a pending one now), cancel it, and send a test message from the settings page.
Each change is one transaction with its audit record."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.clock import now_local
from app.domain.notices import CANCELLED, CHANNELS, FAILED, PENDING, mask_recipient, state_label
from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.notify.base import OK, Message
from app.services.journal import audit
from db.engine import Database
from db.models import Dossier, Notice, new_uuid


def _notice(s, uuid: str) -> tuple[Notice, str]:
    row = s.execute(select(Notice, Dossier.code).join(Dossier, Dossier.id == Notice.dossier_id)
                    .where(Notice.uuid == (uuid or "").strip()).with_for_update(of=Notice)).first()
    if row is None:
        raise NotFound(f"Không có thông báo «{(uuid or '').strip()[:40]}».")
    return row[0], row[1]


def retry(db: Database, actor: Actor, uuid: str) -> None:
    """Back to the outbox, due now, with a fresh count of tries (the same uuid: still once only)."""
    actor.require(Permission.MANAGE_NOTICES)
    now = now_local()
    with db.writing() as s:
        n, code = _notice(s, uuid)
        if n.state not in (FAILED, PENDING):
            raise UserError(f"Thông báo đang ở trạng thái «{state_label(n.state)}»: không gửi lại được.")
        before = n.state
        n.state, n.attempts, n.next_attempt_at, n.claimed_by, n.claimed_until = PENDING, 0, now, None, None
        audit(s, actor, "notice.retry_by_officer", "notice", n.uuid,
              {"dossier": code, "kind": n.kind, "channel": n.channel, "from": before, "last_error": n.last_error}, now)


def cancel(db: Database, actor: Actor, uuid: str) -> None:
    """A notice not yet sent (or failed) is not to be sent."""
    actor.require(Permission.MANAGE_NOTICES)
    now = now_local()
    with db.writing() as s:
        n, code = _notice(s, uuid)
        if n.state not in (FAILED, PENDING):
            raise UserError(f"Thông báo đang ở trạng thái «{state_label(n.state)}»: không hủy được.")
        if n.claimed_until is not None and n.claimed_until >= now:
            raise UserError("Thông báo đang được gửi: thử lại sau ít phút.")
        before = n.state
        n.state, n.claimed_by, n.claimed_until = CANCELLED, None, None
        audit(s, actor, "notice.cancelled", "notice", n.uuid,
              {"dossier": code, "kind": n.kind, "channel": n.channel, "from": before}, now)


@dataclass(frozen=True)
class TestOutcome:
    ok: bool
    message: str  # Vietnamese, for the settings page


def send_test(db: Database, actor: Actor, channel: str, recipient: str) -> TestOutcome:
    """Send one test message now through `channel` as the settings stand (no outbox, no dossier):
    the settings page runs it off the GUI thread. The address is audited masked."""
    from app.services.notices.sender import channels_from
    from app.services.settings.store import settings_in

    actor.require(Permission.EDIT_SETTINGS)
    recipient = (recipient or "").strip()
    if channel not in CHANNELS:
        raise UserError(f"Không có kênh «{channel}»: chọn một trong {', '.join(CHANNELS)}.")
    if not recipient or (channel == "email") != ("@" in recipient) or len(recipient) > 255:
        raise UserError("Cần một địa chỉ thư điện tử." if channel == "email" else "Cần một số điện thoại.")
    with db.reading() as s:
        settings = settings_in(s)
    target = channels_from(settings).get(channel)
    if target is None:
        raise UserError(f"Kênh «{CHANNELS[channel]}» chưa bật hoặc chưa có địa chỉ máy chủ / cổng gửi.")
    uuid = new_uuid()
    result = target.send(Message(uuid, channel, recipient, "Một Cửa: tin nhắn thử của cơ quan. Xin bỏ qua tin này.",
                                 "Một Cửa: thư thử", "test", {}))
    with db.writing() as s:
        audit(s, actor, "notice.test", "notice", uuid, {"channel": channel, "to": mask_recipient(channel, recipient),
                                                         "outcome": result.outcome, "reason": result.reason})
    if result.outcome == OK:
        return TestOutcome(True, f"Đã gửi thử qua {CHANNELS[channel]}.")
    return TestOutcome(False, f"Gửi thử qua {CHANNELS[channel]} không được: {result.reason}.")

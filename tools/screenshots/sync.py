"""Screenshots of the portal sync: the online inbox with dossiers citizens filed overnight (some
files downloaded, some not yet), and the sync page with a change the portal refused (a mistyped
phone number) and a receipt to reprint after a provisional code was replaced.

The screenshots' office has no real portal: the sync worker is stopped first, the state a
running sync leaves behind is written here, and the status is read and shown the way the worker
would show it."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.portal.contract import Attachment, Lease, OnlineDossier
from app.portal.inbox_pull import set_state
from app.portal.sync import CycleReport
from app.services.dossiers import numbering
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.online_inbox import save_pulled
from app.services.intake.registration import Applicant, RegisterRequest, register
from app.services.settings.store import change_settings
from db.models import Dossier, OnlineAttachment, OutboxMessage
from ui.sync.worker import read_status

PORTAL = "https://dichvucong.vinhlong.gov.vn/motcua"
FILED = (  # name, procedure, hours before now, level, whole process, files (name, size, downloaded)
    ("Lê Thị Hồng Nhung", "1.001193", 14.5, 4, True, (("to-khai-khai-sinh.pdf", 48_213, True),
                                                      ("giay-chung-sinh.jpg", 245_760, True))),
    ("Nguyễn Hoàng Phúc", "2.009202", 11.2, 4, True, (("to-khai-CT01.pdf", 61_440, True),)),
    ("Trần Minh Khôi", "1.004873", 3.1, 4, True, (("to-khai-xac-nhan-hon-nhan.pdf", 52_000, True),
                                                   ("cccd-mat-truoc.jpg", 1_310_720, False),
                                                   ("cccd-mat-sau.jpg", 1_289_000, False))),
    ("Võ Thị Kim Ngân", "2.000815", 1.4, 3, False, (("ban-chinh-bang-tot-nghiep.pdf", 880_000, True),)),
    ("Phan Văn Đạt", "1.004194", 0.3, 4, True, (("to-khai-CT01.pdf", 59_800, False),)),
)


def _online(now: datetime) -> list[OnlineDossier]:
    items = []
    for n, (name, proc, hours, level, whole, files) in enumerate(FILED, start=1):
        submitted = (now - timedelta(hours=hours)).replace(second=0, microsecond=0)
        items.append(OnlineDossier(
            portal_id=f"5b6c2f3e-9a1d-4c7b-8e21-0000000000{n:02d}",
            code=f"000.00.01.H62-{submitted:%y%m%d}-{9000 + n:04d}", procedure_code=proc, applicant_kind=1,
            applicant_name=name, applicant_id_number=f"0861900{n:05d}", applicant_phone=f"09{n}8765432",
            applicant_email=None, applicant_address="TP Vĩnh Long", summary=None, submitted_at=submitted,
            online_level=level, whole_process=whole, result_method="online", result_address=None,
            attachments=[Attachment(f"tep-{n}-{i}", file, "application/octet-stream", size, "",
                                    f"/api/v1/attachments/tep-{n}-{i}") for i, (file, size, _) in enumerate(files)]))
    return items


def _fill_online(db, now: datetime, data_dir: Path) -> None:
    with db.writing() as s:
        save_pulled(s, _online(now))
    fetched = {f"tep-{n}-{i}" for n, (*_, files) in enumerate(FILED, start=1)
               for i, (_, _, done) in enumerate(files) if done}
    with db.writing() as s:
        for a in s.scalars(select(OnlineAttachment).where(OnlineAttachment.portal_id.in_(fetched))):
            relative = Path("attachments") / a.portal_id / a.name
            (data_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            content = f"{a.name}\n".encode() * 8
            (data_dir / relative).write_bytes(content)
            a.path, a.fetched_at, a.sha256 = relative.as_posix(), now, hashlib.sha256(content).hexdigest()


def _quarantine(db, actor, now: datetime) -> None:
    """A dossier whose phone number was mistyped (one digit short): the portal refused its
    registration, and its hand-over waits behind it."""
    person = Applicant(name="Trương Thị Bích Ngọc", id_number="086185004321", phone="0939123456",
                       address="Ấp Phước Yên, xã Phú Quới, huyện Long Hồ")
    d = register(db, actor, RegisterRequest(procedure_code="1.004222", applicant=person,
                                            received_at=now - timedelta(minutes=50)))
    act(db, actor, d.code, Action.HAND_OVER, Facts(division="Công an xã Phú Quới", giver=actor.full_name,
                                                  taker="Lê Văn Tâm", at=now - timedelta(minutes=20)))
    with db.writing() as s:
        s.execute(update(Dossier).where(Dossier.id == d.id).values(applicant_phone="093912345"))
        first = s.scalar(select(OutboxMessage.id).where(OutboxMessage.dossier_id == d.id).order_by(OutboxMessage.seq))
        s.execute(update(OutboxMessage).where(OutboxMessage.id == first).values(
            state="quarantined", quarantined_at=now - timedelta(minutes=2), attempts=1,
            last_error="Dữ liệu hồ sơ không hợp lệ.",
            error_fields=[{"field": "SoDienThoai", "label": "Số điện thoại", "message": "Số điện thoại phải gồm 10 đến 11 chữ số."}]))


def _reprint(db, actor, now: datetime) -> None:
    """Registered during this morning's outage under a provisional code; the portal then gave it
    the official number 0057."""
    person = Applicant(name="Huỳnh Văn Lộc", id_number="086092001234", phone="0907111222",
                       address="Số 12 Lê Thái Tổ, Phường 2, TP Vĩnh Long")
    d = register(db, actor, RegisterRequest(procedure_code="1.000656", applicant=person,
                                            received_at=now - timedelta(minutes=75)))
    assert d.provisional, d.code
    with db.writing() as s:
        numbering.replace_provisional(s, d.id, Lease("lease-screenshot", "000.00.01.H62", now.date(), 57, 57),
                                      at=now - timedelta(minutes=3))


def shoot_sync(db, window, out: Path, now: datetime, shoot) -> None:
    window.sync_worker.stop()  # no real portal here: what it would show is set up below
    actor = window.actor
    with db.writing() as s:  # what earlier sync cycles sent is sent
        s.execute(update(OutboxMessage).where(OutboxMessage.state == "pending").values(state="sent", sent_at=now))
    _quarantine(db, actor, now)
    # From here on the office has a portal: with no number leased yet, a new dossier gets a
    # provisional code.
    change_settings(db, Actor.system(), {"portal.url": PORTAL, "portal.token": "vl-h62-0c1f"})
    _fill_online(db, now, window.data_dir)
    _reprint(db, actor, now)
    with db.writing() as s:
        set_state(s, "online", True)
        set_state(s, "last_error", None)
        set_state(s, "last_success_at", (now - timedelta(minutes=2)).isoformat())
    status = read_status(db, True, portal_url=PORTAL, clock=lambda: now)
    window.portal_label.show_status(status)
    window.sync_page.show_status(status)
    window._sync_status(status)
    window.sync_page.on_report(CycleReport(sent=3, quarantined=1, pulled=len(FILED), fetched=6, replaced=1,
                                           online=True))

    window.nav.setCurrentRow(window.ONLINE)
    page = window.online_page
    for r in range(page.table.rowCount()):
        if page.table.item(r, 2).text() == "Trần Minh Khôi":
            page.table.selectRow(r)
    shoot(window, out / "online_inbox.png")

    window.nav.setCurrentRow(window.SYNC)
    window.sync_page.quarantine.selectRow(0)
    window.sync_page.reprint.selectRow(0)
    shoot(window, out / "portal_sync.png")

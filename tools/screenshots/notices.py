"""Screenshots of the notices at the desk (issue 23 §2): the intake form asking for consent,
the officer's list of notices a gateway refused for good, and the settings tab with the texts, a
live preview and the channels. `python -m tools.screenshots.notices <folder>` takes only these,
on a fresh demo office, at 1366×768.

The screenshots' office sends nothing: the refused notices are written into the outbox table the
way the sender leaves them after a gateway's final "no"."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.permissions import Actor
from app.services.intake.registration import Applicant, RegisterRequest, register
from app.services.settings.store import change_settings
from db.engine import Database
from db.models import Notice, new_uuid

SCREEN = (1366, 768)
REFUSED = (  # name, phone, e-mail, channel, kind, hours before now, the gateway's reason
    ("Lê Thị Hồng Nhung", "0919000111", None, "sms", "result_ready", 20,
     "Nhà mạng báo số điện thoại không tồn tại (mã 1202)."),
    ("Trần Minh Khôi", "0939123123", "khoi.tran@example.vn", "email", "supplement", 5,
     "Máy chủ thư từ chối người nhận: 550 5.1.1 hộp thư không tồn tại."),
    ("Võ Thị Kim Ngân", "0907555666", None, "zalo", "extension", 2,
     "Số điện thoại chưa đăng ký Zalo hoặc đã chặn tin từ tài khoản của cơ quan."),
)


def _refused_notices(db: Database, officer: Actor, now: datetime) -> None:
    for name, phone, email, channel, kind, hours, reason in REFUSED:
        at = now - timedelta(hours=hours)
        done = register(db, officer, RegisterRequest(
            procedure_code="1.001193", applicant=Applicant(name=name, phone=phone, email=email),
            received_at=at - timedelta(days=3), notice_channels=[channel]))
        with db.writing() as s:
            s.add(Notice(uuid=new_uuid(), event_uuid=new_uuid(), dossier_id=done.id, kind=kind, channel=channel,
                         recipient=email if channel == "email" else phone, body="…", state="failed", attempts=3,
                         created_at=at, next_attempt_at=at, last_error=reason))


def shoot_notices(db: Database, window, out: Path, shoot: Callable[[QWidget, Path], None],
                  settle: Callable[..., None]) -> None:
    """Writes notices_consent.png, notices_failed.png and notices_settings.png into `out`; `window`
    is an officer's desk window (ui/main_window.py), left on its intake page."""
    from app.services.trust.users import authenticate
    from ui.settings.page import SettingsPage

    out = Path(out)
    now = window.clock()
    form = window.intake
    window.nav.setCurrentRow(window.INTAKE)
    form.clear()
    form.procedure.select("1.001193")
    form.name.setText("Nguyễn Thị Ánh")
    form.phone.setText("0939 123 456")
    form.email.setText("anh.nguyen@example.vn")
    form.consent.boxes["sms"].setChecked(True)
    form.consent.boxes["zalo"].setChecked(True)
    form.consent.boxes["sms"].setFocus()  # the intake form scrolls to the field that has the focus
    settle()
    shoot(window, out / "notices_consent.png")
    form.clear()

    _refused_notices(db, window.actor, now)
    window.nav.setCurrentRow(window.FAILED_NOTICES)
    page = window.failed_notices_page
    page.refresh()
    page.select_row(0)
    settle()
    shoot(window, out / "notices_failed.png")

    system = Actor.system()
    change_settings(db, system, {
        "notices.email.enabled": True, "notices.email.host": "mail.vinhlong.gov.vn", "notices.email.port": 587,
        "notices.email.username": "motcua.phuochau", "notices.email.password": "mat-khau-thu",
        "notices.email.sender": "motcua.phuochau@vinhlong.gov.vn", "notices.email.sender_name": "Bộ phận Một cửa",
        "notices.sms.enabled": True, "notices.sms.provider": "generic_json",
        "notices.sms.url": "https://sms.example.vn/api/send", "notices.sms.sender": "UBND-PHUOCHAU",
        "notices.sms.api_key": "sms-7f3a9c2e41d8"})
    settings = SettingsPage(db, authenticate(db, "quantri", "motcua2026", None), clock=lambda: now)
    settings.resize(*SCREEN)
    settings.show()
    settings.show_tab(settings.notices)
    editor = settings.notices.templates
    editor.kind.setCurrentIndex(editor.kind.findData("result_ready"))
    editor.part.setCurrentIndex(editor.part.findData("text"))
    settle()
    shoot(settings, out / "notices_settings.png")
    settings.close()
    window.nav.setCurrentRow(window.INTAKE)


def main(out_dir: str) -> int:
    from tools.screenshots.desk import run_alone

    return run_alone(out_dir, shoot_notices)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

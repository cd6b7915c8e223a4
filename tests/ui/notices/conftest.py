"""A registered dossier whose citizen agreed to SMS and e-mail, and notices about it written into
the real outbox table as the sender would have left them (the sender itself is helper C's, tested
in tests/services/notices)."""

from datetime import datetime

import pytest

from app.services.intake.registration import register
from db.models import Notice, new_uuid
from tests.helpers.factories import OFFICER, procedure_code, request
from ui.main import make_app

AT = datetime(2026, 11, 20, 9, 0)
REFUSED = "Nhà mạng báo số điện thoại không tồn tại."


def add_notice(db, dossier_id: int, *, channel: str = "sms", state: str = "failed", error: str | None = REFUSED,
               sent: datetime | None = None, delivered: datetime | None = None) -> str:
    uuid = new_uuid()
    recipient = "an.nguyen@example.vn" if channel == "email" else "0912345678"
    with db.writing() as s:
        s.add(Notice(uuid=uuid, event_uuid=new_uuid(), dossier_id=dossier_id, kind="result_ready", channel=channel,
                     recipient=recipient, subject=None, body="Hồ sơ đã có kết quả.", state=state, attempts=8,
                     created_at=AT, next_attempt_at=AT, sent_at=sent, delivered_at=delivered, last_error=error))
    return uuid


@pytest.fixture
def dossier(db):
    """(id, code) of a dossier registered with consent to e-mail and SMS."""
    make_app()
    done = register(db, OFFICER, request(procedure_code(db), AT, notice_channels=["email", "sms"]))
    return done.id, done.code

"""The online inbox: pulled dossiers are stored once, wait in status 1, and the officer's answer
(receive, refuse, ask for a supplement) is an ordinary change that goes back through the outbox."""

import uuid
from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.domain.lifecycle import Action
from app.domain.vocab import DossierStatus as S
from app.errors import UserError
from app.portal.contract import Attachment, OnlineDossier
from app.services.dossiers import online_inbox
from app.services.dossiers.lifecycle import Facts, act
from db.models import AuditRecord, Dossier, DossierEvent, OnlineAttachment, OutboxMessage, SyncState
from tests.helpers.factories import OFFICER

MARRIAGE = "1.000894"
FILED = datetime(2026, 11, 21, 22, 15)  # a Saturday night
MON = datetime(2026, 11, 23, 9, 0)


def online(n=1, procedure=MARRIAGE, files=1):
    return OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-261121-{9000 + n:04d}", procedure_code=procedure,
        applicant_kind=1, applicant_name="Lê Thị Hồng Đào", applicant_id_number="079190012345",
        applicant_phone="0987654321", applicant_email=None, applicant_address="5 Trần Phú, Vĩnh Long",
        summary=None, submitted_at=FILED, online_level=4, whole_process=True, result_method="post",
        result_address="5 Trần Phú, Vĩnh Long", documents=[("Tờ khai đăng ký kết hôn", 1, 0)],
        attachments=[Attachment(f"att-{n}-{i}", f"to-khai-{i}.pdf", "application/pdf", 1234, "0" * 64,
                                f"/api/v1/attachments/att-{n}-{i}") for i in range(files)])


def test_pulled_dossiers_are_stored_once_and_wait(any_db):
    items = [online(1), online(2, files=2)]
    with any_db.writing() as s:
        assert online_inbox.save_pulled(s, items) == 2
    with any_db.writing() as s:
        assert online_inbox.save_pulled(s, items) == 0  # the same page read again after a crash
    rows = online_inbox.inbox(any_db, OFFICER)
    assert [(r.code, r.submitted_at, r.attachments, r.fetched) for r in rows] == [
        (items[0].code, FILED, 1, 0), (items[1].code, FILED, 2, 0)]
    with any_db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == items[0].code)).one()
        assert (d.uuid, d.status, d.channel, d.online_level, d.whole_process) == (items[0].portal_id, 1, 2, 4, True)
        # Nothing goes back to the portal for what came from it.
        assert s.scalar(select(OutboxMessage).where(OutboxMessage.dossier_id == d.id)) is None
        assert s.scalars(select(DossierEvent.action).where(DossierEvent.dossier_id == d.id)).all() == ["submit"]


def test_receiving_starts_the_clock_now_and_goes_to_the_portal(any_db):
    item = online()
    with any_db.writing() as s:
        online_inbox.save_pulled(s, [item])
    out = act(any_db, OFFICER, item.code, Action.RECEIVE, Facts(at=MON))
    assert out.status_to == S.RECEIVED
    with any_db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == item.code)).one()
        assert (d.received_at, d.received_by, d.counter_id, d.submitted_at) == (MON, 1, 1, FILED)
        assert d.due_at == out.due_at and d.due_at > MON
        row = s.scalars(select(OutboxMessage).where(OutboxMessage.dossier_id == d.id)).one()
        assert (row.kind, row.seq, row.state) == ("receive", 1, "pending")
    assert online_inbox.inbox(any_db, OFFICER) == []


@pytest.mark.parametrize(("action", "status"), [(Action.REFUSE, S.REFUSED),
                                                (Action.REQUEST_SUPPLEMENT, S.SUPPLEMENT_REQUESTED)])
def test_refusing_or_asking_for_a_supplement_needs_a_reason(db, action, status):
    item = online()
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    with pytest.raises(UserError, match="lý do"):
        act(db, OFFICER, item.code, action, Facts(at=MON))
    assert act(db, OFFICER, item.code, action, Facts(at=MON, reason="Thiếu bản sao CCCD")).status_to == status


def test_a_procedure_missing_here_is_set_aside_and_the_others_arrive(db):
    with db.writing() as s:
        assert online_inbox.save_pulled(s, [online(1, procedure="9.999999"), online(2)]) == 1
    with db.reading() as s:
        assert s.get(SyncState, "inbox_skipped").value == [{"code": "000.00.01.H62-261121-9001",
                                                            "procedure": "9.999999"}]


def test_attachments_open_once_fetched_and_the_view_is_audited(db, tmp_path):
    item = online()
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    [a] = online_inbox.attachments(db, OFFICER, item.code, tmp_path)
    assert (a.name, a.path) == ("to-khai-0.pdf", None)
    with pytest.raises(UserError, match="chưa tải về"):
        online_inbox.open_attachment(db, OFFICER, item.code, "to-khai-0.pdf", tmp_path)
    (tmp_path / "f.pdf").write_bytes(b"%PDF-1.4")
    with db.writing() as s:
        s.execute(update(OnlineAttachment).values(path="f.pdf"))
    assert online_inbox.open_attachment(db, OFFICER, item.code, "to-khai-0.pdf", tmp_path) == tmp_path / "f.pdf"
    with db.reading() as s:
        assert s.scalar(select(AuditRecord.details).where(AuditRecord.action == "dossier.open_attachment")) == {
            "file": "to-khai-0.pdf"}

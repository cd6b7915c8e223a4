"""A whole working session with the network down: intake, receipts, hand-over, results and returns
all work; when the portal comes back, every change arrives exactly once and in order, provisional
codes are replaced by official ones and listed for reprint."""

from datetime import datetime, timedelta

import httpx
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.portal.client import PortalClient
from app.portal.sync import SyncEngine
from app.services.dossiers import numbering
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import Dossier, OutboxMessage
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
MORNING = datetime(2026, 11, 23, 7, 30)
HANDOVER = Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai", taker="Trần Văn Bảo")


def test_a_day_offline_then_everything_arrives(db, sandbox, tmp_path):
    change_settings(db, Actor.system(), {"portal.url": sandbox.url, "portal.token": sandbox.token,
                                         "portal.lease_size": 3, "portal.lease_days": 2})
    clock = [MORNING]
    engine = SyncEngine(db, PortalClient(sandbox.url, sandbox.token, timeout=2.0), data_dir=tmp_path,
                        clock=lambda: clock[0])
    first = engine.run_once()  # online at opening: today's and tomorrow's numbers are leased
    assert first.ok and first.leased == 6  # numbers: 3 for today, 3 for the next working day
    sandbox.stop()  # the network goes down for the day

    codes = []
    for i in range(5):  # three leased numbers, then two provisional codes
        at = MORNING + timedelta(minutes=30 * (i + 1))
        reg = register(db, OFFICER, request(MARRIAGE, received_at=at))
        print_receipt(db, OFFICER, reg.code, tmp_path)
        codes.append(reg.code)
    assert [("TAM" in c) for c in codes] == [False, False, False, True, True]
    act(db, OFFICER, codes[0], Action.HAND_OVER, HANDOVER)
    act(db, OFFICER, codes[0], Action.RESULT_READY)
    act(db, OFFICER, codes[0], Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                          collector_id_number="079090012345"))
    act(db, OFFICER, codes[4], Action.HAND_OVER, HANDOVER)
    clock[0] = MORNING + timedelta(hours=4)
    offline = engine.run_once()
    assert not offline.online and offline.sent == 0 and offline.error

    sandbox.start()  # back
    back = engine.run_once()
    while back.more:
        back = engine.run_once()
    assert back.ok and back.replaced == 2

    with db.reading() as s:
        assert s.scalar(select(OutboxMessage).where(OutboxMessage.state != "sent")) is None
        outbox = s.execute(select(OutboxMessage.event_uuid, Dossier.uuid, OutboxMessage.seq)
                           .join(Dossier, Dossier.id == OutboxMessage.dossier_id).order_by(OutboxMessage.id)).all()
        assert s.scalar(select(Dossier).where(Dossier.provisional)) is None
    applied = sandbox.applied()
    assert sorted(a["Key"] for a in applied) == sorted(key for key, _, _ in outbox)  # each exactly once
    for hoso in {h for _, h, _ in outbox}:
        assert [a["PhienBan"] for a in applied if a["HoSoId"] == hoso] == \
            sorted(seq for _, h, seq in outbox if h == hoso)  # in order

    replaced = numbering.reprint_list(db, OFFICER)
    assert [r.provisional_code for r in replaced] == codes[3:]
    for r in replaced:
        assert "TAM" not in r.official_code
        with httpx.Client(headers=sandbox.headers) as c:  # the portal knows it by both codes
            official = c.get(f"{sandbox.api_url}/dossiers/{r.official_code}").json()
            old = c.get(f"{sandbox.api_url}/dossiers/{r.provisional_code}").json()
        assert official["MaHoSo"] == r.official_code and old["HoSoId"] == official["HoSoId"]
        assert official.get("MaHoSoTam") == r.provisional_code
    with httpx.Client(headers=sandbox.headers) as c:
        returned = c.get(f"{sandbox.api_url}/dossiers/{codes[0]}").json()
    assert returned["TrangThaiHoSo"] == 10

"""Dossier codes with a portal: leased numbers first, then provisional TAM codes, replaced at the
next sync and listed for reprint; an old provisional code still finds its dossier."""

import subprocess
import uuid
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.domain.codes import parse_dossier_code
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.portal.contract import Lease
from app.services.dossiers import numbering
from app.services.dossiers.query import get_dossier, search_in
from app.services.dossiers.receipts import receipt_data
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import AuditRecord, CodeReplacement, DossierEvent, OutboxMessage
from printing.receipt import build_receipt
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
UNIT = "000.00.01.H62"
MON = datetime(2026, 11, 23, 9, 0)


def with_portal(db):
    change_settings(db, Actor.system(), {"portal.url": "http://127.0.0.1:9", "portal.lease_size": 4,
                                         "portal.lease_days": 2})


def lease(first, last, day=None):
    return Lease(str(uuid.uuid4()), UNIT, day or MON.date(), first, last)


def test_without_a_portal_the_office_numbers_its_own(db):
    codes = [register(db, OFFICER, request(MARRIAGE, received_at=MON)).code for _ in range(2)]
    assert codes == [f"{UNIT}-261123-0001", f"{UNIT}-261123-0002"]


def test_leased_numbers_then_provisional_codes(any_db):
    with_portal(any_db)
    with any_db.writing() as s:
        numbering.add_lease(s, lease(101, 102))
    made = [register(any_db, OFFICER, request(MARRIAGE, received_at=MON)) for _ in range(4)]
    assert [m.code for m in made] == [f"{UNIT}-261123-0101", f"{UNIT}-261123-0102",
                                      f"{UNIT}-261123-TAM0001", f"{UNIT}-261123-TAM0002"]
    assert [m.provisional for m in made] == [False, False, True, True]
    with any_db.reading() as s:
        assert numbering.provisional_dossiers(s) == [(made[2].id, UNIT, MON.date()), (made[3].id, UNIT, MON.date())]


def test_replacing_a_provisional_code(any_db):
    with_portal(any_db)
    reg = register(any_db, OFFICER, request(MARRIAGE, received_at=MON))
    assert reg.provisional and parse_dossier_code(reg.code).provisional
    with any_db.writing() as s:
        official = numbering.replace_provisional(s, reg.id, lease(57, 57))
    assert official == f"{UNIT}-261123-0057"
    with any_db.reading() as s:
        d = get_dossier(s, reg.code)  # the citizen's receipt still carries the provisional code
        assert (d.code, d.provisional) == (official, False)
        assert [r.code for r in search_in(s, reg.code)] == [official]
        event = s.scalars(select(DossierEvent).where(DossierEvent.action == "code_assigned")).one()
        assert event.details == {"provisional_code": reg.code, "official_code": official}
        assert s.scalar(select(OutboxMessage.seq).where(OutboxMessage.event_uuid == event.uuid)) == 2
        assert s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.code_assigned")) is not None
    [item] = numbering.reprint_list(any_db, OFFICER)
    [seen_by_boss] = numbering.reprint_list(any_db, Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3))
    assert item.applicant_phone == "0912345678"  # the officer calls the citizen back
    assert seen_by_boss == replace(item, applicant_phone="091****678")
    with any_db.reading() as s:
        assert numbering.reprints_waiting(s) == 1
    assert (item.provisional_code, item.official_code) == (reg.code, official)
    numbering.mark_reprinted(any_db, OFFICER, item.id, "reprinted")
    assert numbering.reprint_list(any_db, OFFICER) == []
    with any_db.reading() as s:
        assert numbering.reprints_waiting(s) == 0
    with any_db.reading() as s:
        assert s.scalar(select(CodeReplacement.done_by)) == "canbo"
    with any_db.writing() as s, pytest.raises(Exception, match="mã tạm"):
        numbering.replace_provisional(s, reg.id, lease(58, 58))


def test_leases_wanted_for_today_and_the_next_working_days(db):
    with_portal(db)
    with db.reading() as s:
        saturday = numbering.leases_wanted(s, date(2026, 11, 21))
        wanted = numbering.leases_wanted(s, date(2026, 11, 23))
    assert saturday == [(UNIT, date(2026, 11, 21), 4), (UNIT, date(2026, 11, 23), 4)]
    # 24/11/2026 is Vietnam Cultural Day, a day off: the next working day after Monday is the 25th.
    assert wanted == [(UNIT, date(2026, 11, 23), 4), (UNIT, date(2026, 11, 25), 4)]
    with db.writing() as s:
        numbering.add_lease(s, lease(1, 4, date(2026, 11, 23)))
        numbering.add_lease(s, lease(5, 5, date(2026, 11, 25)))  # fewer than half a block left
    with db.reading() as s:
        assert numbering.leases_wanted(s, date(2026, 11, 23)) == [(UNIT, date(2026, 11, 25), 4)]


def test_the_same_lease_twice_is_kept_once(db):
    same = lease(1, 4)
    for _ in range(2):
        with db.writing() as s:
            numbering.add_lease(s, same)
    with db.reading() as s:
        assert numbering.numbers_left(s, UNIT, MON.date()) == 4


def test_a_provisional_receipt_says_so(db, tmp_path):
    with_portal(db)
    code = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    with db.reading() as s:
        pdf = build_receipt(receipt_data(s, code))
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "MÃ TẠM" in text and code in text

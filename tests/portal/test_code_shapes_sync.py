"""Codes of the newer shapes across the portal boundary, over real HTTP to the sandbox portal: an
office under a Decision 20/2020 unit code issuing Circular 04/2025 codes leases numbers, replaces a
provisional code and pushes its dossiers, and the portal takes them; a unit code of neither form is
refused by the portal in Vietnamese, naming both forms."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.codes import parse_dossier_code
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.portal.client import PortalClient
from app.portal.contract import PortalRejected
from app.portal.sync import SyncEngine
from app.services.intake.registration import register
from app.services.settings import office
from app.services.settings.store import change_settings
from db.models import Dossier, NumberLease
from tests.helpers.factories import OFFICER, procedure_code, request

UNIT = "H62.18.05"
ADMIN = Actor("quantri", Role.ADMIN, user_id=4)


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as c:
        yield c


@pytest.fixture
def engine(db, client, tmp_path):
    return SyncEngine(db, client, batch=50, data_dir=tmp_path / "data")


def test_a_decision_20_unit_leases_and_sends_circular_04_codes(db, engine, client, sandbox):
    office.update_agency(db, ADMIN, unit_code=UNIT.lower())
    change_settings(db, Actor.system(), {"portal.url": sandbox.url, "portal.token": sandbox.token,
                                         "portal.lease_size": 3, "portal.lease_days": 1,
                                         "codes.shape": "04/2025", "codes.system_id": "01"})
    provisional = register(db, OFFICER, request(procedure_code(db)))  # nothing leased yet
    assert provisional.provisional and provisional.code.startswith(f"{UNIT}-") and "-TAM" in provisional.code

    report = engine.run_once()
    assert report.ok and report.leased == 3 and report.replaced == 1 and report.sent == 2
    with db.reading() as s:
        leases = s.execute(select(NumberLease.unit_code, NumberLease.first, NumberLease.last)
                           .order_by(NumberLease.id)).all()
        replaced = s.get(Dossier, provisional.id).code
    assert [u for u, _f, _l in leases] == [UNIT, UNIT]  # the block for today, the number for the TAM code
    official = parse_dossier_code(replaced)
    assert (official.unit_code, official.shape, official.system_id, official.provisional) == (UNIT, "04/2025", "01", False)
    assert official.sequence == leases[1][1]

    # A leased number makes the next code: the office's shape, the portal's number.
    fresh = register(db, OFFICER, request(procedure_code(db)))
    assert not fresh.provisional and parse_dossier_code(fresh.code).sequence == leases[0][1]
    assert fresh.code == f"{UNIT}-{fresh.received_at:%y%m%d}-01{leases[0][1]:04d}"
    assert engine.run_once().ok
    # The portal kept both under their codes (its own checks of MaHoSo and MaHoSoTam passed).
    assert [a["Data"]["MaHoSo"] for a in sandbox.applied(fresh.uuid)] == [fresh.code]
    pushed = sandbox.applied(provisional.uuid)
    assert {(a["Data"]["MaHoSo"], a["Data"]["MaHoSoTam"]) for a in pushed} == {(replaced, provisional.code)}
    assert client.lookup(fresh.code) is not None


def test_the_portal_refuses_a_unit_code_of_neither_form_naming_both(client):
    with pytest.raises(PortalRejected) as refused:
        client.lease("k-bad-unit", "H62-18", date.today(), 1)
    fields = {f["field"]: f["message"] for f in refused.value.fields}
    assert "QCVN 102:2016 (ví dụ 000.00.01.H22)" in fields["MaDonVi"]
    assert "Quyết định 20/2020/QĐ-TTg" in fields["MaDonVi"] and "H62.18.05" in fields["MaDonVi"]


def test_the_published_contract_takes_every_shape_the_counter_writes():
    """resources/portal/openapi.yaml spells the shapes as patterns for other clients: it must take
    what code_shapes.json's examples, and codes past 9,999, look like."""
    import re

    import yaml

    from app.domain.codes import format_dossier_code, shapes
    from app.paths import RESOURCES

    schemas = yaml.safe_load((RESOURCES / "portal" / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]

    def takes(schema: str, text: str) -> bool:
        return bool(re.fullmatch(schemas[schema]["pattern"], text)) and len(text) <= schemas[schema]["maxLength"]

    units = [e for u in shapes().unit_forms for e in u.examples]
    assert all(takes("UnitCode", u) for u in units) and not takes("UnitCode", "H62-18")
    day = date(2026, 1, 25)
    written = [s.example for s in shapes().dossier.values()] + [
        format_dossier_code("H62." + "1" * 31, day, 99_999), format_dossier_code("H62.18", day, 10**9 - 1,
                                                                               shape="04/2025", system_id="99")]
    assert all(takes("DossierCode", c) and takes("ProvisionalCode", c) for c in written)
    tam = shapes().provisional.example
    assert takes("ProvisionalCode", tam) and not takes("DossierCode", tam)

"""What a scan is: a dossier code (any case), a queue ticket, a citizen ID QR, or unknown. The QR
parser itself is tested in tests/domain/test_cccd_qr.py, the bytes of tickets and boards in
tests/devices/; the desk's handling of each kind in tests/hardware/test_scan_handler.py."""

from datetime import datetime

import pytest

from app.devices.scan_routing import ScanKind, Scanned, classify
from app.domain.cccd_qr import looks_like_cccd_qr
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.intake.registration import register
from app.services.settings import office
from app.services.settings.store import change_settings
from tests.hardware.test_scan_handler import only
from tests.helpers.factories import OFFICER, request
from ui.devices.scan_handler import ScanHandler
from ui.intents import DeskIntents
from ui.main import make_app

ADMIN = Actor("quantri", Role.ADMIN, user_id=4)
QR = "079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi, Phường 1, TP Vĩnh Long|01072021"


def test_routing_tells_codes_apart():
    assert classify("000.00.01.h62-261123-0001").text == "000.00.01.H62-261123-0001"
    assert classify("A012").kind is ScanKind.TICKET and classify("stt:b007").text == "B007"
    assert classify("hello").kind is ScanKind.UNKNOWN
    assert not looks_like_cccd_qr("000.00.01.H62-261123-0001")
    for suffix in ("", "\r\n", "\t"):
        assert classify(QR + suffix).kind is ScanKind.CITIZEN_ID
    six = QR.replace("|025123456|", "|")
    assert classify(six).kind is ScanKind.CITIZEN_ID


def test_a_code_of_any_known_shape_routes_to_its_dossier():
    """Circular 04/2025's codes, Decision 20/2020 unit codes and provisional codes are dossier codes
    whatever shape this office issues (resources/data/code_shapes.json)."""
    for code in ("H62.18.05-261123-010001", "h62.18-261123-3510000", "H62-261123-0001", "H62.18.05-261123-10000",
                 "000.00.01.H62-261123-TAM0001"):
        assert classify(f" {code}\r\n") == Scanned(ScanKind.DOSSIER, code.upper())
    # Near misses are not: a name search or a ticket would be wrong as well, so they stay unknown.
    for text in ("H62.18.05", "H62.18.05-261123", "H62.18.05-261123-01", "H62.18.05-261123-01-0001"):
        assert classify(text).kind is ScanKind.UNKNOWN


@pytest.fixture
def desk(qtbot, db):
    make_app()
    intents = DeskIntents()
    return ScanHandler(db, OFFICER, intents, intents)


def test_a_scanned_circular_04_receipt_opens_its_dossier_at_the_desk(qtbot, db, desk):
    """The whole routing: the desk's scan handler looks the code up and asks to open the dossier."""
    office.update_agency(db, ADMIN, unit_code="H62.18.05")
    change_settings(db, ADMIN, {"codes.shape": "04/2025", "codes.system_id": "01"})
    code = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 23, 8, 30))).code
    assert code == "H62.18.05-261123-010001"
    asked_code, detail = only(qtbot, desk, code.lower() + "\r\n", "show_dossier")
    assert asked_code == code and detail["code"] == code

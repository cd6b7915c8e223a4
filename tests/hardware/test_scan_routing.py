"""What a scan is: a dossier code (any case), a queue ticket, a citizen ID QR, or unknown. The QR
parser itself is tested in tests/domain/test_cccd_qr.py, the bytes of tickets and boards in
tests/devices/."""

from app.devices.scan_routing import ScanKind, classify
from app.domain.cccd_qr import looks_like_cccd_qr

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

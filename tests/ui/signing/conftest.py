"""A PDF signed by the test PKI's officer (tests/helpers/pki.py) with pyHanko, for the verdict dialog."""

from __future__ import annotations

from io import BytesIO

import pytest

from tests.helpers.pki import make_pki


def plain_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out, pagesize=(595, 842), pageCompression=0)  # the text findable, to tamper with
    page.drawString(72, 760, "Giay tiep nhan - test")
    page.save()
    return out.getvalue()


def signed_pdf(pki) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(plain_pdf())),
                     signers.PdfSignatureMetadata(field_name="ChuKySo"), signer=pki.signer(), output=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def use_token(db, data_dir, token, *, library: str | None = None) -> None:
    """Signing on for the office, and this PC's devices.json pointing at the SoftHSM2 token (or at
    `library` instead)."""
    from dataclasses import replace

    from app.devices.config import TokenSettings, load_devices, save_devices
    from app.domain.permissions import Actor
    from app.services.settings.store import change_settings

    change_settings(db, Actor.system(), {"signing.enabled": True, "signing.method": "pkcs11"})
    save_devices(data_dir, replace(load_devices(data_dir), token=TokenSettings(library=library or token.library,
                                                                               label=token.label)))


def answer_pin(qtbot, session, pin: str) -> None:
    """Wait for the desk's PIN dialog, type `pin` (ASCII: keyClicks is safe) and press its OK."""
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: session.pin_dialog is not None and session.pin_dialog.isVisible(), timeout=30_000)
    dialog = session.pin_dialog
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, pin)
    # QTest's keys count as the system's: the desk's scanner filter (ui/devices/wedge.py) holds a
    # fast burst a moment before handing it to the field.
    qtbot.waitUntil(lambda: dialog.pin.text() == pin)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)


def pulled(db, n: int = 1) -> str:
    """An online dossier in the inbox (status 1), as the portal sync stores it."""
    import uuid
    from datetime import datetime

    from app.portal.contract import OnlineDossier
    from app.services.dossiers.online_inbox import save_pulled

    item = OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-261120-{8000 + n:04d}", procedure_code="1.001193",
        applicant_kind=1, applicant_name="Phạm Văn Tài", applicant_id_number="086090054321",
        applicant_phone="0911222333", applicant_email=None, applicant_address="Phường 3, TP Vĩnh Long",
        summary=None, submitted_at=datetime(2026, 11, 20, 7, 15), online_level=4, whole_process=True,
        result_method="online", result_address=None, attachments=[])
    with db.writing() as s:
        assert save_pulled(s, [item]) == 1
    return item.code


def received(db, n: int = 1) -> str:
    """An online dossier received at the counter with signing on: its e-receipt waits, unsigned."""
    from datetime import datetime

    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act
    from tests.helpers.factories import OFFICER

    code = pulled(db, n)
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=datetime(2026, 11, 20, 9, n)))
    return code


def states(db, code: str) -> list[tuple[str, str]]:
    from app.services.signing.query import documents_of
    from tests.helpers.factories import OFFICER

    return [(d.kind, d.state) for d in documents_of(db, OFFICER, code)]

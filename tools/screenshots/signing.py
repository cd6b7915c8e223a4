"""Screenshots of signing at the desk (issue 24, docs/signing.md "Tại quầy"): the PIN dialog, the
"Chưa ký" page, the dossier window with its signed e-receipt and the verdict of "Kiểm tra chữ ký",
and Cài đặt › Chữ ký số. `python -m tools.screenshots.signing <folder>` takes only these, on a fresh
office, at 1366×768.

The signature in them is real: a SoftHSM2 token made in a temporary folder with the test PKI
(tests/helpers/softhsm.py, tests/helpers/pki.py), its root added to the office's trusted roots."""

from __future__ import annotations

import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QScrollArea, QWidget

from app.domain.permissions import Actor
from db.engine import Database

SCREEN = (1366, 768)
APPLICANTS = (("Lê Thị Hồng Nhung", "1.001193"), ("Trần Minh Khôi", "1.000894"), ("Võ Thị Kim Ngân", "1.001193"))
NO_TOKEN_LINE = "Không thấy thiết bị ký số: hãy cắm thiết bị vào máy rồi ký lại."


def _online(db: Database, officer: Actor, now: datetime) -> list[str]:
    """Three online dossiers just received: their e-receipts wait to be signed."""
    from app.domain.lifecycle import Action
    from app.portal.contract import OnlineDossier
    from app.services.dossiers.lifecycle import Facts, act
    from app.services.dossiers.online_inbox import save_pulled

    codes = []
    for n, (name, procedure) in enumerate(APPLICANTS, 1):
        item = OnlineDossier(
            portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-{now:%y%m%d}-{7000 + n:04d}",
            procedure_code=procedure, applicant_kind=1, applicant_name=name, applicant_id_number=f"08619001234{n}",
            applicant_phone=f"091222333{n}", applicant_email=None, applicant_address="Phường 1, TP Vĩnh Long",
            summary=None, submitted_at=now - timedelta(days=1, hours=n), online_level=4, whole_process=True,
            result_method="online", result_address=None, attachments=[])
        with db.writing() as s:
            save_pulled(s, [item])
        act(db, officer, item.code, Action.RECEIVE, Facts())  # now: after the pull, before the signing
        codes.append(item.code)
    return codes


def _token(tmp: Path, db: Database, data_dir: Path):
    """The token, this PC's devices.json pointing at it, signing on and the test root trusted."""
    from app.devices.config import TokenSettings, load_devices, save_devices
    from app.services.settings.store import change_settings
    from app.signing.roots import add_root
    from tests.helpers.softhsm import make_token

    token = make_token(tmp / "softhsm")
    change_settings(db, Actor.system(), {"signing.enabled": True, "signing.method": "pkcs11",
                                         "signing.location": "Vĩnh Long"})
    save_devices(data_dir, replace(load_devices(data_dir), token=TokenSettings(library=token.library,
                                                                               label=token.label)))
    add_root(data_dir, token.pki.paths["root.pem"])
    return token


def shoot_signing(db: Database, window, out: Path, shoot: Callable[[QWidget, Path], None],
                  settle: Callable[..., None]) -> None:
    """Writes signing_pin.png, signing_unsigned.png, signing_dossier.png, signing_verdict.png and
    signing_settings.png into `out`; `window` is an officer's desk window (ui/main_window.py) on a
    synchronous pool (each op done when it returns)."""
    from app.services.signing.signing import note_failure
    from app.services.trust.users import authenticate
    from app.signing.base import NO_TOKEN, SigningError
    from ui.dossiers.detail import DossierDetailDialog
    from ui.settings.page import SettingsPage
    from ui.settings.signing import try_signing

    out = Path(out)
    # The real clock, not the desk's fixed one: a token signs at the real time, and the dossier's
    # history must read in order (filed, received, signed).
    from app.clock import now_local

    now = now_local().replace(second=0, microsecond=0)
    data_dir = window.data_dir
    with tempfile.TemporaryDirectory() as tmp:
        token = _token(Path(tmp), db, data_dir)
        codes = _online(db, window.actor, now)
        window._show_signing(True)
        page = window.unsigned_page
        for view in page.views[1:]:  # as the desk left them when it found no token
            note_failure(db, view.id, SigningError(NO_TOKEN, NO_TOKEN_LINE))
        window.nav.setCurrentRow(window.unsigned_row)
        page.refresh()
        page.select_row(0)
        page.sign_button.click()  # the token's PIN is asked: a wrong one first
        dialog = window.signing.pin_dialog
        dialog.pin.setText("000000" if token.pin != "000000" else "999999")
        dialog.sign_button.click()
        dialog.pin.setText("••••")  # what a PIN being typed looks like (masked)
        settle()
        shoot(dialog, out / "signing_pin.png")
        dialog.pin.setText(token.pin)
        dialog.sign_button.click()
        settle()
        page.refresh()
        page.select_row(0)
        shoot(window, out / "signing_unsigned.png")

        detail = DossierDetailDialog(db, window.actor, codes[0], parent=window, clock=lambda: now, data_dir=data_dir)
        detail.resize(940, SCREEN[1] - 40)
        detail.show()
        settle()
        panel = detail.signatures
        area = panel.parentWidget()
        while not isinstance(area, QScrollArea):  # the dossier window's scrolling body
            area = area.parentWidget()
        area.ensureWidgetVisible(panel)
        settle()
        shoot(detail, out / "signing_dossier.png")
        panel.check_selected()
        settle()
        shoot(panel.verdict, out / "signing_verdict.png")
        panel.verdict.close()
        detail.close()

        window.signing.close()  # one login per token in a process: "Thử ký" opens its own
        settings = SettingsPage(db, authenticate(db, "quantri", "motcua2026", None), data_dir=data_dir,
                                clock=lambda: now)
        settings.resize(*SCREEN)
        settings.show()
        tab = settings.signing
        settings.show_tab(tab)
        tab.find_tokens()
        # "Thử ký" as the button does it, the PIN given here instead of in its dialog.
        tab._tried(try_signing({**tab.saved, **tab.values()}, data_dir, tab.library.text(), tab.label.text(),
                               [token.pin]))
        settle()
        settings.scrolls[tab].ensureWidgetVisible(tab.roots_message)  # the token and the trusted roots
        settle()
        shoot(settings, out / "signing_settings.png")
        settings.close()
    window.nav.setCurrentRow(window.INTAKE)


def main(out_dir: str) -> int:
    from tools.screenshots.desk import run_alone

    return run_alone(out_dir, shoot_signing)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

"""`make screenshots`: render the windows offscreen into docs/screenshots/ to look at them.

A temporary database with the demo office and 2,000 demo dossiers; the clock is fixed so the
pictures do not change from one run to the next."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.events import process_events
from ui.main import Desk, home_facts, make_app, prepare_database

NOW = datetime(2026, 11, 20, 9, 40)


SCREEN = (1366, 768)  # the most common counter monitor: every picture is taken on it


def counter_screen() -> Path:
    """Qt's offscreen screen is 800×600 unless told: make it the counter's, so windows that size
    themselves to the screen (ui/screen.py) look as they do at a counter. Before the QApplication,
    from the folder returned."""
    import json

    folder = Path(tempfile.mkdtemp(prefix="motcua-screen-"))
    (folder / "screen.json").write_text(json.dumps({
        "windowFrameMargins": False,
        "screens": [{"name": "counter", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    # Relative: the platform argument splits at ':', a Windows drive letter included. The file is
    # read while the QApplication is built (make_app), from this folder.
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=screen.json"
    return folder


def settle(ms: int = 250) -> None:
    import time

    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        process_events()
        time.sleep(0.005)


def shoot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(f"wrote {path}")


def fill_intake(form) -> None:
    form.procedure.select("1.001029")  # karaoke licence: checklist, fee tiers, business applicant
    form.kind.setCurrentIndex(1)
    form.name.setText("Công ty TNHH Giải trí Ánh Dương")
    form.id_number.setText("1501234567")
    form.representative.setText("Võ Minh Khang")
    form.phone.setText("0912345678")
    form.email.setText("lienhe@anhduong.example.vn")
    # An address as an older paper gives it (a district): the form proposes the post-2025 units.
    form.address_fields.set_from_card("Số 25 đường Phạm Thái Bường, Phường 4, Thành phố Vĩnh Long, Vĩnh Long")
    form.fees.set_quantity(3, 1)
    form.documents.tick_all()  # the papers were checked and received (they arrive unticked)
    form.phone.setFocus()


def shoot_forms(db, actor, code: str, out: Path) -> None:
    """The karaoke licence dossier just registered: paid in part, handed over, late and extended;
    its fee notice (with the office's VietQR), apology letter and control sheet, as printed."""
    from app.domain.lifecycle import Action
    from app.domain.permissions import Actor
    from app.services.dossiers.forms import print_form
    from app.services.dossiers.lifecycle import Facts, act
    from app.services.dossiers.payments import record_payment
    from app.services.settings.store import change_settings
    from ui.intake.receipt_preview import render_pages

    change_settings(db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667",
                                         "bank.holder": "BO PHAN MOT CUA SO VHTTDL"})
    record_payment(db, actor, code, 1_000_000, "cash", at=NOW.replace(hour=9, minute=45))
    act(db, actor, code, Action.HAND_OVER, Facts(division="Phòng Quản lý Văn hóa", giver=actor.full_name,
                                                 taker="Trần Văn Bảo", at=NOW.replace(hour=10)))
    act(db, actor, code, Action.EXTEND, Facts(reason="Chờ kết quả thẩm định điều kiện phòng chống cháy nổ",
                                              new_due=datetime(2026, 12, 4, 17, 0), at=NOW.replace(hour=10, minute=30)))
    act(db, actor, code, Action.REQUEST_SUPPLEMENT, Facts(
        items=["Bản vẽ mặt bằng phòng hát có kích thước từng phòng", "Giấy chứng nhận đủ điều kiện về an ninh, trật tự"],
        reason="Hồ sơ thiếu thành phần theo khoản 1 Điều 11 Nghị định 54/2019/NĐ-CP",
        contact_name="Trần Văn Bảo", contact_phone="02703822118", at=NOW.replace(hour=11)))
    for form in ("fee_notice", "apology", "supplement"):
        render_pages(print_form(db, actor, form, code, NOW), 100)[0].save(str(out / f"form_{form}.png"))
        print(f"wrote {out / f'form_{form}.png'}")
    # The citizen asks to stop the dossier before any decision (Form 05), then the control sheet
    # shows every step.
    act(db, actor, code, Action.WITHDRAW, Facts(reason="Doanh nghiệp đề nghị dừng để chuyển địa điểm kinh doanh",
                                                at=NOW.replace(hour=14)))
    for form in ("stop", "control"):
        render_pages(print_form(db, actor, form, code, NOW), 100)[0].save(str(out / f"form_{form}.png"))
        print(f"wrote {out / f'form_{form}.png'}")
    from app.services.dossiers.forms import print_ledger

    ledger = print_ledger(db, actor, NOW.date().replace(day=1), NOW.date(), NOW)
    render_pages(ledger, 90)[0].save(str(out / "form_ledger.png"))
    print(f"wrote {out / 'form_ledger.png'}")


def start(out_dir: str):
    """The output folder (made) and the app, started with the counter's screen size and fonts (its
    settings are read from the folder counter_screen() writes). For each screenshot script."""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    here = Path.cwd()
    os.chdir(counter_screen())
    try:
        app = make_app()
    finally:
        os.chdir(here)
    return out, app


def run_alone(out_dir: str, shoot_part) -> int:
    """One part's screenshots on their own (`python -m tools.screenshots.<part>`): the app started
    as for all of them, an officer's desk at counter 1 on an empty office, then
    `shoot_part(db, window, out, shoot, settle)`."""
    from app.services.trust.users import authenticate
    from ui.ops import SynchronousPool, set_default_pool

    out, _app = start(out_dir)
    set_default_pool(SynchronousPool())
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_database(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}", demo=False, force_password_change=False)
        desk = Desk(db, Path(tmp) / "data", home_facts(db), clock=lambda: NOW)
        window = desk.open_window(authenticate(db, "canbo", "motcua2026", 1), "Quầy số 1")
        desk.backups.stop(60)
        window.resize(*SCREEN)
        window.show()
        shoot_part(db, window, out, shoot, settle)
        window.close()
        db.dispose()
    return 0


def main(out_dir: str) -> int:
    from app.services.trust.users import authenticate
    from ui.dossiers.detail import DossierDetailDialog
    from ui.intake.receipt_preview import render_pages
    from ui.login import LockDialog

    out, app = start(out_dir)
    from ui.ops import SynchronousPool, set_default_pool

    set_default_pool(SynchronousPool())  # a script: each step's op is done before its screenshot
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_database(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}", demo=False, force_password_change=False)
        from app.domain.permissions import Actor
        from app.services.demo_data import generate

        generate(db, Actor.system(), 2000, seed=1, until=NOW)
        desk = Desk(db, Path(tmp) / "data", home_facts(db), clock=lambda: NOW)

        login = desk.login_dialog()
        login.login.setText("canbo")
        login.show()
        shoot(login, out / "login.png")
        login.close()
        from ui.login import ChangePasswordDialog

        change = ChangePasswordDialog("canbo", lambda _new: None)
        change.new.setText("mat-khau-moi-9")
        change.again.setText("mat-khau-moi")
        change.message.setText(change.tr("The two passwords differ: type the same password twice."))
        change.show()
        shoot(change, out / "password_change.png")
        change.close()

        actor = authenticate(db, "canbo", "motcua2026", 1)
        window = desk.open_window(actor, "Quầy số 1")
        desk.backups.stop(60)  # the first automatic backup, done before the folder goes away
        window.resize(*SCREEN)
        window.show()
        for _ in range(100):  # the sync worker's first status (read on its thread), so every run looks alike
            if window.portal_label.current is not None:
                break
            settle(20)
        fill_intake(window.intake)
        shoot(window, out / "intake_address_proposal.png")
        window.intake.address_fields.accept_new()
        shoot(window, out / "intake.png")

        window.intake.fees.set_quantity(3, 1)
        registered = window.intake.save()
        while desk.preview is None or not desk.preview.rendered():  # built in a worker thread
            settle(50)
        if desk.preview is not None:
            desk.preview.resize(900, SCREEN[1] - 40)  # as tall as it opens on the counter's screen
            shoot(desk.preview, out / "receipt_preview.png")
            desk.preview.close()
        from app.services.dossiers.receipts import print_receipt

        pdf = print_receipt(db, actor, registered.code, Path(tmp) / "data").pdf
        render_pages(pdf, 100)[0].save(str(out / "receipt.png"))
        print(f"wrote {out / 'receipt.png'}")

        window.nav.setCurrentRow(window.DOSSIERS)
        shoot(window, out / "dossiers.png")
        window.dossiers.search.setText("nguyen van")
        settle(400)
        shoot(window, out / "dossiers_search.png")

        from sqlalchemy import select

        from db.models import Dossier

        with db.reading() as s:
            code = s.scalar(select(Dossier.code).where(Dossier.status == 10).order_by(Dossier.id.desc()))
        detail = DossierDetailDialog(db, actor, code, parent=window, data_dir=Path(tmp) / "data")
        detail.show()
        shoot(detail, out / "dossier_detail.png")
        detail.close()
        # The same dossier as a supervisor sees it, and the copy of its receipt they may print:
        # personal data masked by the core (docs/roles.md).
        boss = authenticate(db, "lanhdao", "motcua2026", None)
        detail = DossierDetailDialog(db, boss, code, parent=window)
        detail.show()
        shoot(detail, out / "dossier_detail_supervisor.png")
        detail.close()
        masked = print_receipt(db, boss, registered.code, Path(tmp) / "data").pdf
        render_pages(masked, 100)[0].save(str(out / "receipt_masked.png"))
        print(f"wrote {out / 'receipt_masked.png'}")

        with db.reading() as s:
            ready = s.scalar(select(Dossier.code).where(Dossier.status == 9).order_by(Dossier.id.desc()))
        from tools.screenshots.digitize import shoot_digitize

        shoot_digitize(db, window, actor, registered.code, Path(tmp) / "data", out, shoot, settle)

        window.nav.setCurrentRow(window.RETURN)
        window.return_page.code.setText(ready)
        window.return_page.look_up()
        shoot(window, out / "return.png")

        window.nav.setCurrentRow(window.WATCH)
        window.watch_page.mine.setChecked(False)  # the whole office, as a supervisor sees it
        shoot(window, out / "watch.png")
        shoot_forms(db, actor, registered.code, out)
        window.nav.setCurrentRow(window.DEVICES)
        shoot(window, out / "devices.png")
        from tools.screenshots.queue import shoot_queue

        shoot_queue(db, window, out, NOW, shoot)
        from tools.screenshots.sync import shoot_sync

        shoot_sync(db, window, out, NOW, shoot)
        from tools.screenshots.reports import shoot_reports

        shoot_reports(db, authenticate(db, "lanhdao", "motcua2026", None), out, shoot, settle)
        from tools.screenshots.guide import shoot_guide

        shoot_guide(db, authenticate(db, "huongdan", "motcua2026", None), out, shoot, settle, now=NOW)

        from tools.screenshots.notices import shoot_notices

        shoot_notices(db, window, out, shoot, settle)
        from tools.screenshots.signing import shoot_signing

        shoot_signing(db, window, out, shoot, settle)  # a SoftHSM2 token in a temporary folder: a real signature
        from tools.screenshots.fees import shoot_fees

        shoot_fees(db, window, out, shoot, settle)  # the sandbox e-receipt provider on a local port
        from tools.screenshots.rating import shoot_rating

        shoot_rating(db, out, shoot, NOW)
        from tools.screenshots.settings import shoot_settings

        shoot_settings(db, authenticate(db, "quantri", "motcua2026", None), out, shoot, now=NOW)  # last: it adds days off

        lock = LockDialog(actor, lambda *_: actor, window)
        lock.show()
        shoot(lock, out / "lock.png")
        lock.close()
        window.close()
        db.dispose()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))

"""The fee pages in the desk's window and its e-receipt sender: who collects fees gets "Thu phí"
(the receipts waiting, the counter's closing) and who sees reports gets "Chốt sổ các quầy"; the
sender runs only while the office has e-receipts on, is woken when a dossier changed (a payment),
stops when they are turned off and when the window closes (log-out, quit). Its rounds are counted
under a Condition: the tests wait on that, never on time."""

from __future__ import annotations

from app.domain.permissions import Actor
from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from app.services.settings.store import change_settings, load_settings
from tests.helpers.desk import open_desk
from tests.ui.fees.fee_desk import dossier, officer, supervisor
from ui.changes import Changed, announce
from ui.fees.desk_runner import DeskReceiptRunner
from ui.main import make_app

TEMPLATE, SYMBOL = "01BLP0-001", "BL-26E"


def wait_rounds(runner, n: int) -> None:
    with runner.round_done:
        assert runner.round_done.wait_for(lambda: runner.rounds >= n, timeout=30)


def nav_texts(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count()) if not window.nav.isRowHidden(i)]


def test_the_sender_runs_only_while_e_receipts_are_on_and_is_woken_by_a_change(qtbot, db):
    make_app()
    desk = DeskReceiptRunner(db, interval=3600)  # rounds come from the start and wake-ups only
    settings = load_settings(db)
    assert not desk.apply(settings) and desk.runner is None  # off by default
    on = settings | {"fees.receipts.enabled": True}
    assert desk.apply(on)
    runner = desk.runner
    wait_rounds(runner, 1)  # the first round at start
    announce(Changed.DOSSIER)
    wait_rounds(runner, 2)
    with qtbot.waitSignal(desk.round_finished, timeout=10_000):  # told on the GUI thread: the page reads again
        pass
    assert desk.apply(on) and desk.runner is runner  # one sender, however often saved
    assert not desk.apply(settings)  # turned off: stopped
    assert not runner.is_alive() and desk.runner is None
    desk.stop()


def test_the_desk_issues_a_payments_receipt_and_stops_the_sender_with_the_window(qtbot, db, data_dir):
    server, thread = serve("127.0.0.1", 0)
    try:
        change_settings(db, Actor.system(), {
            "fees.receipts.enabled": True, "fees.receipts.url": server.url, "fees.receipts.provider": "sandbox",
            "fees.receipts.template_code": TEMPLATE, "fees.receipts.symbol": SYMBOL, "fees.receipts.timeout_s": 5})
        window = open_desk(qtbot, db, data_dir, officer(db))
        assert "Thu phí" in nav_texts(window) and "Chốt sổ các quầy" not in nav_texts(window)
        runner = window.receipt_runner.runner
        assert runner is not None and runner.is_alive()
        wait_rounds(runner, 1)
        code = dossier(db, 38_000)
        record_payment(db, officer(db), code, 38_000, "cash", payer_name="Nguyễn Văn An")
        seen = runner.rounds
        announce(Changed.DOSSIER)  # as the payment dialog's op does
        wait_rounds(runner, seen + 1)
        assert [r["amount"] for r in server.issued()] == [38_000]

        window.nav.setCurrentRow(window.fees_row)
        page = window.fees_page
        assert window.pages.currentWidget() is page and page.empty.isVisible()
        page.closing_button.click()
        dialog = window.closing_dialog
        assert dialog.isVisible() and dialog.heading.text() == "Chốt sổ quầy 1"
        assert dialog.values["pending"].text() == "0" and dialog.values["cash"].text() == "38.000 đ"
        dialog.reject()

        window._settings_saved(load_settings(db) | {"fees.receipts.enabled": False})  # turned off: stopped
        assert not runner.is_alive() and window.receipt_runner.runner is None
        page.refresh()  # the office's settings still say on (as if turned on again at another desk)
        page.send_button.click()  # "Gửi ngay" starts the sender again
        again = window.receipt_runner.runner
        assert again is not None and again.is_alive()
        window.close()  # log-out and quit close the window
        assert not again.is_alive() and window.receipt_runner.runner is None
    finally:
        server.stop(thread)


def test_a_supervisor_sees_every_counters_closings_and_collects_nothing(qtbot, db, data_dir):
    window = open_desk(qtbot, db, data_dir, supervisor(db))
    texts = nav_texts(window)
    assert "Chốt sổ các quầy" in texts and "Thu phí" not in texts
    assert window.fees_page is None and window.open_closing() is None
    window.nav.setCurrentRow(window.closings_row)
    assert window.pages.currentWidget() is window.closings_page
    assert window.receipt_runner.runner is None  # e-receipts off: no sender

"""The desk runs the notices' sender only once a channel is set up, wakes it when a dossier
changed, and stops it with the window. The runner's rounds are counted under a Condition: the
test waits on that, never on time."""

from app.services.settings.store import load_settings
from ui.changes import Changed, announce
from ui.main import make_app
from ui.notices.desk_runner import DeskNoticeRunner


def wait_rounds(runner, n: int) -> None:
    with runner.round_done:
        assert runner.round_done.wait_for(lambda: runner.rounds >= n, timeout=30)


def test_started_only_with_a_channel_woken_by_a_change_and_stopped(qtbot, db):
    make_app()
    desk = DeskNoticeRunner(db, interval=3600, poll_interval=3600)  # rounds come from wake-ups only
    settings = load_settings(db)
    assert not desk.start_if_configured(settings) and desk.runner is None  # every channel off by default
    settings |= {"notices.sms.enabled": True, "notices.sms.url": "http://127.0.0.1:9/sms"}
    assert desk.start_if_configured(settings)
    runner = desk.runner
    wait_rounds(runner, 1)  # the first round at start
    announce(Changed.DOSSIER)
    wait_rounds(runner, 2)
    with qtbot.waitSignal(desk.round_finished, timeout=10_000):  # told on the GUI thread, for the failed list
        pass
    assert desk.start_if_configured(settings) and desk.runner is runner  # one runner, however often saved
    desk.stop()
    assert not runner.is_alive() and desk.runner is None

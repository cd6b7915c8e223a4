"""Log-in and the idle lock, on a real database with argon2 password hashes."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.services.bootstrap import DEMO_PASSWORD
from app.services.users import authenticate
from tests.helpers.keyboard import enter, press, show_active, tab, type_text
from ui.login import CounterChoice, IdleWatcher, LockDialog, LoginDialog
from ui.main import counters, make_app


def dialog(qtbot, db):
    make_app()
    d = LoginDialog(lambda login, pw, c: authenticate(db, login, pw, c), counters(db),
                    agency_name="Bộ phận Một cửa (thử)")
    show_active(qtbot, d)
    d.login.setFocus()
    return d


def test_log_in_with_the_keyboard(qtbot, db):
    d = dialog(qtbot, db)
    assert [d.counter.itemText(i) for i in range(d.counter.count())] == ["Quầy số 1", "Quầy số 2", "Quầy số 3"]
    type_text("canbo")
    tab()
    type_text(DEMO_PASSWORD)
    tab()
    press(Qt.Key.Key_Down)  # counter 2
    d.password.setFocus()
    enter()
    assert d.result() == d.DialogCode.Accepted
    assert d.actor.login == "canbo" and d.actor.counter_id == counters(db)[1].id
    assert d.actor.full_name == "Nguyễn Thị Mai"


def test_wrong_password_and_unknown_login_get_the_same_message(qtbot, db):
    d = dialog(qtbot, db)
    d.login.setText("canbo")
    d.password.setText("sai-mat-khau")
    d.ok.click()
    wrong_password = d.message.text()
    assert d.actor is None and d.password.text() == ""
    d.login.setText("khongtontai")
    d.password.setText("sai-mat-khau")
    d.ok.click()
    assert d.message.text() == wrong_password and "mật khẩu" in wrong_password.lower()
    assert "khongtontai" not in wrong_password


def test_empty_fields_are_named(qtbot, db):
    d = dialog(qtbot, db)
    d.ok.click()
    assert d.message.text() == "Nhập tên đăng nhập và mật khẩu."
    assert d.windowTitle() == "Một Cửa: đăng nhập"
    labels = " ".join(w.text() for w in d.findChildren(QLabel))
    assert "Mật khẩu" in labels and "Quầy" in labels and "Password" not in labels


def test_idle_lock_asks_for_the_same_officers_password(qtbot, db):
    make_app()
    actor = authenticate(db, "canbo", DEMO_PASSWORD, None)
    watcher = IdleWatcher(0.002)  # 120 ms
    locks = []
    watcher.idle.connect(lambda: locks.append(True))
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    # Activity restarts the countdown.
    watcher.set_minutes(0.01)
    QApplication.instance().installEventFilter(watcher)
    try:
        lock = LockDialog(actor, lambda login, pw: authenticate(db, login, pw))
        qtbot.addWidget(lock)
        lock.show()
        lock.password.setText("sai")
        lock._try()
        assert lock.isVisible() and "mật khẩu" in lock.message.text().lower()
        press(Qt.Key.Key_Escape, widget=lock)
        assert lock.isVisible()  # Esc does not unlock
        lock.password.setText(DEMO_PASSWORD)
        lock._try()
        assert lock.result() == lock.DialogCode.Accepted
        assert "Nguyễn Thị Mai (canbo)" in " ".join(w.text() for w in lock.findChildren(QLabel))
    finally:
        QApplication.instance().removeEventFilter(watcher)


def test_counter_choice_is_remembered(qtbot, db):
    make_app()
    choices = [CounterChoice(1, "Quầy số 1"), CounterChoice(7, "Quầy số 7")]
    d = LoginDialog(lambda *a: None, choices, last_login="canbo", last_counter=7)
    qtbot.addWidget(d)
    assert d.counter.currentData() == 7 and d.login.text() == "canbo"

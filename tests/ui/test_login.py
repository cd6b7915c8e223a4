"""Log-in and the idle lock, on a real database with argon2 password hashes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.services.bootstrap import DEMO_PASSWORD
from app.services.trust.users import authenticate
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


def test_a_demo_password_must_be_replaced_before_the_desk_opens(qtbot, sqlite_url):
    """As `make run` seeds it: the demo password is right but opens only the new-password window."""
    from app.errors import PasswordChangeRequired
    from app.services.bootstrap import seed_demo_office
    from app.services.trust.users import change_initial_password
    from db.engine import Database
    from db.migrate import upgrade

    db = Database(sqlite_url)
    upgrade(db)
    seed_demo_office(db)
    make_app()
    d = LoginDialog(lambda login, pw, c: authenticate(db, login, pw, c), counters(db),
                    change_initial=lambda login, old, new, c: change_initial_password(db, login, old, new, c))
    show_active(qtbot, d)
    d.login.setText("canbo")
    d.password.setText(DEMO_PASSWORD)
    d.ok.click()
    change = d.change_dialog
    assert d.actor is None and change is not None and change.isVisible()
    assert change.windowTitle() == "Đặt mật khẩu mới"
    labels = " ".join(w.text() for w in change.findChildren(QLabel)).replace("&", "")
    assert "Mật khẩu mới" in labels and "Nhập lại" in labels and "Password" not in labels
    change.new.setText("mat-khau-moi-9")
    change.again.setText("mat-khau-moi-8")
    change.ok.click()
    assert "không giống nhau" in change.message.text() and d.actor is None
    change.new.setText("12345678")
    change.again.setText("12345678")
    change.ok.click()
    assert "dễ đoán" in change.message.text() and d.actor is None
    change.new.setText("mat-khau-moi-9")
    change.again.setText("mat-khau-moi-9")
    change.ok.click()
    assert d.result() == d.DialogCode.Accepted and d.actor.login == "canbo"
    assert authenticate(db, "canbo", "mat-khau-moi-9").login == "canbo"
    with pytest.raises(PasswordChangeRequired):  # the other demo accounts still wait for their own change
        authenticate(db, "lanhdao", DEMO_PASSWORD)
    db.dispose()

"""Log-in and the idle lock.

A wrong login and a wrong password get the same message (the core makes sure of that), so the
screen never tells which accounts exist. The lock screen asks only for the password of the
officer who is logged in; "Đăng xuất" hands the counter to someone else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent, QInputMethodEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Actor
from app.errors import PasswordChangeRequired, UserError


@dataclass(frozen=True)
class CounterChoice:
    id: int
    label: str


class LoginDialog(QDialog):
    """Login, password and counter. `authenticate(login, password, counter_id) -> Actor` is the
    core's; the dialog only shows what it says."""

    def __init__(self, authenticate: Callable[[str, str, int | None], Actor], counters: list[CounterChoice],
                 *, agency_name: str = "", demo_hint: str = "", last_login: str = "",
                 last_counter: int | None = None, parent: QWidget | None = None,
                 change_initial: Callable[[str, str, str, int | None], Actor] | None = None):
        super().__init__(parent)
        self._authenticate, self._change_initial = authenticate, change_initial
        self.change_dialog: ChangePasswordDialog | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Một Cửa: log in"))
        self.setObjectName("loginDialog")

        title = QLabel(agency_name or self.tr("Reception and result return"))
        title.setObjectName("loginTitle")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        title.setFont(font)

        self.login = QLineEdit(last_login)
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.counter = QComboBox()
        self.counter.setObjectName("counter")
        for c in counters:
            self.counter.addItem(c.label, c.id)
        if last_counter is not None and (i := self.counter.findData(last_counter)) >= 0:
            self.counter.setCurrentIndex(i)

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Counter:"), self.counter)

        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._try)
        quit_button.clicked.connect(self.reject)

        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.set_demo_hint(demo_hint)
        self.setMinimumWidth(460)
        (self.password if last_login else self.login).setFocus()

    def set_demo_hint(self, text: str) -> None:
        """The demo accounts' line above the buttons; the desk may learn it only once the window
        is up (it opens before the rest of the app has loaded: ui/main.py)."""
        if not text or self.findChild(QLabel, "demoHint") is not None:
            return
        hint = QLabel(text)
        hint.setObjectName("demoHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self._layout.insertWidget(self._layout.count() - 1, hint)

    def _try(self) -> None:
        login = self.login.text().strip()
        if not login or not self.password.text():
            self.message.setText(self.tr("Enter your login and password."))
            (self.login if not login else self.password).setFocus()
            return
        try:
            self.actor = self._authenticate(login, self.password.text(), self.counter.currentData())
        except PasswordChangeRequired as exc:
            if self._change_initial is None:
                self.message.setText(str(exc))
                return
            self._ask_new_password(exc.login, self.password.text())
            return
        except UserError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


    def _ask_new_password(self, login: str, old: str) -> None:
        counter = self.counter.currentData()
        self.change_dialog = ChangePasswordDialog(
            login, lambda new: self._change_initial(login, old, new, counter), self)
        self.change_dialog.accepted.connect(self._changed)
        self.change_dialog.rejected.connect(lambda: (self.password.clear(), self.password.setFocus()))
        self.change_dialog.open()

    def _changed(self) -> None:
        self.actor = self.change_dialog.actor
        self.accept()


class ChangePasswordDialog(QDialog):
    """The first log-in with an initial, demo or reset password: choose one's own, typed twice.
    The core checks the policy and says what is wrong."""

    def __init__(self, login: str, change: Callable[[str], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._change = change
        self.actor: Actor | None = None
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setModal(True)
        text = QLabel(self.tr("{login}: this password was given to you (a new, demo or reset account). "
                              "Choose your own password before you start work.\n"
                              "At least 8 characters with letters and digits, or 12 characters or more; "
                              "not your login and not an easy one.").format(login=login))
        text.setWordWrap(True)
        self.new = QLineEdit()
        self.new.setObjectName("newPassword")
        self.again = QLineEdit()
        self.again.setObjectName("newPasswordAgain")
        for edit in (self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Type it again:"), self.again)
        self.message = QLabel()
        self.message.setObjectName("changePasswordMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Save and log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        cancel = buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._try)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.new.setFocus()

    def _try(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("The two passwords differ: type the same password twice."))
            self.again.clear()
            self.again.setFocus()
            return
        try:
            self.actor = self._change(self.new.text())
        except UserError as exc:
            self.message.setText(str(exc))
            self.new.clear()
            self.again.clear()
            self.new.setFocus()
            return
        self.accept()


class LockDialog(QDialog):
    """Covers the work while the officer is away; only their password opens it again."""

    logout_requested = Signal()

    def __init__(self, actor: Actor, verify: Callable[[str, str], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._actor, self._verify = actor, verify
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("Screen locked"))
        self.setModal(True)
        text = QLabel(self.tr("The screen was locked after a period without activity.\n"
                              "{name} ({login}): enter your password to continue.")
                      .format(name=actor.full_name or actor.login, login=actor.login))
        text.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox()
        unlock = buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setDefault(True)
        logout = QPushButton(self.tr("Log out"))
        buttons.addButton(logout, QDialogButtonBox.ButtonRole.DestructiveRole)
        unlock.clicked.connect(self._try)
        logout.clicked.connect(self._logout)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _try(self) -> None:
        try:
            self._verify(self._actor.login, self.password.text())
        except UserError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            return
        self.accept()

    def _logout(self) -> None:
        self.logout_requested.emit()
        self.done(2)

    def reject(self) -> None:  # Esc must not unlock
        self.password.clear()


_INPUT = (QInputEvent, QInputMethodEvent)  # keys, mouse, wheel, touch, input methods


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard or mouse input anywhere in the app."""

    idle = Signal()
    _ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                 QEvent.Type.Wheel, QEvent.Type.InputMethod}

    def __init__(self, minutes: float, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The events of the windows it watches pass here: the isinstance test is the cheap one
        # (event.type() builds a Python enum); only input events can be activity.
        if isinstance(event, _INPUT) and event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

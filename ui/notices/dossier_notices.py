"""The dossier window's "Thông báo cho người nộp": what the citizen agreed to be told through (and
a change when they ask, audited), then each notice sent about the dossier: kind, channel, the
recipient masked, state, when sent and delivered, why it failed, with "Gửi lại" and "Hủy" for one
a gateway refused for good. Everything is read and written off the GUI thread (ui/ops.py), like
the digitized files beside it: the window opens without waiting for this section."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.notices import channel_label
from app.domain.permissions import Actor, Permission
from app.services.notices.consent import CHANNEL_ORDER, Consent, change_consent, dossier_consent
from db.engine import Database
from ui.notices import rows
from ui.ops import Changed, op


def load(db: Database, actor: Actor, code: str) -> tuple[Consent, list]:
    """Off the GUI thread: the consent and the dossier's notices."""
    from app.services.notices.query import notices_of

    return dossier_consent(db, actor, code), notices_of(db, actor, code)


class ConsentDialog(QDialog):
    """The citizen asks to change what they agreed to: a channel without its contact stays off."""

    def __init__(self, consent: Consent, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Notices consent · {code}").format(code=consent.code))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The citizen agrees to notices by:")))
        self.boxes: dict[str, QCheckBox] = {}
        agreed = set(consent.channels or ())
        for channel in CHANNEL_ORDER:
            box = QCheckBox(channel_label(channel))
            box.setObjectName(f"change_consent_{channel}")
            box.setChecked(channel in agreed)
            box.setEnabled(channel in consent.possible or channel in agreed)  # one may always untick
            if channel not in consent.possible:
                box.setToolTip(self.tr("The dossier has no contact for this channel."))
            self.boxes[channel] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def channels(self) -> list[str]:
        return [c for c, box in self.boxes.items() if box.isChecked()]


class DossierNoticesPanel(QGroupBox):
    changed = Signal()  # a notice retried or cancelled, the consent changed

    def __init__(self, db: Database, actor: Actor, detail: dict, *, say, parent: QWidget | None = None,
                 load_now: bool = True):
        super().__init__(parent)
        self.setTitle(self.tr("Notices to the citizen"))
        self.setObjectName("dossierNotices")
        self.db, self.actor, self.say = db, actor, say
        self.code = detail["code"]
        self.consent: Consent | None = None
        self.consent_label = QLabel(self.tr("Loading…"))
        self.consent_label.setObjectName("noticeConsentShown")
        self.consent_label.setWordWrap(True)
        self.change_button = QPushButton(self.tr("Change consent…"))
        self.change_button.setObjectName("changeConsent")
        self.change_button.setAutoDefault(False)
        self.change_button.setVisible(actor.can(Permission.CHANGE_DOSSIER))
        self.change_button.setEnabled(False)
        self.change_button.clicked.connect(self.ask_change)
        self.empty = QLabel(self.tr("No notice has been sent about this dossier."))
        self.empty.setObjectName("noNotices")
        top = QHBoxLayout()
        top.addWidget(self.consent_label, 1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        # The list and its buttons are made when there is a notice to list: most dossiers have
        # none, and the dossier window must open fast (a scan opens it at the counter).
        self.table = self.retry_button = self.cancel_button = None
        if load_now:
            self.refresh()

    # ---- reading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, load, self.db, self.actor, self.code).success(self.show_loaded) \
            .failure(lambda exc: self.say(str(exc))).run()

    def _make_list(self) -> None:
        self.table = rows.table("dossierNoticeList", [
            self.tr("Notice"), self.tr("Channel"), self.tr("Recipient"), self.tr("State"), self.tr("Sent"),
            self.tr("Delivered"), self.tr("Reason")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.retry_button = QPushButton(self.tr("Send again"))
        self.retry_button.setObjectName("retryNotice")
        self.cancel_button = QPushButton(self.tr("Cancel the notice"))
        self.cancel_button.setObjectName("cancelNotice")
        for button, act in ((self.retry_button, "retry"), (self.cancel_button, "cancel")):
            button.setAutoDefault(False)
            button.setVisible(self.actor.can(Permission.MANAGE_NOTICES))
            button.clicked.connect(lambda _c=False, a=act: self.act(a))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        self.layout().addWidget(self.table)
        self.layout().addLayout(buttons)

    def show_loaded(self, loaded: tuple[Consent, list]) -> None:
        consent, notices = loaded
        self.show_consent(consent)
        if self.table is None:
            if not notices:
                self.empty.show()
                return
            self._make_list()
        rows.fill(self.table, notices)
        self.table.setVisible(bool(notices))
        self.empty.setVisible(not notices)
        if notices:  # tall enough for its rows (up to a point): the dialog scrolls, not this list
            height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 4
            height += sum(self.table.rowHeight(r) for r in range(min(len(notices), 8)))
            self.table.setFixedHeight(height)
        self._enable()

    def show_consent(self, consent: Consent) -> None:
        self.consent = consent
        if consent.channels is None:
            text = self.tr("Consent to notices: not asked (no notice is sent).")
        elif not consent.channels:
            text = self.tr("Consent to notices: the citizen wants none.")
        else:
            text = self.tr("Agrees to notices by: {channels}.").format(
                channels=", ".join(channel_label(c) for c in consent.channels))
        self.consent_label.setText(text)
        self.change_button.setEnabled(True)

    def _enable(self) -> None:
        if self.table is None:
            return
        view = rows.selected(self.table)
        failed = view is not None and rows.is_failed(view)
        self.retry_button.setEnabled(failed)
        self.cancel_button.setEnabled(failed)

    # ---- changing ---------------------------------------------------------------------------------
    def ask_change(self) -> ConsentDialog | None:
        if self.consent is None:
            return None
        self.dialog = ConsentDialog(self.consent, self)
        self.dialog.accepted.connect(lambda: self.change_to(self.dialog.channels()))
        self.dialog.open()
        return self.dialog

    def change_to(self, channels: list[str]) -> None:
        self.say("")

        def done(consent: Consent) -> None:
            self.show_consent(consent)
            self.changed.emit()

        (op(self, change_consent, self.db, self.actor, self.code, channels).success(done)
         .failure(lambda exc: self.say(str(exc))).progress().run())

    def act(self, action: str) -> None:
        from app.services.notices import actions

        if self.table is None:
            return
        view = rows.selected(self.table)
        if view is None or not rows.is_failed(view):
            return
        self.say("")

        def done(_result) -> None:
            self.refresh()
            self.changed.emit()

        (op(self, getattr(actions, action), self.db, self.actor, view.uuid).success(done)
         .failure(lambda exc: self.say(str(exc))).changes(Changed.DOSSIER).progress().run())

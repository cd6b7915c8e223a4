"""The dossier window's own "Trả kết quả" (ui/dossiers/actions.py) follows the fee rule of the
return page (issue 25 §1): while a fee is owed its dialog says how much and asks for the reason and
the supervisor beside the officer; the core refuses without them, keeps the dialog open with what
was typed, and records who allowed it. A dossier paid in full gets the plain dialog."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.lifecycle import act
from app.services.dossiers.payments import record_payment
from app.services.dossiers.query import dossier_detail
from db.models import Dossier, DossierEvent
from tests.helpers.factories import OFFICER
from ui.dossiers.actions import KEEPS_OPEN, ActionDialog
from ui.main import make_app

from .test_return_fees import ADMIN, LATER, REFUSAL, ready, status_of


def dialog(qtbot, db, code: str, actor=OFFICER) -> ActionDialog:
    make_app()
    detail = dossier_detail(db, actor, code)
    d = ActionDialog(Action.RETURN_RESULT, detail["status"], actor, datetime.fromisoformat(detail["due_at"]),
                     detail=detail)
    qtbot.addWidget(d)
    d.edits["collector_name"].setText("Lê Văn Tùng")
    d.edits["collector_id_number"].setText("079090012345")
    return d


def test_the_dossier_windows_return_asks_for_the_reason_and_the_supervisor(qtbot, db):
    code = ready(db, 15000)
    d = dialog(qtbot, db, code)
    assert Action.RETURN_RESULT in KEEPS_OPEN  # a refusal shows in the dialog, with what was typed
    assert d.findChild(QLabel, "unpaidRule").text().startswith("Hồ sơ còn phải nộp 15.000 đ: thu phí trước")
    assert set(d.edits) == {"collector_name", "collector_id_number", "unpaid_reason", "approver_login",
                            "approver_password"}
    assert d.edits["approver_password"].echoMode() == d.edits["approver_password"].EchoMode.Password
    with pytest.raises(UserError) as refused:
        act(db, OFFICER, code, Action.RETURN_RESULT, d.facts(LATER))
    assert str(refused.value) == REFUSAL and status_of(db, code) == DossierStatus.RESOLVED
    d.refused(refused.value)
    assert d.message.text() == REFUSAL and d.edits["collector_name"].text() == "Lê Văn Tùng"
    d.edits["unpaid_reason"].setText("Miễn theo quyết định 12/QĐ-UBND")
    d.edits["approver_login"].setText("lanhdao")
    d.edits["approver_password"].setText(DEMO_PASSWORD)
    act(db, OFFICER, code, Action.RETURN_RESULT, d.facts(LATER))
    assert status_of(db, code) == DossierStatus.RETURNED
    with db.reading() as s:
        e = s.scalars(select(DossierEvent).join(Dossier).where(Dossier.code == code,
                                                               DossierEvent.action == "return_result")).one()
    assert e.details["unpaid"] == {"owed": 15000, "reason": "Miễn theo quyết định 12/QĐ-UBND", "approved_by": "lanhdao"}


def test_who_may_allow_it_gives_the_reason_only_and_a_paid_dossier_gets_the_plain_dialog(qtbot, db):
    owing = dialog(qtbot, db, ready(db, 15000), ADMIN)
    assert set(owing.edits) == {"collector_name", "collector_id_number", "unpaid_reason"}
    code = ready(db, 15000)
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    paid = dialog(qtbot, db, code)
    assert set(paid.edits) == {"collector_name", "collector_id_number"} and paid.findChild(QLabel, "unpaidRule") is None
    act(db, OFFICER, code, Action.RETURN_RESULT, paid.facts(LATER))
    assert status_of(db, code) == DossierStatus.RETURNED

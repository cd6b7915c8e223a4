"""The look-up pages (Tra cứu thủ tục, and the guide desk's explorer) say which procedure codes the
catalog has not checked against the national database (Procedure.code_verified False)."""

from datetime import datetime

from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from db.models import Procedure, User
from tests.helpers.keyboard import type_text
from ui.dossiers.procedures_page import ProceduresPage
from ui.guide.desk import GuideDeskPage
from ui.main import make_app

MARK = "Mã chưa đối chiếu với CSDL quốc gia"
UNVERIFIED, VERIFIED = "2.009202", "1.000894"  # resources/catalog/procedures.json


def test_the_catalog_has_both_kinds(db):
    with db.reading() as s:
        flags = dict(s.execute(select(Procedure.code, Procedure.code_verified)
                               .where(Procedure.code.in_([UNVERIFIED, VERIFIED]))).all())
    assert flags == {UNVERIFIED: False, VERIFIED: True}


def test_the_procedures_page_marks_an_unverified_code(qtbot, db):
    make_app()
    page = ProceduresPage(db, Actor(login="canbo", role=Role.OFFICER, user_id=1))
    qtbot.addWidget(page)
    page.search.setFocus()
    type_text(UNVERIFIED, page.search)
    assert page.list.count() == 1 and page.list.item(0).text().endswith(f" · {MARK}")
    assert f"{UNVERIFIED} ({MARK})" in page.detail.toPlainText()
    page.search.clear()
    type_text(VERIFIED, page.search)
    assert page.list.count() == 1 and MARK not in page.list.item(0).text()
    assert MARK not in page.detail.toPlainText()


def test_the_guide_desk_says_it_beside_the_online_address(qtbot, db, data_dir):
    make_app()
    with db.reading() as s:
        user_id = s.scalar(select(User.id).where(User.login == "huongdan"))
    guide = Actor(login="huongdan", role=Role.GUIDE, user_id=user_id)
    page = GuideDeskPage(db, guide, lambda: datetime(2026, 11, 23, 9, 30), data_dir, open_file=lambda _p: True)
    qtbot.addWidget(page)
    type_text(UNVERIFIED, page.explorer.search)
    assert page.current_procedure().code == UNVERIFIED and MARK in page.status.text()
    page.explorer.search.clear()
    type_text(VERIFIED, page.explorer.search)
    assert page.current_procedure().code == VERIFIED and MARK not in page.status.text()

"""The Hồ sơ page: the lazily fetched table, the search box, opening a dossier, the detail dialog."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.domain.folding import fold
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import NotFound
from app.services.demo_data import generate
from app.services.dossiers.listing import DossierFilter
from app.services.intake.registration import register
from db.models import Dossier
from tests.helpers.factories import OFFICER, citizen, procedure_code, request
from tests.helpers.keyboard import press, type_text
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.list_page import DossierListPage
from ui.dossiers.model import CODE_ROLE, URGENCY_ROLE, DossierTableModel
from ui.main import make_app

NOW = datetime(2026, 11, 20, 10, 0)
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=3)


@pytest.fixture
def filled(db):
    generate(db, Actor.system(), 450, seed=3, until=NOW)
    return db


@pytest.fixture
def page(qtbot, filled):
    make_app()
    p = DossierListPage(filled, OFFICER, clock=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(1280, 720)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    p.search.setFocus()
    return p


def test_model_passes_the_model_tester(qtmodeltester, filled):
    model = DossierTableModel(filled, OFFICER, lambda: NOW)
    model.set_filter(DossierFilter())
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model)


def test_rows_are_fetched_a_page_at_a_time(filled):
    model = DossierTableModel(filled, OFFICER, lambda: NOW)
    model.set_filter(DossierFilter())
    codes = []
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    codes = [model.code_at(r) for r in range(model.rowCount())]
    assert len(set(codes)) == 450
    with filled.reading() as s:
        assert codes == list(s.scalars(select(Dossier.code).order_by(Dossier.id.desc())))
    assert model.index(0, DossierTableModel.CODE).data(CODE_ROLE) == codes[0]
    assert model.headerData(0, Qt.Orientation.Horizontal) == model.tr("Code")


def test_scrolling_the_view_fetches_more(page, qtbot):
    assert page.model.rowCount() == 200 and "+" in page.count.text()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 200)


def test_typing_a_code_filters_after_the_pause(page, qtbot):
    code = page.model.code_at(57)
    qtbot.keyClicks(page.search, code)
    assert page.model.rowCount() == 200  # not yet: the search waits for the typing to pause
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.code_at(0) == code and page.current_code() == code


def test_typing_a_vietnamese_name(page, qtbot):
    name = next(page.model.rows[r].applicant_name for r in range(200)
                if not page.model.rows[r].applicant_name.isascii())
    type_text(name)
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 200)
    wanted = fold(name).split()
    for row in page.model.rows:  # every word typed, the last one as a prefix (fts_query)
        folded = fold(row.applicant_name).split()
        assert set(wanted[:-1]) <= set(folded) and any(w.startswith(wanted[-1]) for w in folded), folded
    assert name in {r.applicant_name for r in page.model.rows}


def test_no_match_says_so(page, qtbot):
    qtbot.keyClicks(page.search, "zzzz qqqq")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count.text() == page.tr("No dossier found.")


def test_down_then_enter_opens_the_dossier(page, qtbot):
    press(Qt.Key.Key_Down)
    assert page.table.hasFocus()
    press(Qt.Key.Key_Down)
    with qtbot.waitSignal(page.open_requested) as blocker:
        press(Qt.Key.Key_Return, text="\r")
    assert blocker.args == [page.model.code_at(1)]


def test_filters_and_clear(page, qtbot):
    page.overdue.setChecked(True)
    assert page.model.rowCount() > 0
    assert all(page.model.index(r, 0).data(URGENCY_ROLE) == "overdue" for r in range(page.model.rowCount()))
    page.status.setCurrentIndex(page.status.findData(10))  # returned: never overdue
    assert page.model.rowCount() == 0
    page.clear_button.click()
    assert page.model.rowCount() == 200 and not page.overdue.isChecked()


def test_overdue_rows_are_coloured(filled):
    model = DossierTableModel(filled, OFFICER, lambda: NOW)
    model.set_filter(DossierFilter(overdue_only=True, now=NOW))
    assert model.rowCount() > 0
    brush = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == "#fde2e1"
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(model.tr("Overdue"))
    model.set_filter(DossierFilter(statuses=frozenset({10})))
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_refused_search_shows_in_red(qtbot, filled):
    make_app()
    p = DossierListPage(filled, GUIDE, clock=lambda: NOW)
    qtbot.addWidget(p)
    assert p.model.rowCount() == 0
    assert "không được phép" in p.count.text() and "b00020" in p.count.styleSheet()


# ---- detail dialog --------------------------------------------------------------------------------
@pytest.fixture
def registered(db):
    return register(db, OFFICER, request(procedure_code(db), datetime(2026, 11, 20, 9, 15),
                                         applicant=citizen("Đặng Thị Bình", id_number="079190012345", sex="Nữ")))


def _texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_detail_shows_the_dossier(qtbot, db, registered):
    make_app()
    dialog = DossierDetailDialog(db, OFFICER, registered.code)
    qtbot.addWidget(dialog)
    dialog.show()
    text = _texts(dialog)
    assert "Đặng Thị Bình" in text and registered.code in text and "079190012345" in text
    assert "20/11/2026 09:15" in text
    with db.reading() as s:
        docs = s.scalar(select(Dossier).where(Dossier.code == registered.code)).documents
        assert dialog.documents.rowCount() == len(docs) and dialog.documents.item(0, 0).text() == docs[0].name
    assert dialog.history.item(0, 1).text() == "Tiếp nhận hồ sơ"
    assert dialog.history.item(0, 0).text() == "20/11/2026 09:15"
    with qtbot.waitSignal(dialog.reprint_requested) as blocker:
        dialog.reprint.click()
    assert blocker.args == [registered.code]
    press(Qt.Key.Key_Escape, widget=dialog)
    assert not dialog.isVisible()


def test_detail_as_a_supervisor_shows_personal_data_masked_and_prints_masked_forms(qtbot, db, registered, tmp_path):
    """The dossier screen shows what the service gives: for a supervisor the CCCD, phone, e-mail,
    date of birth and street masked (in the fields and in the history), said so under the
    applicant; a form printed from the screen is masked too."""
    import subprocess

    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act

    act(db, OFFICER, registered.code, Action.REQUEST_SUPPLEMENT,
        Facts(reason="Bản sao CCCD; gọi 0912345678 khi bổ sung", at=datetime(2026, 11, 20, 9, 30)))
    make_app()
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")
    dialog = DossierDetailDialog(db, boss, registered.code)
    qtbot.addWidget(dialog)
    dialog.show()
    history = " ".join(dialog.history.item(r, 3).text() for r in range(dialog.history.rowCount()))
    text = _texts(dialog) + "\n" + history
    for whole in ("079190012345", "0912345678", "an.nguyen@example.vn", "04/03/1990", "12 Lê Lợi"):
        assert whole not in text, whole
    for masked in ("079******345", "091****678", "a********@example.vn", "**/**/****", "***, Phường 1, Vĩnh Long",
                   "gọi 091****678 khi bổ sung", "Đặng Thị Bình"):
        assert masked in text, masked
    note = dialog.findChild(QLabel, "maskedNote")
    assert note.isVisible() and note.text().startswith("Thông tin cá nhân")
    dialog.print_form("supplement", registered.code)
    pdf = tmp_path / "bo-sung.pdf"
    pdf.write_bytes(dialog.preview.pdf)
    printed = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                      check=True).stdout.split())
    assert "091****678" in printed and "0912345678" not in printed and "Bản in che một phần" in printed
    assert dialog.preview.windowTitle().endswith("(bản che thông tin cá nhân)")
    dialog.preview.close()  # window-modal: left open, it would stand in front of the next test's desk
    officer = DossierDetailDialog(db, OFFICER, registered.code)
    qtbot.addWidget(officer)
    assert officer.findChild(QLabel, "maskedNote") is None and "0912345678" in _texts(officer)


def test_a_supervisors_reprint_at_the_desk_is_a_masked_copy_and_archives_nothing(qtbot, db, registered, data_dir):
    from sqlalchemy import select as select_

    from db.models import User
    from ui.main import Desk, home_facts

    make_app()
    with db.reading() as s:
        user = s.scalar(select_(User).where(User.login == "lanhdao"))
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=user.id, counter_id=1, full_name=user.full_name)
    desk = Desk(db, data_dir, home_facts(db), clock=lambda: datetime(2026, 11, 20, 10, 0))
    qtbot.addWidget(desk.open_window(boss, "Quầy số 1"))
    desk.print_receipt(registered.code)  # what "In lại giấy tiếp nhận" on the dossier screen does
    qtbot.waitUntil(lambda: desk.preview is not None and desk.preview.rendered(), timeout=20000)
    assert desk.preview.masked and desk.preview.windowTitle().endswith("(bản che thông tin cá nhân)")
    import subprocess

    printed = subprocess.run(["pdftotext", "-", "-"], input=desk.preview.pdf, capture_output=True,
                             check=True).stdout.decode()
    assert "079******345" in printed and "079190012345" not in printed
    assert not (data_dir / "receipts").exists()
    desk.preview.close()  # modal: left open, it would stand in front of the next test's desk


def test_detail_of_an_unknown_code_raises(qtbot, db):
    make_app()
    with pytest.raises(NotFound):
        DossierDetailDialog(db, OFFICER, "000.00.01.H62-261120-9999")

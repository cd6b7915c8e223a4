"""The Hồ sơ page at the counter's keyboard and screen (issue 22): Enter in the search box opens
the highlighted first row, Down lands on the first row, and at 1366 px the columns use the width
they have instead of cutting text beside empty space."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.permissions import Actor
from app.services.demo_data import generate
from tests.helpers.factories import OFFICER
from tests.helpers.keyboard import enter, press
from ui.dossiers.list_page import MIN_PROCEDURE, DossierListPage
from ui.dossiers.model import DossierTableModel
from ui.main import make_app

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def filled(db):
    generate(db, Actor.system(), 450, seed=3, until=NOW)
    return db


def open_page(qtbot, db, width: int = 1366, height: int = 768) -> DossierListPage:
    make_app()
    p = DossierListPage(db, OFFICER, clock=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(width, height)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow)
    p.search.setFocus()
    qtbot.waitUntil(lambda: p.model.rowCount() == 200)
    return p


@pytest.fixture
def page(qtbot, filled):
    return open_page(qtbot, filled)


# ---- keys -----------------------------------------------------------------------------------------
def test_enter_in_the_search_box_opens_the_highlighted_first_row(page, qtbot):
    assert page.table.currentIndex().row() == 0  # highlighted when the rows came
    with qtbot.waitSignal(page.open_requested, timeout=5000) as blocker:
        enter(page.search)
    assert blocker.args == [page.model.code_at(0)]


def test_a_code_typed_then_enter_at_once_opens_that_dossier(page, qtbot):
    code = page.model.code_at(57)
    qtbot.keyClicks(page.search, code)
    assert page._debounce.isActive()  # Enter comes before the pause that would search
    with qtbot.waitSignal(page.open_requested, timeout=5000) as blocker:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert blocker.args == [code]
    assert page.model.rowCount() == 1


def test_down_lands_on_the_first_row_even_after_another_was_current(page, qtbot):
    page.table.selectRow(5)  # the officer looked at another row, then went back to the box
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.table.currentIndex().row() == 0
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    with qtbot.waitSignal(page.open_requested, timeout=5000) as blocker:
        press(Qt.Key.Key_Return, text="\r")
    assert blocker.args == [page.model.code_at(0)]


def test_down_right_after_typing_lands_on_the_first_result(page, qtbot):
    code = page.model.code_at(57)
    qtbot.keyClicks(page.search, code)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(page.table.hasFocus)
    assert page.model.rowCount() == 1 and page.current_code() == code


# ---- columns --------------------------------------------------------------------------------------
# A cell is elided when its text needs more than its column: that need is the delegate's size hint
# (the measure Qt's resizeColumnToContents uses), read for every row loaded and the header.
def cut_columns(page) -> list[int]:
    """The columns but the procedure's whose section is narrower than their widest text; and
    none is wider than it (no empty space inside a column)."""
    table, header = page.table, page.table.horizontalHeader()
    cut = []
    for col in range(header.count()):
        if col == DossierTableModel.PROCEDURE:
            continue
        grid = int(table.showGrid())  # the grid line takes a pixel of the section
        widest = max([table.sizeHintForIndex(page.model.index(r, col)).width() + grid
                      for r in range(page.model.rowCount())] + [header.sectionSizeHint(col)])
        assert header.sectionSize(col) <= widest, (col, header.sectionSize(col), widest)
        if header.sectionSize(col) < widest:
            cut.append(col)
    return cut


def assert_uses_the_width(page) -> list[int]:
    """The columns fill the view; a column is cut only when no width is left to give: the
    procedure column (the stretch, whose long names are cut) is then at its minimum."""
    header = page.table.horizontalHeader()
    cut = cut_columns(page)
    assert sum(header.sectionSize(c) for c in range(header.count())) == page.table.viewport().width()
    procedure = header.sectionSize(DossierTableModel.PROCEDURE)
    assert procedure >= MIN_PROCEDURE
    if cut:  # at most one pixel per column left over by the fit
        assert procedure <= MIN_PROCEDURE + header.count(), (cut, procedure)
    return cut


def fitted(page) -> bool:
    return not page._fit_timer.isActive()


def test_at_1366_no_column_is_cut_while_the_table_has_width_to_spare(page, qtbot):
    qtbot.waitUntil(lambda: fitted(page))
    header = page.table.horizontalHeader()
    assert header.sectionResizeMode(DossierTableModel.PROCEDURE) == header.ResizeMode.Stretch
    assert header.visualIndex(DossierTableModel.PROCEDURE) == header.count() - 1
    cut = assert_uses_the_width(page)
    # These 450 dossiers hold a business's long name: at 1366 px only the applicant column gives way.
    assert cut == [DossierTableModel.NAME]


def test_on_a_wide_screen_nothing_but_procedure_names_is_cut_and_new_rows_refit(page, qtbot):
    page.resize(1920, 1000)
    qtbot.waitUntil(lambda: page.table.viewport().width() > 1800)
    qtbot.waitUntil(lambda: fitted(page))
    assert assert_uses_the_width(page) == []
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 200)
    qtbot.waitUntil(lambda: fitted(page))
    assert assert_uses_the_width(page) == []

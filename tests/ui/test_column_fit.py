"""Every list the counter officer and the supervisor see uses the width it has (issue 22): in a
desk window as large as a maximised one on a 1366×768 screen less the Windows taskbar, filled
with realistic Vietnamese data, no column's text is cut while the view has width to spare, no
column is wider than its text but the long one (a procedure's or a name), and that one gets what
is left: the columns fill the view, or, where a table of figures scrolls sideways, the long
column is no wider than its minimum (ui/column_fit.py).

A cell is cut when its text needs more than its column: that need is the delegate's size hint
(the measure Qt's resizeColumnsToContents uses) over every row loaded, and the header's."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget, QWidget

from app.domain.permissions import Actor
from app.portal.contract import Attachment, OnlineDossier
from app.services.demo_data import generate
from app.services.dossiers.online_inbox import save_pulled
from app.services.trust.users import authenticate
from tests.helpers.factories import OFFICER
from tests.ui.digitize.test_reuse_picker import codes  # noqa: F401 - fixture
from tests.ui.test_fits_the_screen import TASKBAR
from ui.column_fit import ColumnFit
from ui.digitize.reuse_picker import NAME, ReusePicker
from ui.dossiers.list_page import MIN_PROCEDURE
from ui.dossiers.model import DossierTableModel
from ui.main import home_facts, make_app
from ui.main_window import MainWindow
from ui.reports.tables import FigureTable

NOW = datetime(2026, 11, 20, 10, 0)  # a Friday in office hours
# A maximised window's client area on 1366×768 less the taskbar (a 2-px frame each side).
CLIENT = (1366 - 4, 768 - TASKBAR - 4)

ONLINE = [("Phạm Văn Tài", "1.001193"), ("Nguyễn Thị Thanh Hương", "1.000894"),
          ("Công ty TNHH Thương mại Dịch vụ Hoàng Phát", "1.001029"), ("Trần Minh Khôi", "1.004222")]


@pytest.fixture
def filled(db):
    generate(db, Actor.system(), 900, seed=3, until=NOW, years=1)  # a year: dossiers still open, some late
    # Online dossiers as the sync worker stores them (tests/ui/dossiers/test_online_inbox.py's `pulled`).
    with db.writing() as s:
        save_pulled(s, [OnlineDossier(
            portal_id=f"7d1c0f5e-0000-4000-8000-00000000000{i}", code=f"000.00.01.H62-261120-00{i + 70}",
            procedure_code=procedure, applicant_kind=1, applicant_name=name, applicant_id_number="086090054321",
            applicant_phone="0911222333", applicant_email=None, applicant_address="Phường 3, TP Vĩnh Long",
            summary=None, submitted_at=NOW - timedelta(hours=3, minutes=i), online_level=4, whole_process=True,
            result_method="online", result_address=None,
            attachments=[Attachment(f"f-{i}", "giay-chung-sinh.jpg", "image/jpeg", 245_000, "0" * 64,
                                    f"/api/v1/attachments/f-{i}")]) for i, (name, procedure) in enumerate(ONLINE)])
    return db


def settle(*tables: QTableView) -> None:
    """Until Qt's delayed section sizing and every pending fit have run."""
    for _ in range(5):
        QApplication.processEvents()
    for table in tables:
        for fit in table.findChildren(ColumnFit):
            if fit.timer.isActive():
                fit.fit()
    QApplication.processEvents()


def problems(table: QTableView, long: int, minimum: int, scrolls: bool = False) -> list[str]:
    """What is wrong with the columns of `table` as shown; `long` is its long-text column, which
    keeps at least `minimum` px (or its own widest text) and gets what is left. `scrolls`: a table
    of figures, which may scroll sideways rather than cut a figure."""
    settle(table)
    header, model = table.horizontalHeader(), table.model()
    grid = int(table.showGrid())  # the grid line takes a pixel of the section
    name = table.objectName()

    def need(col: int) -> int:
        return max([table.sizeHintForIndex(model.index(r, col)).width() + grid for r in range(model.rowCount())]
                   + [header.sectionSizeHint(col)])

    cols = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    size = {c: header.sectionSize(c) for c in cols}
    view, total = table.viewport().width(), sum(size.values())
    least = min(minimum, need(long))
    found = []
    cut = [c for c in cols if c != long and size[c] < need(c)]
    found += [f"{name}: column {c} wider than its text ({size[c]} > {need(c)})"
              for c in cols if c != long and size[c] > need(c)]
    if total < view:
        found.append(f"{name}: {view - total} px left empty beside the columns")
    if total > view and not scrolls:
        found.append(f"{name}: the columns ({total} px) are wider than the view ({view} px)")
    if total > view and size[long] > least:
        found.append(f"{name}: scrolls sideways while its long column is {size[long] - least} px wider than "
                     f"its least ({least})")
    if cut and size[long] > least + len(cols):  # at most a pixel per column left over by the fit
        found.append(f"{name}: columns {cut} cut while the long column has {size[long] - least} px to spare")
    return found


def window_for(qtbot, db, data_dir, actor) -> MainWindow:
    make_app()
    w = MainWindow(home_facts(db), db, actor, data_dir=data_dir, clock=lambda: NOW,
                   print_receipt=lambda _code, _reprint: None)
    qtbot.addWidget(w)
    w.resize(*CLIENT)
    w.show()
    qtbot.waitExposed(w)
    return w


def show_page(w: MainWindow, page: QWidget) -> None:
    w.nav.setCurrentRow(w.pages.indexOf(page))
    assert w.pages.currentWidget() is page


def bring_forward(widget: QWidget) -> None:
    """Choose the tabs that hold `widget`, outermost last."""
    child = widget
    while child.parentWidget() is not None:
        tabs = child.parentWidget().parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child = child.parentWidget()


def test_the_dossier_lists_use_their_width(qtbot, filled, data_dir):
    w = window_for(qtbot, filled, data_dir, OFFICER)
    found = []
    show_page(w, w.dossiers)
    qtbot.waitUntil(lambda: w.dossiers.model.rowCount() == 200)
    found += problems(w.dossiers.table, DossierTableModel.PROCEDURE, MIN_PROCEDURE)

    w.watch_page.mine.setChecked(False)  # the whole office's: more rows, longer names
    show_page(w, w.watch_page)
    qtbot.waitUntil(lambda: w.watch_page.watch is not None)
    tables = [table for _box, table in w.watch_page.groups.values()]
    assert [t.rowCount() > 0 for t in tables] == [True, True, True]
    for table in tables:
        found += problems(table, 2, MIN_PROCEDURE)

    show_page(w, w.online_page)
    qtbot.waitUntil(lambda: w.online_page.table.rowCount() >= len(ONLINE))  # and the demo's own
    found += problems(w.online_page.table, 3, MIN_PROCEDURE)
    assert found == []


def test_the_report_tables_use_their_width(qtbot, filled, data_dir):
    w = window_for(qtbot, filled, data_dir, authenticate(filled, "lanhdao", "motcua2026", None))
    page = w.reports_page
    show_page(w, page)
    page.period.setCurrentIndex(page.period.findData("this_year"))
    assert page.run()
    qtbot.waitUntil(lambda: not page.busy)
    assert page.models["procedures"].rowCount() > 10 and page.models["digitization_officers"].rowCount() > 0
    found = []
    for table in page.tables.values():
        if table.wide is None:  # figures only, the last column stretched
            continue
        bring_forward(table)
        qtbot.waitUntil(table.isVisible)
        found += problems(table, table.wide, FigureTable.MIN_NAME, scrolls=True)
    assert found == []


def test_the_settings_tables_use_their_width(qtbot, db, data_dir):
    w = window_for(qtbot, db, data_dir, authenticate(db, "quantri", "motcua2026", None))
    settings = w.settings_page
    show_page(w, settings)
    found = []
    for table, long in ((settings.calendar.table, 2), (settings.counters.table, 1)):
        bring_forward(table)
        qtbot.waitUntil(table.isVisible)
        assert table.rowCount() > 0
        found += problems(table, long, 150)
    assert found == []


def test_the_reuse_picker_uses_its_width_and_tells_a_cut_name_whole(qtbot, db, tmp_path, codes):  # noqa: F811
    _old, _newer, code = codes
    picker = ReusePicker(db, OFFICER, code, 0, tmp_path)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.table.rowCount() == 2
    assert problems(picker.table, NAME, 150) == []
    name = picker.table.item(0, NAME)
    assert name.toolTip() == name.text() != ""

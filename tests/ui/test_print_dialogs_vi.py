"""Qt's own print and page-setup dialogs speak Vietnamese (resources/i18n/qt_vi.ts, contexts
QPrintDialog, QPrintWidget, QPrintSettingsOutput, QPageSetupWidget, QPrintPropertiesDialog …).

On Windows, the counter's system, QPrintDialog and QPageSetupDialog are the system's own dialogs in
the system's language; these are the dialogs Qt draws itself (Linux, and any PC without a native
one). Every text they show is read: labels, buttons, group titles, tabs, list entries and tips.
A word in plain ASCII letters must be one of the Vietnamese words written without diacritics that
they use, or a name (PDF, the units Pica, Didot, Cicero, paper names such as Letter or JIS B5):
a text Qt left in English (Print, Options, Copies …) has a word outside these lists."""

import re

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from ui.main import make_app

# Vietnamese words the dialogs write in plain ASCII letters ("In", "Trang", "Ngang" …).
VIETNAMESE = {"ban", "ca", "cao", "ghi", "in", "khay", "ngang", "trang", "xem", "ba", "hai", "ngay", "nhau", "ra",
              "sang", "thang", "thanh", "theo", "tin", "vi", "phong", "x"}
# Names Qt draws that stay as they are: units, the file format, and the paper sizes' own names,
# written by printers' drivers the same way in every language.
NAMES = {"pdf", "mm", "pt", "inch", "pica", "didot", "cicero", "dd", "cc", "p"}
PAPER = {"a", "b", "c", "d", "e", "k", "ansi", "architect", "big", "chou", "dl", "executive", "extra", "folio", "jis",
         "kaku", "ledger", "legal", "letter", "monarch", "note", "prc", "plus", "quarto", "small", "statement", "super",
         "tabloid", "us", "you"}
ENGLISH_BEFORE = {"Print", "&Print", "&Options >>", "Printer", "&Name:", "P&roperties", "Copies", "Options",
                  "Page size:", "Orientation", "Portrait", "Margins", "Printer Properties", "Job Options", "Page Setup"}


def _shown(window: QWidget) -> dict[str, list[str]]:
    """Every text the window shows, by the widget's object name (combo entries and tabs included)."""
    out: dict[str, list[str]] = {"(window title)": [window.windowTitle()]}
    for w in window.findChildren(QWidget):
        texts = []
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        texts.append(w.toolTip())
        out.setdefault(w.objectName(), []).extend(t.replace("&", "") for t in texts if t)
    return out


def _foreign(shown: dict[str, list[str]]) -> list[str]:
    bad = []
    for name, texts in shown.items():
        allowed = VIETNAMESE | NAMES | (PAPER if name == "pageSizeCombo" else set())
        for text in texts:
            words = {w.lower() for w in re.findall(r"[^\W\d_]+", text) if w.isascii()}
            if words - allowed:
                bad.append(f"{name}: {text}")
    return bad


def test_the_print_dialog_and_its_properties_speak_vietnamese(qtbot):
    make_app()  # installs qt_vi.qm with our translations
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()  # not exec(): nothing modal to wait for
    qtbot.waitExposed(dialog)
    options = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "&Tùy chọn >>")
    options.click()  # the copies and options tabs
    main = _shown(dialog)
    assert main["(window title)"] == ["In"] and "In" in [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)]
    assert main["printerGroup"] == ["Máy in"] and main["printers"] == ["In ra tệp (PDF)"]
    assert main["tabs"] == ["Số bản", "Tùy chọn"] and main["properties"] == ["Thuộc tính"]

    # "Thuộc tính" opens the properties dialog modally: read it from a timer, then close it.
    seen: dict[str, list[str]] = {}

    def read_properties() -> None:
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and w.metaObject().className() == "QPrintPropertiesDialog":
                seen.update(_shown(w))
                w.reject()
                return
        QTimer.singleShot(20, read_properties)

    QTimer.singleShot(0, read_properties)
    dialog.findChild(QAbstractButton, "properties").click()
    assert seen["(window title)"] == ["Thuộc tính máy in"] and seen["tabs"][0] == "Trang"
    assert seen["portrait"] == ["Dọc"] and seen["landscape"] == ["Ngang"]
    everything = {**{f"print/{k}": v for k, v in main.items()}, **{f"properties/{k}": v for k, v in seen.items()}}
    assert not ENGLISH_BEFORE & {t for texts in everything.values() for t in texts}
    assert _foreign(main) == [] and _foreign(seen) == []
    dialog.close()


def test_the_page_setup_dialog_speaks_vietnamese(qtbot):
    make_app()
    printer = QPrinter()
    dialog = QPageSetupDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = _shown(dialog)
    assert shown["(window title)"] == ["Thiết lập trang"]
    assert shown["groupBox_2"] == ["Giấy"] and shown["pageSizeLabel"] == ["Khổ giấy:"]
    assert shown["unitCombo"][:3] == ["Milimét (mm)", "Inch (in)", "Điểm (pt)"]
    assert "Phong bì C5" in shown["pageSizeCombo"] and "Tùy chỉnh" in shown["pageSizeCombo"]
    assert sorted(b.text() for b in dialog.findChildren(QAbstractButton) if b.text() in ("Đồng ý", "Hủy")) == [
        "Hủy", "Đồng ý"]
    assert _foreign(shown) == []
    dialog.close()


def test_the_check_catches_english():
    """The word check itself: an untranslated Qt text would be caught."""
    assert _foreign({"tabs": ["Copies", "Options"], "pageSizeCombo": ["Envelope C5"], "x": ["Trang", "In"]}) == [
        "tabs: Copies", "tabs: Options", "pageSizeCombo: Envelope C5"]

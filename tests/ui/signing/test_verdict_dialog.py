"""The verdict dialog says, per signature, who signed, when (dd/MM/yyyy HH:mm:ss), whether the file
is intact, what the signature covers and whether it is trusted, green when good and red when not;
B's real verify_pdf judges a PDF the test PKI signed, then the same file with one byte changed."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from app.signing.verify import verify_pdf
from tests.helpers.pki import OFFICER_CN
from tests.ui.signing.conftest import signed_pdf
from ui.main import make_app
from ui.signing.verdict import VerdictDialog
from ui.widgets import DONE_STYLE, ERROR_STYLE


def rows_of(dialog) -> dict[str, QLabel]:
    """Each 'Label:' of the first signature's form with the label of its answer."""
    box = dialog.findChild(object, "signature1")
    form = box.layout()
    out = {}
    for r in range(form.rowCount()):
        label = form.itemAt(r, form.ItemRole.LabelRole)
        field = form.itemAt(r, form.ItemRole.FieldRole)
        if label is not None and field is not None:
            out[label.widget().text()] = field.widget()
    return out


def test_a_good_signature_is_said_green_in_plain_vietnamese(qtbot, pki):
    make_app()
    verdict = verify_pdf(signed_pdf(pki), [pki.root_der])
    dialog = VerdictDialog(verdict, "Giấy tiếp nhận · H62.01-261120-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    assert verdict.ok and dialog.summary.text() == verdict.summary
    assert dialog.summary.styleSheet() == DONE_STYLE
    rows = rows_of(dialog)
    assert list(rows) == ["Người ký:", "Thời điểm ký:", "Toàn vẹn:", "Phạm vi:", "Tin cậy:"]
    assert rows["Người ký:"].text().startswith(OFFICER_CN)
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", rows["Thời điểm ký:"].text())
    assert rows["Toàn vẹn:"].text() == "Tệp không bị thay đổi từ khi ký"
    assert rows["Tin cậy:"].text() == "Chứng thư số chuỗi tới một chứng thư gốc tin cậy"
    for key in ("Toàn vẹn:", "Phạm vi:", "Tin cậy:"):
        assert rows[key].styleSheet() == DONE_STYLE
    assert dialog.windowTitle() == "Kiểm tra chữ ký · Giấy tiếp nhận · H62.01-261120-0001"


def test_a_tampered_file_is_said_red(qtbot, pki):
    make_app()
    data = bytearray(signed_pdf(pki))
    at = data.index(b"Giay tiep nhan")  # inside the signed bytes: the page's text
    data[at] = ord("X")
    verdict = verify_pdf(bytes(data), [pki.root_der])
    dialog = VerdictDialog(verdict)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not verdict.ok and dialog.summary.styleSheet() == ERROR_STYLE
    rows = rows_of(dialog)
    assert rows["Toàn vẹn:"].text() == "Tệp đã bị thay đổi sau khi ký"
    assert rows["Toàn vẹn:"].styleSheet() == ERROR_STYLE


def test_an_untrusted_signer_is_said_red(qtbot, pki):
    make_app()
    verdict = verify_pdf(signed_pdf(pki), [pki.untrusted_root_cert.dump()])
    dialog = VerdictDialog(verdict)
    qtbot.addWidget(dialog)
    rows = rows_of(dialog)
    assert rows["Tin cậy:"].text() == "Chứng thư số không chuỗi tới chứng thư gốc tin cậy nào"
    assert rows["Tin cậy:"].styleSheet() == ERROR_STYLE and rows["Toàn vẹn:"].styleSheet() == DONE_STYLE

"""Each one-stop form: its PDF text (pdftotext) and the dossier code read back from the barcode
(zbarimg at 300 dpi); the template set switches titles; the ledger lists a date range."""

import re
import subprocess
from datetime import date, datetime

import pytest

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.forms import print_form, print_ledger
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
NOW = datetime(2026, 11, 27, 10, 0)
HANDOVER = Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai", taker="Trần Văn Bảo", at=MON.replace(hour=9))


def read(tmp_path, pdf: bytes, name: str) -> tuple[str, list[str]]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile", "-png", str(path),
                    str(path.with_suffix(""))], check=True)
    codes = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Scode128.enable", str(path.with_suffix(".png"))],
                           capture_output=True, text=True).stdout.split()
    return text, codes


@pytest.fixture
def code(db):
    return register(db, OFFICER, request("1.000894", received_at=MON)).code


def test_supplement_form(db, code, tmp_path):
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Bản sao giấy khai sinh; Giấy xác nhận cư trú",
                                                            at=MON.replace(hour=9)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "supplement", code, NOW), "supplement")
    assert codes == [code]
    for needle in ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", f"Mã hồ sơ: {code}", "Nguyễn Văn An",
                   "1. Bản sao giấy khai sinh", "2. Giấy xác nhận cư trú", "ngày 27 tháng 11 năm 2026",
                   "NGƯỜI TIẾP NHẬN HỒ SƠ"):
        assert needle in text, needle


def test_refusal_and_stop_forms(db, tmp_path):
    refused = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, refused, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu tờ khai"))
    act(db, OFFICER, refused, Action.REFUSE, Facts(reason="Không thuộc thẩm quyền giải quyết"))
    text, codes = read(tmp_path, print_form(db, OFFICER, "refusal", refused, NOW), "refusal")
    assert codes == [refused] and "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Không thuộc thẩm quyền giải quyết" in text and "Mẫu số 03" in text
    stopped = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, stopped, Action.HAND_OVER, HANDOVER)
    act(db, OFFICER, stopped, Action.STOP, Facts(reason="Có tranh chấp"))
    text, codes = read(tmp_path, print_form(db, OFFICER, "stop", stopped, NOW), "stop")
    assert codes == [stopped] and "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Có tranh chấp" in text


def test_apology_form_in_both_template_sets(db, code, tmp_path):
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ kết quả xác minh", new_due=datetime(2026, 12, 4, 17, 0)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "apology", code, NOW), "apology")
    assert codes == [code] and "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "17 giờ 00 phút, ngày 04/12/2026" in text and "Chờ kết quả xác minh" in text
    change_settings(db, Actor.system(), {"forms.set": "2018"})
    text, _ = read(tmp_path, print_form(db, OFFICER, "apology", code, NOW), "apology2018")
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text


def test_control_sheet_lists_each_hand_over_with_both_people(db, code, tmp_path):
    act(db, OFFICER, code, Action.HAND_OVER, HANDOVER)
    act(db, OFFICER, code, Action.TAKE_BACK, Facts(division="Phòng Tư pháp", giver="Trần Văn Bảo",
                                                    taker="Nguyễn Thị Mai", at=MON.replace(hour=14)))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=MON.replace(hour=15)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "control", code, NOW), "control")
    assert codes == [code] and "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and "Mẫu số 06" in text
    for needle in ("Phòng Tư pháp", "Trần Văn Bảo", "09 giờ 30 phút", "14 giờ 30 phút", "Nhận lại hồ sơ", "Có kết quả"):
        assert needle in text, needle


def test_ledger_lists_the_range(db, tmp_path):
    inside = register(db, OFFICER, request("1.000894", received_at=MON)).code
    outside = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 30, 8, 0))).code
    text, _ = read(tmp_path, print_ledger(db, OFFICER, date(2026, 11, 23), date(2026, 11, 27), NOW), "ledger")
    assert "SỔ THEO DÕI HỒ SƠ" in text and inside in text and outside not in text
    assert "Từ ngày 23/11/2026 đến ngày 27/11/2026: 1 hồ sơ." in text


def test_refusals(db, code, tmp_path):
    with pytest.raises(UserError, match="chưa có yêu cầu bổ sung"):
        print_form(db, OFFICER, "supplement", code, NOW)
    with pytest.raises(UserError, match="Không có biểu mẫu"):
        print_form(db, OFFICER, "thu-moi", code, NOW)
    with pytest.raises(PermissionDenied):
        print_form(db, Actor(login="hd", role=Role.GUIDE), "control", code, NOW)
    change_settings(db, Actor.system(), {"forms.set": "rieng"})
    with pytest.raises(UserError, match="Không có bộ mẫu biểu «rieng»"):
        print_form(db, OFFICER, "control", code, NOW)
    # An office's own copy in the data folder is found by name.
    (tmp_path / "forms").mkdir()
    import json

    from app.paths import RESOURCES

    own = json.loads((RESOURCES / "forms" / "2025.json").read_text(encoding="utf-8"))
    own["forms"]["control"]["title"] = "PHIẾU KIỂM SOÁT (MẪU RIÊNG)"
    (tmp_path / "forms" / "rieng.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    text, _ = read(tmp_path, print_form(db, OFFICER, "control", code, NOW, tmp_path), "own")
    assert "PHIẾU KIỂM SOÁT (MẪU RIÊNG)" in text


def test_a_masked_form_says_so_on_its_top_line_and_takes_no_more_room(db, code, tmp_path):
    """A supervisor's copy: its note shares the line of the form's number, so the masked form has
    the layout of the plain one and its signature never moves to a page of its own."""
    import pypdfium2

    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT,
        Facts(reason="; ".join(f"Giấy tờ số {i}: bản sao có chứng thực" for i in range(1, 40)), at=MON.replace(hour=9)))
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")
    plain, masked = print_form(db, OFFICER, "supplement", code, NOW), print_form(db, boss, "supplement", code, NOW)
    path = tmp_path / "masked.pdf"
    path.write_bytes(masked)
    first = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.strip().splitlines()[0]
    assert first.split() == "Mẫu số 02 · Bản in che một phần thông tin cá nhân của người nộp.".split()
    assert len(pypdfium2.PdfDocument(masked)) == len(pypdfium2.PdfDocument(plain)) == 2  # the list runs over

"""Forms 02–06 in the 2025 wording, each printed from a real dossier history and read back as a
person would: the PDF's text (pdftotext) and the dossier code from its barcode (zbarimg at
300 dpi). Each is dated by the event it reports and carries "Số: <n>/<symbol>"; a reprint at
another moment is the same file; Decree 30/2020's margins."""

import re
import subprocess
from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.forms import print_form
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import DossierEvent
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
NOW = datetime(2026, 11, 27, 10, 0)
LATER = datetime(2027, 3, 2, 16, 45)
HANDOVER = Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai", taker="Trần Văn Bảo", at=MON.replace(hour=9))
LEADER = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=None, full_name="Lãnh đạo")


def read(tmp_path, pdf: bytes, name: str, layout: bool = False) -> tuple[str, list[str]]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    text = out if layout else re.sub(r"\s+", " ", out)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile", "-png", str(path),
                    str(path.with_suffix(""))], check=True)
    codes = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Scode128.enable", str(path.with_suffix(".png"))],
                           capture_output=True, text=True).stdout.split()
    return text, codes


def has_all(text: str, *needles: str) -> None:
    missing = [n for n in needles if n not in text]
    assert missing == [], missing


@pytest.fixture
def code(db, data_dir):
    return register(db, OFFICER, request("1.000894", received_at=MON)).code


def test_supplement_form_has_items_reason_contact_and_the_guide(db, code, tmp_path):
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT,
        Facts(items=["Bản sao giấy khai sinh", "Giấy xác nhận tình trạng hôn nhân"],
              reason="Giấy xác nhận đã quá 6 tháng", contact_name="Trần Văn Bảo", contact_phone="0270 3822 111",
              at=MON.replace(hour=9)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "supplement", code, NOW), "supplement")
    assert codes == [code]
    has_all(text, "Mẫu số 02", "Số: 1/PBS", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", f"Mã hồ sơ: {code}",
            "Ông/Bà/Tổ chức: Nguyễn Văn An", "Địa chỉ: 12 Lê Lợi, Phường 1, Vĩnh Long", "Số điện thoại: 0912345678",
            "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau: 1. Bản sao giấy khai sinh "
            "2. Giấy xác nhận tình trạng hôn nhân Lý do: Giấy xác nhận đã quá 6 tháng",
            "liên hệ với Trần Văn Bảo số điện thoại 0270 3822 111 để được hướng dẫn",
            "ngày 23 tháng 11 năm 2026", "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Nguyễn Thị Mai")
    assert "27 tháng 11" not in text  # dated by the request, not by the print


def test_an_older_supplement_event_prints_its_items_from_the_note(db, code, tmp_path):
    """Events written before the items had fields of their own carry only a note."""
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Bản sao giấy khai sinh; Giấy xác nhận cư trú",
                                                            at=MON.replace(hour=9)))
    with db.writing() as s:
        s.execute(update(DossierEvent).where(DossierEvent.action == "request_supplement").values(details={}))
    text, _ = read(tmp_path, print_form(db, OFFICER, "supplement", code, NOW), "old")
    has_all(text, "Số: ……/PBS", "1. Bản sao giấy khai sinh 2. Giấy xác nhận cư trú Lý do: ……",
            "liên hệ với Nguyễn Thị Mai số điện thoại ……")


def test_refusal_form_names_the_applicant_fully_and_both_sign(db, data_dir, tmp_path):
    refused = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, refused, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu tờ khai", at=MON.replace(hour=9)))
    act(db, OFFICER, refused, Action.REFUSE, Facts(reason="Không thuộc thẩm quyền; Đã có kết quả ở nơi khác",
                                                   at=MON.replace(hour=10)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "refusal", refused, NOW), "refusal")
    assert codes == [refused]
    has_all(text, "Mẫu số 03", "Số: 1/PTC", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ (nếu có): {refused}",
            "Số định danh cá nhân/tổ chức: 079090012345", "Email: an.nguyen@example.vn",
            "Nội dung yêu cầu giải quyết: ", "lý do cụ thể như sau: 1. Không thuộc thẩm quyền 2. Đã có kết quả ở nơi khác",
            "ngày 23 tháng 11 năm 2026", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")


def test_apology_letter_is_signed_by_the_head_of_the_late_agency(db, code, tmp_path):
    new_due = datetime(2026, 12, 4, 17, 0)
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ kết quả xác minh", new_due=new_due,
                                                at=datetime(2026, 11, 25, 14, 0)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "apology", code, NOW), "apology")
    assert codes == [code]
    has_all(text, "Mẫu số 04", "Số: 1/PXL", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Kính gửi: Nguyễn Văn An", "Số định danh cá nhân/tổ chức: 079090012345", f"Mã hồ sơ: {code}",
            "Thời hạn trả kết quả theo giấy tiếp nhận:", "đúng hạn. Lý do: Chờ kết quả xác minh", "17 giờ 00 phút, ngày 04/12/2026",
            "ngày 25 tháng 11 năm 2026", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
    change_settings(db, Actor.system(), {"forms.apology_signer_on_behalf": "KT. GIÁM ĐỐC",
                                         "forms.apology_signer_title": "PHÓ GIÁM ĐỐC",
                                         "forms.apology_signer_name": "Lê Văn Cường"})
    text, _ = read(tmp_path, print_form(db, OFFICER, "apology", code, NOW), "apology2")
    has_all(text, "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (Ký và ghi rõ họ tên) Lê Văn Cường")


def test_stop_notice_says_whether_the_citizen_asked_or_the_authority_decided(db, data_dir, tmp_path):
    stopped = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, stopped, Action.HAND_OVER, HANDOVER)
    act(db, LEADER, stopped, Action.STOP, Facts(reason="Có tranh chấp", at=MON.replace(hour=11)))
    withdrawn = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, withdrawn, Action.WITHDRAW, Facts(reason="Đã nộp ở nơi khác", at=datetime(2026, 11, 24, 10, 0)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "stop", stopped, NOW), "stop")
    assert codes == [stopped]
    has_all(text, "Mẫu số 05", "Số: 1/TB-DGQ", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Kính gửi: Nguyễn Văn An",
            "theo quyết định của cơ quan có thẩm quyền giải quyết. Lý do: Có tranh chấp", "ngày 23 tháng 11 năm 2026")
    assert "yêu cầu dừng" not in text
    text, codes = read(tmp_path, print_form(db, OFFICER, "stop", withdrawn, NOW), "withdraw")
    assert codes == [withdrawn]
    has_all(text, "Số: 2/TB-DGQ", "Ngày 24/11/2026, Ông/Bà/Tổ chức yêu cầu dừng giải quyết hồ sơ nêu trên khi hồ sơ "
            "chưa có quyết định, kết quả giải quyết. Lý do: Đã nộp ở nơi khác",
            "Theo yêu cầu của Ông/Bà/Tổ chức", "ngày 24 tháng 11 năm 2026")
    assert "theo quyết định của cơ quan" not in text


def test_control_sheet_rows_give_and_take_with_each_step_judged(db, code, tmp_path):
    act(db, OFFICER, code, Action.HAND_OVER, HANDOVER)  # 09:30, due at 17:00 the same day
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=datetime(2026, 12, 4, 17, 0),
                                                at=MON.replace(hour=10)))
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Văn hóa", giver="Trần Văn Bảo",
                                                    taker="Lý Thị Cúc", at=MON.replace(hour=14)))
    act(db, OFFICER, code, Action.TAKE_BACK, Facts(division="Phòng Văn hóa", giver="Lý Thị Cúc",
                                                    taker="Nguyễn Thị Mai", at=datetime(2026, 12, 30, 9, 0)))
    text, codes = read(tmp_path, print_form(db, OFFICER, "control", code, NOW), "control")
    assert codes == [code]
    with db.reading() as s:
        from app.services.dossiers.query import get_dossier

        entry = get_dossier(s, code).ledger_number
    has_all(text, "Mẫu số 06", f"Số: {entry}/PKS", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "Cơ quan giải quyết: Phòng Tư pháp", "Cơ quan phối hợp giải quyết: Phòng Văn hóa",
            "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 23/11/2026",
            "1. Giao: Nguyễn Thị Mai, Trung tâm Phục vụ", "2. Nhận: Trần Văn Bảo, Phòng Tư pháp",
            "1. Giao: Trần Văn Bảo, Phòng Tư pháp 2. Nhận: Lý Thị Cúc, Phòng Văn hóa",
            "2. Nhận: Lý Thị Cúc, Phòng Văn hóa", "Thời gian trả kết quả: 17 giờ 00 phút, ngày 04/12/2026",
            "Người giao Người nhận",
            "ngày 23 tháng 11 năm 2026")
    assert text.count("Người giao Người nhận") == 4  # the receipt and three hand-overs
    # Each step against the due moment in force then: before the extension, after it, after it ran out.
    assert re.findall("Đúng hạn|Trước hạn|Quá hạn", text) == ["Đúng hạn", "Trước hạn", "Quá hạn"]


def test_a_reprint_at_another_moment_is_the_same_file(db, data_dir, tmp_path):
    c = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, c, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=datetime(2026, 12, 4, 17, 0),
                                             at=MON.replace(hour=10)))
    act(db, OFFICER, c, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Thiếu chữ ký",
                                                         at=MON.replace(hour=11)))
    act(db, OFFICER, c, Action.REFUSE, Facts(reason="Không bổ sung", at=MON.replace(hour=15)))
    for form in ("supplement", "refusal", "apology", "control"):
        assert print_form(db, OFFICER, form, c, NOW) == print_form(db, OFFICER, form, c, LATER), form
    w = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, w, Action.WITHDRAW, Facts(reason="Không cần nữa", at=MON.replace(hour=9)))
    assert print_form(db, OFFICER, "stop", w, NOW) == print_form(db, OFFICER, "stop", w, LATER)


def test_portrait_forms_keep_decree_30_margins(db, code, tmp_path):
    """Left 30 mm, right 15 mm, top and bottom 20 mm on A4 (595 × 842 pt): no word outside."""
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Giấy tờ " * 30], reason="Thiếu " * 40,
                                                            at=MON.replace(hour=9)))
    path = tmp_path / "m.pdf"
    path.write_bytes(print_form(db, OFFICER, "supplement", code, NOW))
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    boxes = [tuple(float(v) for v in m) for m in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xml)]
    mm = 72 / 25.4
    assert len(boxes) > 100
    assert min(b[0] for b in boxes) == pytest.approx(30 * mm, abs=0.5)  # the body starts at the margin
    assert max(b[2] for b in boxes) <= 595.28 - 15 * mm + 0.5
    assert min(b[1] for b in boxes) >= 20 * mm - 1
    assert max(b[3] for b in boxes) <= 841.89 - 20 * mm + 1


def test_refusals(db, code, tmp_path):
    with pytest.raises(UserError, match="chưa có yêu cầu bổ sung"):
        print_form(db, OFFICER, "supplement", code, NOW)
    with pytest.raises(UserError, match="chưa bị dừng giải quyết hay rút"):
        print_form(db, OFFICER, "stop", code, NOW)
    with pytest.raises(UserError, match="Không có biểu mẫu"):
        print_form(db, OFFICER, "thu-moi", code, NOW)
    with pytest.raises(PermissionDenied):
        print_form(db, Actor(login="hd", role=Role.GUIDE), "control", code, NOW)
    change_settings(db, Actor.system(), {"forms.set": "rieng"})
    with pytest.raises(UserError, match="Không có bộ mẫu biểu «rieng»"):
        print_form(db, OFFICER, "control", code, NOW)


def test_a_masked_form_says_so_on_its_top_line_and_takes_no_more_room(db, code, tmp_path):
    """A supervisor's copy: its note shares the line of the form's number, so the masked form has
    the layout of the plain one and its signature never moves to a page of its own."""
    import pypdfium2

    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT,
        Facts(items=[f"Giấy tờ số {i}: bản sao có chứng thực" for i in range(1, 40)], reason="Thiếu giấy tờ",
              at=MON.replace(hour=9)))
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")
    plain, masked = print_form(db, OFFICER, "supplement", code, NOW), print_form(db, boss, "supplement", code, NOW)
    path = tmp_path / "masked.pdf"
    path.write_bytes(masked)
    first = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.strip().splitlines()[0]
    assert first.split() == "Mẫu số 02 · Bản in che một phần thông tin cá nhân của người nộp.".split()
    assert len(pypdfium2.PdfDocument(masked)) == len(pypdfium2.PdfDocument(plain)) == 2  # the list runs over


def test_each_form_renders_to_an_image(db, data_dir, tmp_path):
    """One page of each at 70 dpi (tmp_path/png/*.png), for a person to look at."""
    c = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, c, Action.HAND_OVER, HANDOVER)
    act(db, OFFICER, c, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=datetime(2026, 12, 4, 17, 0),
                                             at=MON.replace(hour=10)))
    act(db, OFFICER, c, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai có chữ ký", "Bản sao giấy khai sinh"],
                                                         reason="Tờ khai chưa ký", at=MON + timedelta(hours=3)))
    act(db, LEADER, c, Action.STOP, Facts(reason="Có tranh chấp", at=MON + timedelta(hours=5)))
    r = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, r, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu tờ khai", at=MON.replace(hour=8, minute=45)))
    act(db, OFFICER, r, Action.REFUSE, Facts(reason="Không thuộc thẩm quyền", at=MON.replace(hour=9)))
    (tmp_path / "png").mkdir()
    for form in ("supplement", "refusal", "apology", "stop", "control"):
        path = tmp_path / "png" / f"{form}.pdf"
        path.write_bytes(print_form(db, OFFICER, form, r if form == "refusal" else c, NOW))
        subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "-png", str(path),
                        str(path.with_suffix(""))], check=True)
        assert path.with_suffix(".png").stat().st_size > 5000

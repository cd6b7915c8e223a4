"""Office settings: one declared list (key, type, default, validation, Vietnamese label), stored
as JSON in `settings`, changed only by those allowed to, with an audit record. Unknown keys and
bad values are refused in Vietnamese. The stored settings carry a version (`_version`) and are
migrated forward by `upgrade_settings` when the app opens the database. Secret keys (the portal
token) live in the operating system's keyring where there is one (app/services/settings/secrets.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain import codes
from app.domain.permissions import Actor, Permission
from app.domain.text import UNSTORABLE, first_bad_char, printable
from app.errors import UserError
from app.services.journal import audit
from app.services.settings import secrets
from db.engine import Database
from db.fast import fast
from db.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    default: Any
    label: str  # Vietnamese, for messages and the settings page
    check: Callable[[Any], bool]
    rule: str  # what a valid value is, in Vietnamese
    secret: bool = False  # kept in the OS keyring where there is one; never exported
    # Checked only when the value is set (not when stored values are read: a network folder that is
    # offline for a day must not quietly fall back to the default): what is wrong, or None.
    probe: Callable[[Any], str | None] | None = None

    @property
    def kind(self) -> str:
        """The value's type, from the default: bool, int, text or list."""
        return {bool: "bool", int: "int", str: "text", list: "list"}[type(self.default)]


def _int_between(lo: int, hi: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _web_address(v: str) -> bool:
    """http(s)://host…, with no space or control character (it goes into QR codes and requests)."""
    from urllib.parse import urlsplit

    if not v.startswith(("http://", "https://")) or any(c.isspace() for c in v):
        return False
    try:
        return bool(urlsplit(v.replace("{code}", "x")).hostname)
    except ValueError:
        return False


def _text(most: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and len(v) <= most and "\n" not in v


def _backup_folder_problem(value: str) -> str | None:
    """Why the folder `value` cannot hold a backup, or None. Nothing is left behind: an existing
    folder, or the nearest existing one above it (where the backup would create the rest), must
    take a file, which is made and removed again; each name must fit the disk."""
    import os
    import tempfile
    from pathlib import Path

    from app.oserrors import name_length, name_limit, os_reason

    text = value.strip()
    if not text:
        return None
    try:
        folder = Path(text).expanduser()
    except RuntimeError:  # "~name" of a user this computer does not know
        return f"không có người dùng «{printable(text.split('/')[0].split(chr(92))[0], 60)}» trên máy này"
    for part in folder.parts[1:] if folder.is_absolute() else folder.parts:
        if name_length(part) > name_limit(Path(folder.anchor or ".")) - 30:  # room for the backups' names
            return f"tên «{printable(part, 60)}» quá dài"
    if not folder.is_absolute():
        return None  # inside the data folder, which the app writes anyway
    try:
        existing = folder
        while not existing.exists() and existing.parent != existing:
            existing = existing.parent
        if not existing.is_dir():
            return f"«{existing}» là một tệp, không phải thư mục"
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".motcua-thu-ghi-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"không ghi được vào «{existing}» ({os_reason(exc)})"
    return None


def _ledger_books(v: Any) -> bool:
    """A list of {"key", "name", "sectors"}: keys of letters, digits, - _ . (up to 40), names of
    one line, each key and each sector code once."""
    if not isinstance(v, list):
        return False
    keys, sectors = set(), set()
    for b in v:
        if not isinstance(b, dict) or set(b) - {"key", "name", "sectors"}:
            return False
        key, name, codes = b.get("key"), b.get("name"), b.get("sectors", [])
        if not (isinstance(key, str) and 0 < len(key) <= 40 and key.isascii()
                and key.replace("-", "").replace("_", "").replace(".", "").isalnum() and key not in keys):
            return False
        if not (isinstance(name, str) and name.strip() and _text(200)(name) and not _unstorable(name)):
            return False
        if not (isinstance(codes, list) and all(isinstance(c, str) and 0 < len(c) <= 64 and not _unstorable(c)
                                                and c not in sectors for c in codes)
                and len(set(codes)) == len(codes)):
            return False
        keys.add(key)
        sectors.update(codes)
    return True


def _divisions(v: Any) -> bool:
    """Up to 100 names of one line each, none empty, none twice (whatever the case)."""
    return (isinstance(v, list) and len(v) <= 100
            and all(isinstance(n, str) and n.strip() == n and n and _text(200)(n) for n in v)
            and len({n.casefold() for n in v}) == len(v))


def _default_criteria() -> list[dict[str, str]]:
    """The rating criteria shipped with the app (resources/ratings/criteria_vi.json)."""
    import json

    from app.paths import RESOURCES

    data = json.loads((RESOURCES / "ratings" / "criteria_vi.json").read_text(encoding="utf-8"))
    return [{"key": c["key"], "label": c["label"]} for c in data["criteria"]]


def _criteria(v: Any) -> bool:
    """1 to 20 {"key", "label"}: keys in snake_case, each once; labels of one line."""
    from app.domain.ratings import CRITERION_KEY_RE, MAX_CRITERIA, MAX_LABEL

    if not isinstance(v, list) or not 1 <= len(v) <= MAX_CRITERIA:
        return False
    keys = set()
    for c in v:
        if not isinstance(c, dict) or set(c) != {"key", "label"}:
            return False
        key, label = c["key"], c["label"]
        if not (isinstance(key, str) and CRITERION_KEY_RE.fullmatch(key) and key not in keys):
            return False
        if not (isinstance(label, str) and label.strip() and _text(MAX_LABEL)(label) and not _unstorable(label)):
            return False
        keys.add(key)
    return True


SPECS: dict[str, SettingSpec] = {
    "idle_lock_minutes": SettingSpec(10, "Khóa màn hình sau (phút không thao tác)", _int_between(1, 240),
                                     "một số nguyên từ 1 đến 240"),
    "receipt.paper": SettingSpec("A4", "Khổ giấy in giấy tiếp nhận", lambda v: v in ("A4", "A5"), "A4 hoặc A5"),
    "receipt.copies": SettingSpec(2, "Số liên giấy tiếp nhận", _int_between(1, 3), "1, 2 hoặc 3"),
    "receipt.print_direct": SettingSpec(False, "In thẳng ra máy in mặc định (không hỏi)",
                                        lambda v: isinstance(v, bool), "có hoặc không"),
    # The receipt's agency header; empty: the office record's own names (set up with the office).
    "receipt.header_parent": SettingSpec("", "Tên cơ quan chủ quản (dòng trên của tiêu đề)", _text(200),
                                         "một dòng chữ, tối đa 200 ký tự"),
    "receipt.header_unit": SettingSpec("", "Tên đơn vị tiếp nhận (dòng dưới của tiêu đề)", _text(200),
                                       "một dòng chữ, tối đa 200 ký tự"),
    "receipt.place": SettingSpec("", "Địa danh ghi ngày tháng (ví dụ: Vĩnh Long)", _text(60),
                                 "một dòng chữ, tối đa 60 ký tự"),
    # The office's bank account for fees: the receipt then carries a VietQR code for the amount.
    "bank.bin": SettingSpec("", "Mã ngân hàng (BIN 6 chữ số) nhận phí, lệ phí",
                            lambda v: v == "" or (isinstance(v, str) and len(v) == 6 and v.isascii() and v.isdigit()),
                            "6 chữ số, hoặc để trống"),
    "bank.account": SettingSpec("", "Số tài khoản nhận phí, lệ phí",
                                lambda v: isinstance(v, str) and len(v) <= 19 and (v == "" or (v.isascii() and v.isalnum())),
                                "chữ số và chữ cái, tối đa 19 ký tự"),
    "bank.holder": SettingSpec("", "Tên chủ tài khoản", _text(100), "một dòng chữ, tối đa 100 ký tự"),
    # The one-stop forms' template set: resources/forms/<name>.json or <data>/forms/<name>.json.
    "forms.set": SettingSpec("2025", "Bộ mẫu biểu (2025, 2018 hoặc bộ mẫu riêng của cơ quan)",
                             lambda v: isinstance(v, str) and v.isascii() and v.replace("-", "").replace("_", "").isalnum()
                             and len(v) <= 40, "tên bộ mẫu gồm chữ, số (không dấu), - hoặc _"),
    # Form 04's signer: the head of the late agency, or who signs on their behalf (KT./TL. line).
    "forms.apology_signer_on_behalf": SettingSpec("", "Dòng ký thay trên văn bản xin lỗi (ví dụ: KT. GIÁM ĐỐC)",
                                                  _text(100), "một dòng chữ, tối đa 100 ký tự, hoặc để trống"),
    "forms.apology_signer_title": SettingSpec("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "Chức vụ người ký văn bản xin lỗi",
                                              _text(100), "một dòng chữ, tối đa 100 ký tự"),
    "forms.apology_signer_name": SettingSpec("", "Họ tên người ký văn bản xin lỗi", _text(100),
                                             "một dòng chữ, tối đa 100 ký tự, hoặc để trống"),
    # Forms 06 and 07: the resolving agency when no hand-over names one.
    "forms.resolving_agency": SettingSpec("", "Cơ quan giải quyết (khi hồ sơ chưa chuyển phòng chuyên môn)",
                                          _text(200), "một dòng chữ, tối đa 200 ký tự, hoặc để trống"),
    # The tracking ledger's books (app/services/dossiers/ledger.py); empty: one book per sector.
    "ledger.books": SettingSpec([], "Các quyển sổ theo dõi hồ sơ (theo lĩnh vực)", lambda v: _ledger_books(v),
                                'danh sách JSON [{"key": "HT", "name": "Hộ tịch", "sectors": ["TP-HT"]}], '
                                "mỗi mã quyển và mỗi lĩnh vực chỉ một lần"),
    # The specialist divisions a dossier is handed over to (the hand-over dialog offers them, typing
    # picks one, another name may still be typed). The default is a commune office after the 2025
    # reorganisation (Decree 150/2025/NĐ-CP): data, (check) against the office's own structure.
    "handover.divisions": SettingSpec(["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội",
                                       "Công an xã"], "Các phòng chuyên môn nhận bàn giao hồ sơ",
                                      _divisions, "danh sách tên phòng, mỗi tên một dòng (tối đa 200 ký tự), không trùng nhau"),
    # Procedures whose processing time pauses while a supplement is awaited (others restart).
    "lifecycle.supplement_pause": SettingSpec([], "Thủ tục tạm dừng (không tính lại) thời hạn khi chờ bổ sung",
                                              lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
                                              "danh sách mã thủ tục"),
    # The queue: the hall display's scrolling line, its voice, and how early the kiosk opens.
    "queue.notice": SettingSpec("Xin quý vị vui lòng lấy số thứ tự và chờ đến lượt. Chuẩn bị sẵn căn cước "
                                "công dân và giấy tờ của hồ sơ.", "Dòng thông báo chạy trên màn hình phòng chờ",
                                _text(500), "một dòng chữ, tối đa 500 ký tự"),
    "queue.announce": SettingSpec(True, "Đọc số gọi qua loa", lambda v: isinstance(v, bool), "có hoặc không"),
    "queue.kiosk_open_early": SettingSpec(15, "Máy lấy số mở trước giờ làm việc (phút)", _int_between(0, 120),
                                          "một số nguyên từ 0 đến 120"),
    # The provincial portal's sync API (docs/portal-api.md); empty: no portal, numbers issued here.
    "portal.url": SettingSpec("", "Địa chỉ cổng dịch vụ công (đồng bộ hồ sơ)",
                              lambda v: isinstance(v, str) and (v == "" or _web_address(v))
                              and len(v) <= 300, "một địa chỉ http(s), hoặc để trống nếu không đồng bộ"),
    # An HTTP header carries printable ASCII only.
    "portal.token": SettingSpec("", "Mã truy cập cổng của cơ quan",
                                lambda v: isinstance(v, str) and len(v) <= 500 and all(33 <= ord(c) < 127 for c in v),
                                "chữ không dấu, số và ký hiệu, không có khoảng trắng, tối đa 500 ký tự", secret=True),
    # Official numbers leased ahead for outages: how many per day, for how many working days.
    "portal.lease_size": SettingSpec(50, "Số mã hồ sơ thuê trước mỗi ngày (dùng khi mất mạng)",
                                     _int_between(1, 1000), "một số nguyên từ 1 đến 1000"),
    "portal.lease_days": SettingSpec(3, "Thuê trước mã hồ sơ cho bao nhiêu ngày làm việc",
                                     _int_between(1, 10), "một số nguyên từ 1 đến 10"),
    # The dossier code shape this office issues and Circular 04/2025's AA (2 digits of the system
    # owner's identifier): the shapes are data (app/domain/codes.py), DOMAIN.md §5 marks them (check).
    "codes.shape": SettingSpec(codes.DEFAULT_SHAPE, "Dạng mã hồ sơ cơ quan cấp",
                               lambda v: v in codes.shapes().dossier, codes.shape_choices()),
    "codes.system_id": SettingSpec("", "Mã hệ thống (AA) trong mã hồ sơ theo Thông tư 04/2025/TT-VPCP",
                                   codes.is_system_id, "2 chữ số của mã định danh cơ quan chủ quản hệ thống, "
                                   "hoặc để trống nếu cơ quan cấp mã dạng 2018"),
    # Automatic backups (app/services/trust/backup.py): one a day, the newest `keep` kept.
    "backup.daily": SettingSpec(True, "Tự động sao lưu mỗi ngày", lambda v: isinstance(v, bool), "có hoặc không"),
    # The digitized papers' store (app/services/files/store.py): the largest file it takes.
    "files.max_mb": SettingSpec(50, "Dung lượng tối đa một tệp số hóa (MB)", _int_between(1, 500),
                                "một số nguyên từ 1 đến 500"),
    # Background OCR of scanned PDFs (app/services/files/ocr.py); the engine is found on PATH
    # unless `files.ocr_command` names it (a Windows PC with OCRmyPDF outside PATH).
    "files.ocr": SettingSpec(True, "Nhận dạng chữ tiếng Việt (OCR) trên bản quét, chạy nền",
                             lambda v: isinstance(v, bool), "có hoặc không"),
    "files.ocr_command": SettingSpec("", "Đường dẫn chương trình OCRmyPDF (để trống: tìm trong PATH)",
                                     _text(300), "một đường dẫn tệp, tối đa 300 ký tự"),
    "backup.keep": SettingSpec(14, "Số bản sao lưu tự động giữ lại", _int_between(1, 365),
                               "một số nguyên từ 1 đến 365"),
    # Empty: <data>/backups. A second disk or a network folder is better: a dead disk takes both.
    "backup.folder": SettingSpec("", "Thư mục chứa bản sao lưu tự động (để trống: trong thư mục dữ liệu)",
                                 _text(300), "một đường dẫn thư mục, tối đa 300 ký tự",
                                 probe=_backup_folder_problem),
    # The provincial portal's look-up page for one dossier; {code} is replaced by the dossier code.
    # Empty (the default): the receipt has no look-up QR until the office enters its portal's
    # address: a guessed one would send citizens to the wrong page. A value stored under the old
    # default (the Vĩnh Long portal) was typed in by the office (change_settings never stores a
    # value equal to the one in force), so it is kept: no settings version step.
    "receipt.lookup_url": SettingSpec("", "Địa chỉ tra cứu hồ sơ trên cổng (mã QR)",
                                      lambda v: isinstance(v, str) and (v == "" or (_web_address(v) and "{code}" in v)),
                                      "một địa chỉ http(s) có chứa {code}, hoặc để trống nếu không in mã QR tra cứu"),
    # The portal's evaluation page for one dossier ({code}: its code), printed as a small QR on
    # the receipt (printing/receipt.py). Empty (the default): no QR, never a guessed address.
    "rating.evaluation_url": SettingSpec("", "Địa chỉ đánh giá mức độ hài lòng trên cổng (mã QR trên giấy tiếp nhận)",
                                         lambda v: isinstance(v, str) and (v == "" or (
                                             v.startswith("https://") and _web_address(v) and "{code}" in v
                                             and len(v) <= 300)),
                                         "một địa chỉ https có chứa {code}, hoặc để trống nếu không in mã QR đánh giá"),
    # Form 01's "Đăng ký nhận kết quả tại" for results collected at the counter; empty:
    # "Bộ phận Một cửa – <the agency's name>".
    "receipt.result_place": SettingSpec("", "Nơi nhận kết quả tại quầy (ghi trên giấy tiếp nhận)", _text(200),
                                        "một dòng chữ, tối đa 200 ký tự"),
    # Where a citizen files a procedure online (the guide desk's QR code); {code} is replaced by the
    # procedure code. The national portal by default; a province may have its own address.
    "guide.online_url": SettingSpec("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
                                    "?ma_thu_tuc={code}",
                                    "Địa chỉ nộp hồ sơ trực tuyến của thủ tục (mã QR ở bàn hướng dẫn)",
                                    lambda v: isinstance(v, str) and _web_address(v) and len(v) <= 300,
                                    "một địa chỉ http(s) không có khoảng trắng, có thể chứa {code}"),
    # Ratings at the counter (app/services/ratings/): off by default, since an office without a
    # rating screen must not pile up "no rating" rows; the prompt's life on the screen; the
    # criteria a citizen may name at a low score (the national evaluation's, resources/ratings/).
    "rating.enabled": SettingSpec(False, "Mời công dân đánh giá trên màn hình đánh giá tại quầy",
                                  lambda v: isinstance(v, bool), "có hoặc không"),
    "rating.timeout_s": SettingSpec(30, "Thời gian chờ công dân đánh giá (giây)", _int_between(10, 120),
                                    "một số nguyên từ 10 đến 120"),
    "rating.criteria": SettingSpec(_default_criteria(), "Các tiêu chí đánh giá (lý do khi chưa hài lòng)",
                                   lambda v: _criteria(v),
                                   'danh sách JSON [{"key": "staff_attitude", "label": "Thái độ của cán bộ"}], '
                                   "từ 1 đến 20 tiêu chí, mã viết thường không dấu (chữ, số, _) không trùng nhau, "
                                   "tên một dòng (tối đa 200 ký tự)"),
    # The rating screen's keys (a USB keypad types like a keyboard; a serial keypad's bytes are
    # read as the same keys): app/devices/rating_keypad.py.
    "rating.keys": SettingSpec(["1=1", "2=2", "3=3", "4=4", "5=5", "Enter=send", "0=skip", "Backspace=skip"],
                               "Phím của bàn phím đánh giá", lambda v: _rating_keys(v),
                               'danh sách JSON ["PHÍM=VIỆC"], VIỆC là 1 đến 5 (mức đánh giá), send (gửi) '
                               "hoặc skip (bỏ qua); PHÍM là một ký tự hoặc Enter, Backspace, Escape, Space, Tab, "
                               "Delete, F1…F12; mỗi mức 1–5 và send đều có phím, không phím nào trùng"),
}


def _rating_keys(v: Any) -> bool:
    from app.devices.rating_keypad import keys_ok

    return keys_ok(v)


def _notice_specs() -> dict[str, SettingSpec]:
    """Notices to the citizen (app/services/notices/, docs/notices.md): every channel off until the
    office sets it up; the secrets (SMTP password, gateway keys) in the keyring like the portal's."""
    from app.notify.providers import PROVIDERS
    from app.services.notices.templates import overrides_ok, template_problem

    def on(label):
        return SettingSpec(False, label, lambda v: isinstance(v, bool), "có hoặc không")

    def key(label):
        return SettingSpec("", label, lambda v: isinstance(v, str) and len(v) <= 500 and all(32 <= ord(c) < 127 for c in v),
                           "chữ không dấu, số và ký hiệu, tối đa 500 ký tự", secret=True)

    def url(label):
        return SettingSpec("", label, lambda v: isinstance(v, str) and (v == "" or _web_address(v)) and len(v) <= 300,
                           "một địa chỉ http(s), hoặc để trống")

    def provider(default, label):
        return SettingSpec(default, label, lambda v: v in PROVIDERS, ", ".join(PROVIDERS))

    kinds = ("supplement", "result_ready", "extension", "official_code", "fee_owed")
    return {
        "notices.templates": SettingSpec([], "Mẫu nội dung thông báo gửi người nộp", overrides_ok,
                                         'danh sách JSON [{"kind": "supplement", "part": "subject" | "email" | "text", '
                                         '"text": "…"}], mỗi mẫu một lần', probe=template_problem),
        "notices.result_keep_days": SettingSpec(30, "Số ngày giữ kết quả chờ người nộp đến nhận", _int_between(1, 365),
                                                "một số nguyên từ 1 đến 365"),
        "notices.max_attempts": SettingSpec(8, "Số lần gửi tối đa một thông báo", _int_between(1, 30),
                                            "một số nguyên từ 1 đến 30"),
        "notices.email.enabled": on("Gửi thông báo qua thư điện tử"),
        "notices.email.host": SettingSpec("", "Máy chủ thư đi (SMTP)", _text(253), "tên máy hoặc địa chỉ IP, hoặc để trống"),
        "notices.email.port": SettingSpec(587, "Cổng máy chủ thư đi", _int_between(1, 65535), "một số nguyên từ 1 đến 65535"),
        "notices.email.security": SettingSpec("starttls", "Mã hóa kết nối máy chủ thư",
                                              lambda v: v in ("starttls", "tls", "none"),
                                              "starttls, tls hoặc none (máy chủ chuyển tiếp trong cơ quan)"),
        "notices.email.username": SettingSpec("", "Tên đăng nhập máy chủ thư (để trống: không đăng nhập)", _text(200),
                                              "một dòng chữ, tối đa 200 ký tự"),
        "notices.email.password": SettingSpec("", "Mật khẩu máy chủ thư", lambda v: _text(200)(v) and "\r" not in v,
                                              "một dòng, tối đa 200 ký tự", secret=True),
        "notices.email.sender": SettingSpec("", "Địa chỉ thư gửi đi (From)",
                                            lambda v: isinstance(v, str) and len(v) <= 200 and (v == "" or (
                                                v.count("@") == 1 and v.isascii() and v.isprintable() and " " not in v)),
                                            "một địa chỉ thư điện tử, hoặc để trống"),
        "notices.email.sender_name": SettingSpec("", "Tên người gửi hiện trên thư", _text(200),
                                                 "một dòng chữ, tối đa 200 ký tự"),
        "notices.sms.enabled": on("Gửi thông báo qua tin nhắn SMS"),
        "notices.sms.provider": provider("generic_json", "Nhà cung cấp dịch vụ SMS"),
        "notices.sms.url": url("Địa chỉ cổng gửi SMS"),
        "notices.sms.sender": SettingSpec("", "Tên thương hiệu (brandname) gửi SMS", _text(40),
                                          "một dòng chữ, tối đa 40 ký tự"),
        "notices.sms.api_key": key("Mã truy cập cổng SMS"),
        "notices.sms.unaccented": SettingSpec(True, "Gửi SMS không dấu (rẻ hơn, mỗi tin 160 ký tự)",
                                              lambda v: isinstance(v, bool), "có hoặc không"),
        "notices.zalo.enabled": on("Gửi thông báo qua Zalo"),
        "notices.zalo.provider": provider("zalo_zns", "Nhà cung cấp dịch vụ Zalo"),
        "notices.zalo.url": url("Địa chỉ cổng gửi Zalo"),
        "notices.zalo.sender": SettingSpec("", "Tài khoản chính thức (OA) gửi Zalo", _text(100),
                                           "một dòng chữ, tối đa 100 ký tự"),
        "notices.zalo.api_key": key("Mã truy cập cổng Zalo"),
        # Zalo ZNS sends only templates Zalo approved: each kind's template id, "result_ready=231234".
        "notices.zalo.template_ids": SettingSpec([], "Mã mẫu tin Zalo (ZNS) đã duyệt cho từng loại thông báo",
                                                 lambda v: isinstance(v, list) and all(
                                                     isinstance(x, str) and x.count("=") == 1 and len(x) <= 100
                                                     and x.split("=")[0] in kinds and x.split("=")[1].strip()
                                                     for x in v),
                                                 'danh sách «loại=mã mẫu», ví dụ ["result_ready=231234"]'),
    }


SPECS.update(_notice_specs())


def _remote_accounts(v: Any) -> bool:
    """["login=account", …]: each login once, both sides printable and without spaces."""
    if not isinstance(v, list) or len(v) > 500:
        return False
    logins = set()
    for item in v:
        if not isinstance(item, str) or item.count("=") != 1:
            return False
        login, account = (part.strip() for part in item.split("="))
        if not login or not account or login in logins or len(account) > 100:
            return False
        if any(c.isspace() or not c.isprintable() for c in login + account):
            return False
        logins.add(login)
    return True


def remote_account(settings: dict, login: str) -> str:
    """The officer's account at the remote signing service: signing.remote.accounts, else the login."""
    for item in settings.get("signing.remote.accounts", []):
        who, account = (part.strip() for part in item.split("=", 1))
        if who == login:
            return account
    return login


def _signing_specs() -> dict[str, SettingSpec]:
    """Digital signatures (app/signing/, app/services/signing/, docs/signing.md): off until the
    office sets it up. The token's PKCS#11 library is per PC (devices.json `token`), not here."""
    from app.signing.providers import PROVIDERS

    def on(label):
        return SettingSpec(False, label, lambda v: isinstance(v, bool), "có hoặc không")

    def url(label):
        return SettingSpec("", label, lambda v: isinstance(v, str) and (v == "" or _web_address(v)) and len(v) <= 300,
                           "một địa chỉ http(s), hoặc để trống")

    return {
        "signing.enabled": on("Ký số giấy tiếp nhận và phiếu điện tử của hồ sơ trực tuyến"),
        "signing.method": SettingSpec("pkcs11", "Cách ký số", lambda v: v in ("pkcs11", "remote"),
                                      "pkcs11 (thiết bị ký số USB) hoặc remote (ký số từ xa)"),
        "signing.sign_intake_copies": on("Ký số bản sao điện tử khi số hóa giấy tờ"),
        "signing.sign_results": on("Ký số tệp kết quả giải quyết"),
        "signing.timestamp_url": url("Máy chủ cấp dấu thời gian (RFC 3161)"),
        "signing.location": SettingSpec("", "Nơi ký hiện trong chữ ký số (để trống: địa danh của cơ quan)", _text(200),
                                        "tối đa 200 ký tự"),
        "signing.remote.provider": SettingSpec("generic_json", "Nhà cung cấp dịch vụ ký số từ xa",
                                               lambda v: v in PROVIDERS, ", ".join(PROVIDERS)),
        "signing.remote.url": url("Địa chỉ dịch vụ ký số từ xa"),
        "signing.remote.client_id": SettingSpec("", "Mã ứng dụng của cơ quan tại dịch vụ ký số từ xa", _text(200),
                                                "tối đa 200 ký tự"),
        "signing.remote.api_key": SettingSpec("", "Khóa truy cập dịch vụ ký số từ xa",
                                              lambda v: isinstance(v, str) and len(v) <= 500
                                              and all(32 <= ord(c) < 127 for c in v),
                                              "chữ không dấu, số và ký hiệu, tối đa 500 ký tự", secret=True),
        "signing.remote.accounts": SettingSpec([], "Tài khoản ký số từ xa của từng người dùng", _remote_accounts,
                                               'danh sách JSON ["TÊN_ĐĂNG_NHẬP=TÀI_KHOẢN"], mỗi người một lần; '
                                               "người không có trong danh sách ký bằng tên đăng nhập của mình"),
        "signing.remote.wait_s": SettingSpec(120, "Thời gian chờ người ký xác nhận trên điện thoại (giây)",
                                             _int_between(10, 600), "một số nguyên từ 10 đến 600"),
    }


SPECS.update(_signing_specs())


def _fee_specs() -> dict[str, SettingSpec]:
    """Fees and receipts (app/services/fees/, docs/fees.md). The e-receipt provider is off until the
    office sets it up; the receipt's template code and symbol are the office's own series (check:
    DOMAIN.md §15), never built in."""
    from app.fees.providers import PROVIDERS

    def code(label):
        return SettingSpec("", label, lambda v: isinstance(v, str) and len(v) <= 20 and v.isascii()
                           and all(c.isalnum() or c in "/-." for c in v),
                           "chữ không dấu, số và / - . (tối đa 20 ký tự), hoặc để trống")

    return {
        "fees.block_unpaid_return": SettingSpec(
            True, "Không trả kết quả khi hồ sơ còn nợ phí, lệ phí (lãnh đạo cho phép thì ghi lý do)",
            lambda v: isinstance(v, bool), "có hoặc không"),
        "fees.receipts.enabled": SettingSpec(False, "Phát hành biên lai điện tử qua nhà cung cấp",
                                             lambda v: isinstance(v, bool), "có hoặc không"),
        "fees.receipts.provider": SettingSpec("generic_json", "Nhà cung cấp biên lai điện tử",
                                              lambda v: v in PROVIDERS, ", ".join(PROVIDERS)),
        "fees.receipts.url": SettingSpec("", "Địa chỉ dịch vụ biên lai điện tử",
                                         lambda v: isinstance(v, str) and (v == "" or _web_address(v)) and len(v) <= 300,
                                         "một địa chỉ http(s), hoặc để trống"),
        "fees.receipts.api_key": SettingSpec("", "Khóa truy cập dịch vụ biên lai điện tử",
                                             lambda v: isinstance(v, str) and len(v) <= 500
                                             and all(32 <= ord(c) < 127 for c in v),
                                             "chữ không dấu, số và ký hiệu, tối đa 500 ký tự", secret=True),
        "fees.receipts.template_code": code("Mẫu số biên lai"),
        "fees.receipts.symbol": code("Ký hiệu biên lai"),
        "fees.receipts.unit_name": SettingSpec("", "Tên đơn vị thu phí trên biên lai (để trống: tên cơ quan)",
                                               _text(300), "một dòng chữ, tối đa 300 ký tự"),
        "fees.receipts.unit_tax_code": SettingSpec("", "Mã số thuế (mã đơn vị) của đơn vị thu phí",
                                                   lambda v: isinstance(v, str) and len(v) <= 20
                                                   and all(c.isdigit() or c == "-" for c in v),
                                                   "chữ số và dấu -, tối đa 20 ký tự, hoặc để trống"),
        "fees.receipts.timeout_s": SettingSpec(15, "Thời gian chờ dịch vụ biên lai trả lời (giây)",
                                               _int_between(2, 120), "một số nguyên từ 2 đến 120"),
    }


SPECS.update(_fee_specs())


VERSION = 2  # of the stored settings; upgrade_settings brings older ones forward
_VERSION_KEY = "_version"
IN_KEYRING = {"in_keyring": True}  # what the database holds for a secret kept in the keyring


_UNSTORABLE = (*UNSTORABLE, "Zl", "Zp")  # a setting is one line: no line or paragraph separators


def _unstorable(value: Any) -> bool:
    texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
        if isinstance(value, list) else []
    return any(first_bad_char(t, _UNSTORABLE) is not None for t in texts)


def shown(value: Any) -> str:
    """A value as a message quotes it: one short clean line, never a Python type name."""
    if value is None:
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (list, tuple)):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng giá trị"
    if not isinstance(value, (str, int, float)):
        return "một giá trị khác"
    if isinstance(value, int) and abs(value) > 10**18:
        return "một số quá lớn"
    return printable(str(value))


def _validated(key: str, value: Any) -> Any:
    spec = SPECS.get(key)
    if spec is None:
        raise UserError(f"Không có mục cài đặt «{shown(key)}».")
    if not _ok(spec, value) or _unstorable(value):
        quoted = "mã đã nhập" if spec.secret else f"Giá trị «{shown(value)}»"  # a secret is never echoed
        raise UserError(f"{quoted[0].upper()}{quoted[1:]} không hợp lệ cho «{spec.label}»: cần {spec.rule}.", field=key)
    problem = spec.probe(value) if spec.probe is not None else None
    if problem is not None:
        raise UserError(f"Không dùng được «{shown(value)}» cho «{spec.label}»: {problem}.", field=key)
    return value


def _database(session: Session) -> str:
    """Which office database a keyring entry belongs to (the URL without its password)."""
    return session.get_bind().url.render_as_string(hide_password=True)


def settings_in(session: Session) -> dict[str, Any]:
    """Every known setting: stored values over the defaults (a bad stored value falls back)."""
    stored = {s.key: s.value for s in session.scalars(select(Setting))}
    out = {}
    for key, spec in SPECS.items():
        value = stored.get(key, spec.default)
        if spec.secret and value == IN_KEYRING:
            value = secrets.read(key, _database(session)) or spec.default
        elif spec.secret and not value:
            value = secrets.from_environment(key) or value  # MOTCUA_PORTAL_TOKEN, for a sync service
        out[key] = value if _ok(spec, value) else spec.default
    return out


def setting_in(session: Session, key: str) -> Any:
    """One setting, as `settings_in` gives it, reading and checking only that one: for the
    registering transaction, which must not check fifty settings to learn two."""
    spec = SPECS[key]
    if spec.secret:
        return settings_in(session)[key]
    row = session.get(Setting, key)
    value = spec.default if row is None else row.value
    return value if _ok(spec, value) else spec.default


@cache
def _settings_of(keys: tuple[str, ...]):
    return select(Setting.key, Setting.value).where(Setting.key.in_(keys))  # built once per set of keys


def settings_of(session: Session, keys: tuple[str, ...]) -> dict[str, Any]:
    """Several non-secret settings in one read, each by `setting_in`'s rule (missing or bad: the
    default): for the registering transaction."""
    specs = {key: SPECS[key] for key in keys}
    if any(spec.secret for spec in specs.values()):
        raise ValueError("settings_of reads no secret")
    stored = dict(fast(session).rows(_settings_of(keys)))
    return {key: stored[key] if key in stored and _ok(spec, stored[key]) else spec.default
            for key, spec in specs.items()}


def _ok(spec: SettingSpec, value: Any) -> bool:
    try:
        return bool(spec.check(value))
    except (TypeError, ValueError, AttributeError):
        return False


def load_settings(db: Database) -> dict[str, Any]:
    with db.reading() as s:
        return settings_in(s)


def change_setting(db: Database, actor: Actor, key: str, value: Any) -> None:
    change_settings(db, actor, {key: value})


def _store(s: Session, key: str, value: Any) -> None:
    if SPECS[key].secret:
        if secrets.write(key, _database(s), value):
            value = IN_KEYRING if value else ""
    row = s.get(Setting, key)
    if row is None:
        row = Setting(key=key)
        s.add(row)
    row.value, row.updated_at = value, now_local()


def change_settings(db: Database, actor: Actor, values: dict[str, Any]) -> None:
    """Several settings at once: all are checked first, then written in one transaction."""
    actor.require(Permission.EDIT_SETTINGS)
    if not isinstance(values, dict):
        raise UserError("Cài đặt phải là các cặp «mục: giá trị».")
    checked = {key: _validated(key, value) for key, value in values.items()}
    with db.writing() as s:
        current = settings_in(s)
        for key, value in checked.items():
            if current[key] == value:
                continue
            _store(s, key, value)
            shown = (lambda v: "***" if v else "") if SPECS[key].secret else (lambda v: v)
            audit(s, actor, "settings.change", "setting", key, {"from": shown(current[key]), "to": shown(value)})


# --- versions -------------------------------------------------------------------------------------

def _v1_to_v2(s: Session) -> dict[str, Any]:
    """Version 2 keeps the portal token in the OS keyring: move it there if this PC has one."""
    row = s.get(Setting, "portal.token")
    if row is None or not row.value or row.value == IN_KEYRING:
        return {}

    if secrets.write("portal.token", _database(s), row.value):
        row.value, row.updated_at = IN_KEYRING, now_local()
        return {"portal.token": "moved to the keyring"}
    return {}


MIGRATIONS: dict[int, Callable[[Session], dict[str, Any]]] = {1: _v1_to_v2}


def stored_version(session: Session) -> int:
    row = session.get(Setting, _VERSION_KEY)
    return row.value if row is not None and isinstance(row.value, int) else 1


def upgrade_settings(db: Database) -> int:
    """Bring the stored settings to VERSION, one step at a time, in one transaction with an audit
    record. Settings newer than this app are refused: an older app must not rewrite them.
    Read first: every start and every command comes here, and most find nothing to do."""
    with db.reading() as s:
        if stored_version(s) == VERSION:
            return VERSION
    with db.writing() as s:
        version = stored_version(s)
        if version > VERSION:
            raise UserError(f"Cài đặt được ghi bởi phiên bản Một Cửa mới hơn (phiên bản cài đặt {version}, "
                            f"bản này hiểu đến {VERSION}): hãy cập nhật phần mềm.")
        if version == VERSION:
            return version
        done = {}
        for v in range(version, VERSION):
            done[str(v + 1)] = MIGRATIONS[v](s)
        row = s.get(Setting, _VERSION_KEY) or Setting(key=_VERSION_KEY)
        row.value, row.updated_at = VERSION, now_local()
        s.add(row)
        audit(s, Actor.system(), "settings.upgrade", "setting", _VERSION_KEY, {"from": version, "to": VERSION,
                                                                                 "steps": done})
        return VERSION

"""Code lists shared with the portal (DOMAIN.md §3, §6) and their Vietnamese labels."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class DossierStatus(IntEnum):
    """TrangThaiHoSo."""

    NEW = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESOLVED = 9
    RETURNED = 10

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def finished(self) -> bool:
        return self in (DossierStatus.RESOLVED, DossierStatus.RETURNED)


STATUS_LABELS = {
    DossierStatus.NEW: "Mới đăng ký",
    DossierStatus.RECEIVED: "Được tiếp nhận",
    DossierStatus.REFUSED: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.RESOLVED: "Đã xử lý xong",
    DossierStatus.RETURNED: "Đã trả kết quả",
}


class Channel(IntEnum):
    """KenhThucHien."""

    IN_PERSON = 1
    ONLINE = 2
    POST = 3

    @property
    def label(self) -> str:
        return {1: "Trực tiếp", 2: "Trực tuyến", 3: "Qua bưu chính công ích"}[self.value]


class ApplicantKind(IntEnum):
    """LoaiDoiTuong."""

    CITIZEN = 1
    BUSINESS = 2

    @property
    def label(self) -> str:
        return {1: "Công dân", 2: "Tổ chức, doanh nghiệp"}[self.value]


class ResultMethod(StrEnum):
    COUNTER = "counter"
    POST = "post"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return {"counter": "Tại quầy", "post": "Qua bưu chính công ích", "online": "Trực tuyến"}[
            self.value
        ]


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    WITHIN_DAY = "within_day"

    @property
    def label(self) -> str:
        return {
            "working_days": "ngày làm việc",
            "working_hours": "giờ làm việc",
            "within_day": "trong ngày",
        }[self.value]


class ProcessClass(StrEnum):
    """Decree 42/2022 classes."""

    WHOLE = "toan_trinh"
    PARTIAL = "mot_phan"

    @property
    def label(self) -> str:
        return {"toan_trinh": "Toàn trình", "mot_phan": "Một phần"}[self.value]


class FeeKind(StrEnum):
    FEE = "le_phi"  # lệ phí
    CHARGE = "phi"  # phí
    OTHER = "khac"


class Role(StrEnum):
    OFFICER = "officer"
    GUIDE = "guide"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    # The citizen-facing rating screen of a counter (`motcua rating`): not a person, never an
    # account; the only role that records a citizen's rating (app/services/ratings/).
    RATING_SCREEN = "rating_screen"

    @property
    def label(self) -> str:
        return {
            "officer": "Cán bộ một cửa",
            "guide": "Tình nguyện viên hướng dẫn",
            "supervisor": "Lãnh đạo",
            "admin": "Quản trị",
            "rating_screen": "Màn hình đánh giá",
        }[self.value]


# The roles a user account may have (the rating screen acts for the citizen, never for a person).
USER_ROLES = (Role.OFFICER, Role.GUIDE, Role.SUPERVISOR, Role.ADMIN)


class IdentityCheck(StrEnum):
    """How the officer checked who the applicant is (Dossier.identity_check; DOMAIN.md §8). A
    VNeID level-2 account shown at the counter counts as the card (Decree 69/2024); the portal
    counts the VNeID ones (TaiKhoanDuocXacThucVoiVNeID)."""

    CARD_SEEN = "card_seen"
    CARD_QR = "card_qr"
    VNEID = "vneid"
    PASSPORT = "passport"

    @property
    def label(self) -> str:
        return {
            "card_seen": "Xem thẻ căn cước/CCCD",
            "card_qr": "Đọc mã QR trên thẻ",
            "vneid": "Tài khoản VNeID mức 2",
            "passport": "Hộ chiếu",
        }[self.value]

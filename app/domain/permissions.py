"""Who may do what. The services enforce this table; the UI only hides what they refuse."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.vocab import Role
from app.errors import PermissionDenied


class Permission(StrEnum):
    REGISTER_DOSSIER = "register_dossier"
    CHANGE_DOSSIER = "change_dossier"
    VIEW_DOSSIER = "view_dossier"
    SEARCH_DOSSIERS = "search_dossiers"
    VIEW_CATALOG = "view_catalog"
    EDIT_CATALOG = "edit_catalog"
    EDIT_CALENDAR = "edit_calendar"
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    VIEW_REPORTS = "view_reports"
    LOG_GUIDANCE = "log_guidance"
    GENERATE_DEMO_DATA = "generate_demo_data"
    ARRANGE_QUEUE = "arrange_queue"  # which service groups a counter calls from
    SERVE_QUEUE = "serve_queue"  # a counter's tickets: no-show, transfer
    # Personal data (Law 91/2025): the applicant's CCCD, phone, e-mail, date of birth and address
    # whole, on every path (lists, the dossier, its receipt and forms, exports, the command line);
    # without it they are masked by app/domain/privacy.py.
    VIEW_PERSONAL_DATA = "view_personal_data"
    EXPORT_DOSSIERS = "export_dossiers"  # the tracking ledger, dossier data as JSON
    BACKUP = "backup"  # a backup holds everyone's data; a restore replaces it
    # A second supplement request on one dossier (Decree 118/2025 Art. 11): the supervisor at the
    # officer's side approves it with their own login and password.
    APPROVE_REPEAT_SUPPLEMENT = "approve_repeat_supplement"
    # Notices to the citizen (app/services/notices/): the list of failed ones, send again, cancel.
    MANAGE_NOTICES = "manage_notices"
    # The citizen's score of a service: only the counter's rating screen records it, so no officer,
    # supervisor or administrator can rate in the citizen's place (app/services/ratings/).
    RECORD_RATING = "record_rating"
    # Digital signatures (app/services/signing/): sign the office's e-forms and files with one's own
    # token, and see the "chưa ký" list. Checking a signature needs only VIEW_DOSSIER.
    SIGN_DOCUMENTS = "sign_documents"
    # Fees (app/services/fees/, docs/fees.md): take a payment, issue, number or cancel its receipt,
    # void a payment recorded by mistake, close one's counter at the end of a session.
    COLLECT_FEES = "collect_fees"
    # Return a result while a fee is still owed: the supervisor, with a written reason, in the
    # history and the audit log (beside the officer with their own login, like a second supplement).
    APPROVE_UNPAID_RETURN = "approve_unpaid_return"


_P = Permission
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: frozenset(
        {_P.REGISTER_DOSSIER, _P.CHANGE_DOSSIER, _P.VIEW_DOSSIER, _P.SEARCH_DOSSIERS, _P.VIEW_CATALOG,
         _P.ARRANGE_QUEUE, _P.SERVE_QUEUE, _P.VIEW_PERSONAL_DATA, _P.EXPORT_DOSSIERS, _P.MANAGE_NOTICES,
         _P.SIGN_DOCUMENTS, _P.COLLECT_FEES}
    ),
    Role.GUIDE: frozenset({_P.VIEW_CATALOG, _P.LOG_GUIDANCE}),
    Role.SUPERVISOR: frozenset(
        {_P.VIEW_DOSSIER, _P.SEARCH_DOSSIERS, _P.VIEW_CATALOG, _P.VIEW_REPORTS, _P.EDIT_CALENDAR,
         _P.ARRANGE_QUEUE, _P.APPROVE_REPEAT_SUPPLEMENT, _P.APPROVE_UNPAID_RETURN}
    ),
    Role.ADMIN: frozenset(Permission) - {_P.RECORD_RATING},
    Role.RATING_SCREEN: frozenset({_P.RECORD_RATING}),
}

DENIED_MESSAGES = {
    _P.REGISTER_DOSSIER: "tiếp nhận hồ sơ",
    _P.CHANGE_DOSSIER: "thay đổi hồ sơ",
    _P.VIEW_DOSSIER: "xem hồ sơ",
    _P.SEARCH_DOSSIERS: "tra cứu hồ sơ",
    _P.VIEW_CATALOG: "xem danh mục thủ tục",
    _P.EDIT_CATALOG: "cập nhật danh mục thủ tục",
    _P.EDIT_CALENDAR: "sửa lịch làm việc",
    _P.MANAGE_USERS: "quản lý người dùng",
    _P.EDIT_SETTINGS: "thay đổi cài đặt",
    _P.VIEW_REPORTS: "xem báo cáo",
    _P.LOG_GUIDANCE: "ghi nhận hướng dẫn",
    _P.GENERATE_DEMO_DATA: "tạo dữ liệu mẫu",
    _P.ARRANGE_QUEUE: "phân nhóm dịch vụ cho quầy",
    _P.SERVE_QUEUE: "phục vụ số thứ tự tại quầy",
    _P.VIEW_PERSONAL_DATA: "xem đầy đủ thông tin cá nhân của người nộp (số CCCD, điện thoại, email, ngày sinh, địa chỉ)",
    _P.EXPORT_DOSSIERS: "xuất dữ liệu hồ sơ (sổ theo dõi, tệp dữ liệu)",
    _P.BACKUP: "sao lưu hoặc khôi phục dữ liệu",
    _P.APPROVE_REPEAT_SUPPLEMENT: "phê duyệt yêu cầu bổ sung hồ sơ lần thứ hai",
    _P.MANAGE_NOTICES: "xử lý thông báo gửi người nộp (gửi lại, hủy)",
    _P.RECORD_RATING: "ghi đánh giá của công dân (chỉ màn hình đánh giá tại quầy)",
    _P.SIGN_DOCUMENTS: "ký số văn bản của hồ sơ",
    _P.COLLECT_FEES: "thu phí, lệ phí (ghi nhận nộp tiền, biên lai, chốt sổ quầy)",
    _P.APPROVE_UNPAID_RETURN: "cho phép trả kết quả khi hồ sơ chưa nộp đủ phí, lệ phí",
}


@dataclass(frozen=True)
class Actor:
    """Who is calling a service: a logged-in user at a counter, or the local command line."""

    login: str
    role: Role
    user_id: int | None = None
    counter_id: int | None = None
    full_name: str = ""

    @classmethod
    def system(cls) -> Actor:
        # The CLI runs on the office machine by whoever administers it: it acts as admin,
        # and its audit records say "system:cli".
        return cls(login="system:cli", role=Role.ADMIN, full_name="Dòng lệnh")

    def can(self, permission: Permission) -> bool:
        return permission in MATRIX[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"Vai trò «{self.role.label}» không được phép {DENIED_MESSAGES[permission]}."
            )

"""Turn driver errors into one clear Vietnamese sentence (locked, corrupt, unreachable …)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from app.errors import UserError


def describe(exc: BaseException, display_name: str = "") -> UserError | None:
    """A UserError for database problems a person can act on; None for genuine bugs."""
    if not isinstance(exc, DBAPIError):
        return None
    text = str(getattr(exc, "orig", exc)).lower()
    where = f" ({display_name})" if display_name else ""
    if "database is locked" in text:
        return UserError(f"Cơ sở dữ liệu đang bị khóa bởi chương trình khác{where}; thử lại sau.")
    if "file is not a database" in text or "malformed" in text:
        return UserError(f"Tệp cơ sở dữ liệu bị hỏng hoặc không phải SQLite{where}.")
    if "unable to open database" in text or "readonly" in text or "read-only" in text:
        return UserError(f"Không mở hoặc không ghi được tệp cơ sở dữ liệu{where}: kiểm tra quyền truy cập.")
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return UserError(f"Cơ sở dữ liệu chưa được khởi tạo{where}: chạy «motcua db upgrade».")
    if isinstance(exc, OperationalError) and (
        "connection" in text or "could not connect" in text or "password" in text
    ):
        return UserError(f"Không kết nối được máy chủ cơ sở dữ liệu{where}.")
    return None

"""What went wrong with a file, in Vietnamese: the operating system's own text (strerror) is English
on most machines and a different language on others, so messages use the error number instead."""

from __future__ import annotations

import errno
import os
from pathlib import Path

_REASONS = {
    errno.ENOENT: "không có thư mục hoặc tệp này",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đó là một thư mục",
    errno.EEXIST: "đã có tệp trùng tên",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EIO: "lỗi đọc ghi đĩa",
    errno.EINVAL: "tên không hợp lệ",
    errno.EBUSY: "đang được chương trình khác dùng",
    errno.ELOOP: "đường dẫn có vòng lặp liên kết",
    errno.EMFILE: "mở quá nhiều tệp",
    errno.EXDEV: "không chuyển được sang ổ đĩa khác",
    errno.ENODEV: "không có thiết bị",
    errno.ENXIO: "không có thiết bị",
}
for _name, _text in (("EDQUOT", "vượt hạn mức dung lượng"), ("ENOTSUP", "ổ đĩa không hỗ trợ thao tác này"),
                     ("ETXTBSY", "đang được chương trình khác dùng")):
    if hasattr(errno, _name):
        _REASONS[getattr(errno, _name)] = _text

# Windows reports some problems only through winerror (errno then is EINVAL or unset).
_WINDOWS = {2: _REASONS[errno.ENOENT], 3: _REASONS[errno.ENOENT], 5: _REASONS[errno.EACCES],
            32: "đang được chương trình khác mở", 112: _REASONS[errno.ENOSPC], 123: "tên có ký tự không hợp lệ",
            206: _REASONS[errno.ENAMETOOLONG]}


def os_reason(exc: OSError) -> str:
    """Why `exc` happened, as a few Vietnamese words."""
    win = getattr(exc, "winerror", None)
    if win in _WINDOWS:
        return _WINDOWS[win]
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0)
    return f"lỗi hệ thống {name}" if name else "lỗi hệ thống"


def os_error_text(exc: OSError, action: str = "Không dùng được") -> str:
    """One sentence naming the path the system complained about, when it said which."""
    where = exc.filename if exc.filename is not None else None
    if isinstance(where, bytes):
        where = where.decode("utf-8", "replace")
    return f"{action} «{where}»: {os_reason(exc)}." if where else f"{action} tệp: {os_reason(exc)}."


def name_limit(folder: Path) -> int:
    """The longest file name (bytes on POSIX, UTF-16 units on Windows) the folder's disk takes."""
    if hasattr(os, "pathconf"):
        try:
            return int(os.pathconf(folder, "PC_NAME_MAX"))
        except (OSError, ValueError):
            pass
    return 255


def name_length(name: str) -> int:
    if os.name == "nt":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))

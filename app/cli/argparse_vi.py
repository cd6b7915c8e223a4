"""argparse speaking Vietnamese: its messages go through the module-level `_`, which we map."""

from __future__ import annotations

import argparse
import sys

_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "unrecognized arguments: %s": "tham số không hợp lệ: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "expected one argument": "cần một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
argparse._ = lambda s: _VI.get(s, s)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """One line on stderr for a mistake, exit code 2, no usage dump."""

    def error(self, message: str):  # noqa: D401
        sys.stderr.write(f"{self.prog}: lỗi: {message} (xem «{self.prog} --help»)\n")
        raise SystemExit(2)

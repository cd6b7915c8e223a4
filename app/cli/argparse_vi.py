"""argparse speaking Vietnamese: its messages go through the module-level `_` and `ngettext`,
which we map."""

from __future__ import annotations

import argparse
import sys
import unicodedata

from app.domain.text import printable

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
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị: %r",
    "expected at most one argument": "nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "lệnh không có: %(parser_name)r (chọn một trong %(choices)s)",
    "subcommands": "lệnh",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
}
# --version's default help is written without `_`: build_parser passes VERSION_HELP itself.
# tests/cli/test_cli_help_vi.py reads every --help for English left over.
VERSION_HELP = _VI["show program's version number and exit"]
argparse._ = lambda s: _VI.get(s, s)  # type: ignore[attr-defined]
argparse.ngettext = lambda one, many, n: _VI.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """One line on stderr for a mistake, exit code 2, no usage dump."""

    def parse_known_args(self, args=None, namespace=None):
        # Bytes that are not UTF-8 reach sys.argv as lone surrogates (PEP 383): no text to store,
        # print or search for. Control characters and line separators are never part of a code, a
        # name or a date, and would break the one-line messages that quote them. Both are refused
        # before any command sees them.
        for arg in sys.argv[1:] if args is None else args:
            if not isinstance(arg, str):
                continue
            kinds = {unicodedata.category(c) for c in arg}
            if "Cs" in kinds:
                self.error(f"tham số «{printable(arg)}» không phải văn bản UTF-8 hợp lệ")
            if kinds & {"Cc", "Zl", "Zp"}:
                self.error(f"tham số «{printable(arg)}» có ký tự điều khiển (xuống dòng, tab …)")
        return super().parse_known_args(args, namespace)

    def error(self, message: str):  # noqa: D401
        # argparse quotes some values raw (unrecognized arguments): a newline in one stays escaped.
        line = "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cs") else c for c in message)
        sys.stderr.write(f"{self.prog}: lỗi: {line} (xem «{self.prog} --help»)\n")
        raise SystemExit(2)

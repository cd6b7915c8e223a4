"""Who the command line acts as, for the commands that show applicants' personal data (dossier
show/search, print, report).

Without `--as` it is the system account (`system:cli`, the administrator's rights): whoever can
read the data folder and its database has every record anyway, so the command line asks for no
password there. With `--as LOGIN` it logs in as that user, the password read from standard input
(`--password-stdin`) or asked at the keyboard, exactly as the log-in window would: a wrong one
counts towards the lock, an initial one must be changed first. The services then apply that
user's role (a supervisor's output comes masked) and the audit records name them."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.errors import UserError


def add_actor_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("người thực hiện")
    g.add_argument("--as", dest="as_login", metavar="TÊN_ĐĂNG_NHẬP",
                   help="làm với quyền của người dùng này (số CCCD, điện thoại… được che nếu vai trò "
                        "không được xem đầy đủ; nhật ký ghi tên người này). Mặc định: tài khoản hệ thống")
    g.add_argument("--password-stdin", action="store_true",
                   help="đọc mật khẩu của người dùng --as từ đầu vào chuẩn (một dòng)")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise UserError("Không đọc được mật khẩu từ đầu vào chuẩn.")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("Không có bàn phím để nhập mật khẩu: dùng --password-stdin.")
    return getpass.getpass("Mật khẩu: ")


def cli_actor(args, db):
    """The Actor this command runs as (see the module's note)."""
    from app.domain.permissions import Actor
    from app.errors import PasswordChangeRequired
    from app.services.trust.users import authenticate

    login = (getattr(args, "as_login", None) or "").strip()
    if not login:
        if getattr(args, "password_stdin", False):
            raise UserError("--password-stdin chỉ dùng cùng --as TÊN_ĐĂNG_NHẬP.")
        return Actor.system()
    try:
        return authenticate(db, login, _password(getattr(args, "password_stdin", False)))
    except PasswordChangeRequired:
        raise UserError(f"Người dùng «{login}» còn mật khẩu khởi tạo: đăng nhập ứng dụng một lần để "
                        "đặt mật khẩu mới rồi dùng lại --as.") from None

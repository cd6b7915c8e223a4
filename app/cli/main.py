"""`motcua` entry point: parse, dispatch, and turn every failure into one clear line on stderr.
Heavy modules are imported inside the handlers so `motcua --version` starts fast."""

from __future__ import annotations

import argparse
import os
import sys

from app import __version__
from app.cli.argparse_vi import VERSION_HELP, Parser
from app.cli.types import (
    parse_date,
    parse_datetime,
    parse_hhmm,
    pause_seconds,
    positive_float,
    positive_int,
    year,
)

PROG = "motcua"
JSON_HELP = "in ra dạng JSON (cho chương trình khác đọc)"


def _common(parser: argparse.ArgumentParser, default) -> None:
    g = parser.add_argument_group("cơ sở dữ liệu")
    g.add_argument("--db", metavar="URL", default=default,
                   help="sqlite:///TỆP hoặc postgresql+psycopg://… (mặc định: $MOTCUA_DB, rồi tệp SQLite trong thư mục dữ liệu)")
    g.add_argument("--data-dir", metavar="THƯ_MỤC", default=default,
                   help="thư mục dữ liệu (mặc định: $MOTCUA_DATA_DIR, rồi thư mục dữ liệu người dùng)")


def build_parser() -> Parser:
    from app.cli.acting import add_actor_options

    p = Parser(prog=PROG, description="Một Cửa: phần mềm quầy tiếp nhận và trả kết quả.")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}", help=VERSION_HELP)
    _common(p, None)
    sub_common = Parser(add_help=False)
    _common(sub_common, argparse.SUPPRESS)  # also accepted after the subcommand
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=Parser)

    def cmd(name, help_, parent=sub):
        return parent.add_parser(name, help=help_, description=help_, parents=[sub_common])

    g = cmd("gui", "mở ứng dụng quầy (mặc định)")
    g.add_argument("--demo", action="store_true", help="lần chạy đầu: tạo thêm hồ sơ mẫu")

    dbp = cmd("db", "quản lý cơ sở dữ liệu").add_subparsers(dest="db_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("upgrade", "tạo hoặc nâng cấp lược đồ cơ sở dữ liệu", dbp)
    dbc = cmd("copy", "chép toàn bộ dữ liệu cơ quan sang một cơ sở dữ liệu trống (SQLite ↔ PostgreSQL)", dbp)
    dbc.add_argument("--to", required=True, metavar="URL",
                     help="cơ sở dữ liệu đích, trống: postgresql+psycopg://NGƯỜI_DÙNG@MÁY/TÊN_CSDL hoặc sqlite:///TỆP")

    cat = cmd("catalog", "danh mục thủ tục hành chính").add_subparsers(dest="catalog_command", metavar="LỆNH", required=True, parser_class=Parser)
    ci = cmd("import", "nhập danh mục từ tệp JSON (kiểm tra toàn bộ trước khi ghi)", cat)
    ci.add_argument("file", metavar="TỆP")
    cl = cmd("list", "liệt kê thủ tục", cat)
    cl.add_argument("--json", action="store_true", help=JSON_HELP)

    usr = cmd("user", "người dùng").add_subparsers(dest="user_command", metavar="LỆNH", required=True, parser_class=Parser)
    ua = cmd("add", "thêm người dùng", usr)
    ua.add_argument("login", metavar="TÊN_ĐĂNG_NHẬP")
    ua.add_argument("--role", required=True, help="vai trò: officer (cán bộ một cửa) | guide (hướng dẫn) | "
                                                   "supervisor (lãnh đạo) | admin (quản trị)")
    ua.add_argument("--name", help="họ tên")
    ua.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn")
    up = cmd("passwd", "đổi mật khẩu", usr)
    up.add_argument("login", metavar="TÊN_ĐĂNG_NHẬP")
    up.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn")

    cal = cmd("calendar", "lịch làm việc").add_subparsers(dest="calendar_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("list", "các ngày nghỉ, ngày làm bù trong năm", cal).add_argument("--year", type=year, required=True,
                                                                            metavar="NĂM", help="năm cần xem")
    for name, help_ in (("add-day-off", "thêm ngày nghỉ riêng của cơ quan"),
                        ("add-working-day", "thêm ngày làm việc bù")):
        c = cmd(name, help_, cal)
        c.add_argument("date", type=parse_date, metavar="NGÀY")
        c.add_argument("--reason", required=True, help="lý do")
    cmd("remove", "bỏ điều chỉnh của một ngày", cal).add_argument("date", type=parse_date, metavar="NGÀY")

    dd = cmd("due-date", "tính thời điểm hẹn trả kết quả")
    dd.add_argument("--received", type=parse_datetime, required=True, metavar="THỜI_ĐIỂM_ISO",
                    help="thời điểm tiếp nhận, ví dụ 2026-11-20T09:00")
    how = dd.add_mutually_exclusive_group(required=True)
    how.add_argument("--days", type=positive_int, metavar="N", help="số ngày làm việc")
    how.add_argument("--hours", type=positive_float, metavar="N", help="số giờ làm việc")
    how.add_argument("--procedure", metavar="MÃ_THỦ_TỤC", help="thời hạn và giờ chốt của thủ tục này")
    dd.add_argument("--cutoff", type=parse_hhmm, metavar="HH:MM", help="giờ chốt tiếp nhận trong ngày")

    dos = cmd("dossier", "hồ sơ").add_subparsers(dest="dossier_command", metavar="LỆNH", required=True, parser_class=Parser)
    ds = cmd("show", "xem một hồ sơ", dos)
    ds.add_argument("code", metavar="MÃ_HỒ_SƠ")
    ds.add_argument("--json", action="store_true", help=JSON_HELP)
    dq = cmd("search", "tìm hồ sơ theo mã, CCCD, điện thoại hoặc họ tên (không dấu cũng được)", dos)
    dq.add_argument("text", metavar="NỘI_DUNG")
    dq.add_argument("--json", action="store_true", help=JSON_HELP)
    dq.add_argument("--limit", type=positive_int, default=50, metavar="N", help="số hồ sơ tối đa (mặc định 50)")
    for c in (ds, dq):
        add_actor_options(c)  # --as LOGIN --password-stdin: that user's view, masked by role

    pr = cmd("print", "in biểu mẫu ra tệp PDF").add_subparsers(dest="print_command", metavar="BIỂU_MẪU", required=True, parser_class=Parser)
    prr = cmd("receipt", "giấy tiếp nhận hồ sơ và hẹn trả kết quả (lưu vào thư mục dữ liệu; in lại giống hệt)", pr)
    prr.add_argument("code", metavar="MÃ_HỒ_SƠ")
    prr.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF cần ghi")
    add_actor_options(prr)
    for name, help_ in (("supplement", "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
                        ("refusal", "phiếu từ chối tiếp nhận giải quyết hồ sơ"),
                        ("apology", "văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
                        ("stop", "thông báo dừng giải quyết hồ sơ"),
                        ("control", "phiếu kiểm soát quá trình giải quyết hồ sơ"),
                        ("fee-notice", "thông báo nộp phí, lệ phí (có mã VietQR khi đã khai báo tài khoản)")):
        f = cmd(name, help_, pr)
        f.add_argument("code", metavar="MÃ_HỒ_SƠ")
        f.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF cần ghi")
        add_actor_options(f)
    led = cmd("ledger", "sổ theo dõi hồ sơ trong một khoảng ngày tiếp nhận", pr)
    led.add_argument("--from", dest="date_from", type=parse_date, required=True, metavar="NGÀY",
                     help="ngày tiếp nhận đầu tiên (dd/mm/yyyy hoặc yyyy-mm-dd)")
    led.add_argument("--to", dest="date_to", type=parse_date, required=True, metavar="NGÀY",
                     help="ngày tiếp nhận cuối cùng")
    led.add_argument("-o", "--output", required=True, metavar="TỆP.pdf|TỆP.xlsx", help="tệp PDF hoặc Excel cần ghi")
    led.add_argument("--book", metavar="MÃ_QUYỂN", help="chỉ một quyển sổ (mặc định: mọi quyển có hồ sơ, "
                                                          "mỗi quyển từ trang mới)")
    add_actor_options(led)

    dv = cmd("devices", "thiết bị: cổng nối tiếp trên máy này và thiết bị giả lập").add_subparsers(
        dest="devices_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("list", "liệt kê cổng nối tiếp (tên, mô tả, VID:PID)", dv)
    em = cmd("emulate", "giả lập một thiết bị: trên cổng ảo (pseudo-terminal), hoặc máy quét tài liệu eSCL qua mạng",
             dv).add_subparsers(dest="kind", metavar="scanner|display|printer|escl", required=True, parser_class=Parser)
    for kind, help_ in (("scanner", "máy quét mã vạch: quét từng dòng gõ vào (hoặc trong --file)"),
                        ("display", "bảng LED quầy: in ra những gì bảng hiện"),
                        ("printer", "máy in phiếu thứ tự: in phiếu ra dạng chữ")):
        ek = cmd(kind, help_, em)
        ek.add_argument("--link", required=True, metavar="ĐƯỜNG_DẪN", help="đường dẫn cổng ảo mà ứng dụng sẽ mở")
        ek.set_defaults(file=None, pause=0.3, protocol="ascii")
        if kind == "scanner":
            ek.add_argument("--file", metavar="TỆP", help="đọc các mã cần quét từ tệp (mặc định: bàn phím)")
            ek.add_argument("--pause", type=pause_seconds, default=0.3, metavar="GIÂY", help="nghỉ giữa hai lần quét")
        if kind == "display":
            ek.add_argument("--protocol", choices=("ascii", "modbus"), default="ascii", help="giao thức")
    es = cmd("escl", "máy quét tài liệu eSCL (AirScan) qua HTTP, chạy được cả trên Windows", em)
    es.add_argument("--port", type=int, metavar="CỔNG", help="cổng TCP (mặc định 8770; 0: tự chọn)")
    es.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ",
                    help="địa chỉ lắng nghe (mặc định 127.0.0.1; 0.0.0.0: cho máy khác trong mạng)")
    es.add_argument("--pages", type=positive_int, metavar="N", help="số trang trong khay mỗi lệnh quét (mặc định 5)")
    es.add_argument("--jam-at", type=positive_int, metavar="K", help="kẹt giấy ở trang K")
    es.add_argument("--empty", action="store_true", help="khay nạp giấy trống")
    es.add_argument("--drop-at", type=positive_int, metavar="K", help="mất kết nối giữa chừng khi gửi trang K")
    es.add_argument("--slow", type=positive_int, default=0, metavar="MS", help="mỗi trang chậm thêm MS mili giây")

    ki = cmd("kiosk", "máy lấy số thứ tự (toàn màn hình, màn hình cảm ứng)")
    ki.add_argument("--windowed", action="store_true", help="mở trong cửa sổ thay vì toàn màn hình")
    ki.add_argument("--no-printer", action="store_true", help="không in vé: số chỉ hiện trên màn hình")
    ki.add_argument("--demo", action="store_true", help="lần chạy đầu: tạo thêm hồ sơ mẫu")
    hd = cmd("display", "màn hình phòng chờ: số đang phục vụ, số vừa gọi, đọc số qua loa")
    hd.add_argument("--windowed", action="store_true", help="mở trong cửa sổ thay vì toàn màn hình")
    hd.add_argument("--mute", action="store_true", help="không đọc số qua loa")
    hd.add_argument("--demo", action="store_true", help="lần chạy đầu: tạo thêm hồ sơ mẫu")
    ra = cmd("rating", "màn hình đánh giá mức độ hài lòng của công dân tại một quầy (cảm ứng hoặc bàn phím đánh giá)")
    ra.add_argument("--counter", type=positive_int, required=True, metavar="SỐ_QUẦY", help="số của quầy có màn hình này")
    ra.add_argument("--windowed", action="store_true", help="mở trong cửa sổ thay vì toàn màn hình")

    sb = cmd("portal-sandbox", "cổng dịch vụ công thử nghiệm (để tập huấn và kiểm thử; không phải cổng thật)")
    sb.add_argument("--port", type=int, default=8765, metavar="CỔNG", help="cổng TCP (mặc định 8765; 0: tự chọn)")
    sb.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    sb.add_argument("--store", metavar="TỆP", help="tệp dữ liệu của cổng thử nghiệm (mặc định: trong thư mục dữ liệu)")
    sb.add_argument("--token", default="sandbox-token", metavar="MÃ", help="mã truy cập của cơ quan (Bearer)")
    sb.add_argument("--unit", default="000.00.01.H62", metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị nhận hồ sơ trực tuyến")
    sb.add_argument("--faults", action="store_true", help="cho phép bật lỗi giả lập qua /__sandbox/faults (kiểm thử)")

    sy = cmd("sync", "đồng bộ với cổng dịch vụ công: gửi thay đổi, nhận hồ sơ trực tuyến, thuê số hồ sơ")
    sy.add_argument("--once", action="store_true", help="chạy một lượt rồi thoát (mặc định: chạy liên tục)")
    sy.add_argument("--portal", metavar="URL", help="địa chỉ cổng (mặc định: cài đặt portal.url)")
    sy.add_argument("--token", metavar="MÃ", help="mã truy cập (mặc định: cài đặt portal.token)")

    rp = cmd("report", "báo cáo tình hình tiếp nhận và giải quyết hồ sơ của một kỳ (JSON, Excel hoặc PDF)")
    rp.add_argument("--from", dest="date_from", type=parse_date, required=True, metavar="NGÀY",
                    help="ngày đầu kỳ (dd/mm/yyyy hoặc yyyy-mm-dd)")
    rp.add_argument("--to", dest="date_to", type=parse_date, required=True, metavar="NGÀY", help="ngày cuối kỳ")
    rp.add_argument("--format", choices=("json", "xlsx", "pdf"),
                    help="mặc định: theo đuôi tệp -o, nếu không thì json (in ra màn hình)")
    rp.add_argument("-o", "--output", metavar="TỆP",
                    help="tệp cần ghi (xlsx, pdf mặc định: bao-cao-NGÀYĐẦU-NGÀYCUỐI.xlsx|pdf ở thư mục hiện tại)")
    rp.add_argument("--procedure", metavar="MÃ_THỦ_TỤC", help="chỉ một thủ tục")
    rp.add_argument("--sector", metavar="MÃ_LĨNH_VỰC", help="chỉ một lĩnh vực")
    rp.add_argument("--channel", choices=("online", "in_person", "post"), help="chỉ một hình thức nộp")
    rp.add_argument("--counter", type=positive_int, metavar="SỐ_QUẦY", help="chỉ một quầy")
    rp.add_argument("--officer", metavar="TÊN_ĐĂNG_NHẬP",
                    help="phần mức độ hài lòng: chỉ các đánh giá của một cán bộ")
    add_actor_options(rp)

    st = cmd("settings", "cài đặt của cơ quan").add_subparsers(
        dest="settings_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("list", "liệt kê các mục cài đặt và giá trị", st)
    ss = cmd("set", "đổi một mục cài đặt", st)
    ss.add_argument("key", metavar="MỤC")
    ss.add_argument("value", metavar="GIÁ_TRỊ", help="chữ, số, true/false hoặc danh sách JSON")
    cmd("export", "ghi cài đặt ra tệp JSON (không gồm mã truy cập cổng)", st).add_argument("file", metavar="TỆP")
    cmd("import", "áp dụng cài đặt từ tệp JSON (kiểm tra toàn bộ trước khi ghi)", st).add_argument("file", metavar="TỆP")

    au = cmd("audit", "nhật ký kiểm tra (audit)").add_subparsers(
        dest="audit_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("verify", "kiểm tra chuỗi băm của nhật ký: báo bản ghi đầu tiên bị sửa, xóa hoặc chèn", au)

    fi = cmd("files", "kho tệp số hóa (bản quét giấy tờ, tệp kết quả)").add_subparsers(
        dest="files_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("verify", "tính lại mã băm mọi tệp: báo tệp bị thiếu hoặc bị thay đổi, dọn tệp thừa", fi)
    fo = cmd("ocr", "nhận dạng chữ tiếng Việt (OCR) các bản quét PDF đang chờ, cũ nhất trước", fi)
    fo.add_argument("--limit", type=positive_int, metavar="N", help="nhận dạng tối đa N tệp rồi dừng")

    bk = cmd("backup", "sao lưu cơ sở dữ liệu (chạy được khi các quầy đang làm việc)")
    bkw = bk.add_mutually_exclusive_group(required=True)
    bkw.add_argument("-o", "--output", metavar="TỆP",
                     help="tệp sao lưu cần ghi (một thư mục: tự đặt tên motcua-NGÀY-GIỜ)")
    bkw.add_argument("--auto", action="store_true",
                     help="sao lưu hằng ngày theo cài đặt, cho Task Scheduler / cron: bỏ qua nếu hôm nay "
                          "đã sao lưu, xóa các bản tự động cũ quá số cần giữ")
    bk.add_argument("--at", type=parse_datetime, metavar="THỜI_ĐIỂM",
                    help="với --auto: thời điểm coi là bây giờ (dạng ISO; mặc định: bây giờ)")
    bk.add_argument("--json", action="store_true",
                    help="với --auto: in kết quả dạng JSON ({\"path\": tệp mới hoặc null})")
    rs = cmd("restore", "khôi phục cơ sở dữ liệu từ bản sao lưu (kiểm tra tệp trước; giữ lại dữ liệu cũ)")
    rs.add_argument("file", metavar="TỆP")
    rs.add_argument("--yes", action="store_true", help="không hỏi lại trước khi khôi phục")
    rs.add_argument("--allow-missing-files", action="store_true",
                    help="khôi phục cả khi bản sao lưu thiếu tệp số hóa mà hồ sơ cần (báo tên từng tệp)")

    no = cmd("notices", "thông báo gửi người nộp qua thư điện tử, SMS, Zalo (docs/notices.md)").add_subparsers(
        dest="notices_command", metavar="LỆNH", required=True, parser_class=Parser)
    nl = cmd("list", "liệt kê thông báo (địa chỉ người nhận được che một phần)", no)
    nl.add_argument("--failed", action="store_true", help="chỉ các thông báo không gửi được, kèm lý do")
    nl.add_argument("--code", metavar="MÃ_HỒ_SƠ", help="chỉ các thông báo của một hồ sơ")
    add_actor_options(nl)
    for name, help_ in (("retry", "gửi lại một thông báo không gửi được (vẫn một lần cho người nhận)"),
                        ("cancel", "hủy một thông báo chưa gửi hoặc không gửi được")):
        na = cmd(name, help_, no)
        na.add_argument("uuid", metavar="MÃ_THÔNG_BÁO", help="mã thông báo (cột đầu của danh sách thông báo)")
        add_actor_options(na)
    ns = cmd("send", "gửi một lượt các thông báo đến hạn rồi thoát (cho Task Scheduler / cron trên máy chủ)", no)
    ns.add_argument("--limit", type=positive_int, default=100, metavar="N", help="số thông báo mỗi đợt (mặc định 100)")
    nt = cmd("test", "gửi một tin thử qua một kênh theo cài đặt hiện tại", no)
    nt.add_argument("--channel", dest="notice_channel", choices=("email", "sms", "zalo"), required=True,
                    help="kênh gửi thử")
    nt.add_argument("--to", dest="recipient", required=True, metavar="ĐỊA_CHỈ",
                    help="địa chỉ thư điện tử hoặc số điện thoại nhận tin thử")
    nb = cmd("sandbox", "cổng SMS/Zalo thử nghiệm (kiểm thử, tập huấn; không gửi tin thật)", no)
    nb.add_argument("--port", type=int, default=8790, metavar="CỔNG", help="cổng TCP (mặc định 8790; 0: tự chọn)")
    nb.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")

    vf = cmd("verify", "kiểm tra chữ ký số của một tệp PDF: ai ký, lúc nào, tệp có bị sửa sau khi ký, "
                       "chứng thư có tin cậy (mã thoát 0: mọi chữ ký hợp lệ; 1: không; 2: sai cách dùng)")
    vf.add_argument("file", metavar="TỆP.pdf")
    vf.add_argument("--json", action="store_true", help=JSON_HELP)
    vf.add_argument("--roots", metavar="THƯ_MỤC",
                    help="chỉ tin các chứng thư gốc trong thư mục này (mặc định: danh sách của «motcua roots»)")
    ro = cmd("roots", "chứng thư gốc tin cậy để kiểm tra chữ ký số").add_subparsers(
        dest="roots_command", metavar="LỆNH", required=True, parser_class=Parser)
    cmd("list", "liệt kê chứng thư gốc tin cậy (đi kèm phần mềm và của cơ quan)", ro).add_argument(
        "--json", action="store_true", help=JSON_HELP)
    cmd("add", "thêm một chứng thư gốc (tệp PEM hoặc DER của tổ chức chứng thực)", ro).add_argument(
        "file", metavar="TỆP")
    cmd("remove", "bỏ một chứng thư gốc của cơ quan", ro).add_argument(
        "fingerprint", metavar="DẤU_VÂN_TAY", help="dấu vân tay SHA-256 (ít nhất 8 ký tự đầu, cột đầu của danh sách chứng thư gốc)")

    sg = cmd("signing", "ký số giấy tiếp nhận, phiếu điện tử, bản sao và kết quả (docs/signing.md)").add_subparsers(
        dest="signing_command", metavar="LỆNH", required=True, parser_class=Parser)
    add_actor_options(cmd("list", "liệt kê văn bản chờ ký số, kèm lý do chưa ký", sg))
    sgs = cmd("sign", "ký số các văn bản chờ ký bằng thiết bị ký số của máy này hoặc dịch vụ ký số từ xa (mã PIN "
                      "hỏi tại bàn phím hoặc lấy từ biến môi trường MOTCUA_TOKEN_PIN)", sg)
    sgw = sgs.add_mutually_exclusive_group()
    sgw.add_argument("--dossier", dest="code", metavar="MÃ_HỒ_SƠ", help="chỉ các văn bản của một hồ sơ")
    sgw.add_argument("--all", action="store_true", help="mọi văn bản chờ ký, cũ nhất trước")
    add_actor_options(sgs)
    cmd("tokens", "liệt kê thiết bị ký số (token) mà thư viện PKCS#11 nhìn thấy", sg).add_argument(
        "--library", metavar="TỆP", help="thư viện PKCS#11 (mặc định: cấu hình thiết bị của máy này)")
    for name, help_, port in (("sandbox", "dịch vụ ký số từ xa thử nghiệm (kiểm thử, tập huấn)", 8791),
                              ("tsa", "máy chủ cấp dấu thời gian RFC 3161 thử nghiệm", 8792)):
        sv = cmd(name, help_, sg)
        sv.add_argument("--port", type=int, default=port, metavar="CỔNG",
                        help=f"cổng TCP (mặc định {port}; 0: tự chọn)")
        sv.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")

    # Fees (docs/fees.md): each part adds its subcommands here, routed by app/cli/commands_fees.py.
    fe = cmd("fees", "phí, lệ phí: nộp tiền, biên lai, chốt sổ quầy, báo cáo thu (docs/fees.md)").add_subparsers(
        dest="fees_command", metavar="LỆNH", required=True, parser_class=Parser)
    # -- fees: payments (commands_fees_pay) --
    fp = cmd("pay", "ghi nhận một khoản nộp phí, lệ phí của hồ sơ (mở biên lai của khoản nộp)", fe)
    fp.add_argument("code", metavar="MÃ_HỒ_SƠ")
    fp.add_argument("--amount", required=True, metavar="SỐ_TIỀN", help="số tiền (đồng), ví dụ 15.000 hoặc 15000")
    fp.add_argument("--method", required=True, metavar="HÌNH_THỨC",
                    help="cash (tiền mặt) | transfer (chuyển khoản) | online (thanh toán trực tuyến trên cổng)")
    fp.add_argument("--reference", metavar="MÃ", help="mã giao dịch của ngân hàng hoặc của cổng (bắt buộc "
                                                    "với chuyển khoản, trực tuyến)")
    fp.add_argument("--payer", metavar="TÊN", help="người nộp tiền (mặc định: người nộp hồ sơ)")
    fp.add_argument("--receipt-template", metavar="M", help="biên lai giấy đã giao: mẫu số")
    fp.add_argument("--receipt-symbol", metavar="K", help="biên lai giấy đã giao: ký hiệu")
    fp.add_argument("--receipt-number", metavar="S", help="biên lai giấy đã giao: số")
    fp.add_argument("--counter", type=positive_int, metavar="SỐ_QUẦY", help="quầy thu tiền (số quầy)")
    add_actor_options(fp)
    fl = cmd("payments", "các khoản nộp của một hồ sơ, kèm biên lai", fe)
    fl.add_argument("code", metavar="MÃ_HỒ_SƠ")
    fl.add_argument("--json", action="store_true", help=JSON_HELP)
    add_actor_options(fl)
    fv = cmd("void", "hủy một khoản nộp ghi nhầm (chưa chốt sổ quầy), hủy cả biên lai của nó", fe)
    fv.add_argument("payment_id", type=positive_int, metavar="MÃ_THANH_TOÁN",
                    help="số của khoản nộp (cột đầu của «motcua fees payments»)")
    fv.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do hủy")
    add_actor_options(fv)
    fo = cmd("owed", "các hồ sơ còn nợ phí, lệ phí", fe)
    fo.add_argument("--json", action="store_true", help=JSON_HELP)
    add_actor_options(fo)
    # -- fees: receipts (commands_fees_receipts) --
    frc = cmd("receipts", "biên lai thu phí, lệ phí: danh sách, gửi phát hành, hủy và thay thế, ghi số biên lai giấy",
              fe).add_subparsers(dest="receipts_command", metavar="LỆNH", required=True, parser_class=Parser)
    frl = cmd("list", "liệt kê biên lai (mã, hồ sơ, số biên lai hoặc trạng thái, người nộp, số tiền, lỗi)", frc)
    frl.add_argument("--state", action="append", metavar="TRẠNG_THÁI",
                     help="chỉ trạng thái này (lặp lại được): pending (chờ phát hành), unissued (chưa có số), issued, "
                          "failed (bị từ chối), cancel_pending (chờ hủy), cancelled")
    frl.add_argument("--json", action="store_true", help=JSON_HELP)
    add_actor_options(frl)
    add_actor_options(cmd("send", "gửi ngay các biên lai (và yêu cầu hủy) đang chờ tới dịch vụ biên lai điện tử", frc))
    frx = cmd("cancel", "hủy một biên lai có lý do và lập biên lai thay thế (cả hai đều được giữ)", frc)
    frx.add_argument("receipt_id", metavar="MÃ_BIÊN_LAI")
    frx.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do hủy")
    frx.add_argument("--no-replace", action="store_true", help="chỉ hủy, không lập biên lai thay thế")
    frx.add_argument("--payer", metavar="TÊN", help="biên lai thay thế: tên người nộp đúng")
    frx.add_argument("--payer-id", metavar="SỐ", help="biên lai thay thế: số giấy tờ của người nộp")
    frx.add_argument("--payer-address", metavar="ĐỊA_CHỈ", help="biên lai thay thế: địa chỉ người nộp")
    add_actor_options(frx)
    frr = cmd("retry", "gửi lại ngay một biên lai chờ phát hành, chờ hủy hoặc bị từ chối", frc)
    frr.add_argument("receipt_id", metavar="MÃ_BIÊN_LAI")
    add_actor_options(frr)
    frn = cmd("number", "ghi số biên lai giấy đã giao cho một biên lai chưa có số", frc)
    frn.add_argument("receipt_id", metavar="MÃ_BIÊN_LAI")
    frn.add_argument("--template", required=True, metavar="M", help="mẫu số")
    frn.add_argument("--symbol", required=True, metavar="K", help="ký hiệu")
    frn.add_argument("--number", required=True, metavar="S", help="số biên lai")
    add_actor_options(frn)
    fsb = cmd("sandbox", "dịch vụ biên lai điện tử thử nghiệm (kiểm thử, tập huấn)", fe)
    fsb.add_argument("--port", type=int, default=8793, metavar="CỔNG", help="cổng TCP (mặc định 8793; 0: tự chọn)")
    fsb.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    # -- fees: closing (commands_fees_closing) --
    fsl = cmd("slip", "in phiếu ghi nhận nộp tiền của một khoản nộp (không phải biên lai) ra tệp PDF", fe)
    fsl.add_argument("payment_id", type=positive_int, metavar="MÃ_THANH_TOÁN",
                     help="số của khoản nộp (cột đầu của «motcua fees payments»)")
    fsl.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF cần ghi")
    add_actor_options(fsl)
    fcl = cmd("close", "chốt sổ quầy: các khoản thu từ lần chốt trước, tiền mặt đếm được và chênh lệch", fe)
    fcl.add_argument("--counter", type=positive_int, required=True, metavar="SỐ", help="số quầy")
    fcl.add_argument("--cash", metavar="SỐ_TIỀN", help="tiền mặt đếm được trong ngăn kéo (đồng), ví dụ 1.250.000")
    fcl.add_argument("--note", metavar="GHI_CHÚ", help="ghi chú của người chốt sổ")
    fcl.add_argument("--dry-run", action="store_true", help="chỉ xem trước các số sẽ chốt, không ghi gì")
    add_actor_options(fcl)
    fcs = cmd("closings", "danh sách chốt sổ quầy và điều chỉnh trong một khoảng ngày, hoặc các chênh lệch chưa xử lý",
              fe)
    fcs.add_argument("--from", dest="date_from", type=parse_date, metavar="dd/mm/yyyy", help="từ ngày (mặc định: hôm nay)")
    fcs.add_argument("--to", dest="date_to", type=parse_date, metavar="dd/mm/yyyy", help="đến ngày (mặc định: hôm nay)")
    fcs.add_argument("--counter", type=positive_int, metavar="SỐ", help="chỉ quầy này")
    fcs.add_argument("--open", action="store_true", help="chỉ các lần chốt còn chênh lệch chưa được điều chỉnh hết")
    fcs.add_argument("--json", action="store_true", help=JSON_HELP)
    add_actor_options(fcs)
    fcg = cmd("closing", "xem một lần chốt sổ; in ra PDF (một trang) và XLSX (từng khoản nộp)", fe)
    fcg.add_argument("closing_id", type=positive_int, metavar="ID", help="số chốt sổ (cột đầu của «motcua fees closings»)")
    fcg.add_argument("--pdf", metavar="TỆP", help="ghi bảng chốt sổ ra tệp PDF")
    fcg.add_argument("--xlsx", metavar="TỆP", help="ghi bảng chốt sổ và từng khoản nộp ra tệp XLSX")
    add_actor_options(fcg)
    fco = cmd("correct", "ghi một điều chỉnh cho lần chốt sổ đã chốt (tiền tìm thấy: dương; thiếu, trả lại: âm)", fe)
    fco.add_argument("closing_id", type=positive_int, metavar="ID", help="số chốt sổ cần điều chỉnh")
    fco.add_argument("--amount", required=True, metavar="±SỐ_TIỀN", help="số tiền điều chỉnh (đồng), ví dụ 20.000 "
                                                                        "hoặc -20.000")
    fco.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do điều chỉnh")
    add_actor_options(fco)
    # -- fees: report (commands_fees_report) --
    fr = cmd("report", "báo cáo thu phí, lệ phí của một kỳ: theo thủ tục, quầy, cán bộ, hình thức; tỷ lệ thanh "
                       "toán trực tuyến; biên lai chưa phát hành, đã hủy", fe)
    fr.add_argument("--from", dest="date_from", type=parse_date, required=True, metavar="NGÀY",
                    help="ngày đầu kỳ (dd/mm/yyyy hoặc yyyy-mm-dd)")
    fr.add_argument("--to", dest="date_to", type=parse_date, required=True, metavar="NGÀY", help="ngày cuối kỳ")
    fr.add_argument("--counter", type=positive_int, metavar="SỐ_QUẦY", help="chỉ một quầy")
    fr.add_argument("--json", action="store_true", help=JSON_HELP)
    fr.add_argument("--pdf", metavar="TỆP", help="ghi báo cáo ra tệp PDF")
    fr.add_argument("--xlsx", metavar="TỆP", help="ghi báo cáo ra tệp Excel (mỗi bảng một trang tính)")
    add_actor_options(fr)

    dm = cmd("demo-data", "tạo hồ sơ mẫu (dữ liệu giả lập, không gửi lên cổng)")
    dm.add_argument("--dossiers", type=positive_int, required=True, metavar="N", help="số hồ sơ cần tạo")
    dm.add_argument("--seed", type=int, default=1, metavar="S",
                    help="hạt giống ngẫu nhiên: cùng số cho cùng dữ liệu (mặc định 1)")
    return p


def _db_command(args) -> int:
    from app.cli import commands_admin, commands_db

    if args.db_command == "copy":
        return commands_db.db_copy(args)
    return commands_admin.db_command(args)


def _devices_command(args) -> int:
    from app.cli import commands_devices

    if args.devices_command == "emulate" and args.kind == "escl":
        from app.cli.commands_docscan import emulate_escl

        return emulate_escl(args)  # HTTP, not a pseudo-terminal: no --link, and it runs on Windows
    return commands_devices.devices_command(args)


def _handlers():
    from app.cli import commands_admin as a
    from app.cli import commands_audit as au
    from app.cli import commands_backup as bk
    from app.cli import commands_dossier as d
    from app.cli import commands_fees as fe
    from app.cli import commands_files as fi
    from app.cli import commands_notices as nt
    from app.cli import commands_print as pr
    from app.cli import commands_rating as ra
    from app.cli import commands_report as rp
    from app.cli import commands_sandbox as sb
    from app.cli import commands_settings as st
    from app.cli import commands_signing as sg
    from app.cli import commands_sync as sy
    from app.cli import commands_verify as vf

    return {
        "gui": d.run_gui, "db": _db_command, "catalog": a.catalog_command, "user": a.user_command,
        "calendar": a.calendar_command, "due-date": d.due_date, "dossier": d.dossier_command,
        "demo-data": d.demo_data, "print": pr.print_command, "devices": _devices_command,
        "kiosk": d.run_kiosk, "display": d.run_display, "rating": ra.run_rating, "portal-sandbox": sb.portal_sandbox, "sync": sy.sync,
        "report": rp.report, "audit": au.audit_command, "settings": st.settings_command,
        "backup": bk.backup_command, "restore": bk.restore_command,
        "files": fi.files_command,
        "notices": nt.notices_command,
        "verify": vf.verify_command, "roots": vf.roots_command,
        "signing": sg.signing_command,
        "fees": fe.fees_command,
    }


def _fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"{PROG}: lỗi: {message}\n")
    return code


_LOG_ROLES = {"gui": "desk", "kiosk": "kiosk", "display": "display", "rating": "rating"}  # any other command: "cli"


def _log_done(command: str, args, status: int) -> None:
    """One line in the log per command run: its name and the dossier it was about (a code, never
    the text searched for, which may be a name)."""
    import logging

    sub = getattr(args, f"{command.replace('-', '_')}_command", None)
    code = getattr(args, "code", None) if status == 0 else None
    logging.getLogger("motcua.cli").info("motcua %s: exit %d%s", " ".join(filter(None, (command, sub))),
                                         status, f", dossier {code}" if code else "")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "gui"
    from app.data_folder import open_data_folder, restore_umask
    from app.paths import data_dir

    # Private from here on (POSIX): what the command writes is the user's alone, and an older
    # data folder left readable by others is corrected (app/data_folder.py).
    folder = data_dir(getattr(args, "data_dir", None))
    from app import logs

    # The log first (<data>/logs/, app/logs.py), so what opening the folder corrects is in it.
    # Our own one-line errors go to stderr below; the file gets their details.
    configured_here = not logs.is_configured()
    logs.configure(folder, role=_LOG_ROLES.get(command, "cli"))
    previous_umask = open_data_folder(folder)
    try:
        from app.errors import UserError

        try:
            status = _handlers()[command](args) or 0
        except UserError as exc:
            return _fail(str(exc))
        _log_done(command, args, status)
        return status
    except KeyboardInterrupt:
        return _fail("đã dừng theo yêu cầu.", 130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file, folder or device the system refused, and no command said so
        from app.oserrors import os_error_text

        return _fail(os_error_text(exc))
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a clean line
        from app.cli.context import report_unexpected
        from db.errors import describe

        known = describe(exc)
        if known is not None:
            return _fail(str(known))
        logs.crash_log.error("motcua %s failed", command, exc_info=exc, extra=logs.FILE_ONLY)
        return _fail(report_unexpected(exc, args), 70)
    finally:
        restore_umask(previous_umask)  # only matters to a caller in the same process (the tests)
        if configured_here:
            logs.unconfigure()  # the same: a test calling main() leaves its logging as it was



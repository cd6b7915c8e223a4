"""The citizen pages' HTML: server-side, escaped, a little CSS, readable on a phone."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from app.domain.vocab import DossierStatus
from app.portal.sandbox import clock

CSS = """
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:#1d2733;background:#f4f6f8}header{background:#b3261e;color:#fff;padding:.8rem 1rem}
header a{color:#fff;text-decoration:none}header .brand{font-weight:700;font-size:1.1rem}
header nav{margin-top:.3rem}header nav a{margin-right:1rem;opacity:.9}
main{max-width:52rem;margin:0 auto;padding:1rem}footer{color:#5b6670;font-size:.85rem;text-align:center;padding:1.5rem 1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}
h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1.1rem}ul.procs{list-style:none;padding:0}
ul.procs li{background:#fff;border-radius:.5rem;padding:.8rem 1rem;margin:.5rem 0;box-shadow:0 1px 2px #0002}
.muted{color:#5b6670;font-size:.9rem}.badge{display:inline-block;background:#e8f0fe;color:#174ea6;
border-radius:1rem;padding:0 .6rem;font-size:.8rem;margin-left:.3rem}
label{display:block;font-weight:600;margin:.8rem 0 .2rem}input[type=text],input[type=email],input[type=tel],
input[type=search],textarea,select{width:100%;padding:.55rem;border:1px solid #9aa5b1;border-radius:.35rem;font:inherit}
.choice label{font-weight:400;margin:.3rem 0}button{background:#b3261e;color:#fff;border:0;border-radius:.35rem;
padding:.65rem 1.2rem;font:inherit;font-weight:600;margin-top:1rem;cursor:pointer}
.err{color:#b3261e;font-size:.9rem;margin:.2rem 0}.errors{border-left:4px solid #b3261e}
.code{font-size:1.4rem;font-weight:700;letter-spacing:.02em;word-break:break-all}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e1e5ea;vertical-align:top}
.search{display:flex;gap:.5rem}.search button{margin:0}
"""

METHODS = {"counter": "Nhận tại quầy", "post": "Qua bưu chính công ích", "online": "Trực tuyến"}


def page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)} · Cổng dịch vụ công (thử nghiệm)</title><style>{CSS}</style></head><body>"
        "<header><a class='brand' href='/'>Cổng dịch vụ công (thử nghiệm)</a>"
        "<nav><a href='/'>Thủ tục nộp trực tuyến</a><a href='/tra-cuu'>Tra cứu hồ sơ</a></nav></header>"
        f"<main>{body}</main><footer>Đây là cổng thử nghiệm để tập huấn và kiểm thử, "
        "không phải cổng dịch vụ công thật. Không nhập thông tin cá nhân thật.</footer></body></html>")


def index(procedures: list[dict], query: str) -> str:
    rows = "".join(
        f"<li><a href='/nop/{quote(p['code'])}'>{escape(p['name'])}</a>"
        f"<div class='muted'>{escape(p['code'])} · {escape(p.get('sector_name', ''))}"
        f"<span class='badge'>Mức độ {int(p.get('online_level') or 0)}</span>"
        + ("<span class='badge'>Toàn trình</span>" if p.get("process_class") == "toan_trinh" else "")
        + "</div></li>" for p in procedures)
    found = f"<p class='muted'>{len(procedures)} thủ tục.</p>" if query else ""
    empty = "<p>Không có thủ tục nào khớp với nội dung tìm kiếm.</p>" if not procedures else ""
    return page("Thủ tục nộp trực tuyến", (
        "<h1>Thủ tục hành chính nộp hồ sơ trực tuyến</h1>"
        "<form class='search' method='get' action='/'><input type='search' name='q' "
        f"value='{escape(query)}' placeholder='Tìm theo tên hoặc mã thủ tục' aria-label='Tìm thủ tục'>"
        f"<button type='submit'>Tìm</button></form>{found}{empty}<ul class='procs'>{rows}</ul>"))


def _err(errors: dict, name: str) -> str:
    return f"<p class='err'>{escape(errors[name])}</p>" if name in errors else ""


def _input(name: str, label: str, values: dict, errors: dict, kind: str = "text", extra: str = "") -> str:
    return (f"<label for='{name}'>{escape(label)}</label>{_err(errors, name)}"
            f"<input type='{kind}' id='{name}' name='{name}' value='{escape(values.get(name, ''))}' {extra}>")


def filing_form(p: dict, methods: list[str], values: dict, errors: dict, max_mb: int) -> str:
    docs = "".join(
        f"<li>{escape(d['name'])} <span class='muted'>({int(d.get('originals', 0))} bản chính, "
        f"{int(d.get('copies', 0))} bản sao{'; bắt buộc' if d.get('mandatory') else ''})</span></li>"
        for d in p.get("documents", []))
    fees = "".join(f"<li>{escape(f['name'])}: {int(f['amount']):,} đồng</li>".replace(",", ".")
                   for f in p.get("fees", []))
    chosen = values.get("hinh_thuc", methods[0])
    radios = "".join(
        f"<label><input type='radio' name='hinh_thuc' value='{m}'{' checked' if m == chosen else ''}> "
        f"{escape(METHODS[m])}</label>" for m in methods)
    summary = ("<div class='card errors'><strong>Hồ sơ chưa được nộp.</strong> "
               "Vui lòng sửa các mục được đánh dấu bên dưới.</div>") if errors else ""
    body = (
        f"<h1>{escape(p['name'])}</h1><p class='muted'>Mã thủ tục {escape(p['code'])} · "
        f"{escape(p.get('sector_name', ''))}</p>{summary}"
        f"<div class='card'><h2>Thành phần hồ sơ</h2><ul>{docs or '<li>Không quy định.</li>'}</ul>"
        + (f"<h2>Phí, lệ phí</h2><ul>{fees}</ul>" if fees else "") + "</div>"
        f"<form class='card' method='post' action='/nop/{quote(p['code'])}' enctype='multipart/form-data'>"
        "<h2>Thông tin người nộp</h2>"
        + _input("ho_ten", "Họ và tên", values, errors, extra="autocomplete='name'")
        + _input("cccd", "Số căn cước công dân (12 chữ số)", values, errors, extra="inputmode='numeric'")
        + _input("dien_thoai", "Số điện thoại", values, errors, "tel")
        + _input("email", "Thư điện tử (không bắt buộc)", values, errors, "email")
        + _input("dia_chi", "Địa chỉ", values, errors)
        + "<label for='trich_yeu'>Trích yếu nội dung yêu cầu (không bắt buộc)</label>"
        f"<textarea id='trich_yeu' name='trich_yeu' rows='2'>{escape(values.get('trich_yeu', ''))}</textarea>"
        f"<label>Hình thức nhận kết quả</label>{_err(errors, 'hinh_thuc')}<div class='choice'>{radios}</div>"
        + (_input("dia_chi_nhan", "Địa chỉ nhận kết quả (khi nhận qua bưu chính công ích)", values, errors)
           if "post" in methods else "")
        + f"<label for='tep'>Tệp đính kèm (mỗi tệp tối đa {max_mb} MB)</label>{_err(errors, 'tep')}"
        "<input type='file' id='tep' name='tep' multiple>"
        "<div><button type='submit'>Nộp hồ sơ</button></div></form>")
    return page(p["name"], body)


def filed(p: dict, code: str) -> str:
    return page("Đã nộp hồ sơ", (
        "<div class='card'><h1>Đã nộp hồ sơ trực tuyến</h1>"
        f"<p>Thủ tục: {escape(p['name'])}</p><p>Mã hồ sơ của ông/bà:</p>"
        f"<p class='code' id='ma-ho-so'>{escape(code)}</p>"
        "<p>Vui lòng lưu lại mã hồ sơ để tra cứu. Bộ phận một cửa sẽ kiểm tra hồ sơ và thông báo "
        "kết quả tiếp nhận.</p>"
        f"<p><a href='/tra-cuu?ma={quote(code)}'>Tra cứu tình trạng hồ sơ</a></p></div>"))


def status_label(value) -> str:
    try:
        return DossierStatus(int(value)).label
    except (TypeError, ValueError):
        return "Chưa rõ"


def lookup(code: str, found: dict | None, history: list[tuple[str, str]]) -> str:
    form = ("<h1>Tra cứu hồ sơ</h1><form class='search' method='get' action='/tra-cuu'>"
            f"<input type='search' name='ma' value='{escape(code)}' placeholder='Mã hồ sơ' "
            "aria-label='Mã hồ sơ'><button type='submit'>Tra cứu</button></form>")
    if not code:
        return page("Tra cứu hồ sơ", form)
    if found is None:
        return page("Tra cứu hồ sơ", form + f"<div class='card errors'>Không tìm thấy hồ sơ có mã "
                                              f"<strong>{escape(code)}</strong>.</div>")
    rows = [("Mã hồ sơ", found.get("MaHoSo", "")), ("Thủ tục", found.get("TenTTHC") or found.get("MaTTHC", "")),
            ("Ngày nộp", clock.display(found.get("NgayNopHoSo", ""))),
            ("Ngày tiếp nhận", clock.display(found.get("NgayTiepNhan", ""))),
            ("Ngày hẹn trả", clock.display(found.get("NgayHenTra", "")))]
    info = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows if v)
    steps = "".join(f"<tr><td>{escape(clock.display(at))}</td><td>{escape(text)}</td></tr>"
                    for at, text in history) or "<tr><td colspan='2'>Chưa có.</td></tr>"
    return page("Tra cứu hồ sơ", form + (
        f"<div class='card'><p>Tình trạng: <strong id='trang-thai'>"
        f"{escape(status_label(found.get('TrangThaiHoSo')))}</strong></p><table>{info}</table></div>"
        f"<div class='card'><h2>Quá trình xử lý</h2><table>{steps}</table></div>"))

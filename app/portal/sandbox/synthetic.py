"""Synthetic online dossiers for tests, benchmarks and training (POST /__sandbox/online-dossiers):
plausible Vietnamese names, addresses and small attachments, all obviously made up."""

from __future__ import annotations

import random

from app.portal.sandbox.catalog import Catalog, base_record

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Gia", "Bảo", "Kim")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo",
         "Trang", "Trung", "Tuấn", "Vy", "Xuân", "Yến")
STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung",
           "Phan Chu Trinh", "Hùng Vương")
WARDS = ("phường Hòa Bình", "phường Tân An", "xã Phú Mỹ", "phường Trung Tâm", "xã Đông Hòa")


def _pdf(text: str) -> bytes:
    """A tiny, valid-looking PDF carrying `text` (ASCII)."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n% " + text.encode("ascii", "replace")
            + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def make(catalog: Catalog, rng: random.Random, number: int, procedure: dict | None,
         attachments: int) -> tuple[dict, list[tuple[str, str, bytes]]]:
    """(record fields, files) for one made-up online dossier."""
    online = catalog.online()
    p = procedure or online[number % len(online)]
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    address = f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}, {rng.choice(WARDS)}"
    method = rng.choice([m for m in p.get("result_return", ["counter"]) if m in ("counter", "post", "online")]
                        or ["counter"])
    record = {
        **base_record(p),
        "ChuHoSo": name,
        "LoaiDoiTuong": 1,
        "MaDoiTuong": f"0{rng.randint(10, 99)}{rng.randint(0, 999_999_999):09d}",
        "SoDinhDanh": "",
        "SoDienThoai": f"09{rng.randint(0, 99_999_999):08d}",
        "Email": "",
        "ThongTinKhac": address,
        "TrichYeuHoSo": f"{p['name'][:120]} (hồ sơ thử nghiệm)",
        "NgayTiepNhan": "", "NgayHenTra": "",
        "HinhThucTra": {"counter": 0, "post": 1, "online": 2}[method],
        "ThongTinTra": address if method == "post" else "",
        "TaiLieuNop": [{"TenTepDinhKem": d["name"], "SoBanChinh": d.get("originals", 0),
                        "SoBanSao": d.get("copies", 0)} for d in p.get("documents", [])],
        "DanhSachLePhi": [],
        "GhiChu": "Hồ sơ giả lập của cổng thử nghiệm",
    }
    files = [(f"tai-lieu-{i + 1}.pdf", "application/pdf",
              _pdf(f"sandbox dossier {number} file {i + 1} {rng.random()}"))
             for i in range(attachments)]
    return record, files

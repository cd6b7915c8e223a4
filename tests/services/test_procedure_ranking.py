"""The procedure picker's ranking (app/services/procedure_search.py) over the bundled catalog: what
an officer types → the procedure Enter takes. Name before sector, word start before the inside of
a word, then this office's recent use."""

from datetime import datetime, timedelta

import pytest

from app.services.catalog import list_procedures
from app.services.intake.registration import register
from app.services.procedure_search import Searchable, forget_use_counts, rank, recent_use_counts
from tests.helpers.factories import OFFICER, request

NOW = datetime(2026, 11, 20, 9, 15)

# Typed text → the procedure it must put first (a fresh office: no recent use to break ties).
TABLE = [
    # Hộ tịch
    ("khai sinh", "Đăng ký khai sinh"),
    ("dang ky khai sinh", "Đăng ký khai sinh"),
    ("dkks", "Đăng ký khai sinh"),
    ("ks", "Đăng ký khai sinh"),
    ("lai khai sinh", "Đăng ký lại khai sinh"),
    ("ket hon", "Đăng ký kết hôn"),
    ("kết hôn", "Đăng ký kết hôn"),
    ("dkkh", "Đăng ký kết hôn"),
    ("khai tu", "Đăng ký khai tử"),
    ("trich luc", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"),
    ("ban sao khai sinh", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"),
    ("hon nhan", "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("xac nhan tinh trang", "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("giam ho", "Đăng ký giám hộ"),
    ("nhan cha me con", "Đăng ký nhận cha, mẹ, con"),
    ("cai chinh", "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc"),
    ("dan toc", "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc"),
    # Cư trú: the sector says "cư trú", which must not pull "Khai báo tạm vắng" up
    ("tam tru", "Đăng ký tạm trú"),
    ("tạm trú", "Đăng ký tạm trú"),
    ("tam t", "Đăng ký tạm trú"),
    ("dktt", "Đăng ký tạm trú"),
    ("thuong tru", "Đăng ký thường trú"),
    ("tam vang", "Khai báo tạm vắng"),
    ("cu tru", "Xác nhận thông tin về cư trú"),
    # Chứng thực
    ("chung thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có "
                           "thẩm quyền của Việt Nam cấp hoặc chứng nhận"),
    ("chu ky", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực "
               "điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)"),
    ("hop dong", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất "
                 "và nhà ở"),
    # Văn hóa, du lịch, thể thao
    ("karaoke", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"),
    ("gp karaoke", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"),
    ("dieu chinh karaoke", "Cấp Giấy phép điều chỉnh Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"),
    ("vu truong", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường"),
    ("le hoi", "Đăng ký tổ chức lễ hội cấp tỉnh"),
    ("thong bao le hoi", "Thông báo tổ chức lễ hội cấp tỉnh"),
    ("bieu dien", "Tổ chức biểu diễn nghệ thuật trên địa bàn quản lý (không thuộc trường hợp trong "
                  "khuôn khổ hợp tác quốc tế của các hội chuyên ngành về nghệ thuật biểu diễn thuộc "
                  "trung ương, đơn vị sự nghiệp công lập có chức năng biểu diễn nghệ thuật thuộc trung "
                  "ương)"),
    ("cuoc thi", "Tổ chức cuộc thi, liên hoan trên địa bàn quản lý (không thuộc trường hợp tổ chức cuộc "
                 "thi, liên hoan của các hội chuyên ngành về nghệ thuật biểu diễn thuộc trung ương)"),
    ("hdv noi dia", "Cấp thẻ hướng dẫn viên du lịch nội địa"),
    ("huong dan vien quoc te", "Cấp thẻ hướng dẫn viên du lịch quốc tế"),
    ("the hdv tai diem", "Cấp thẻ hướng dẫn viên du lịch tại điểm"),
    ("cap lai the", "Cấp lại thẻ hướng dẫn viên du lịch"),
    ("lu hanh", "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa"),
    ("cap doi lu hanh", "Cấp đổi Giấy phép kinh doanh dịch vụ lữ hành nội địa"),
    ("khach san", "Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao đối với khách sạn, "
                  "biệt thự du lịch, căn hộ du lịch, tàu thủy lưu trú du lịch"),
    ("thu vien", "Thông báo thành lập thư viện đối với thư viện chuyên ngành ở cấp tỉnh, thư viện đại "
                 "học là thư viện ngoài công lập, thư viện của tổ chức, cá nhân nước ngoài có phục vụ "
                 "người Việt Nam"),
    ("bao tang", "Xếp hạng bảo tàng hạng II, hạng III"),
    ("gp bao tang", "Cấp giấy phép hoạt động bảo tàng ngoài công lập"),
    ("the thao", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao"),
    ("bang ron", "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn"),
    ("van phong dai dien", "Cấp giấy phép thành lập Văn phòng đại diện của doanh nghiệp quảng cáo nước "
                           "ngoài tại Việt Nam"),
    ("trien lam my thuat", "Cấp giấy phép triển lãm mỹ thuật"),
    ("nhiep anh", "Cấp giấy phép triển lãm tác phẩm nhiếp ảnh tại Việt Nam"),
    ("xuat ban", "Cấp giấy phép xuất bản tài liệu không kinh doanh"),
    # Codes, whole or in part
    ("1.004194", "Đăng ký tạm trú"),
    ("1.000894", "Đăng ký kết hôn"),
    ("2.009125", "Cấp giấy phép xuất bản tài liệu không kinh doanh"),
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    from tests.conftest import _ready

    db = _ready(f"sqlite:///{tmp_path_factory.mktemp('catalog') / 'motcua.sqlite3'}")
    procedures = [(p.code, p.name, p.sector_name) for p in list_procedures(db, OFFICER)]
    db.dispose()
    return procedures


def first(catalog, typed: str, uses: dict[str, int] | None = None) -> str:
    ranked = rank(typed, catalog, lambda p: Searchable.of(*p), uses)
    assert ranked, f"{typed!r} matches nothing"
    return ranked[0][1]


@pytest.mark.parametrize(("typed", "expected"), TABLE, ids=[t for t, _ in TABLE])
def test_typed_text_puts_the_meant_procedure_first(catalog, typed, expected):
    assert first(catalog, typed) == expected


def test_the_table_covers_every_sector_of_the_catalog(catalog):
    by_name = {name: sector for _code, name, sector in catalog}
    assert {by_name[name] for _typed, name in TABLE} == set(by_name.values())


def test_every_procedure_comes_first_for_its_own_name_and_its_code(catalog):
    for code, name, _sector in catalog:
        assert first(catalog, name) == name
        assert first(catalog, code) == name


def test_tam_tru_ranks_the_sectors_cu_tru_after_the_name(catalog):
    ranked = [name for _c, name, _s in rank("tam tru", catalog, lambda p: Searchable.of(*p))]
    assert ranked == ["Đăng ký tạm trú", "Khai báo tạm vắng"]


def test_a_word_nowhere_matches_nothing(catalog):
    assert rank("tam tru xyz", catalog, lambda p: Searchable.of(*p)) == []
    assert rank("   ", catalog, lambda p: Searchable.of(*p)) == []


# ---- the rules, on a small made-up list -----------------------------------------------------------
ITEMS = [("A", "Cấp phép sân golf", "Thể thao"), ("B", "Đăng ký đoàn thể", "Hội đoàn"),
         ("C", "Thông báo đua thuyền", "Thể thao"), ("D", "Thông báo đua ngựa", "Thể thao"),
         ("E", "Hủy đăng ký tàu cá", "Thủy sản"), ("F", "Cấp giấy phép khai thác", "Thủy lợi")]


def codes(typed: str, uses: dict[str, int] | None = None) -> list[str]:
    return [code for code, _n, _s in rank(typed, ITEMS, lambda p: Searchable.of(*p), uses)]


def test_the_name_beats_the_sector():
    # "thể" of "đoàn thể" (name) first, then the sector "Thể thao": by length, then by name.
    assert codes("the") == ["B", "A", "D", "C"]


def test_a_word_start_beats_the_inside_of_a_word_and_the_name_still_beats_the_sector():
    # "Hủy" starts a word of E's name, is inside "thuyền" of C's name, inside "Thủy" of F's sector.
    assert codes("huy") == ["E", "C", "F"]


def test_recent_use_breaks_ties_of_the_text_but_not_the_text_rules():
    assert codes("thong bao dua") == ["D", "C"]  # same words, same length: by name ("ngựa" < "thuyền")
    assert codes("thong bao dua", {"C": 5, "D": 1}) == ["C", "D"]
    assert codes("the", {"A": 1000, "C": 10}) == ["B", "A", "C", "D"]  # a name match still first


# ---- this office's recent use, counted in its database ------------------------------------------------
def test_recent_use_counts_the_last_90_days_and_is_cached(db):
    marriage, residence = "1.000894", "1.004194"
    for days, code in ((1, marriage), (10, marriage), (89, residence), (91, residence), (400, marriage)):
        register(db, OFFICER, request(code, received_at=NOW - timedelta(days=days)))
    assert recent_use_counts(db, OFFICER, NOW) == {marriage: 2, residence: 1}
    register(db, OFFICER, request(residence, received_at=NOW - timedelta(hours=1)))
    assert recent_use_counts(db, OFFICER, NOW) == {marriage: 2, residence: 1}  # cached
    forget_use_counts(db)
    assert recent_use_counts(db, OFFICER, NOW) == {marriage: 2, residence: 2}
    register(db, OFFICER, request(marriage, received_at=NOW))
    assert recent_use_counts(db, OFFICER, NOW + timedelta(days=1)) == {marriage: 3, residence: 2}  # a new day


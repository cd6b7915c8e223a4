"""Vocabulary for synthetic applicants: Vietnamese names, places and businesses.

Surname weights follow the commonly cited shares (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % …) so a
name search in the demo behaves like one in a real office: "nguyen" finds very many rows."""

from __future__ import annotations

SURNAMES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 21),
    ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đào", 4), ("Đoàn", 4), ("Trương", 4), ("Lâm", 3),
    ("Mai", 3), ("Tạ", 2), ("Châu", 2), ("Quách", 1), ("Thái", 1),
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Gia", "Trọng",
               "Xuân", "Ngọc", "Đình", "Anh", "Thành"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Phương", "Bích", "Diệu",
                 "Khánh", "Thùy", "Minh", "Hoài", "Quỳnh"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Giang", "Hải", "Hiếu", "Hòa", "Hùng",
              "Huy", "Khang", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phát",
              "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thiện",
              "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Vũ", "Đức", "Hưng"]
GIVEN_FEMALE = ["Anh", "Ánh", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
                "Hằng", "Hiền", "Hoa", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai",
                "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo",
                "Thư", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến", "Đào"]
STREETS = ["Lê Lợi", "Trần Phú", "Nguyễn Huệ", "Hai Bà Trưng", "Phạm Thái Bường", "Nguyễn Du",
           "Đinh Tiên Hoàng", "Lê Thái Tổ", "Hùng Vương", "Phan Bội Châu", "Trưng Nữ Vương",
           "Nguyễn Văn Thiệt", "Mậu Thân", "2 Tháng 9", "Võ Văn Kiệt", "14 Tháng 9"]
HAMLETS = ["Ấp Phước Yên", "Ấp Tân Thuận", "Ấp An Hòa", "Ấp Mỹ Phú", "Ấp Long Hòa", "Ấp Bình Thạnh",
           "Ấp Hòa Lợi", "Ấp Thanh Mỹ", "Ấp Phú An", "Ấp Đông Hậu", "Ấp 1", "Ấp 3", "Khóm 2", "Khóm 4"]
# Old (before 01/7/2025) ward, district and province, with the commune of the new Vĩnh Long each
# became (vietnam-address-converter's table; tests/services/test_demo_data.py checks every line
# against app/domain/address_convert). Dossiers received before the reform carry the old pairs of
# the old Vĩnh Long province; later ones, now and then, an ID card's old address, converted.
OLD_PLACES = [
    ("Phường 1", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Long Châu"),
    ("Phường 9", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Long Châu"),
    ("Phường Trường An", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Long Châu"),
    ("Phường 3", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Phước Hậu"),
    ("Phường 4", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Phước Hậu"),
    ("Phường 5", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Thanh Đức"),
    ("Phường 8", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Tân Hạnh"),
    ("Phường Tân Ngãi", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Tân Ngãi"),
    ("Phường Tân Hòa", "Thành phố Vĩnh Long", "Vĩnh Long", "Phường Tân Ngãi"),
    ("Xã Phước Hậu", "Huyện Long Hồ", "Vĩnh Long", "Phường Phước Hậu"),
    ("Xã Tân Hạnh", "Huyện Long Hồ", "Vĩnh Long", "Phường Tân Hạnh"),
    ("Xã Thanh Đức", "Huyện Long Hồ", "Vĩnh Long", "Phường Thanh Đức"),
    ("Thị trấn Long Hồ", "Huyện Long Hồ", "Vĩnh Long", "Xã Long Hồ"),
    ("Xã An Bình", "Huyện Long Hồ", "Vĩnh Long", "Xã An Bình"),
    ("Xã Phú Quới", "Huyện Long Hồ", "Vĩnh Long", "Xã Phú Quới"),
    ("Thị trấn Cái Nhum", "Huyện Mang Thít", "Vĩnh Long", "Xã Cái Nhum"),
    ("Xã Bình Phước", "Huyện Mang Thít", "Vĩnh Long", "Xã Bình Phước"),
    ("Xã Hòa Hiệp", "Huyện Tam Bình", "Vĩnh Long", "Xã Hòa Hiệp"),
    ("Xã Tân Lộc", "Huyện Tam Bình", "Vĩnh Long", "Xã Cái Ngang"),
    ("Thị trấn Trà Ôn", "Huyện Trà Ôn", "Vĩnh Long", "Xã Trà Ôn"),
    ("Xã Hòa Bình", "Huyện Trà Ôn", "Vĩnh Long", "Xã Hòa Bình"),
    ("Thị trấn Vũng Liêm", "Huyện Vũng Liêm", "Vĩnh Long", "Xã Trung Thành"),
    ("Xã Hiếu Phụng", "Huyện Vũng Liêm", "Vĩnh Long", "Xã Hiếu Phụng"),
    ("Xã Mỹ Thuận", "Huyện Bình Tân", "Vĩnh Long", "Xã Mỹ Thuận"),
    ("Xã Đông Thành", "Thị xã Bình Minh", "Vĩnh Long", "Phường Đông Thành"),
    ("Xã Thuận An", "Thị xã Bình Minh", "Vĩnh Long", "Phường Bình Minh"),
    ("Phường 7", "Thành phố Bến Tre", "Bến Tre", "Phường Bến Tre"),
    ("Phường Phú Khương", "Thành phố Bến Tre", "Bến Tre", "Phường Phú Khương"),
    ("Thị trấn Ba Tri", "Huyện Ba Tri", "Bến Tre", "Xã Ba Tri"),
    ("Thị trấn Mỏ Cày", "Huyện Mỏ Cày Nam", "Bến Tre", "Xã Mỏ Cày"),
    ("Xã Phú Túc", "Huyện Châu Thành", "Bến Tre", "Xã Phú Túc"),
    ("Phường 1", "Thành phố Trà Vinh", "Trà Vinh", "Phường Trà Vinh"),
    ("Phường 5", "Thành phố Trà Vinh", "Trà Vinh", "Phường Hòa Thuận"),
    ("Thị trấn Cầu Kè", "Huyện Cầu Kè", "Trà Vinh", "Xã Cầu Kè"),
    ("Thị trấn Tiểu Cần", "Huyện Tiểu Cần", "Trà Vinh", "Xã Tiểu Cần"),
]
BUSINESS_FORMS = ["Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần", "Hộ kinh doanh",
                  "Doanh nghiệp tư nhân"]
BUSINESS_WORDS = ["Ánh Dương", "Sao Mai", "Phương Nam", "Hoàng Gia", "Mekong Xanh", "Hồng Phát",
                  "Thiên Phúc", "Đại Việt", "Cửu Long", "Bình An", "Quang Minh", "Tân Tiến",
                  "Hải Đăng", "Thành Đạt", "Vạn Phúc", "Kim Ngân"]
BUSINESS_TRADES = ["Du lịch", "Giải trí", "Karaoke", "Quảng cáo", "Thể thao", "Nghệ thuật",
                   "Khách sạn", "Sự kiện", "Văn hóa", "Truyền thông"]
MOBILE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035",
                   "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "083",
                   "084", "085", "088", "056", "058"]
NOTES = ["Người nộp hẹn đến nhận trực tiếp.", "Đã hướng dẫn bổ sung bản sao có chứng thực.",
         "Nộp thay theo giấy ủy quyền.", "Người cao tuổi, ưu tiên tiếp nhận.", None, None, None, None]

# Where a dossier is handed over (the resolving agency on Form 06 and the ledger), and what a
# supplement request asks for (Form 02's items and specific reason).
DIVISIONS = ["Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Sở Tài chính",
             "Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]
SUPPLEMENT_ITEMS = ["Bản sao giấy khai sinh có chứng thực", "Tờ khai có chữ ký của người đề nghị",
                    "Giấy ủy quyền có chứng thực", "Bản vẽ mặt bằng địa điểm", "Ảnh chân dung 4x6 cm"]
SUPPLEMENT_REASONS = ["Thành phần hồ sơ chưa đủ theo quy định của thủ tục",
                      "Giấy tờ nộp là bản chụp, chưa có chứng thực", "Tờ khai ghi thiếu thông tin bắt buộc"]

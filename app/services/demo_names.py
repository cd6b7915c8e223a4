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
           "Nguyễn Văn Thiệt", "Mậu Thân", "Đường 2 Tháng 9", "Võ Văn Kiệt", "14 Tháng 9"]
WARDS = ["Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5", "Phường 8", "Phường 9",
         "Phường Tân Ngãi", "Phường Tân Hòa", "Phường Trường An", "Xã Tân Hạnh", "Xã Thanh Đức",
         "Xã Long Phước", "Xã Phước Hậu", "Xã An Bình", "Thị trấn Long Hồ"]
TOWNS = ["TP Vĩnh Long", "Huyện Long Hồ", "Huyện Mang Thít", "Thị xã Bình Minh", "Huyện Tam Bình",
         "Huyện Trà Ôn", "Huyện Vũng Liêm", "Huyện Bình Tân"]
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

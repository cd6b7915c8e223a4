"""The notices' texts: SMS segment counts, diacritics folded for SMS, the settings page's preview
with the office's own words and name, every default naming only known fields."""

from __future__ import annotations

import re

from app.domain.notices import NoticeKind, sms_segments, unaccented
from app.domain.permissions import Actor
from app.services.notices.templates import FIELDS, default_templates, merged, preview, render
from app.services.settings.office import update_agency
from app.services.settings.store import change_settings


def test_sms_segments_gsm7_and_ucs2():
    assert [sms_segments("a" * n) for n in (1, 160, 161, 306, 307)] == [1, 1, 2, 2, 3]
    assert [sms_segments("ă" * n) for n in (70, 71, 134, 135)] == [1, 2, 2, 3]
    assert sms_segments("{" * 80) == 1 and sms_segments("{" * 81) == 2  # two septets each


def test_unaccented_is_gsm7():
    text = "Bộ phận Một cửa – UBND phường Đông Hòa: “đã có kết quả”…"
    assert unaccented(text) == 'Bo phan Mot cua - UBND phuong Dong Hoa: "da co ket qua"...'
    assert sms_segments(unaccented(text) * 2) == 1


def test_every_default_names_known_fields_only():
    for kind, parts in default_templates().items():
        for part, text in parts.items():
            assert set(re.findall(r"\{(\w+)\}", text)) <= set(FIELDS), (kind, part)
    assert set(default_templates()) == {k.value for k in NoticeKind}


def test_render_fills_fields_and_keeps_unknown_ones_as_written():
    templates = merged([{"kind": "fee_owed", "part": "text", "text": "Nộp {amount} cho hồ sơ {code} {x}"}])
    r = render("fee_owed", "sms", {"amount": "1.000.000 đ", "code": "H62-1"}, templates, unaccent=True)
    assert (r.subject, r.body, r.segments) == (None, "Nop 1.000.000 d cho ho so H62-1 {x}", 1)
    e = render("fee_owed", "email", {"amount": "1.000.000 đ", "code": "H62-1"}, templates)
    assert e.subject.startswith("Hồ sơ H62-1: còn 1.000.000 đ")


def test_the_preview_uses_the_offices_words_and_name(db):
    update_agency(db, Actor.system(), phone="0270 3999 999")
    change_settings(db, Actor.system(), {"notices.templates": [
        {"kind": "result_ready", "part": "text", "text": "{office_name}: ho so {code} xong. Goi {office_phone}."}]})
    p = preview(db, "result_ready", "sms")
    assert p.body.endswith("xong. Goi 0270 3999 999.") and p.segments == 1
    z = preview(db, "supplement", "zalo")  # Zalo keeps the diacritics
    assert "cần bổ sung: Tờ khai có chữ ký; Bản sao giấy chứng sinh" in z.body
    e = preview(db, "extension", "email")
    assert e.subject == "Hồ sơ 000.00.01.H62-261206-0001: gia hạn trả kết quả đến 15/12/2026"

"""Which template set prints a form: the one in force on the date of the event the form reports
(the 2018 set before 01/7/2025), the office's own copy from its own `effective_from` on."""

import json
import re
import subprocess
from datetime import datetime

import pytest

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.errors import UserError
from app.paths import RESOURCES
from app.services.dossiers.form_templates import load_template_set, template_for
from app.services.dossiers.forms import print_form
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from tests.helpers.factories import OFFICER, request

NOW = datetime(2026, 11, 27, 10, 0)
OLD_APOLOGY, NEW_APOLOGY = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN"


def text_of(tmp_path, pdf: bytes) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)


def extended(db, received: datetime, at: datetime, new_due: datetime) -> str:
    code = register(db, OFFICER, request("1.000894", received_at=received)).code
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", at=at, new_due=new_due))
    return code


def test_an_event_of_june_2025_prints_the_2018_forms(db, data_dir, tmp_path):
    code = extended(db, datetime(2025, 6, 16, 9, 0), datetime(2025, 6, 16, 15, 0), datetime(2025, 6, 20, 17, 0))
    text = text_of(tmp_path, print_form(db, OFFICER, "apology", code, NOW))
    assert OLD_APOLOGY in text and NEW_APOLOGY not in text and "ngày 16 tháng 06 năm 2025" in text
    assert "Mẫu số 05" in text_of(tmp_path, print_form(db, OFFICER, "control", code, NOW))  # 06 in 2025


def test_each_form_follows_its_own_event_across_the_change(db, data_dir, tmp_path):
    """Received on 30/6/2025, extended on 2/7/2025: the control sheet (dated by the receipt) is
    a 2018 one, the apology letter a 2025 one."""
    code = extended(db, datetime(2025, 6, 30, 9, 0), datetime(2025, 7, 2, 9, 0), datetime(2025, 7, 10, 17, 0))
    assert NEW_APOLOGY in text_of(tmp_path, print_form(db, OFFICER, "apology", code, NOW))
    control = text_of(tmp_path, print_form(db, OFFICER, "control", code, NOW))
    assert "Mẫu số 05" in control and "Mẫu số 06" not in control


def test_the_office_choice_of_2018_prints_2018_forms_today(db, data_dir, tmp_path):
    code = extended(db, datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 15, 0), datetime(2026, 11, 30, 17, 0))
    assert NEW_APOLOGY in text_of(tmp_path, print_form(db, OFFICER, "apology", code, NOW))
    change_settings(db, Actor.system(), {"forms.set": "2018"})
    assert OLD_APOLOGY in text_of(tmp_path, print_form(db, OFFICER, "apology", code, NOW))


def own_set(data_dir, name: str, title: str, effective_from: str | None) -> None:
    own = json.loads((RESOURCES / "forms" / "2025.json").read_text(encoding="utf-8"))
    own["forms"]["apology"]["title"] = title
    if effective_from is None:
        own.pop("effective_from")
    else:
        own["effective_from"] = effective_from
    (data_dir / "forms").mkdir(parents=True, exist_ok=True)
    (data_dir / "forms" / f"{name}.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")


def test_an_office_copy_applies_from_its_own_date(db, data_dir, tmp_path):
    own_set(data_dir, "vinhlong", "VĂN BẢN XIN LỖI (MẪU RIÊNG)", "2026-01-01")
    change_settings(db, Actor.system(), {"forms.set": "vinhlong"})
    before = extended(db, datetime(2025, 11, 3, 9, 0), datetime(2025, 11, 3, 15, 0), datetime(2025, 11, 10, 17, 0))
    after = extended(db, datetime(2026, 2, 2, 9, 0), datetime(2026, 2, 2, 15, 0), datetime(2026, 2, 9, 17, 0))
    early = extended(db, datetime(2025, 3, 3, 9, 0), datetime(2025, 3, 3, 15, 0), datetime(2025, 3, 10, 17, 0))
    assert NEW_APOLOGY in text_of(tmp_path, print_form(db, OFFICER, "apology", before, NOW))
    assert "VĂN BẢN XIN LỖI (MẪU RIÊNG)" in text_of(tmp_path, print_form(db, OFFICER, "apology", after, NOW))
    assert OLD_APOLOGY in text_of(tmp_path, print_form(db, OFFICER, "apology", early, NOW))


def test_an_office_copy_without_a_date_applies_always(db, data_dir, tmp_path):
    own_set(data_dir, "rieng", "VĂN BẢN XIN LỖI (MẪU RIÊNG)", None)
    change_settings(db, Actor.system(), {"forms.set": "rieng"})
    code = extended(db, datetime(2025, 6, 16, 9, 0), datetime(2025, 6, 16, 15, 0), datetime(2025, 6, 20, 17, 0))
    assert "VĂN BẢN XIN LỖI (MẪU RIÊNG)" in text_of(tmp_path, print_form(db, OFFICER, "apology", code, NOW))


def test_template_for_is_what_the_receipt_asks(db, data_dir):
    with db.reading() as s:
        assert template_for(s, "apology", datetime(2025, 6, 30, 23, 59))["title"] == OLD_APOLOGY
        assert template_for(s, "apology", datetime(2025, 7, 1, 0, 0))["title"].startswith(NEW_APOLOGY)
        assert template_for(s, "control", datetime(2019, 1, 7))["number"] == "Mẫu số 05"  # before every set: the oldest
        assert template_for(s, "receipt", datetime(2026, 1, 1))["number"] == "Mẫu số 01"
    assert [load_template_set(n).effective_from.isoformat() for n in ("2025", "2018")] == ["2025-07-01", "2019-01-08"]


def test_an_unreadable_date_in_an_office_copy_is_one_clear_line(data_dir):
    own_set(data_dir, "hong", "X", "01/07/2025")
    with pytest.raises(UserError, match="Bộ mẫu .* không đọc được"):
        load_template_set("hong", data_dir)


def test_no_extension_without_its_letter_even_from_a_broken_office_copy(db, data_dir):
    own = json.loads((RESOURCES / "forms" / "2025.json").read_text(encoding="utf-8"))
    del own["forms"]["apology"]["title"]
    (data_dir / "forms").mkdir(parents=True)
    (data_dir / "forms" / "hong.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    change_settings(db, Actor.system(), {"forms.set": "hong"})
    reg = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 23, 9, 0)))
    with pytest.raises(UserError, match="Bộ mẫu «hong»: mẫu «apology» thiếu tiêu đề"):
        act(db, OFFICER, reg.code, Action.EXTEND, Facts(reason="Chờ xác minh", at=datetime(2026, 11, 23, 15, 0),
                                                        new_due=datetime(2026, 11, 30, 17, 0)))
    with db.reading() as s:
        from app.services.dossiers.query import get_dossier

        d = get_dossier(s, reg.code)
        assert d.due_at == reg.due_at and [e.action for e in d.events] == ["receive"]

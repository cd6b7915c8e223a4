"""Ledger entries (Form 07): each dossier gets its book's next number for the year when it is
received, at the counter or when an online dossier is accepted; books are a setting."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.errors import UserError
from app.services.dossiers import online_inbox
from app.services.dossiers.ledger import books_in
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import Dossier
from tests.helpers.factories import OFFICER, request
from tests.services.dossiers.test_online_inbox import online

MON = datetime(2026, 11, 23, 9, 0)
MARRIAGE, COPY, SHOW = "1.000894", "2.009201", "2.009102"  # sectors TP-HT, TP-CT, VHTTDL-NTBD


def entry(db, code: str) -> tuple:
    with db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        return d.ledger_book, d.ledger_year, d.ledger_number


def test_one_book_per_sector_numbers_run_per_book_and_restart_each_year(any_db):
    codes = [register(any_db, OFFICER, request(p, received_at=at)).code for p, at in (
        (MARRIAGE, MON), (COPY, MON), (MARRIAGE, MON.replace(hour=10)), (MARRIAGE, datetime(2027, 1, 4, 8, 0)))]
    assert [entry(any_db, c) for c in codes] == [("TP-HT", 2026, 1), ("TP-CT", 2026, 1), ("TP-HT", 2026, 2),
                                                  ("TP-HT", 2027, 1)]
    with any_db.reading() as s:
        books = books_in(s)
    assert ("TP-HT", "Hộ tịch") in [(b.key, b.name) for b in books] and len(books) == 12  # the catalog's sectors


def test_books_grouping_sectors_are_a_setting(db):
    change_settings(db, Actor.system(), {"ledger.books": [
        {"key": "TP", "name": "Tư pháp", "sectors": ["TP-HT", "TP-CT"]},
        {"key": "KHAC", "name": "Các lĩnh vực khác", "sectors": []}]})
    codes = [register(db, OFFICER, request(p, received_at=MON)).code for p in (MARRIAGE, COPY, SHOW)]
    assert [entry(db, c) for c in codes] == [("TP", 2026, 1), ("TP", 2026, 2), ("KHAC", 2026, 1)]


def test_an_online_dossier_gets_its_entry_when_received_not_when_filed(db):
    item = online()
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    assert entry(db, item.code) == (None, None, None)
    register(db, OFFICER, request(MARRIAGE, received_at=MON))
    act(db, OFFICER, item.code, Action.RECEIVE, Facts(at=MON.replace(hour=10)))
    assert entry(db, item.code) == ("TP-HT", 2026, 2)


@pytest.mark.parametrize("books, why", [
    ([{"key": "A", "name": "Một"}, {"key": "A", "name": "Hai"}], "the same key twice"),
    ([{"key": "A", "name": "Một", "sectors": ["TP-HT"]}, {"key": "B", "name": "Hai", "sectors": ["TP-HT"]}],
     "a sector in two books"),
    ([{"key": "có dấu", "name": "Một"}], "a key that is not plain letters and digits"),
    ([{"key": "A", "name": ""}], "no name"),
    ([{"key": "A", "name": "Một", "so": 1}], "an unknown field"),
    (["TP-HT"], "not a book"),
])
def test_bad_books_are_refused_in_vietnamese(db, books, why):
    with pytest.raises(UserError, match="Các quyển sổ theo dõi hồ sơ"):
        change_settings(db, Actor.system(), {"ledger.books": books})


def test_the_ledger_leaves_out_the_office_province_so_its_column_keeps_the_commune():
    from app.domain import address as units
    from app.services.dossiers.ledger import in_province

    home = units.province("86")  # Vĩnh Long, the demo office's
    assert in_province("Ấp 3, Xã Tân Quới, tỉnh Vĩnh Long", home) == "Ấp 3, Xã Tân Quới"
    assert in_province("Số 5, Phường Ba Đình, Thành phố Hà Nội", home) == "Số 5, Phường Ba Đình, Thành phố Hà Nội"
    assert in_province("Vĩnh Long", home) == "Vĩnh Long"  # nothing would be left: kept whole
    assert in_province("Ấp 3, Xã Tân Quới, tỉnh Vĩnh Long", None) == "Ấp 3, Xã Tân Quới, tỉnh Vĩnh Long"

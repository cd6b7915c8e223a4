"""The dossier list: filters, keyset pages, the one search box, lateness."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.domain.permissions import Actor
from app.domain.vocab import Channel, DossierStatus, Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.listing import (
    OPEN_STATUSES,
    DossierFilter,
    action_label,
    fetch_page,
    procedure_choices,
    urgency,
)
from app.services.dossiers.query import DossierRow
from app.services.intake.registration import register
from db.models import Dossier, Procedure
from tests.helpers.factories import OFFICER, citizen, request

NOW = datetime(2026, 10, 15, 12, 0)
NAMES = ["Nguyễn Văn An", "Đặng Thị Bình", "Trần Thị Cúc", "Lê Hoàng Dũng", "Nguyễn Văn Anh",
         "Phạm Minh Đức"]
STATUSES = [2, 4, 5, 6, 9, 10, 3, 7, 8, 4]
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=3, full_name="Tình nguyện viên")


def _cccd(i: int) -> str:
    return f"0790{90:02d}{i:06d}"


@pytest.fixture
def dossiers(any_db):
    """30 dossiers over 30 days, two procedures, every channel and several statuses."""
    with any_db.reading() as s:
        codes = s.scalars(select(Procedure.code).where(Procedure.active.is_(True))
                          .order_by(Procedure.id).limit(2)).all()
    made = []
    for i in range(30):
        applicant = citizen(NAMES[i % len(NAMES)], id_number=_cccd(i), phone=f"09{i:08d}",
                            birth_date=date(1990, 1, 1 + i % 28))
        r = register(any_db, OFFICER, request(codes[i % 2], datetime(2026, 9, 1, 8, 0) + timedelta(days=i),
                                              applicant=applicant))
        made.append(r)
    with any_db.writing() as s:
        for i, r in enumerate(made):
            s.execute(update(Dossier).where(Dossier.id == r.id).values(
                status=STATUSES[i % len(STATUSES)], channel=i % 3 + 1))
    with any_db.reading() as s:
        return list(s.scalars(select(Dossier).order_by(Dossier.id.desc())))


def ids(rows):
    return [r.id for r in rows]


def expect(dossiers, pred):
    return [d.id for d in dossiers if pred(d)]


def test_no_filter_lists_newest_first(any_db, dossiers):
    assert ids(fetch_page(any_db, OFFICER, DossierFilter())) == [d.id for d in dossiers]


@pytest.mark.parametrize("flt,pred", [
    (DossierFilter(statuses=frozenset({4})), lambda d: d.status == 4),
    (DossierFilter(statuses=frozenset({9, 10})), lambda d: d.status in (9, 10)),
    (DossierFilter(channel=int(Channel.POST)), lambda d: d.channel == 3),
    (DossierFilter(received_from=date(2026, 9, 10), received_to=date(2026, 9, 14)),
     lambda d: date(2026, 9, 10) <= d.received_at.date() <= date(2026, 9, 14)),
    (DossierFilter(received_from=date(2026, 9, 25)), lambda d: d.received_at.date() >= date(2026, 9, 25)),
    (DossierFilter(overdue_only=True, now=NOW), lambda d: d.status in OPEN_STATUSES and d.due_at < NOW),
    (DossierFilter(statuses=frozenset({4}), channel=2), lambda d: d.status == 4 and d.channel == 2),
    (DossierFilter(overdue_only=True, now=NOW, channel=1),
     lambda d: d.status in OPEN_STATUSES and d.due_at < NOW and d.channel == 1),
    (DossierFilter(overdue_only=True, now=NOW, statuses=frozenset({10})), lambda d: False),
    (DossierFilter(text="nguyen van", statuses=frozenset({2, 4})),
     lambda d: d.applicant_name.startswith("Nguyễn Văn") and d.status in (2, 4)),
    (DossierFilter(received_from=date(2026, 9, 20), received_to=date(2026, 9, 10)), lambda d: False),
])
def test_filters(any_db, dossiers, flt, pred):
    expected = expect(dossiers, pred)
    assert ids(fetch_page(any_db, OFFICER, flt)) == expected
    if flt.overdue_only and flt.channel is None and not flt.statuses:
        assert expected  # the data really has late dossiers


def test_procedure_filter(any_db, dossiers):
    pid = dossiers[0].procedure_id
    assert ids(fetch_page(any_db, OFFICER, DossierFilter(procedure_id=pid))) == expect(
        dossiers, lambda d: d.procedure_id == pid)
    assert {pid, dossiers[1].procedure_id} <= {c[0] for c in procedure_choices(any_db)}


@pytest.mark.parametrize("flt", [DossierFilter(), DossierFilter(statuses=frozenset({4})),
                                 DossierFilter(text="nguyen"), DossierFilter(overdue_only=True, now=NOW)])
def test_keyset_pages_return_every_row_once_in_order(any_db, dossiers, flt):
    seen, before = [], None
    while True:
        page = fetch_page(any_db, OFFICER, flt, before_id=before, limit=4)
        if not page:
            break
        seen += ids(page)
        before = page[-1].id
    assert seen == ids(fetch_page(any_db, OFFICER, flt, limit=1000))
    assert seen == sorted(set(seen), reverse=True) and seen


def test_search_by_code_cccd_and_phone(any_db, dossiers):
    d = dossiers[7]
    assert ids(fetch_page(any_db, OFFICER, DossierFilter(text=d.code.lower()))) == [d.id]
    assert ids(fetch_page(any_db, OFFICER, DossierFilter(text=d.applicant_id_number))) == [d.id]
    assert ids(fetch_page(any_db, OFFICER, DossierFilter(text=d.applicant_phone))) == [d.id]
    # The search box and a filter together: a status the dossier does not have finds nothing.
    other = next(s for s in DossierStatus if s != d.status)
    assert fetch_page(any_db, OFFICER, DossierFilter(text=d.code, statuses=frozenset({int(other)}))) == []


@pytest.mark.parametrize("text,names", [
    ("Nguyễn Văn An", {"Nguyễn Văn An", "Nguyễn Văn Anh"}),  # the last word is a prefix
    ("nguyen van an", {"Nguyễn Văn An", "Nguyễn Văn Anh"}),
    ("nguyen van anh", {"Nguyễn Văn Anh"}),
    ("dang", {"Đặng Thị Bình"}),
    ("Đặng thi", {"Đặng Thị Bình"}),
    ("duc", {"Phạm Minh Đức"}),
    ("khong co ai", set()),
])
def test_search_by_name_with_or_without_diacritics(any_db, dossiers, text, names):
    rows = fetch_page(any_db, OFFICER, DossierFilter(text=text))
    assert {r.applicant_name for r in rows} == names
    assert ids(rows) == expect(dossiers, lambda d: d.applicant_name in names)


def test_a_guide_may_not_list_dossiers(any_db, dossiers):
    with pytest.raises(PermissionDenied):
        fetch_page(any_db, GUIDE, DossierFilter())


def test_limit_is_bounded(db):
    with pytest.raises(UserError):
        fetch_page(db, OFFICER, DossierFilter(), limit=0)


def _row(status: int, due: datetime) -> DossierRow:
    return DossierRow(1, "X", "A", None, None, "P", "Thủ tục", 1, status, due - timedelta(days=3), due)


def test_urgency():
    friday = datetime(2026, 10, 16, 15, 0)
    assert urgency(_row(4, friday - timedelta(minutes=1)), friday) == "overdue"
    assert urgency(_row(2, friday + timedelta(hours=20)), friday) == "due_soon"
    # Monday morning is one working day after a Friday afternoon.
    assert urgency(_row(5, datetime(2026, 10, 19, 10, 0)), friday) == "due_soon"
    assert urgency(_row(6, datetime(2026, 10, 20, 10, 0)), friday) is None
    # Finished, refused or withdrawn dossiers are never late.
    for status in (3, 7, 8, 9, 10):
        assert urgency(_row(status, friday - timedelta(days=5)), friday) is None


def test_action_labels_are_vietnamese():
    assert action_label("receive") == action_label("register") == "Tiếp nhận hồ sơ"
    assert action_label("return_result") == "Trả kết quả"
    assert action_label("something_new") == "something_new"

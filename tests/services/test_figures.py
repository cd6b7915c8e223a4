"""The share of results returned by post: counted from how each result actually went out."""

from datetime import date, datetime

import pytest

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import ResultMethod, Role
from app.errors import PermissionDenied, UserError
from app.services.dossier_query import dossier_detail
from app.services.figures import result_return_figures
from app.services.lifecycle import Facts, act
from app.services.registration import register
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 0)
BOSS = Actor(login="lanhdao", role=Role.SUPERVISOR)


def returned(db, facts: Facts, **kw) -> str:
    code = register(db, OFFICER, request("1.000894", received_at=MON, **kw)).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="P", giver="A", taker="B", at=MON))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=MON.replace(hour=10)))
    act(db, OFFICER, code, Action.RETURN_RESULT, facts)
    return code


def test_post_share_counts_how_results_actually_went_out(any_db):
    assert result_return_figures(any_db, BOSS, date(2026, 11, 1), date(2026, 11, 30)).post_share is None
    # Planned for the counter, sent by post after all; and the other way round.
    posted = returned(any_db, Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa", at=MON.replace(hour=11)))
    returned(any_db, Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345",
                           at=MON.replace(hour=11)), result_method=ResultMethod.POST, result_address="Ấp 3")
    returned(any_db, Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345",
                           at=datetime(2026, 12, 1, 9, 0)))  # outside the range
    f = result_return_figures(any_db, BOSS, date(2026, 11, 1), date(2026, 11, 30))
    assert (f.returned, f.by_post, f.post_share) == (2, 1, 0.5)
    assert dossier_detail(any_db, OFFICER, posted)["result_method"] == "post"


def test_range_and_permission(db):
    with pytest.raises(UserError, match="Ngày cuối"):
        result_return_figures(db, BOSS, date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(PermissionDenied):
        result_return_figures(db, OFFICER, date(2026, 11, 1), date(2026, 11, 30))

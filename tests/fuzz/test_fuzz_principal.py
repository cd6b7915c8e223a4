"""Filing on another's behalf: whatever is typed for the principal and the identity check, the
dossier is registered with a well-formed `principal`, or one Vietnamese refusal names the field
and nothing is written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.errors import UserError
from app.services.intake.registration import Principal, register
from db.models import Dossier
from tests.fuzz.strategies import any_text, assert_refusal, fuzz
from tests.helpers.factories import OFFICER, procedure_code
from tests.helpers.factories import request as make_request


def field(valid: str) -> st.SearchStrategy:
    return st.one_of(st.none(), st.just(valid), st.just(valid), any_text)


principals = st.none() | st.builds(
    Principal, name=st.one_of(st.just("Trần Thị Bích"), any_text), address=field("Số 5, Phường Long Châu, Vĩnh Long"),
    id_number=field("840185004321"), phone=field("0939 123 456"), email=field("bich@example.vn"),
    paper=field("Giấy ủy quyền số 12/2026 ngày 19/11/2026"))
checks = st.one_of(st.none(), st.sampled_from(["card_seen", "card_qr", "vneid", "passport"]), any_text)


def dossiers(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Dossier))


@fuzz(40)
@given(principals, checks)
def test_the_principal_is_stored_well_formed_or_refused_by_name(db, principal, check):
    before = dossiers(db)
    try:
        done = register(db, OFFICER, make_request(procedure_code(db), principal=principal, identity_check=check))
    except UserError as exc:
        assert_refusal(exc.message)
        assert exc.field == "identity_check" or exc.field.startswith("principal_"), exc.field
        assert dossiers(db) == before
        return
    with db.reading() as s:
        d = s.get(Dossier, done.id)
        assert d.identity_check in (None, "card_seen", "card_qr", "vneid", "passport")
        if principal is None:
            assert d.principal is None
            return
        p = d.principal
        assert set(p) == {"name", "address", "id_number", "phone", "email", "paper"} and p["name"]
        assert p["id_number"] is None or (len(p["id_number"]) == 12 and p["id_number"].isascii())
        assert p["phone"] is None or (p["phone"].isascii() and p["phone"].isdigit())

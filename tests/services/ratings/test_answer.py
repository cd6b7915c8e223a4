"""The citizen's answer: only the counter's rating screen writes a score; reasons from the
criteria at 3 or less; a lapsed prompt is "no rating", never a score; a dossier's rating goes into
its history and its portal outbox; a failed answer leaves nothing half-written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.ratings import ASKED, NO_RATING, RATED
from app.domain.vocab import DossierStatus, Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.listing import action_label
from app.services.queue import tickets as q
from app.services.ratings import answer, expire, no_answer, prompt_for, screen_actor
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import OFFICER
from tests.services.ratings.conftest import MON, ratings, resolved_dossier, row_counts, serve_ticket

ASKED_AT = MON + timedelta(minutes=8)
SOON = ASKED_AT + timedelta(seconds=5)


def asked(db, counter_id: int = 1):
    serve_ticket(db, MON, counter_id=counter_id)
    q.done(db, OFFICER, counter_id, at=ASKED_AT)
    return [r for r in ratings(db) if r.counter_id == counter_id][-1]


def returned(db):
    """A rating asked for a result returned at counter 1 (a dossier's service)."""
    code = resolved_dossier(db)
    act(db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                       collector_id_number="079090012345", at=ASKED_AT))
    return code, ratings(db)[-1]


def test_the_screen_records_the_score(on_db):
    r = asked(on_db)
    answer(on_db, 1, r.uuid, 5, [], "keypad", SOON)
    [got] = ratings(on_db)
    assert (got.state, got.score, got.reasons, got.source, got.answered_at) == (RATED, 5, [], "keypad", SOON)
    assert prompt_for(on_db, 1, SOON) is None  # answered: the screen goes back to idle
    with on_db.reading() as s:
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "rating.answer"))
        events = s.scalar(select(DossierEvent.id).where(DossierEvent.action == "rated"))
    assert (audit.actor, audit.user_id, audit.counter_id, audit.details["score"]) == ("rating:1", None, 1, 5)
    assert events is None  # a ticket without a dossier: no dossier history to write


@pytest.mark.parametrize("who", [OFFICER, Actor.system(), Actor(login="lanhdao", role=Role.SUPERVISOR, counter_id=1),
                                 Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=1)])
def test_no_officer_supervisor_or_admin_can_rate_for_the_citizen(on_db, who):
    r = asked(on_db)
    with pytest.raises(PermissionDenied, match="không được phép ghi đánh giá của công dân"):
        answer(on_db, 1, r.uuid, 5, [], "screen", SOON, actor=who)
    with pytest.raises(PermissionDenied):
        no_answer(on_db, 1, r.uuid, SOON, actor=who)
    assert [(x.state, x.score) for x in ratings(on_db)] == [(ASKED, None)]


def test_a_screen_answers_only_its_own_counters_ratings(on_db):
    mine, other = asked(on_db, 1), asked(on_db, 2)
    with pytest.raises(PermissionDenied, match="quầy mình"):
        answer(on_db, 1, mine.uuid, 4, [], "screen", SOON, actor=screen_actor(2))
    with pytest.raises(UserError, match="^Lượt đánh giá này không có ở quầy này.$"):
        answer(on_db, 1, other.uuid, 4, [], "screen", SOON)
    with pytest.raises(UserError, match="không có ở quầy này"):
        answer(on_db, 1, "khong-co-luot-nay", 4, [], "screen", SOON)
    assert {x.state for x in ratings(on_db)} == {ASKED}


@pytest.mark.parametrize("score, reasons, message", [
    (0, [], "Mức đánh giá phải từ 1 đến 5."),
    (6, [], "Mức đánh giá phải từ 1 đến 5."),
    (True, [], "Mức đánh giá phải từ 1 đến 5."),
    ("5", [], "Mức đánh giá phải từ 1 đến 5."),
    (4, ["staff_attitude"], "Chỉ chọn lý do khi đánh giá từ mức 3 trở xuống."),
    (2, ["khong_co"], "Lý do «khong_co» không có trong các tiêu chí đánh giá."),
    (2, ["timeliness", "timeliness"], "Mỗi lý do chỉ chọn một lần."),
    (2, "timeliness", "Lý do đánh giá phải là danh sách các tiêu chí."),
])
def test_bad_answers_are_refused_in_one_line(on_sqlite, score, reasons, message):
    r = asked(on_sqlite)
    with pytest.raises(UserError) as err:
        answer(on_sqlite, 1, r.uuid, score, reasons, "screen", SOON)
    assert str(err.value) == message
    assert [(x.state, x.score, x.reasons) for x in ratings(on_sqlite)] == [(ASKED, None, None)]


def test_reasons_at_a_low_score_and_the_same_answer_again(on_db):
    r = asked(on_db)
    answer(on_db, 1, r.uuid, 2, ("timeliness", "staff_attitude"), "screen", SOON)
    before = row_counts(on_db)
    answer(on_db, 1, r.uuid, 2, ["timeliness", "staff_attitude"], "screen", SOON + timedelta(seconds=1))  # a retry
    assert row_counts(on_db) == before  # accepted, and nothing written twice
    with pytest.raises(UserError, match="^Lượt đánh giá này đã được ghi.$"):
        answer(on_db, 1, r.uuid, 5, [], "screen", SOON)
    with pytest.raises(UserError, match="đã được ghi"):
        no_answer(on_db, 1, r.uuid, SOON)
    [got] = ratings(on_db)
    assert (got.state, got.score, got.reasons, got.answered_at) == (RATED, 2, ["timeliness", "staff_attitude"], SOON)


def test_time_up_is_no_rating_never_a_score(on_db):
    r = asked(on_db)
    lapsed = r.expires_at
    assert prompt_for(on_db, 1, lapsed - timedelta(seconds=1)).uuid == r.uuid
    assert prompt_for(on_db, 1, lapsed) is None
    with pytest.raises(UserError, match="^Đã hết thời gian đánh giá lượt này.$"):
        answer(on_db, 1, r.uuid, 5, [], "screen", lapsed)
    assert expire(on_db, lapsed - timedelta(seconds=1)) == 0
    assert expire(on_db, lapsed + timedelta(minutes=3)) == 1
    assert expire(on_db, lapsed + timedelta(minutes=4)) == 0
    [got] = ratings(on_db)
    assert (got.state, got.score, got.reasons, got.answered_at) == (NO_RATING, None, None, lapsed)
    with pytest.raises(UserError, match="hết thời gian"):
        answer(on_db, 1, r.uuid, 4, [], "screen", lapsed - timedelta(seconds=5))  # even with a clock behind
    with on_db.reading() as s:
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "rating.expire"))
    assert audit.details == {"ratings": [r.uuid]}


def test_the_citizen_leaving_without_rating_is_no_rating(on_db):
    r = asked(on_db)
    no_answer(on_db, 1, r.uuid, SOON)
    no_answer(on_db, 1, r.uuid, SOON)  # a retry: already so
    [got] = ratings(on_db)
    assert (got.state, got.score, got.answered_at) == (NO_RATING, None, SOON)
    with pytest.raises(UserError, match="hết thời gian"):
        answer(on_db, 1, r.uuid, 3, [], "screen", SOON)


def test_a_dossiers_rating_goes_into_its_history_and_outbox(on_db):
    code, r = returned(on_db)
    before = row_counts(on_db)
    answer(on_db, 1, r.uuid, 3, ["timeliness", "contacts"], "screen", SOON)
    after = row_counts(on_db)
    # The rating changed (no new row); one event; its audit, the dossier's audit; one outbox record.
    assert {k: after[k] - before[k] for k in after} == {"ratings": 0, "events": 1, "audit": 2, "outbox": 1}
    with on_db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        e = s.scalar(select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.id.desc()).limit(1))
        out = s.scalar(select(OutboxMessage).where(OutboxMessage.event_uuid == e.uuid))
        dossier_audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.rated"))
    assert d.status == DossierStatus.RETURNED
    assert (e.action, e.status_from, e.status_to, e.user_id, e.counter_id, e.at) == (
        "rated", DossierStatus.RETURNED, DossierStatus.RETURNED, None, 1, SOON)
    assert e.note == "Bình thường. Chưa hài lòng về: Giải quyết đúng hẹn; Số lần phải liên hệ để hoàn thành"
    assert f"{action_label(e.action)}: {e.note}".startswith("Công dân đánh giá: Bình thường")
    assert e.details["rating"] | {"asked_at": None} == {
        "uuid": r.uuid, "score": 3, "level": "Bình thường", "reasons": ["timeliness", "contacts"],
        "reason_labels": ["Giải quyết đúng hẹn", "Số lần phải liên hệ để hoàn thành"], "occasion": "return",
        "occasion_label": "Trả kết quả", "officer_name": "Nguyễn Thị Mai", "counter_number": 1, "asked_at": None}
    assert (out.kind, out.state, out.payload["code"]) == ("rated", "pending", code)
    assert dossier_audit.actor == "rating:1" and dossier_audit.entity_id == code
    assert ratings(on_db)[-1].portal_state == "pending"


def test_nothing_is_half_written_when_the_answer_fails(on_db, monkeypatch):
    """A failure after the event and the outbox record were written in the transaction (the last
    step, the rating's audit record, breaks): the whole answer is undone and the prompt stays."""
    import app.services.ratings.answering as answering

    _, r = returned(on_db)
    before = row_counts(on_db)

    def broken(*a, **kw):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(answering, "audit", broken)
    with pytest.raises(RuntimeError):
        answer(on_db, 1, r.uuid, 1, ["staff_attitude"], "screen", SOON)
    assert row_counts(on_db) == before
    [got] = [x for x in ratings(on_db) if x.uuid == r.uuid]
    assert (got.state, got.score, got.reasons, got.answered_at, got.portal_state) == (ASKED, None, None, None, None)
    with on_db.reading() as s:
        assert s.scalar(select(DossierEvent.id).where(DossierEvent.action == "rated")) is None
    monkeypatch.undo()
    answer(on_db, 1, r.uuid, 1, ["staff_attitude"], "screen", SOON)  # the screen's retry goes through
    assert ratings(on_db)[-1].state == RATED


def test_the_screen_actor_is_no_account(on_db):
    a = screen_actor(3)
    assert (a.login, a.role, a.user_id, a.counter_id) == ("rating:3", Role.RATING_SCREEN, None, 3)


def test_the_dossiers_history_on_the_command_line_shows_the_rating(on_sqlite, sqlite_url, tmp_path, capsys):
    from app.cli.main import main

    code, r = returned(on_sqlite)
    answer(on_sqlite, 1, r.uuid, 4, [], "screen", SOON)
    assert main(["dossier", "show", code, "--db", sqlite_url, "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "Công dân đánh giá — Hài lòng" in out

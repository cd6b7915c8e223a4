"""The declared settings list, its versions, and the portal token kept in a keyring (the
keyring fixtures: tests/helpers/keyrings.py)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.errors import UserError
from app.services.settings import secrets
from app.services.settings.store import (
    IN_KEYRING,
    SPECS,
    VERSION,
    change_settings,
    load_settings,
    stored_version,
    upgrade_settings,
)
from db.models import AuditRecord, Setting


def _stored(db, key):
    with db.reading() as s:
        row = s.get(Setting, key)
        return None if row is None else row.value


def _as_version_1(db, token: str) -> None:
    with db.writing() as s:
        s.merge(Setting(key="portal.token", value=token, updated_at=load_settings.__globals__["now_local"]()))
        row = s.get(Setting, "_version")
        if row is not None:
            s.delete(row)


def test_every_setting_is_declared_with_type_default_rule_and_label():
    for key, spec in SPECS.items():
        assert spec.kind in ("bool", "int", "text", "list"), key
        assert spec.check(spec.default), key  # the default is valid
        assert spec.label and spec.rule and spec.label[0].isupper(), key


def test_a_version_1_token_moves_into_the_keyring(db, os_keyring):
    _as_version_1(db, "ma-truy-cap-cu")
    assert upgrade_settings(db) == VERSION == 2
    assert _stored(db, "portal.token") == IN_KEYRING  # the database no longer holds it
    assert load_settings(db)["portal.token"] == "ma-truy-cap-cu"
    url = db.url.render_as_string(hide_password=True)
    assert os_keyring.get_password("motcua", f"portal.token@{url}") == "ma-truy-cap-cu"
    with db.reading() as s:
        assert stored_version(s) == 2
        details = s.scalar(select(AuditRecord.details).where(AuditRecord.action == "settings.upgrade"))
    assert details["from"] == 1 and details["to"] == 2
    assert upgrade_settings(db) == 2  # once only


def test_without_a_keyring_the_token_stays_in_the_database(db, no_keyring):
    _as_version_1(db, "ma-truy-cap-cu")
    upgrade_settings(db)
    assert _stored(db, "portal.token") == "ma-truy-cap-cu"
    assert load_settings(db)["portal.token"] == "ma-truy-cap-cu"
    assert secrets.store_name() is None


def test_a_new_token_goes_to_the_keyring_and_is_never_in_the_audit(db, os_keyring):
    change_settings(db, Actor.system(), {"portal.token": "bi-mat-123", "portal.url": "https://cong.example.vn"})
    assert _stored(db, "portal.token") == IN_KEYRING
    assert load_settings(db)["portal.token"] == "bi-mat-123"
    with db.reading() as s:
        audits = s.scalars(select(AuditRecord.details).where(AuditRecord.entity_id == "portal.token")).all()
    assert audits == [{"from": "", "to": "***"}]
    change_settings(db, Actor.system(), {"portal.token": ""})
    assert load_settings(db)["portal.token"] == ""


def test_the_environment_gives_a_sync_service_its_token(db, no_keyring, monkeypatch):
    monkeypatch.setenv("MOTCUA_PORTAL_TOKEN", "tu-bien-moi-truong")
    assert load_settings(db)["portal.token"] == "tu-bien-moi-truong"


def test_settings_from_a_newer_app_are_refused(db):
    with db.writing() as s:
        s.merge(Setting(key="_version", value=VERSION + 1, updated_at=load_settings.__globals__["now_local"]()))
    with pytest.raises(UserError, match="phiên bản Một Cửa mới hơn"):
        upgrade_settings(db)


@pytest.mark.parametrize("key, value", [
    ("receipt.copies", "2"), ("receipt.copies", None), ("receipt.copies", True), ("receipt.copies", 2.0),
    ("receipt.print_direct", 1), ("portal.url", 5), ("lifecycle.supplement_pause", "1.000894"),
    ("lifecycle.supplement_pause", [1]), ("bank.account", ["x"]), ("guide.online_url", {"a": 1}),
])
def test_a_wrong_type_is_refused_by_name_and_nothing_changes(db, key, value):
    before = load_settings(db)
    with pytest.raises(UserError, match=re.escape(SPECS[key].label)) as err:
        change_settings(db, Actor.system(), {"receipt.paper": "A5", key: value})
    assert err.value.field == key
    assert load_settings(db) == before

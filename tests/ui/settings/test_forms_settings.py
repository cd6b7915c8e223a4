"""Cài đặt › Giấy tiếp nhận › the forms after the receipt: who signs the apology letter (Form 04)
and the resolving agency of Forms 06 and 07, typed in Vietnamese and saved as settings."""

from datetime import datetime

from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.store import load_settings
from app.services.trust.users import authenticate
from tests.helpers.keyboard import show_active, type_text
from ui.main import make_app
from ui.settings.page import SettingsPage


def test_the_apology_signer_and_the_resolving_agency_are_typed_and_saved(qtbot, db, data_dir):
    make_app()
    page = SettingsPage(db, authenticate(db, "quantri", DEMO_PASSWORD, None), clock=lambda: datetime(2026, 11, 20, 9))
    qtbot.addWidget(page)
    show_active(qtbot, page)
    page.tabs.setCurrentWidget(page.scrolls[page.receipt])
    edits = page.receipt.signers
    assert edits["forms.apology_signer_title"].text() == "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"  # the default wording
    for key, text in (("forms.apology_signer_on_behalf", "KT. GIÁM ĐỐC"), ("forms.apology_signer_title", "PHÓ GIÁM ĐỐC"),
                      ("forms.apology_signer_name", "Lê Văn Cường"), ("forms.resolving_agency", "Sở Tư pháp")):
        edits[key].clear()
        edits[key].setFocus()
        type_text(text)
    assert page.save()
    stored = load_settings(db)
    assert [stored[k] for k in edits] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Cường", "Sở Tư pháp"]

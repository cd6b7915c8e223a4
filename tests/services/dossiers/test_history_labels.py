"""Every history event the app writes reads in Vietnamese in the dossier window, `motcua dossier
show` and the control sheet: each action passed to journal.dossier_changed has its label in
listing.ACTION_LABELS (a payment once showed as "payment")."""

from __future__ import annotations

import ast
from pathlib import Path

from app.domain.lifecycle import Action
from app.services.dossiers.listing import ACTION_LABELS, action_label
from app.services.ratings.answering import RATED_ACTION
from app.services.signing.signing import SIGNED_EVENT

APP = Path(__file__).resolve().parents[3] / "app"
# Actions passed by name rather than as a literal: the constants and the lifecycle's own.
NAMED = {"SIGNED_EVENT": SIGNED_EVENT, "RATED_ACTION": RATED_ACTION}


def written_actions() -> set[str]:
    found = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "dossier_changed"):
                continue
            action = node.args[3]
            if isinstance(action, ast.Constant):
                found.add(action.value)
            elif isinstance(action, ast.Name):
                found.add(NAMED[action.id])  # a new constant must be named here
            else:
                assert ast.unparse(action) == "action.value", f"{path}: {ast.unparse(action)}"
    return found | {a.value for a in Action}


def test_every_history_action_the_app_writes_has_its_vietnamese_label():
    actions = written_actions()
    assert {"payment", "payment_voided", "fee_receipt_issued", "receive", "submit"} <= actions
    assert sorted(a for a in actions if a not in ACTION_LABELS) == []
    assert action_label("payment") == "Nộp phí, lệ phí"

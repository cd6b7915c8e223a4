"""What a dossier's history shows beside each step, from the event's note and details: a hand-over
names the division, who gave the dossier and who received it (the details hold them; the note of
such an event is empty or a reason). Shared by the dossier window and `motcua dossier show`."""

from __future__ import annotations

from typing import Any


def event_note(action: str, note: str | None, details: dict[str, Any] | None) -> str:
    d = details or {}
    parts = []
    if action in ("hand_over", "take_back") and d.get("division"):
        parts.append(f"{d['division']}: {d.get('giver') or '?'} giao, {d.get('taker') or '?'} nhận")
    if note:
        parts.append(note)
    return " · ".join(parts)

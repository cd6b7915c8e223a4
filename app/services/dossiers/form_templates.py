"""The one-stop forms' template sets (resources/forms/<name>.json, or an office's own copy in
`<data>/forms/<name>.json`, which wins over the bundled one of the same name) and which set prints
a form: the one in force on the date of the event the form reports.

Each set says from when it applies (`effective_from`: the 2025 set from 01/7/2025, when Decree
118/2025 and its forms took over; the 2018 set from Circular 01/2018's entry into force). The rule:
the office's chosen set (setting `forms.set`) for any date on or after its own `effective_from`
(a copy with no date: always); otherwise the latest bundled set whose `effective_from` is on or
before the date; before every set, the oldest. So a dossier received in June 2025 reprints on the
2018 forms it was first given, whatever the office prints today."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import UserError
from app.paths import RESOURCES
from app.paths import data_dir as user_data_dir
from app.services.settings.store import settings_in


class TemplateSet(dict):
    """A set's forms by key (a plain dict to read, as before), with the set's name and the first
    day it applies (None: an office's copy that does not say, taken as always in force)."""

    def __init__(self, forms: dict, name: str, effective_from: date | None):
        super().__init__(forms)
        self.name = name
        self.effective_from = effective_from

    def covers(self, day: date) -> bool:
        return self.effective_from is None or self.effective_from <= day


def load_template_set(name: str, data_dir: Path | None = None) -> TemplateSet:
    """The named set: the office's own copy in the data folder (this one, or the user's) first."""
    for folder in (Path(data_dir or user_data_dir()) / "forms", RESOURCES / "forms"):
        path = folder / f"{name}.json"
        if path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                forms = raw["forms"]
                start = raw.get("effective_from")
                effective = date.fromisoformat(start) if start else None
            except (ValueError, KeyError, TypeError) as exc:
                raise UserError(f"Bộ mẫu «{path}» không đọc được: {exc}.") from None
            if not isinstance(forms, dict):
                raise UserError(f"Bộ mẫu «{path}» không đọc được: mục «forms» phải là một bảng.")
            return TemplateSet(forms, name, effective)
    raise UserError(f"Không có bộ mẫu biểu «{name}» (có sẵn: {', '.join(_bundled())}).")


def _bundled() -> list[str]:
    return sorted((p.stem for p in (RESOURCES / "forms").glob("*.json")), reverse=True)


def template_sets(data_dir: Path | None = None) -> list[str]:
    """The names `forms.set` may take: the bundled sets, newest first, then the office's own copies."""
    own = sorted(p.stem for p in (Path(data_dir or user_data_dir()) / "forms").glob("*.json"))
    return list(dict.fromkeys(_bundled() + own))


def _day(when: date | datetime) -> date:
    return when.date() if isinstance(when, datetime) else when


def set_for(chosen: TemplateSet, when: date | datetime, data_dir: Path | None = None) -> TemplateSet:
    """The set that prints a form dated `when`, given the office's chosen set (module docstring)."""
    day = _day(when)
    if chosen.covers(day):
        return chosen
    sets = [load_template_set(n, data_dir) for n in _bundled()]
    dated = [s for s in sets if s.effective_from is not None and s.effective_from <= day]
    if dated:
        return max(dated, key=lambda s: s.effective_from)
    return min(sets, key=lambda s: s.effective_from or date.min)


def form_template(chosen: TemplateSet, form: str, when: date | datetime, data_dir: Path | None = None) -> dict:
    """One form's template for a date; a set without that form (an office's copy made before the
    form existed) lends it from the bundled set in force on that date."""
    tset = set_for(chosen, when, data_dir)
    found = tset.get(form)
    if found is None:
        day = _day(when)
        found = next((s[form] for s in (load_template_set(n, data_dir) for n in _bundled())
                      if form in s and s.covers(day)), None) or load_template_set(_bundled()[0], data_dir)[form]
    if not isinstance(found, dict) or not isinstance(found.get("title"), str):
        raise UserError(f"Bộ mẫu «{tset.name}»: mẫu «{form}» thiếu tiêu đề (title).")
    return found


def template_for(session: Session, form: str, when: date | datetime, data_dir: Path | None = None) -> dict:
    """The template of `form` ("receipt", "supplement" … "ledger") for a form dated `when`, from
    the office's setting `forms.set` and the sets' dates."""
    return form_template(load_template_set(settings_in(session)["forms.set"], data_dir), form, when, data_dir)

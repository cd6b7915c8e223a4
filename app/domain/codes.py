"""Unit codes and dossier codes: the one place that knows their shapes.

The shapes are data (resources/data/code_shapes.json), because DOMAIN.md §5 marks them **(check)**:
- unit codes: QCVN 102:2016's print form `000.00.01.H22`, and Decision 20/2020/QĐ-TTg's agency
  e-identifiers, dot-separated groups read left to right (`H62`, `H62.18`, `H62.18.05`);
- dossier codes: `<unit>-<YYMMDD>-<NNNN>` (Circular 01/2018, carried into Circular 03/2025) and,
  for nationally centralised systems, Circular 04/2025's `<agency id>-<YYMMDD>-<AA><sequence>`.
Which dossier shape this office issues, and its AA, are settings (`codes.shape`, `codes.system_id`).

Allocation (app/services/dossiers/numbering.py), leases (app/portal), the scanner's routing
(app/devices/scan_routing.py) and the search box (app/services/dossiers/query.py) all come here.
A code is read without knowing the office's settings: the shapes' lengths after the day never
overlap (checked when the data is loaded), so a code from another office or system reads the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from app.domain.text import printable
from app.errors import UserError
from app.paths import RESOURCES

SHAPES_FILE = RESOURCES / "data" / "code_shapes.json"
DEFAULT_SHAPE = "2018"
# A unit code is made of these only: "-" separates a dossier code's parts.
_UNIT_CHARS = re.compile(r"^[0-9A-Z.]+$")
_DIGITS = re.compile(r"^[0-9]+$")  # ASCII only: `\d` and str.isdigit() take any script's digits


@dataclass(frozen=True)
class UnitForm:
    id: str
    name: str
    about: str  # how a message names it, in Vietnamese
    pattern: re.Pattern
    max_length: int
    examples: tuple[str, ...]

    def fits(self, code: str) -> bool:
        return len(code) <= self.max_length and bool(self.pattern.fullmatch(code))


@dataclass(frozen=True)
class DossierShape:
    id: str
    name: str
    layout: str
    system_id_digits: int  # the AA before the sequence; 0 when the shape has none
    min_digits: int  # the sequence is zero-padded to this many digits
    max_digits: int
    example: str

    @property
    def max_sequence(self) -> int:
        return 10 ** self.max_digits - 1

    def tail_lengths(self) -> range:
        """How many digits follow the day's "-"."""
        return range(self.system_id_digits + self.min_digits, self.system_id_digits + self.max_digits + 1)


@dataclass(frozen=True)
class Provisional:
    mark: str
    min_digits: int
    max_digits: int
    example: str

    @property
    def max_sequence(self) -> int:
        return 10 ** self.max_digits - 1


@dataclass(frozen=True)
class Shapes:
    unit_forms: tuple[UnitForm, ...]
    dossier: dict[str, DossierShape]
    provisional: Provisional

    def by_system_id_digits(self, n: int) -> DossierShape | None:
        return next((s for s in self.dossier.values() if s.system_id_digits == n), None)


def load_shapes(path: Path) -> Shapes:
    """The shapes in `path`, checked: each example fits its own shape, and no two dossier shapes
    (nor a provisional code) could read one code. A broken file is a bug: ValueError."""
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    units = tuple(UnitForm(u["id"], u["name"], u["about"], re.compile(u["pattern"]), int(u["max_length"]),
                           tuple(u["examples"])) for u in raw["unit_forms"])
    dossier = {d["id"]: DossierShape(d["id"], d["name"], d["layout"], int(d["system_id_digits"]),
                                     int(d["min_digits"]), int(d["max_digits"]), d["example"])
               for d in raw["dossier_shapes"]}
    p = raw["provisional"]
    provisional = Provisional(p["mark"], int(p["min_digits"]), int(p["max_digits"]), p["example"])
    out = Shapes(units, dossier, provisional)
    if DEFAULT_SHAPE not in dossier or not units:
        raise ValueError(f"{path}: needs unit forms and the dossier shape {DEFAULT_SHAPE!r}")
    for u in units:
        if not u.examples or not all(_UNIT_CHARS.match(e) and u.fits(e) for e in u.examples):
            raise ValueError(f"{path}: an example of the unit form {u.id!r} does not fit it")
    seen: set[int] = set()
    for d in dossier.values():
        if not 1 <= d.min_digits <= d.max_digits <= 9 or seen & set(d.tail_lengths()):
            raise ValueError(f"{path}: the dossier shape {d.id!r} overlaps another or has bad lengths")
        seen |= set(d.tail_lengths())
    if not re.fullmatch("[A-Z]+", provisional.mark) or not 1 <= provisional.min_digits <= provisional.max_digits <= 9:
        raise ValueError(f"{path}: the provisional mark must be capital letters, its lengths 1 to 9 digits")
    for d in dossier.values():
        parsed = _parse(d.example, out)
        if parsed is None or parsed.provisional or out.by_system_id_digits(len(parsed.system_id)) != d:
            raise ValueError(f"{path}: the example of the dossier shape {d.id!r} does not fit it")
    parsed = _parse(provisional.example, out)
    if parsed is None or not parsed.provisional:
        raise ValueError(f"{path}: the provisional example does not fit")
    return out


@cache
def shapes() -> Shapes:
    return load_shapes(SHAPES_FILE)


# ---- unit codes ----------------------------------------------------------------------------------
def unit_form_of(code: str) -> UnitForm | None:
    """The form `code` (already upper case) is written in, None if none."""
    if not isinstance(code, str) or not _UNIT_CHARS.match(code):
        return None
    return next((u for u in shapes().unit_forms if u.fits(code)), None)


def is_unit_code(code: str) -> bool:
    return unit_form_of(code) is not None


def unit_shapes_hint() -> str:
    """The accepted unit forms with examples, for a message."""
    return " hoặc ".join(f"{u.about} (ví dụ {', '.join(u.examples)})" for u in shapes().unit_forms)


def validate_unit_code(code: str) -> str:
    code = code.strip().upper() if isinstance(code, str) else ""
    if not is_unit_code(code):
        raise UserError(f"Mã đơn vị «{printable(code)}» không đúng dạng: cần {unit_shapes_hint()}.",
                        field="unit_code")
    return code


# ---- dossier codes -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DossierCode:
    unit_code: str
    day: date
    sequence: int
    provisional: bool = False
    system_id: str = ""  # Circular 04/2025's AA; "" in the 2018 shape and in provisional codes

    @property
    def shape(self) -> str | None:
        """The dossier shape's id ("2018", "04/2025"); None for a provisional code."""
        if self.provisional:
            return None
        found = shapes().by_system_id_digits(len(self.system_id))
        return found.id if found else None

    def __str__(self) -> str:
        return _written(self, shapes())


def _written(code: DossierCode, known: Shapes) -> str:
    if code.provisional:
        p = known.provisional
        return f"{code.unit_code}-{code.day:%y%m%d}-{p.mark}{code.sequence:0{p.min_digits}d}"
    shape = known.by_system_id_digits(len(code.system_id))
    width = shape.min_digits if shape else 4
    return f"{code.unit_code}-{code.day:%y%m%d}-{code.system_id}{code.sequence:0{width}d}"


def dossier_shapes_hint() -> str:
    """The dossier code shapes with an example of each, for a message."""
    return " hoặc ".join(f"{s.layout} theo {s.name} (ví dụ {s.example})" for s in shapes().dossier.values())


def _shape(shape_id: str) -> DossierShape:
    found = shapes().dossier.get(shape_id)
    if found is None:
        raise UserError(f"Không có dạng mã hồ sơ «{printable(str(shape_id))}»: chọn "
                        f"{' hoặc '.join(shapes().dossier)}.", field="codes.shape")
    return found


def check_system_id(shape_id: str, system_id: str) -> str:
    """The AA a shape needs, checked: "" for a shape without one."""
    shape = _shape(shape_id)
    if shape.system_id_digits == 0:
        return ""
    if not isinstance(system_id, str) or len(system_id) != shape.system_id_digits or not _DIGITS.match(system_id):
        raise UserError(f"Mã hồ sơ theo {shape.name} cần mã hệ thống (AA): {shape.system_id_digits} chữ số của mã "
                        f"định danh cơ quan chủ quản hệ thống (cài đặt codes.system_id), ví dụ {shape.example}.",
                        field="codes.system_id")
    return system_id


def is_system_id(value: object) -> bool:
    """Whether `value` may be the setting `codes.system_id`: empty, or the AA some shape carries."""
    if value == "":
        return True
    return isinstance(value, str) and bool(_DIGITS.match(value)) and \
        any(s.system_id_digits == len(value) for s in shapes().dossier.values())


def shape_choices() -> str:
    """The dossier shapes an office may issue, for the settings' rule."""
    return " hoặc ".join(f"{s.id} ({s.layout}, ví dụ {s.example})" for s in shapes().dossier.values())


def format_dossier_code(unit_code: str, day: date, sequence: int, *, provisional: bool = False,
                        shape: str = DEFAULT_SHAPE, system_id: str = "") -> str:
    """The code of the `sequence`-th dossier of `day` in `shape` (a provisional code has one
    shape of its own)."""
    most = shapes().provisional.max_sequence if provisional else _shape(shape).max_sequence
    if not 1 <= sequence <= most:
        raise UserError(f"Đã hết số thứ tự hồ sơ trong ngày {day:%d/%m/%Y} (tối đa {most}).")
    aa = "" if provisional else check_system_id(shape, system_id)
    return str(DossierCode(unit_code, day, sequence, provisional, aa))


def _parse(text: str, known: Shapes) -> DossierCode | None:
    parts = text.split("-")
    if len(parts) != 3:
        return None
    unit, day_text, tail = parts
    if not _UNIT_CHARS.match(unit) or not any(u.fits(unit) for u in known.unit_forms):
        return None
    if len(day_text) != 6 or not _DIGITS.match(day_text):
        return None
    try:
        day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError:
        return None
    p = known.provisional
    if tail.startswith(p.mark):
        digits = tail[len(p.mark):]
        if not _DIGITS.match(digits) or not p.min_digits <= len(digits) <= p.max_digits:
            return None
        parsed = DossierCode(unit, day, int(digits), True)
    else:
        shape = next((s for s in known.dossier.values() if len(tail) in s.tail_lengths()), None)
        if shape is None or not _DIGITS.match(tail):
            return None
        n = shape.system_id_digits
        parsed = DossierCode(unit, day, int(tail[n:]), False, tail[:n])
    # One code per number: "-00001" is not another way to write "-0001", nor is a sequence 0 a code.
    return parsed if parsed.sequence >= 1 and _written(parsed, known) == text else None


def parse_dossier_code(text: str) -> DossierCode | None:
    """The parts of a dossier code of any known shape (any case, spaces around), None if `text`
    is not one."""
    if not isinstance(text, str):
        return None
    return _parse(text.strip().upper(), shapes())


def dossier_code_problem(text: str) -> str | None:
    """Why `text` is not a dossier code, in Vietnamese (None when it is one)."""
    if parse_dossier_code(text) is not None:
        return None
    shown = printable(text) if isinstance(text, str) else "?"
    return f"Mã hồ sơ «{shown}» không đúng dạng: cần {dossier_shapes_hint()}."


def code_sort_key(code: str) -> tuple:
    """Orders codes by unit, day, then number (the 10,000th after the 9,999th, which the text
    alone gets wrong); provisional codes after the day's official ones; what is not a code last."""
    parsed = parse_dossier_code(code)
    if parsed is None:
        return (1, code, "", False, "", 0)
    return (0, parsed.unit_code, parsed.day.isoformat(), parsed.provisional, parsed.system_id, parsed.sequence)


PROVISIONAL_MARK = shapes().provisional.mark
# The largest day sequence every shape can carry: what a lease may hand out (app/portal).
MAX_DAILY_SEQUENCE = min(s.max_sequence for s in shapes().dossier.values())
# Every known unit form as one pattern (the portal boundary checks a field with it).
UNIT_CODE_RE = re.compile("^(?:" + "|".join(f"(?=.{{1,{u.max_length}}}$)(?:{u.pattern.pattern})"
                                            for u in shapes().unit_forms) + ")$")

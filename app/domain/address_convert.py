"""Old (pre-July-2025) addresses to the new units: "Phường 1, Thành phố Vĩnh Long, Vĩnh Long" →
"Phường Long Châu, tỉnh Vĩnh Long".

The old → new table is `vietnam-address-converter`'s (10,358 rows: old province, district and
ward → new province and commune). Its own text parser builds its indexes in about 20 s of CPU on
a counter PC, so this module reads only the table (0.2 s, once, cached) and matches the address's
last comma-separated parts itself: province, then district, then ward. The package's codes are its
own; the new units are found by name in `vietnam-provinces` (app/domain/address.py), whose codes
the dossier stores. An old ward that was split between several communes gives several options:
the officer chooses."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from app.domain import address as units
from app.domain.folding import fold, nfc

_PROVINCE = ("thanh pho ", "tinh ", "tp ")
_DISTRICT = ("thanh pho ", "thi xa ", "huyen ", "quan ", "tp ", "tx ", "q ", "h ")
_WARD = ("thi tran ", "phuong ", "xa ", "tt ", "p ", "x ")
_LEADING_ZEROS = re.compile(r"\b0+(\d)")
_TRAILING = ("viet nam", "vietnam", "vn")  # a country written after the province


def _key(name: str, prefixes: tuple[str, ...]) -> str:
    folded = fold(name)
    for p in prefixes:
        if folded.startswith(p) and len(folded) > len(p):
            folded = folded[len(p):]
            break
    return _LEADING_ZEROS.sub(r"\1", folded)  # "Phường 01" is "Phường 1"


@dataclass(frozen=True)
class NewUnit:
    province_code: str
    commune_code: str | None  # None: the package's commune name is not in vietnam-provinces
    commune_name: str
    province_name: str  # as written in an address: "tỉnh Vĩnh Long"


@dataclass(frozen=True)
class Conversion:
    old_text: str  # the address as given
    street: str  # what precedes the old ward: "Số 12 đường Lê Lợi"
    old_units: str  # "Phường 1, Thành Phố Vĩnh Long, Tỉnh Vĩnh Long" (the table's spelling)
    options: tuple[NewUnit, ...]  # one, or several when the old ward was split

    def new_text(self, option: int = 0) -> str:
        o = self.options[option]
        if o.commune_code is not None:
            return units.compose(self.street, o.commune_code, o.province_code)
        return ", ".join(p for p in (self.street, o.commune_name, o.province_name) if p)


@dataclass
class _Index:
    provinces: dict[str, str]  # folded key -> old province name
    districts: dict[tuple[str, str], str]
    wards: dict[tuple[str, str, str], list[tuple[str, str, str]]]  # -> (old ward name, new prov, new commune)


@cache
def _index() -> _Index:
    from vietnam_address_converter.data import DEFAULT_DATA

    idx = _Index({}, {}, defaultdict(list))
    for row in DEFAULT_DATA["mapping"]["rows"]:
        old, new = row["old"], row["new"]
        p = _key(old["province_name"], _PROVINCE)
        d = _key(old["district_name"], _DISTRICT)
        w = _key(old["ward_name"], _WARD) if old["ward_name"].strip() else ""
        idx.provinces[p] = old["province_name"]
        idx.districts[(p, d)] = old["district_name"]
        idx.wards[(p, d, w)].append((old["ward_name"], new["province_name"], new["ward_name"]))
    return idx


def warm_up() -> None:
    """Load the tables ahead of the first conversion (called off the GUI thread)."""
    _index()
    units.provinces()


@cache
def _new_unit(province_name: str, commune_name: str) -> NewUnit | None:
    key = _key(province_name, _PROVINCE)
    province = next((p for p in units.provinces() if p.key == key), None)
    if province is None:
        return None
    wanted = nfc(commune_name).casefold()
    same = [c for c in units.communes(province.code) if c.name.casefold() == wanted]
    if not same:  # "Xuân Hương-Đà Lạt" vs "Xuân Hương - Đà Lạt"; the folded name must then be unique
        folded = fold(commune_name)
        same = [c for c in units.communes(province.code) if fold(c.name) == folded]
    if len(same) == 1:
        return NewUnit(province.code, same[0].code, same[0].name, province.full_name)
    return NewUnit(province.code, None, nfc(commune_name), province.full_name)


def _parts(text: str | None) -> list[str] | None:
    """An address's comma-separated parts without a trailing country ("Việt Nam"), or None when
    fewer than two are left (no commune and province to read)."""
    parts = [p.strip() for p in nfc(text or "").split(",") if p.strip()]
    while parts and fold(parts[-1]) in _TRAILING:
        parts.pop()
    return parts if len(parts) >= 2 else None


def convert(text: str | None) -> Conversion | None:
    """The new units of an old address, or None when its last parts are not an old
    ward, district and province (a new address, a foreign one, a typo: nothing to propose)."""
    parts = _parts(text)
    if parts is None:
        return None
    idx = _index()
    p = _key(parts[-1], _PROVINCE)
    if p not in idx.provinces:
        return None
    d = _key(parts[-2], _DISTRICT)
    if (p, d) not in idx.districts:
        return None
    street_end = len(parts) - 2
    rows = idx.wards.get((p, d, _key(parts[-3], _WARD))) if len(parts) >= 3 else None
    if rows:
        street_end -= 1
    else:
        rows = idx.wards.get((p, d, ""))  # an island district that became a special zone whole
        if not rows:
            return None
    typed_ward = parts[street_end].casefold() if street_end < len(parts) - 2 else None
    exact = [r for r in rows if typed_ward and r[0].casefold() == typed_ward]
    rows = exact or rows  # "Xã Tân Thành" and "Xã Tân Thạnh" fold alike
    options: list[NewUnit] = []
    for _, new_province, new_commune in rows:
        unit = _new_unit(new_province, new_commune)
        if unit is not None and unit not in options:
            options.append(unit)
    if not options:
        return None
    old_ward = rows[0][0]
    old_units = ", ".join(x for x in (old_ward, idx.districts[(p, d)], idx.provinces[p]) if x)
    return Conversion(nfc(text).strip(), ", ".join(parts[:street_end]), old_units, tuple(options))


def parse_new(text: str | None) -> tuple[str, units.Province, units.Commune] | None:
    """A post-reform address split into (street, province, commune), when its last two parts are
    a province and one of its communes; else None."""
    parts = _parts(text)
    if parts is None:
        return None
    province = units.province_named(parts[-1])
    if province is None:
        return None
    wanted = parts[-2].casefold()
    found = [c for c in units.communes(province.code) if c.name.casefold() == wanted]
    if not found:
        key = _key(parts[-2], _WARD)
        found = [c for c in units.communes(province.code) if c.key == key]
    if len(found) != 1:
        return None
    return ", ".join(parts[:-2]), province, found[0]

"""Addresses after the 2025 reform: `<số nhà, đường / thôn>, <xã / phường / đặc khu>, <tỉnh / thành phố>`.

The 34 provinces and their 3,321 communes come from the `vietnam-provinces` package (General
Statistics Office codes, data of 18/10/2025), read from its JSON file on first use and cached, so
the intake form opens at once. Codes are stored as text ("86", "29551"), as the dossier's columns
hold them."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain.folding import fold, nfc
from app.errors import UserError

# What a unit's name starts with, folded: stripped when matching typed text ("tp vinh long").
_PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp ")
_COMMUNE_PREFIXES = ("phuong ", "xa ", "dac khu ", "p ", "x ")


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Vĩnh Long", "Thành phố Hà Nội" (the package's names)
    city: bool  # a centrally-run city (thành phố trung ương)

    @property
    def full_name(self) -> str:
        """As written at the end of an address: "tỉnh Vĩnh Long", "Thành phố Hà Nội"."""
        return self.name if self.city else f"tỉnh {self.name}"

    @property
    def key(self) -> str:
        return _strip(fold(self.name), _PROVINCE_PREFIXES)


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # "Phường Long Châu", "Xã Long Hồ", "Đặc khu Côn Đảo"
    kind: str  # "phường", "xã", "đặc khu"
    province_code: str

    @property
    def key(self) -> str:
        return _strip(fold(self.name), _COMMUNE_PREFIXES)


def _strip(folded: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if folded.startswith(p):
            return folded[len(p):]
    return folded


def _nested_divisions() -> list[dict]:
    """The package's data as its JSON file holds it: provinces, each with its "wards"."""
    # The JSON, not the Python API: importing `vietnam_provinces` builds an enum of 3,321 members
    # (a quarter of a second); the file loads in a hundredth.
    spec = importlib.util.find_spec("vietnam_provinces")  # found, not imported
    path = Path(spec.origin).parent / "data" / "nested-divisions.json" if spec and spec.origin else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    # A frozen build that left the package's data files out still has its Python modules.
    from vietnam_provinces.lookup import PROVINCE_MAPPING, WARD_MAPPING

    wards: dict[int, list[dict]] = {}
    for w in WARD_MAPPING.values():
        wards.setdefault(int(w.province_code), []).append(
            {"code": int(w.code), "name": w.name, "division_type": w.division_type.value})
    return [{"code": int(p.code), "name": p.name, "division_type": p.division_type.value,
             "wards": wards.get(int(p.code), [])} for p in PROVINCE_MAPPING.values()]


@cache
def _data() -> tuple[dict[str, Province], dict[str, Commune], dict[str, tuple[Commune, ...]]]:
    provinces: dict[str, Province] = {}
    communes: dict[str, Commune] = {}
    by_province: dict[str, tuple[Commune, ...]] = {}
    for p in _nested_divisions():
        code = str(p["code"])
        provinces[code] = Province(code, nfc(p["name"]), p["division_type"] == "thành phố trung ương")
        found = [Commune(str(w["code"]), nfc(w["name"]), w["division_type"], code) for w in p["wards"]]
        communes.update((c.code, c) for c in found)
        by_province[code] = tuple(sorted(found, key=lambda c: (fold(c.name), c.name)))
    return provinces, communes, by_province


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces, in alphabetical order of their folded names."""
    return tuple(sorted(_data()[0].values(), key=lambda p: p.key))


def province(code: str | None) -> Province | None:
    return _data()[0].get(str(code).strip()) if code else None


def commune(code: str | None) -> Commune | None:
    return _data()[1].get(str(code).strip()) if code else None


def communes(province_code: str) -> tuple[Commune, ...]:
    return _data()[2].get(str(province_code), ())


def _matches(query: str, folded_name: str) -> bool:
    words = fold(query).split()
    return bool(words) and all(w in folded_name for w in words)


def find_provinces(query: str) -> list[Province]:
    """Provinces whose folded name holds every typed word ("dong thap", "đồng tháp", "ha noi")."""
    return [p for p in provinces() if _matches(query, fold(p.name))]


def find_communes(province_code: str, query: str) -> list[Commune]:
    """A province's communes matching the typed words, diacritics optional ("long chau")."""
    return [c for c in communes(province_code) if _matches(query, fold(c.name))]


def province_named(text: str | None) -> Province | None:
    """The province a name or an address ends with ("Vĩnh Long", "…, tỉnh Vĩnh Long"), else None."""
    if not text:
        return None
    for part in reversed([p for p in nfc(text).split(",") if p.strip()]):
        key = _strip(fold(part), _PROVINCE_PREFIXES)
        found = [p for p in provinces() if p.key == key]
        if found:
            return found[0]
    return None


def check_units(province_code: str | None, commune_code: str | None) -> tuple[str | None, str | None]:
    """The codes as stored, or one Vietnamese line: a commune must lie in the chosen province."""
    province_code = (province_code or "").strip() or None
    commune_code = (commune_code or "").strip() or None
    if province_code is not None and province(province_code) is None:
        raise UserError("Mã tỉnh/thành phố không có trong danh mục đơn vị hành chính.", field="address")
    if commune_code is None:
        return province_code, None
    found = commune(commune_code)
    if found is None:
        raise UserError("Mã xã/phường không có trong danh mục đơn vị hành chính.", field="address")
    if province_code is None:
        return found.province_code, found.code
    if found.province_code != province_code:
        raise UserError(f"{found.name} không thuộc {province(province_code).full_name}: chọn lại xã/phường.",
                        field="address")
    return province_code, found.code


def compose(street: str | None, commune_code: str | None, province_code: str | None = None) -> str:
    """`<số nhà, đường>, <xã/phường>, <tỉnh/thành phố>` from the picked units (no district)."""
    parts = [nfc(street).strip(" ,")] if street and street.strip(" ,") else []
    c = commune(commune_code)
    p = province(province_code or (c.province_code if c else None))
    if c is not None:
        parts.append(c.name)
    if p is not None:
        parts.append(p.full_name)
    return ", ".join(parts)

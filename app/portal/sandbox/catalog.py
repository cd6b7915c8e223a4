"""The portal's procedure list: the bundled catalog (resources/catalog/procedures.json) seen
the way LayThuTuc answers it, and what the citizen page needs (online procedures, search)."""

from __future__ import annotations

import json
import unicodedata
from functools import cached_property
from pathlib import Path

from app.paths import CATALOG_FILE

FEE_KINDS = {"le_phi": 1, "phi": 2}  # LoaiPhiLePhi: 1 lệ phí, 2 phí (anything else: 2)


def fold(text: str) -> str:
    """Lower case without diacritics, đ → d: what the search box compares."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


class Catalog:
    def __init__(self, path: Path = CATALOG_FILE):
        self.path = path

    @cached_property
    def procedures(self) -> list[dict]:
        with open(self.path, encoding="utf-8") as f:
            return json.load(f)["procedures"]

    @cached_property
    def by_code(self) -> dict[str, dict]:
        return {p["code"]: p for p in self.procedures}

    def online(self, query: str = "") -> list[dict]:
        """Procedures a citizen can file online (online_level 3 or 4), matching the search text."""
        words = fold(query).split()
        out = []
        for p in self.procedures:
            if (p.get("online_level") or 0) < 3:
                continue
            hay = fold(f"{p['code']} {p['name']} {p.get('sector_name', '')}")
            if all(w in hay for w in words):
                out.append(p)
        return out

    def filable(self, code: str) -> dict | None:
        p = self.by_code.get(code)
        return p if p and (p.get("online_level") or 0) >= 3 else None

    def lay_thu_tuc(self, updated: str) -> list[dict]:
        """Every procedure as a LayThuTuc item; NgayCapNhat is `updated` (the store's creation)."""
        return [{
            "MaTTHC": p["code"],
            "TenTTHC": p["name"],
            "MaLinhVuc": p.get("sector_code", ""),
            "TenLinhVuc": p.get("sector_name", ""),
            "MucDoDVC": p.get("online_level"),
            "ToanTrinh": p.get("process_class") == "toan_trinh",
            "ThoiHanGiaiQuyet": p["processing_time"]["value"],
            "DonViThoiHan": p["processing_time"]["unit"],
            "LePhi": [{"TenPhiLePhi": f["name"], "MucPhi": f["amount"],
                       "LoaiPhiLePhi": FEE_KINDS.get(f.get("kind"), 2), "GhiChu": f.get("note", "")}
                      for f in p.get("fees", [])],
            "ThanhPhanHoSo": [{"TenGiayTo": d["name"], "SoBanChinh": d.get("originals", 0),
                               "SoBanSao": d.get("copies", 0), "BatBuoc": bool(d.get("mandatory")),
                               "GhiChu": d.get("note", "")}
                              for d in p.get("documents", [])],
            "NgayCapNhat": updated,
        } for p in self.procedures]


def base_record(p: dict) -> dict:
    """The procedure part of a DongBoHoSoMC record."""
    return {"MaTTHC": p["code"], "TenTTHC": p["name"], "MaLinhVuc": p.get("sector_code", ""),
            "TenLinhVuc": p.get("sector_name", ""), "MucDoDVC": p.get("online_level"),
            "ToanTrinh": p.get("process_class") == "toan_trinh"}

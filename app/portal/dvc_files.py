"""The names of the file fields of a DVCQG dossier record, read from resources/portal/dvc_files.json:
DOMAIN.md §6 marks the portal's field lists (check), so the names inside TaiLieuNop and
DanhSachGiayToKetQua that carry a file's link are data. The counter's mapping (dvc_mapping) writes
them and the sandbox portal reads them from the same file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from app.paths import RESOURCES

FIELDS_FILE = RESOURCES / "portal" / "dvc_files.json"

# Named by DOMAIN.md §6 itself (not check): the arrays and the flags the national score counts.
LINES, RESULTS = "TaiLieuNop", "DanhSachGiayToKetQua"
ANY_DIGITIZED, SCANNED, REUSED_LOCAL, REUSED_PORTAL = (
    "HoSoCoThanhPhanSoHoa", "DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG")


@dataclass(frozen=True)
class FileFields:
    line_first_link: str
    line_first_id: str
    line_files: str
    file: dict[str, str]  # id, name, link, media_type, size, sha256 → wire name
    result: dict[str, str]
    yes: object
    no: object
    # The signed forms of an online dossier (docs/signing.md "Gửi đi"): the list's name, each
    # file's names (with "kind"), and the wire value of each form kind (receipt → "MAU01"…).
    other: dict[str, str] = field(default_factory=dict)
    other_kinds: dict[str, str] = field(default_factory=dict)

    @property
    def other_list(self) -> str:
        return self.other["list"]


@cache
def fields() -> FileFields:
    raw = json.loads(FIELDS_FILE.read_text("utf-8"))
    keys = ("id", "name", "link", "media_type", "size", "sha256")
    for part in ("file", "result"):
        missing = [k for k in keys if not isinstance(raw[part].get(k), str)]
        if missing:  # a broken data file is a packaging bug, found at the first sync
            raise ValueError(f"{FIELDS_FILE}: {part} lacks {', '.join(missing)}")
    missing = [k for k in ("list", "kind", *keys) if not isinstance(raw["other"].get(k), str)]
    if missing:
        raise ValueError(f"{FIELDS_FILE}: other lacks {', '.join(missing)}")
    line = raw["line"]
    return FileFields(line["first_link"], line["first_id"], line["files"], dict(raw["file"]),
                      dict(raw["result"]), raw["yes"], raw["no"], dict(raw["other"]), dict(raw["other_kinds"]))


def links_in(record: dict) -> list[tuple[str, str, str]]:
    """(sha256, document name, link) of every file a record's document lines carry (the portal's reading)."""
    f = fields()
    out = []
    lines = record.get(LINES)
    for line in lines if isinstance(lines, list) else []:
        files = line.get(f.line_files) if isinstance(line, dict) else None
        for item in files if isinstance(files, list) else []:
            if isinstance(item, dict) and isinstance(item.get(f.file["sha256"]), str):
                name = line.get("TenTepDinhKem") or item.get(f.file["name"]) or ""  # the paper's kind
                out.append((item[f.file["sha256"]], str(name), str(item.get(f.file["link"]) or "")))
    return out


def other_links(record: dict) -> list[tuple[str, str, str]]:
    """(sha256, kind's wire value, link) of every signed form a record carries (the portal's reading)."""
    f = fields()
    out = []
    items = record.get(f.other_list)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get(f.other["sha256"]), str):
            out.append((item[f.other["sha256"]], str(item.get(f.other["kind"]) or ""),
                        str(item.get(f.other["link"]) or "")))
    return out

"""Digitization in the demo data (app/services/demo_data.py): what a year of an office that scans
most of its papers looks like, so the dossier window, the capture desk and the report's "Số hóa"
figures have something to show, and `make bench` measures them on a realistic database.

Only dossiers received from 01/7/2025 (Decree 118's digitization at intake) have states. Every
scanned or reused line and most results point at one demo PDF ("BẢN SỐ HÓA MẪU"), kept once like
any file; its bytes are in the row on both databases, so no data folder is needed."""

from __future__ import annotations

import hashlib
import io
import random
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.vocab import Channel, DossierStatus
from db.models import StoredFile

FROM = date(2025, 7, 1)
# Shares of a paper line's state at the counter (the rest: scanned).
REUSED, SHOWN, EXEMPT, NOT_DIGITIZED = 0.05, 0.04, 0.02, 0.02
RESULT_FILE = 0.8  # results kept electronically
NOTES = {"exempt": "Bản điện tử đã có trên Cổng dịch vụ công", "not_digitized": "Máy quét hỏng, bổ sung sau",
         "online": "Hồ sơ nộp trực tuyến: thành phần đã là tệp điện tử"}


def _demo_pdf() -> bytes:
    from PIL import Image, ImageDraw

    from app.devices.docscan.assemble import Page, assemble_pdf
    from app.devices.docscan.escl_emulator import _font

    image = Image.new("L", (827, 1169), "white")  # A4 at 100 dpi: a small file for a demo
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 806, 1148), outline=0, width=4)
    draw.text((413, 300), "BẢN SỐ HÓA MẪU", fill=0, font=_font(60), anchor="mm")
    draw.text((413, 400), "Dữ liệu thử nghiệm — không phải giấy tờ thật", fill=0, font=_font(28), anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(100, 100))
    return assemble_pdf([Page(out.getvalue(), "image/png")])


def demo_file_in(session: Session, at: datetime) -> str:
    """The demo PDF's SHA-256, its row added when missing (bytes in the row, whatever the database)."""
    data = _demo_pdf()
    sha256 = hashlib.sha256(data).hexdigest()
    insert = sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert
    session.execute(insert(StoredFile).values(sha256=sha256, size=len(data), media_type="application/pdf",
                                              created_at=at, data=data)
                    .on_conflict_do_nothing(index_elements=[StoredFile.sha256]))
    return sha256


def line_states(rng: random.Random, row: dict, documents: list[dict]) -> None:
    """Set each document line's `digitization`, `digitization_note` and `reuse_source` in place."""
    received = row["received_at"]
    if received.date() < FROM or row["status"] == int(DossierStatus.NEW):
        return
    online = row["channel"] == int(Channel.ONLINE)
    for doc in documents:
        if online:
            doc.update(digitization="exempt", digitization_note=NOTES["online"])
            continue
        x = rng.random()
        if x < REUSED:
            doc.update(digitization="reused", reuse_source="local" if rng.random() < 0.7 else "portal")
        elif x < REUSED + SHOWN:
            doc.update(digitization="shown")
        elif x < REUSED + SHOWN + EXEMPT:
            doc.update(digitization="exempt", digitization_note=NOTES["exempt"])
        elif x < REUSED + SHOWN + EXEMPT + NOT_DIGITIZED:
            doc.update(digitization="not_digitized", digitization_note=NOTES["not_digitized"])
        else:
            doc.update(digitization="scanned", paper_pages=doc["originals"] or 1)


def attach_files(session: Session, sha256: str, first_id: int, last_id: int) -> None:
    """The demo PDF as the file of every scanned or reused line, and as the result of most
    finished dossiers, of the dossiers with ids first_id..last_id: two statements a chunk."""
    bounds = {"sha": sha256, "lo": first_id, "hi": last_id, "since": datetime.combine(FROM, datetime.min.time())}
    session.execute(text(
        "INSERT INTO dossier_files (dossier_id, document_id, kind, sha256, position, pages, created_at, created_by) "
        "SELECT dd.dossier_id, dd.id, 'intake', :sha, 0, 1, d.received_at, d.received_by "
        "FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id "
        "WHERE dd.dossier_id BETWEEN :lo AND :hi AND d.is_demo AND dd.digitization IN ('scanned', 'reused')"), bounds)
    session.execute(text(
        "INSERT INTO dossier_files (dossier_id, document_id, kind, sha256, position, pages, created_at, created_by) "
        "SELECT d.id, NULL, 'result', :sha, 0, 1, d.finished_at, d.received_by FROM dossiers d "
        f"WHERE d.id BETWEEN :lo AND :hi AND d.is_demo AND d.finished_at >= :since "
        f"AND d.id % 10 < {round(RESULT_FILE * 10)}"),
        bounds)

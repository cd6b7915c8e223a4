"""Receiving from the portal: the dossiers citizens filed online (a page at a time, the cursor kept
in the same transaction as the page, so a crash re-reads a page rather than skipping one) and their
attached files (checked against the portal's SHA-256, written whole or not at all)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.files import write_atomically
from app.portal.client import PortalClient
from app.portal.contract import PortalRejected
from db.engine import Database
from db.models import Dossier, OnlineAttachment, SyncState

CURSOR_KEY = "inbox_cursor"
ATTACHMENT_ERRORS_KEY = "attachment_errors"
PAGE_SIZE = 200

_UNSAFE = re.compile(r"[^\w.\- ]+")


def get_state(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(SyncState, key)
    return default if row is None else row.value


def set_state(session: Session, key: str, value: Any) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _clip(text: str, most_bytes: int) -> str:
    return text.encode()[:most_bytes].decode("utf-8", "ignore")


def safe_name(name: str, most: int = 120) -> str:
    """A file name safe on every file system the office may use: no separators, no control or
    reserved characters or names (CON, NUL …), no leading dot, at most `most` bytes of UTF-8 (file
    systems count bytes: a Vietnamese letter takes up to 3); Vietnamese letters are kept (NFC)."""
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_")
    name = _UNSAFE.sub("_", name).strip(" .") or "tep"
    if len(name.encode()) > most:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext.encode()) <= 10:
            name = _clip(stem, most - len(ext.encode()) - 1).rstrip(" .") + "." + ext
        else:
            name = _clip(name, most).rstrip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name = _clip("_" + name, most)
    return name


def pull(db: Database, client: PortalClient, report, *, page_size: int = PAGE_SIZE) -> None:
    """Every online dossier waiting on the portal, saved by app.services.dossiers.online_inbox.save_pulled
    (idempotent by the portal's id); `report.pulled` counts those new here."""
    from app.services.dossiers.online_inbox import save_pulled

    with db.reading() as s:
        cursor = get_state(s, CURSOR_KEY)
    while True:
        page = client.pull_online(cursor, page_size)
        with db.writing() as s:
            saved = save_pulled(s, page.items, page.set_aside) if page.items or page.set_aside else 0
            if page.next_cursor and page.next_cursor != cursor:
                set_state(s, CURSOR_KEY, page.next_cursor)
        report.pulled += saved
        if page.set_aside:  # said on the sync page; the rest of the cycle goes on
            report.errors.append(f"{len(page.set_aside)} hồ sơ trực tuyến từ cổng không đọc được, đã để riêng")
        if not page.more or not (page.items or page.set_aside) or not page.next_cursor or page.next_cursor == cursor:
            return
        cursor = page.next_cursor


def fetch_attachments(db: Database, client: PortalClient, data_dir: Path, clock: Callable[[], datetime],
                      report) -> None:
    """Download the attachments not yet here; a file whose SHA-256 differs from the portal's is not
    kept (its error is recorded in sync_state and it is tried again next time). `report.fetched`
    counts the files kept."""
    A, D = OnlineAttachment.__table__, Dossier.__table__
    with db.reading() as s:
        rows = s.execute(select(A.c.id, A.c.portal_id, A.c.name, A.c.sha256, A.c.url, D.c.uuid)
                         .join(D, D.c.id == A.c.dossier_id).where(A.c.path.is_(None)).order_by(A.c.id)).all()
        errors: dict[str, str] = dict(get_state(s, ATTACHMENT_ERRORS_KEY) or {})
    before = dict(errors)
    try:
        for row in rows:
            try:
                data = client.download(row.url)
            except PortalRejected as exc:  # gone or refused: this file only
                errors[row.portal_id] = exc.message
                continue
            digest = hashlib.sha256(data).hexdigest()
            if row.sha256 and digest != row.sha256.lower():
                errors[row.portal_id] = (f"Tệp «{row.name}» tải về không khớp mã kiểm tra SHA-256 của cổng "
                                         "(tệp hỏng hoặc bị thay đổi): chưa lưu, sẽ tải lại.")
                continue
            relative = Path("attachments") / row.uuid / f"{safe_name(row.portal_id, 64)}-{safe_name(row.name)}"
            target = data_dir / relative
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data)
            except OSError as exc:
                errors[row.portal_id] = f"Không ghi được tệp đính kèm «{row.name}»: {exc.strerror or exc}."
                continue
            with db.writing() as s:
                s.execute(update(A).where(A.c.id == row.id, A.c.path.is_(None))
                          .values(path=relative.as_posix(), fetched_at=clock()))
            errors.pop(row.portal_id, None)
            report.fetched += 1
    finally:
        if errors != before:
            with db.writing() as s:
                set_state(s, ATTACHMENT_ERRORS_KEY, errors or None)

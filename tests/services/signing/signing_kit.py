"""Shared steps of the signing tests (app/services/signing/): the office's signing switched on, an
online dossier received as the counter does it, the pending rows of a dossier, images to attach."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.services.dossiers.lifecycle import Facts, act
from app.services.settings.store import change_settings
from db.models import Dossier, SignedDocument
from tests.helpers.factories import OFFICER
from tests.services.signing.delivery_kit import MON, pulled


def switch_on(db, **more) -> None:
    """signing.enabled, and what else the test names (signing.sign_results=True …, by key suffix)."""
    change_settings(db, Actor.system(), {"signing.enabled": True, **{f"signing.{k}": v for k, v in more.items()}})


def received(db, n: int = 1, at=MON) -> str:
    """An online dossier pulled from the portal and received at the counter."""
    code = pulled(db, n)
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=at))
    return code


def rows(db, code: str) -> list[SignedDocument]:
    with db.reading() as s:
        found = list(s.scalars(select(SignedDocument).join(Dossier, Dossier.id == SignedDocument.dossier_id)
                               .where(Dossier.code == code).order_by(SignedDocument.id)))
        for r in found:
            s.expunge(r)
        return found


def image(mode: str = "RGB", kind: str = "JPEG") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new(mode, (120, 160), (200, 10, 10, 128)[: len(mode)]).save(buf, kind)
    return buf.getvalue()


def pdf_words(pdf: bytes, folder: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Every word of the PDF with its page (0-based) and box in PDF points from the lower left,
    as poppler's pdftotext -bbox reads them: (page, word, x1, y1, x2, y2)."""
    import re
    from html import unescape

    path = folder / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page, body in enumerate(re.split(r"<page ", html)[1:]):
        height = float(re.search(r'height="([\d.]+)"', body).group(1))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
            x1, y_top, x2, y_bottom = map(float, m.groups()[:4])
            out.append((page, unescape(m.group(5)), x1, height - y_bottom, x2, height - y_top))
    return out

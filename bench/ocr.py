"""OCR figure for `make bench` (issue 21, point 8): `ocr_page_s`, the seconds the background OCR
takes per A4 page of Vietnamese text scanned at 200 dpi in grayscale. Reported only: it runs in
the background and never delays a receipt.

The page is made as the counter would get it: set in the forms' serif with ReportLab (a full
page of Vietnamese lines), rasterized by pdftoppm to a 200 dpi grayscale PNG, assembled by the
desk's own code (app/devices/docscan/assemble.py), then read by the same engine call the app
makes (app/services/files/ocr_engine.run: OCRmyPDF + Tesseract `vie`, one core, lower priority).
A three-page document is timed, start-up included, and divided by its pages; the text layer is
checked to hold the printed words. Run alone: `python -m bench.ocr`."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = 3
LINES = 30  # a full A4 page of 13 pt lines


def bench_ocr(tmp_dir: Path) -> dict:
    from app.devices.docscan.assemble import Page, assemble_pdf
    from app.services.files import ocr_engine
    from tests.helpers.scanned_text import WORDS, pdf_text, scanned_png

    tmp_dir = Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    try:
        engine = ocr_engine.find_engine()
    except ocr_engine.EngineMissing as exc:
        print(f"  ocr: {exc}", file=sys.stderr)
        return {}
    try:
        png = scanned_png(tmp_dir, lines=LINES)
    except (OSError, subprocess.CalledProcessError) as exc:  # no pdftoppm (poppler-utils)
        print(f"  ocr: could not rasterize the test page ({exc})", file=sys.stderr)
        return {}
    scan = assemble_pdf([Page(png, "image/png")] * PAGES)
    started = time.perf_counter()
    readable = ocr_engine.run(engine, scan, timeout=ocr_engine.timeout_for(len(scan)))
    seconds = time.perf_counter() - started
    text = pdf_text(readable, tmp_dir)
    return {
        "ocr_page_s": round(seconds / PAGES, 2),
        "ocr_scan_page_kb": round(len(scan) / PAGES / 1024),  # the image-only scan, per page
        "ocr_text_layer_kb": round((len(readable) - len(scan)) / PAGES / 1024, 1),  # what OCR adds per page
        "ocr_words_found": sum(w in text for w in WORDS) == len(WORDS),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-ocr-") as tmp:
        results = bench_ocr(Path(tmp))
    for key, value in results.items():
        print(f"{key}: {value}")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())

"""Bytes from a serial barcode scanner → whole scans. Models end a scan with CR, LF, CR LF, Tab or
Enter+Tab; any of them (or only the configured one) ends it, and the empty pieces between two
terminators are not scans. A line that never ends, NUL bytes or bytes that are not text give one
clear message and are dropped, so the next good scan works."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_SCAN = 4096  # a CCCD QR is about 150 bytes; anything longer without a suffix is noise
TERMINATORS = {"any": b"\r\n\t", "cr": b"\r", "lf": b"\n", "crlf": b"\n", "tab": b"\t"}


@dataclass(frozen=True)
class Scan:
    text: str


@dataclass(frozen=True)
class ScanProblem:
    message: str  # Vietnamese, for the status bar


class ScanAssembler:
    def __init__(self, suffix: str = "any"):
        self.ends = TERMINATORS[suffix]
        self.strip = b"\r\n\t"  # whatever the setting, the rest of a CR LF or Enter+Tab is not data
        self.buffer = bytearray()
        self.overflow = False

    def feed(self, data: bytes) -> list[Scan | ScanProblem]:
        out: list[Scan | ScanProblem] = []
        for byte in data:
            if byte in self.ends:
                if self.overflow:
                    self.overflow = False
                elif self.buffer.strip(self.strip):
                    item = self._finish(bytes(self.buffer.strip(self.strip)))
                    if item is not None:
                        out.append(item)
                self.buffer.clear()
                continue
            if self.overflow:
                continue
            self.buffer.append(byte)
            if len(self.buffer) > MAX_SCAN:
                out.append(ScanProblem(f"Máy quét gửi hơn {MAX_SCAN} byte không có ký tự kết thúc: "
                                       "đã bỏ qua. Kiểm tra cấu hình hậu tố của máy quét."))
                self.buffer.clear()
                self.overflow = True
        return out

    @staticmethod
    def _finish(raw: bytes) -> Scan | ScanProblem | None:
        """The scan in `raw`; None when it is only blanks (spaces, NBSP …): not a scan either."""
        if b"\x00" in raw:
            return ScanProblem("Mã quét có ký tự rỗng (NUL): đã bỏ qua. Quét lại.")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return ScanProblem("Mã quét không phải văn bản UTF-8: đã bỏ qua. Kiểm tra bảng mã của máy quét.")
        if any(unicodedata.category(c) == "Cc" for c in text):
            return ScanProblem("Mã quét có ký tự điều khiển: đã bỏ qua. Quét lại.")
        text = unicodedata.normalize("NFC", text.strip())
        return Scan(text) if text else None

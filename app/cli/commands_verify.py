"""`motcua verify FILE.pdf`: who signed a PDF, when, whether it was changed after signing and whether
the signer chains to a trusted root (app/signing/verify.py). `motcua roots list|add|remove`: the
office's trusted roots (app/signing/roots.py). Neither needs a login nor the database: a file on
disk and the data folder's roots are all they read.

Exit codes of `verify`: 0 every signature valid and trusted, 1 anything else (the verdict on stdout
and its summary as the one error line on stderr), 2 bad usage (no such file, --roots not a
folder). `--roots DIR`: the certificates in DIR are the only trusted roots (the installed ones are
not used)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.errors import UserError, one_line

YES, NO = "Có", "Không"


class _Usage(Exception):
    """A usage mistake found after parsing: one line on stderr, exit 2 like argparse's own."""


def verify_command(args) -> int:
    try:
        data, roots = _inputs(args)
    except _Usage as exc:
        sys.stderr.write(f"motcua: lỗi: {one_line(str(exc))}\n")  # a path with a line break stays one line
        return 2
    from app.signing.verify import verify_pdf

    verdict = verify_pdf(data, roots)
    if args.json:
        json.dump(verdict_json(verdict, args.file), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif verdict.signatures:
        print(f"Tệp: {args.file}")
        print(f"Kết luận: {verdict.summary}")
        for i, check in enumerate(verdict.signatures, 1):
            print()
            print(f"Chữ ký {i} (trường «{check.field}»):")
            for label, text in signature_lines(check):
                print(f"  {label}: {text}")
    if not verdict.ok:  # like every command that fails: the one line on stderr, exit 1
        raise UserError(f"«{Path(args.file).name}»: {verdict.summary}")
    return 0


def _inputs(args) -> tuple[bytes, list[bytes]]:
    from app.oserrors import os_reason
    from app.signing.roots import roots_in, trusted_roots
    from app.signing.verify import MAX_BYTES, too_big_text

    path = Path(args.file).expanduser()
    try:
        if path.is_dir():
            raise _Usage(f"«{args.file}» là một thư mục: hãy ghi tên tệp PDF.")
        if not path.exists():
            raise _Usage(f"Không có tệp «{args.file}».")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"«{path.name}»: {too_big_text(size)}")
        data = path.read_bytes()
    except OSError as exc:
        raise _Usage(f"Không đọc được «{args.file}»: {os_reason(exc)}.") from None
    if args.roots is not None:
        folder = Path(args.roots).expanduser()
        if not folder.is_dir():
            raise _Usage(f"Không có thư mục chứng thư gốc «{args.roots}».")
        roots = [r.der for r in roots_in(folder) if r.usable]  # these alone, as pdfsig -nssdir
    else:
        from app.cli.context import resolve

        roots = trusted_roots(resolve(args)[0])
    return data, roots


def signature_lines(check) -> list[tuple[str, str]]:
    """The block shown for one signature: (label, text), Vietnamese (also the UI's dialog)."""
    who = check.signer or "(không rõ)"
    if check.organization:
        who += f" — {check.organization}"
    if check.signed_at is None:
        when = "(không rõ)"
    else:
        source = "theo dấu thời gian" if check.timestamped else "do máy của người ký ghi"
        when = f"{check.signed_at:%d/%m/%Y %H:%M:%S} ({source})"
    intact = YES if check.intact else f"{NO}: chữ ký không khớp với nội dung"
    if check.trusted:
        trusted = f"{YES} (cấp bởi «{check.issuer}», nối tới chứng thư gốc tin cậy)"
    else:
        trusted = NO
    lines = [("Người ký", who), ("Thời điểm ký", when), ("Toàn vẹn", intact),
             ("Phạm vi", check.scope or "(không xác định)"), ("Tin cậy", trusted)]
    if check.signer:
        lines.append(("Chứng thư", "còn hiệu lực lúc ký" if check.valid_at_signing else "không có hiệu lực lúc ký"))
    lines += [("Vấn đề", p) for p in check.problems]
    lines += [("Ghi chú", n) for n in check.notes]
    return lines


def verdict_json(verdict, file: str) -> dict:
    return {
        "file": str(file), "ok": verdict.ok, "summary": verdict.summary, "revocation_checked": False,
        "signatures": [{
            "field": c.field, "signer": c.signer, "organization": c.organization, "issuer": c.issuer,
            "serial": c.serial, "fingerprint": c.fingerprint,
            "signed_at": c.signed_at.isoformat() if c.signed_at else None, "timestamped": c.timestamped,
            "intact": c.intact, "whole_file": c.whole_file, "trusted": c.trusted,
            "valid_at_signing": c.valid_at_signing, "scope": c.scope, "ok": c.ok,
            "problems": list(c.problems), "notes": list(c.notes),
        } for c in verdict.signatures],
    }


def roots_command(args) -> int:
    from app.cli.context import resolve
    from app.signing import roots as r

    folder, _ = resolve(args)
    if args.roots_command == "add":
        info = r.add_root(folder, Path(args.file).expanduser())
        print(f"Đã thêm chứng thư gốc tin cậy «{info.name}» (SHA-256 {info.fingerprint}).")
        return 0
    if args.roots_command == "remove":
        info = r.remove_root(folder, args.fingerprint)
        print(f"Đã bỏ chứng thư gốc «{info.name}» khỏi danh sách tin cậy.")
        return 0
    items = r.list_roots(folder)
    if args.json:
        json.dump([{"fingerprint": i.fingerprint, "name": i.name, "organization": i.organization,
                    "not_before": i.not_before.isoformat(), "not_after": i.not_after.isoformat(),
                    "source": i.source, "path": str(i.path), "usable": i.usable, "problem": i.problem}
                   for i in items], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not items:
        print("Chưa có chứng thư gốc tin cậy nào: thêm bằng «motcua roots add TỆP» "
              f"(xem {r.BUNDLED_DIR / 'README.md'}).")
        return 0
    for i in items:
        source = "đi kèm phần mềm" if i.source == r.BUNDLED else "của cơ quan"
        line = f"{i.fingerprint[:16]}\t{i.name}\t{i.organization}\thết hạn {i.not_after:%d/%m/%Y}\t{source}"
        print(line + (f"\tKHÔNG DÙNG: {i.problem}" if i.problem else ""))
    return 0

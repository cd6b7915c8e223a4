"""`motcua signing`: the office's digital signatures (docs/signing.md). `list` (the "chưa ký" list,
with why each is not signed yet), `sign [--dossier CODE | --all]` (signs what is pending with
this PC's token or the remote service; the PIN asked at the keyboard, or for a server's scheduled
task taken from the environment variable MOTCUA_TOKEN_PIN, never from the command line), `tokens
[--library PATH]` (the tokens the PKCS#11 library sees), `sandbox --port N` (the remote-signing
sandbox) and `tsa --port N` (the RFC 3161 time-stamp sandbox), for a manual try."""

from __future__ import annotations

import getpass
import os
import sys

from app.cli.context import open_db, resolve
from app.errors import UserError

PIN_VARIABLE = "MOTCUA_TOKEN_PIN"


def signing_command(args) -> int:
    c = args.signing_command
    if c == "tokens":
        return _tokens(args)
    if c in ("sandbox", "tsa"):
        return _server(args, c)
    from app.cli.acting import cli_actor

    db = open_db(args, seed_catalog=False)
    try:
        actor = cli_actor(args, db)
        return _list(db, actor) if c == "list" else _sign(db, actor, args)
    finally:
        db.dispose()


def _when(moment) -> str:
    return f"{moment:%d/%m/%Y %H:%M}" if moment else ""


def _list(db, actor) -> int:
    from app.services.signing.query import unsigned

    rows = unsigned(db, actor)
    if not rows:
        print("Không có văn bản nào chờ ký số.")
    for r in rows:
        reason = f"\t{r.last_error}" if r.last_error else ""
        print(f"{r.id}\t{r.dossier_code}\t{r.kind_label}\t{_when(r.created_at)}{reason}")
    return 0


def _pin() -> str:
    pin = os.environ.get(PIN_VARIABLE)
    if pin:
        return pin
    if not sys.stdin.isatty():
        raise UserError(f"Không có bàn phím để nhập mã PIN của thiết bị ký số: đặt biến môi trường {PIN_VARIABLE} "
                        "cho tác vụ chạy tự động.")
    pin = getpass.getpass("Mã PIN của thiết bị ký số: ")
    if not pin:
        raise UserError("Chưa nhập mã PIN của thiết bị ký số.")
    return pin


def _sign(db, actor, args) -> int:
    from app.services.signing.documents import pending_ids
    from app.services.signing.query import documents_of

    code = (args.code or "").strip() or None
    if code is None and not args.all:
        raise UserError("Chọn hồ sơ cần ký (--dossier MÃ_HỒ_SƠ) hoặc ký tất cả văn bản chờ ký (--all).")
    if code is not None:
        waiting = [d.id for d in documents_of(db, actor, code) if d.state == "pending"]
    else:
        with db.reading() as s:
            waiting = pending_ids(s)
    if not waiting:
        print("Không có văn bản nào chờ ký số" + (f" của hồ sơ {code.upper()}." if code else "."))
        return 0
    from app.devices.config import load_devices
    from app.services.settings.store import settings_in
    from app.services.signing.signing import note_failure, sign_pending
    from app.signing.base import SigningError
    from app.signing.session import open_signer

    folder, _ = resolve(args)
    with db.reading() as s:
        settings = settings_in(s)
    if not settings["signing.enabled"]:
        raise UserError("Ký số đang tắt: bật trong Cài đặt › Chữ ký số (signing.enabled) trước.")
    pin = _pin() if settings["signing.method"] == "pkcs11" else None
    try:
        signer = open_signer(settings, load_devices(folder), pin, user=actor.login)
    except SigningError as exc:  # no token, a wrong PIN, an expired certificate: the first one says why
        note_failure(db, waiting[0], exc, actor=actor)
        raise
    try:
        report = sign_pending(db, actor, signer, folder, dossier_code=code)
    finally:
        signer.close()
    for v in report.signed:
        print(f"Đã ký: {v.dossier_code}\t{v.kind_label}\t{v.signer_name}\t{_when(v.signed_at)}")
    for document_id, message in report.failed:
        print(f"Chưa ký: văn bản {document_id}\t{message}")
    if report.failed:
        first = report.failed[0][1]
        raise UserError(f"Đã ký {len(report.signed)} văn bản; {len(report.failed)} văn bản chưa ký được: {first}")
    print(f"Đã ký {len(report.signed)} văn bản.")
    return 0


def _tokens(args) -> int:
    from app.devices.config import load_devices
    from app.signing.pkcs11_signer import list_tokens

    folder, _ = resolve(args)
    library = (args.library or "").strip() or load_devices(folder).token.library
    if not library:
        raise UserError("Chưa khai báo thư viện PKCS#11 của thiết bị ký số trên máy này: dùng --library TỆP "
                        "hoặc đặt trong Cài đặt › Chữ ký số.")
    tokens = list_tokens(library)
    if not tokens:
        print("Không thấy thiết bị ký số nào: cắm thiết bị và thử lại.")
    for t in tokens:
        print(f"{t.label}\t{t.serial}\t{t.manufacturer}")
    return 0


def _wait(thread) -> None:
    """Until Ctrl-C (the thread of a sandbox server runs forever)."""
    while thread.is_alive():
        thread.join(0.5)


def _server(args, which: str) -> int:
    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    if which == "sandbox":
        from app.signing.remote_sandbox import serve

        what = "Dịch vụ ký số từ xa thử nghiệm"
    else:
        from app.signing.tsa_sandbox import serve

        what = "Máy chủ cấp dấu thời gian thử nghiệm (RFC 3161)"
    try:
        server, thread = serve(args.host, args.port)
    except OSError as exc:
        from app.oserrors import os_reason

        raise UserError(f"Không mở được cổng {args.port} trên {args.host}: {os_reason(exc)}.") from None
    host, port = server.server_address[:2]
    print(f"{what} đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng).", flush=True)
    try:
        _wait(thread)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0

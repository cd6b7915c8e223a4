"""`motcua audit verify`: walk the audit log's hash chain and name the first broken record."""

from __future__ import annotations

from app.cli.context import open_db, resolve
from app.errors import UserError


def audit_command(args) -> int:
    from app.formatting import number
    from app.services.trust.audit_anchors import identity, load_anchors, remember_anchor
    from app.services.trust.audit_chain import verify

    folder, _ = resolve(args)
    db = open_db(args, seed_catalog=False)
    who = identity(db)  # the database itself, however its address was spelled
    result = verify(db, load_anchors(folder, who))
    if not result.ok:
        raise UserError(result.finding.message + " Nhật ký kiểm tra KHÔNG còn toàn vẹn.")
    remember_anchor(folder, who, result)
    if result.head_id is None:
        print("Nhật ký kiểm tra chưa có bản ghi nào.")
        return 0
    print(f"Nhật ký kiểm tra toàn vẹn: {number(result.count)} bản ghi, chuỗi băm khớp đến bản ghi "
          f"#{result.head_id}.")
    print(f"Mã băm cuối (ghi lại để đối chiếu về sau): {result.head_hash}")
    return 0

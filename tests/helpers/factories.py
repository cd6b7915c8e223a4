"""Building requests the way a counter officer fills the form."""

from __future__ import annotations

from datetime import date, datetime

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.intake.registration import Applicant, RegisterRequest

OFFICER = Actor(login="canbo", role=Role.OFFICER, user_id=1, counter_id=1, full_name="Nguyễn Thị Mai")
CERTIFIED_COPY = "certified-copy"


def procedure_code(db, *, unit: str | None = None, cutoff: bool | None = None) -> str:
    """A code from the bundled catalog matching a wish (e.g. a procedure with a cutoff)."""
    from sqlalchemy import select

    from db.models import Procedure

    with db.reading() as s:
        q = select(Procedure.code).order_by(Procedure.id)
        if unit:
            q = q.where(Procedure.time_unit == unit)
        if cutoff is True:
            q = q.where(Procedure.cutoff.is_not(None))
        if cutoff is False:
            q = q.where(Procedure.cutoff.is_(None))
        return s.scalars(q.limit(1)).one()


def citizen(name: str = "Nguyễn Văn An", **kw) -> Applicant:
    defaults = dict(id_number="079090012345", birth_date=date(1990, 3, 4), sex="Nam",
                    phone="0912345678", email="an.nguyen@example.vn", address="12 Lê Lợi, Phường 1, Vĩnh Long")
    defaults.update(kw)
    return Applicant(name=name, **defaults)


def request(code: str, received_at: datetime | None = None, **kw) -> RegisterRequest:
    applicant = kw.pop("applicant", None) or citizen()
    return RegisterRequest(procedure_code=code, applicant=applicant, received_at=received_at, **kw)

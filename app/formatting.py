"""How users see numbers, money and dates: `1.000.000 đ`, `dd/MM/yyyy`."""

from __future__ import annotations

from datetime import date, datetime


def number(value: float | int) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".").rstrip("0").rstrip(",")


def money(amount: int) -> str:
    return f"{number(amount)} đ"


def day(d: date | datetime | None) -> str:
    return f"{d:%d/%m/%Y}" if d else ""


def moment(dt: datetime | None) -> str:
    return f"{dt:%H:%M %d/%m/%Y}" if dt else ""

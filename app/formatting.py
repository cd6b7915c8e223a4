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


def percent(value: float | None) -> str:
    """0.975 -> "97,5 %", 0.05 -> "5,0 %" (comma decimal, space before %); all and nothing read
    "100 %" and "0 %", as the agencies write them; None (nothing to divide) -> "–", never 0 %."""
    if value is None:
        return "–"
    if value in (0, 1):
        return f"{value * 100:.0f} %"
    return f"{value * 100:.1f} %".replace(".", ",")

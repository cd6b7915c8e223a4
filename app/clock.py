"""The current time, as naive Vietnam local time (how the database stores it)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_local() -> datetime:
    return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)

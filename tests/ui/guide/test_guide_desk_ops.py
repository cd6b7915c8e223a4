"""The guide desk's counts are read through ui/ops.py (issue 19): off the GUI thread on a real pool,
painted when they come, and again after each citizen recorded. Real SQLite file, real threads; the
service is wrapped only to note its thread."""

import threading
from datetime import datetime

from sqlalchemy import select

import ui.guide.desk as desk_module
from app.domain.permissions import Actor
from app.domain.vocab import Role
from db.models import User
from ui.guide.desk import GuideDeskPage
from ui.main import make_app

NOW = datetime(2026, 11, 23, 9, 30)
WAIT_MS = 20_000


def test_the_counts_are_read_off_the_gui_thread(qtbot, db, data_dir, monkeypatch, thread_ops):
    make_app()
    with db.reading() as s:
        user_id = s.scalar(select(User.id).where(User.login == "huongdan"))
    guide = Actor(login="huongdan", role=Role.GUIDE, user_id=user_id, full_name="Trần Văn Bình")
    threads: list = []
    real = desk_module.guided_today

    def noting(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(desk_module, "guided_today", noting)
    page = GuideDeskPage(db, guide, lambda: NOW, data_dir, open_file=lambda _path: True)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.today.text() == "Hôm nay bạn đã hướng dẫn: 0 người\nCả cơ quan hôm nay: 0 người",
                    timeout=WAIT_MS)
    assert page.select("1.001193")
    page.log_helped()
    qtbot.waitUntil(lambda: page.today.text() == "Hôm nay bạn đã hướng dẫn: 1 người\nCả cơ quan hôm nay: 1 người",
                    timeout=WAIT_MS)
    assert page.recent.item(0).text() == "09:30 23/11 · Đăng ký khai sinh"
    assert len(threads) >= 4 and threading.main_thread() not in threads

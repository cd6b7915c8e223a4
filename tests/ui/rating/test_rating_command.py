"""`motcua rating --counter N`: a real process on a real SQLite file sees the prompt the desk's
"Xong" writes (the same path `make bench` times), and a wrong counter or database is one
Vietnamese line and exit 2, never a traceback nor a file made by mistake."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from app.cli.main import main
from tests.ui.rating.helpers import enable, ratings, serve_and_finish
from ui.rating.screen import SHOWN_HOOK

ROOT = Path(__file__).resolve().parents[3]


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line.rstrip("\n"))


def test_the_screen_process_shows_the_prompt_the_desk_asks_for(db, tmp_path):
    enable(db)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SHOWN_HOOK: "1", "MOTCUA_DATA_DIR": str(tmp_path / "data")}
    url = db.url.render_as_string(hide_password=False)
    proc = subprocess.Popen([sys.executable, "-m", "app", "--db", url, "rating", "--counter", "1", "--windowed"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, out), daemon=True).start()
    try:
        log = tmp_path / "data" / "logs" / "motcua-rating.log"
        deadline = time.monotonic() + 60
        while not (log.exists() and "rating started" in log.read_text(encoding="utf-8")):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the rating screen did not start"
            time.sleep(0.05)
        serve_and_finish(db, at=_now())  # the desk, in this process: "Xong"
        uuid = ratings(db)[0].uuid
        assert out.get(timeout=30) == f"rating-prompt-shown {uuid}"
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()


def _now():
    from app.clock import now_local

    return now_local()


def test_an_unknown_counter_is_one_line_and_exit_2(db, data_dir, capsys):
    url = db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "rating", "--counter", "9"]) == 2
    assert capsys.readouterr().err == "motcua: lỗi: Không có quầy số 9 đang hoạt động trong cơ sở dữ liệu này.\n"


def test_a_missing_or_bad_database_is_one_line_and_exit_2(tmp_path, data_dir, capsys):
    missing = tmp_path / "nowhere.sqlite3"
    assert main(["--db", f"sqlite:///{missing}", "rating", "--counter", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"motcua: lỗi: Không có tệp cơ sở dữ liệu «{missing}»") and err.count("\n") == 1
    assert not missing.exists()  # no empty database made by a typo
    garbage = tmp_path / "notes.sqlite3"
    garbage.write_bytes(b"not a database at all, just some bytes" * 100)
    assert main(["--db", f"sqlite:///{garbage}", "rating", "--counter", "1"]) == 2
    assert capsys.readouterr().err == f"motcua: lỗi: Tệp cơ sở dữ liệu bị hỏng hoặc không phải SQLite (SQLite: {garbage}).\n"
    assert main(["--db", "postgresql+psycopg://motcua@127.0.0.1:1/nothing", "rating", "--counter", "1"]) == 2
    assert capsys.readouterr().err == "motcua: lỗi: Không kết nối được máy chủ cơ sở dữ liệu (PostgreSQL: 127.0.0.1/nothing).\n"

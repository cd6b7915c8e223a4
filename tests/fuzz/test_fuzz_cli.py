"""The command line: the argument types, the parser with any argv, and `motcua …` run in process
with near-valid and random arguments. Every run ends with an exit code (0, 1 or 2) and, when it
fails, one line "motcua: lỗi: …" (or argparse's Vietnamese one) on stderr, never a traceback or a
crash log. Commands that open windows or start servers are left out here (gui, kiosk, display,
portal-sandbox, sync without --once, devices emulate): test_fuzz_every_command.py drives every
subcommand and option, those included."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from app.cli import types
from app.cli.main import build_parser, main
from tests.fuzz.strategies import VIETNAMESE, any_text, assert_refusal, fuzz, mutated_text

TYPES = [types.parse_date, types.parse_datetime, types.parse_hhmm, types.positive_int, types.positive_float,
         types.year, types.pause_seconds]


# --- argument types ---------------------------------------------------------------------------------
@fuzz(300)
@given(st.sampled_from(TYPES), st.one_of(any_text, mutated_text("20/11/2026"), mutated_text("2026-11-20T09:30"),
                                         mutated_text("15:00"), st.sampled_from(["inf", "nan", "1e300", "-0", "+5"])))
@example(types.parse_hhmm, "1500Z")  # was: accepted, a time with a time zone (TypeError in due-date)
@example(types.positive_float, "inf")  # was: accepted (OverflowError in due-date)
@example(types.parse_datetime, "9999-12-31T23:00")  # was: OverflowError in the calendar
@example(types.parse_datetime, "0001-01-01T00:00+14:00")  # was: OverflowError converting to local time
@example(types.parse_date, "a\nb")  # the message stays on one line
@example(types.pause_seconds, "-1")  # was: accepted (ValueError in time.sleep, exit 70)
def test_argument_types(kind, text):
    try:
        value = kind(text)
    except argparse.ArgumentTypeError as exc:
        assert_refusal(str(exc), names=("«",))
        return
    if isinstance(value, datetime | date):
        assert types.FIRST_YEAR <= value.year <= types.LAST_YEAR
    if isinstance(value, int | float) and kind is not types.year:
        assert 0 <= value <= types.MAX_COUNT


@fuzz(200)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.times(), st.integers(0, types.MAX_COUNT), st.floats(1e-6, types.MAX_COUNT))
def test_argument_types_round_trip(day, moment, n, hours):
    assert types.parse_date(f"{day:%d/%m/%Y}") == day == types.parse_date(day.isoformat())
    at = datetime.combine(day, moment)
    assert types.parse_datetime(at.isoformat()) == at
    hhmm = time(moment.hour, moment.minute)
    assert types.parse_hhmm(f"{hhmm:%H:%M}") == hhmm
    assert types.positive_int(str(n)) == n and types.positive_float(repr(hours)) == hours
    if 1990 <= day.year <= 2100:
        assert types.year(str(day.year)) == day.year


# --- the parser alone -------------------------------------------------------------------------------
WORDS = ["gui", "db", "upgrade", "catalog", "import", "list", "user", "add", "passwd", "calendar", "add-day-off",
         "add-working-day", "remove", "due-date", "dossier", "show", "search", "print", "receipt", "ledger",
         "fee-notice", "devices", "emulate", "escl", "--pages", "--jam-at", "kiosk", "display", "portal-sandbox", "sync", "report", "demo-data",
         "--json", "--json=1", "--days", "--hours", "--procedure", "--cutoff", "--received", "--from", "--to", "-o",
         "--year", "--reason", "--role", "--limit", "--counter", "--channel", "--format", "--dossiers", "--once",
         "--db", "--data-dir", "--help", "--version", "--d", "--", "-", "-x"]
argvs = st.lists(st.one_of(st.sampled_from(WORDS), any_text), max_size=8)


def parse(argv: list[str]) -> tuple[argparse.Namespace | None, int | None, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            return build_parser().parse_args(argv), None, err.getvalue()
        except SystemExit as exc:
            return None, exc.code, err.getvalue()


def check_usage_error(stderr: str) -> None:
    """argparse's refusal: one line, "motcua …: lỗi: … (xem «motcua … --help»)"."""
    assert stderr.endswith("\n") and len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("motcua") and ": lỗi: " in stderr and "--help»)" in stderr, stderr
    assert_refusal(stderr.strip())


@fuzz(300)
@given(argvs)
@example(["calendar", "add-day-off", "01/01/2027", "--reason", "nghỉ\udcff"])  # invalid UTF-8 in argv
@example(["dossier", "search", "a", "--json=1"])  # was: an English argparse message
@example(["dossier", "search", "a", "b\nc"])  # unrecognized arguments, quoted on one line
def test_any_argv_parses_or_is_one_vietnamese_line(argv):
    _args, code, stderr = parse(argv)
    if code is None or code == 0:
        return
    assert code == 2
    check_usage_error(stderr)


# --- `motcua …` in process, with a real database ---------------------------------------------------------
def opt(*tokens) -> st.SearchStrategy:
    return st.one_of(st.just([]), st.just(list(tokens)))


def slot(valid: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(valid, valid, any_text)


dates = slot(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([f"{d:%d/%m/%Y}", d.isoformat()])))
small = slot(st.integers(0, 30).map(str))
codes = slot(st.sampled_from(["000.00.01.H62-261123-0001", "2.000815", "1.004222", "x"]))
outputs = slot(st.sampled_from(["out.pdf", "out.xlsx", "bao-cao.json", "khong-co/out.pdf", ".", "out"]))
TEMPLATES = [
    st.tuples(st.just(["db", "upgrade"])),
    st.tuples(st.just(["catalog", "list"]), opt("--json")),
    st.tuples(st.just(["catalog", "import"]), st.lists(slot(st.sampled_from(["catalog.json", "khong-co.json", "."])),
                                                       min_size=1, max_size=1)),
    st.tuples(st.just(["user", "add"]), st.lists(slot(st.from_regex(r"\A[a-z]{3,10}\Z")), min_size=1, max_size=1),
              st.just(["--role"]), st.lists(slot(st.sampled_from(["officer", "admin", "boss"])), min_size=1, max_size=1),
              opt("--name", "Nguyễn Văn An"), st.just(["--password-stdin"])),
    st.tuples(st.just(["user", "passwd"]), st.lists(slot(st.just("canbo")), min_size=1, max_size=1),
              st.just(["--password-stdin"])),
    st.tuples(st.just(["calendar", "list", "--year"]), st.lists(slot(st.integers(1985, 2105).map(str)), min_size=1,
                                                                max_size=1)),
    st.tuples(st.lists(st.sampled_from(["calendar"]), min_size=1, max_size=1),
              st.lists(st.sampled_from(["add-day-off", "add-working-day", "remove"]), min_size=1, max_size=1),
              st.lists(dates, min_size=1, max_size=1), opt("--reason", "Nghỉ bù")),
    st.tuples(st.just(["due-date", "--received"]), st.lists(slot(st.just("2026-11-20T09:00")), min_size=1, max_size=1),
              st.one_of(st.tuples(st.just("--days"), small).map(list), st.tuples(st.just("--hours"), small).map(list),
                        st.tuples(st.just("--procedure"), codes).map(list)), opt("--cutoff", "15:00")),
    st.tuples(st.just(["dossier"]), st.lists(st.sampled_from(["show", "search"]), min_size=1, max_size=1),
              st.lists(codes, min_size=1, max_size=1), opt("--json")),
    st.tuples(st.just(["print"]), st.lists(st.sampled_from(["receipt", "supplement", "refusal", "control", "fee-notice"]),
                                           min_size=1, max_size=1), st.lists(codes, min_size=1, max_size=1),
              st.just(["-o"]), st.lists(outputs, min_size=1, max_size=1)),
    st.tuples(st.just(["print", "ledger", "--from"]), st.lists(dates, min_size=1, max_size=1), st.just(["--to"]),
              st.lists(dates, min_size=1, max_size=1), st.just(["-o"]), st.lists(outputs, min_size=1, max_size=1),
              opt("--book", "TP-HT")),
    st.tuples(st.just(["report", "--from"]), st.lists(dates, min_size=1, max_size=1), st.just(["--to"]),
              st.lists(dates, min_size=1, max_size=1), opt("--format", "json"), opt("-o", "bao-cao.xlsx"),
              opt("--counter", "1"), opt("--channel", "online"), opt("--procedure", "2.000815")),
    st.tuples(st.just(["demo-data", "--dossiers"]), st.lists(small, min_size=1, max_size=1)),
    st.tuples(st.just(["devices", "list"])),
    st.tuples(st.just(["sync", "--once"]), opt("--portal", "http://127.0.0.1:9"), opt("--token", "t")),
]
commands = st.one_of(*TEMPLATES).map(lambda parts: [t for part in parts for t in part])


@st.composite
def edited(draw, argv: list[str]) -> list[str]:
    """A near-valid command line: a token dropped, doubled or replaced, or one added."""
    argv = list(argv)
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(argv)))
        op = draw(st.sampled_from(["drop", "double", "replace", "insert"]))
        if op == "drop" and i < len(argv):
            del argv[i]
        elif op == "double" and i < len(argv):
            argv.insert(i, argv[i])
        elif op == "replace" and i < len(argv):
            argv[i] = draw(st.one_of(any_text, st.sampled_from(WORDS)))
        elif op == "insert":
            argv.insert(i, draw(st.one_of(any_text, st.sampled_from(WORDS))))
    return argv


SAFE = {"db", "catalog", "user", "calendar", "due-date", "dossier", "print", "report", "demo-data", "devices", "sync"}


def inside(folder: Path, text: str | None) -> bool:
    if text is None:
        return True
    try:
        return Path(text).expanduser().resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def safe(args: argparse.Namespace, home: Path) -> bool:
    """No window, server, real network or file outside the test's folder, and a bounded amount of work."""
    if args.command not in SAFE or (args.command == "devices" and args.devices_command != "list"):
        return False
    if args.command == "sync" and (not args.once or (args.portal or "").startswith(("http", "HTTP")) and
                                   args.portal != "http://127.0.0.1:9"):
        return False
    db = getattr(args, "db", None)
    if db is not None and (db.lower().startswith("postgres") or
                           db.startswith("sqlite:") and not inside(home, db.split("///", 1)[-1])):
        return False
    return (inside(home, getattr(args, "data_dir", None)) and inside(home, getattr(args, "output", None))
            and inside(home, getattr(args, "file", None)) and (getattr(args, "dossiers", 0) or 0) <= 30
            and (getattr(args, "days", 0) or 0) <= 20_000)


@pytest.fixture
def home(data_dir, tmp_path, monkeypatch, capsys):
    """The data folder with its database and the demo office (a fresh database without an office:
    its own test below), the current folder a scratch one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog.json").write_text('{"version": 1, "procedures": []}', encoding="utf-8")
    assert main(["demo-data", "--dossiers", "3"]) == 0
    capsys.readouterr()
    return tmp_path


def crash_logs(home: Path) -> set[Path]:
    return set((home / "data" / "logs").glob("crash-*"))


@fuzz(30)
@given(st.one_of(commands, commands.flatmap(edited)), any_text)
@example(["due-date", "--received", "2026-11-20T09:00", "--hours", "inf"], "")  # was: crash (OverflowError)
@example(["due-date", "--received", "2026-11-20T09:00", "--days", "3", "--cutoff", "1500Z"], "")  # was: TypeError
@example(["due-date", "--received", "9999-12-31T23:00", "--days", "3"], "")  # was: crash (OverflowError)
@example(["due-date", "--received", "2026-11-20T09:00", "--procedure", "a\x00"], "")
@example(["calendar", "add-day-off", "01/01/2027", "--reason", "nghỉ\udcff"], "")  # was: UnicodeEncodeError
@example(["catalog", "import", "danh\nmuc.json"], "")  # the file name quoted on one line
def test_motcua_in_process(home, capsys, monkeypatch, argv, stdin):
    args, code, _ = parse(argv)
    assume(code is not None or safe(args, home))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    logs = crash_logs(home)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help, --version, or a usage error
        code = exc.code
    _out, err = capsys.readouterr()
    event(f"{'usage error' if args is None else args.command}: exit {code}")  # --hypothesis-show-statistics
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and crash_logs(home) == logs, err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("\r")]
    if code == 2 and args is None:
        check_usage_error(err)
    elif code != 0:
        failures = [line for line in lines if line.startswith("motcua: lỗi: ")]
        assert len(failures) == 1, err
        assert_refusal(failures[0])
        start = lines.index(failures[0])
        assert all(line.startswith("  - ") or line == "  … và" for line in lines[start + 1:]), err
    assert all(any(c in VIETNAMESE for c in line.lower()) or line.strip().isdigit() for line in lines
               if "lỗi" in line), err


def test_print_ledger_before_the_office_is_set_up(data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["db", "upgrade"]) == 0
    code = main(["print", "ledger", "--from", "01/11/2026", "--to", "30/11/2026", "-o", "so.pdf"])
    assert code == 1 and capsys.readouterr().err.startswith("motcua: lỗi: ")


def test_a_password_that_is_not_utf8_is_refused(home, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Mật-khẩu-\udcff-đủ-dài-2026\n"))
    code = main(["user", "add", "nguoimoi", "--role", "officer", "--password-stdin"])
    assert code == 1 and capsys.readouterr().err.startswith("motcua: lỗi: ")


@pytest.mark.parametrize("argv", [
    [b"dossier", b"search", b"nguy\xe1n"],  # Latin-1 bytes, not UTF-8
    [b"calendar", b"add-day-off", b"01/01/2027", b"--reason", b"ngh\xff"],  # was: UnicodeEncodeError, exit 70
    [b"catalog", b"import", b"danh-m\xfcc.json"],
    [b"due-date", b"--received", b"2026-11-20T09:00", b"--days", b"3\x1b"],
], ids=["search", "reason", "file", "escape"])
def test_bytes_that_are_not_text_in_a_real_process(data_dir, argv):
    """What a terminal in another encoding sends: one line, exit 2, before any command runs."""
    import os
    import subprocess

    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([os.fsencode(sys.executable), b"-m", b"app", *argv], cwd=root, capture_output=True,
                       timeout=120, env={**os.environ, "MOTCUA_DATA_DIR": str(data_dir)})
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2, err
    check_usage_error(err)
    assert not data_dir.exists() or not list(data_dir.glob("logs/crash-*"))

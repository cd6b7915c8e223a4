"""Every subcommand and every option of `motcua`, found in build_parser() itself: a new subcommand
or option fails the meta-tests below until it has values here. Each command runs in process with
a real SQLite office, near-valid and hostile values (paths under a file, missing folders, names
longer than the disk takes, deeply nested JSON, text longer than its column), and must end with
exit 0, 1 or 2 and at most one Vietnamese line "motcua: lỗi: …", never a crash log.

What cannot run inside a test is replaced, and only that: the windows (gui, kiosk, display), the
sandbox portal's server loop and `sync`'s endless loop (each stub records that it was reached);
the emulators' waiting (a pause ends the run as Ctrl-C would, exit 130)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from app.cli.main import build_parser, main
from app.services.settings.store import SPECS
from tests.fuzz.strategies import any_text, assert_refusal, fuzz
from tests.fuzz.test_fuzz_cli import check_usage_error, edited

LONG = "a" * 300
DEEP = "[" * 5000 + "]" * 5000


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every runnable subcommand (`print receipt`, `backup`, …) with its own parser."""
    found = {}
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs and path:
        return {path: parser}
    for action in subs:
        for name, child in action.choices.items():
            found.update(leaves(child, (*path, name)))
    return found


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, argparse._HelpAction | argparse._VersionAction)
            and a.dest != "help"]


LEAVES = leaves(build_parser())

# What each option's value may be: `{home}` is the test's folder. The first value valid, the last a
# near miss or a hostile case of issue 18 point 5 (test_each_option_once runs each last value once);
# any_text is added to every one of them in the random runs.
H = "{home}"
VALUES: dict[str, list[str]] = {
    "db": [f"sqlite:///{H}/data/motcua.sqlite3", f"sqlite:///{H}/tep/x.sqlite3", f"sqlite:///{H}/{LONG}", "sqlite://"],
    "data_dir": [f"{H}/data", f"{H}/tep", f"{H}/{LONG}", f"{H}/khac"],
    "file": [f"{H}/catalog.json", f"{H}/settings.json", f"{H}/deep.json", f"{H}/notutf8.json", f"{H}/ban.sqlite3",
             f"{H}/tep", H, f"{H}/khong-co.json", f"{H}/{LONG}.json", f"{H}/ma.txt"],
    "output": [f"{H}/ra.pdf", f"{H}/ra.xlsx", f"{H}/ra.json", f"{H}/tep/ra.pdf", f"{H}/khong-co/ra.pdf",
               f"{H}/{LONG}.pdf", H, f"{H}/sao-luu/", f"{H}/tep/"],
    "code": ["000.00.01.H62-230801-0001", "x", "2.000815"], "text": ["a", "nguyen", "0912"],
    "login": ["canbo", "nguoimoi", "x" * 100, "admin"], "role": ["officer", "admin", "boss"],
    "name": ["Nguyễn Văn An", "x" * 201], "password_stdin": [], "json": [], "demo": [], "windowed": [],
    "no_printer": [], "mute": [], "faults": [], "once": [], "auto": [], "yes": [], "allow_missing_files": [],
    "year": ["2026", "1985", "2027"], "date": ["02/01/2027", "2027-01-03", "31/02/2027"],
    "reason": ["Nghỉ bù", "x" * 301, "x" * 300],
    "received": ["2026-11-20T09:00", "9999-12-31T23:00"], "at": ["2026-11-20T09:00", "tomorrow"], "days": ["3", "1000000", "0"],
    "hours": ["4", "inf"], "procedure": ["2.000815", "x"], "cutoff": ["15:00", "1500Z"], "limit": ["5", "0"],
    "date_from": ["01/11/2026", "01/01/2023"], "date_to": ["30/11/2026", "31/12/2027", "01/01/2020"],
    "format": ["json", "xlsx", "pdf"], "sector": ["x"], "channel": ["online", "post"], "counter": ["1", "99"],
    "officer": ["canbo", "khong-co", "x" * 300],  # report: one officer's ratings
    "book": ["TP-HT", "khong-co", " "],
    "dossiers": ["2", "0"], "seed": ["1", "-5"],
    "kind": ["scanner", "display", "printer"], "link": [f"{H}/cong", f"{H}/tep/cong", f"{H}/{LONG}", "/proc/cong"],
    "pause": ["0", "-1", "1e9", "nan"], "protocol": ["ascii", "modbus"],
    "port": ["0", "-1", "70000"], "host": ["127.0.0.1", "khong-co-may-nay.invalid", "localhost"],
    "pages": ["3", "501", "0"], "jam_at": ["2", "501", "0"], "drop_at": ["2", "501", "0"], "empty": [],
    "slow": ["0", "60001"],
    "store": [f"{H}/cong.sqlite3", f"{H}/tep/cong.sqlite3", H, f"{H}/tep", f"{H}/{LONG}"],
    "token": ["t", " "], "unit": ["000.00.01.H62", "x"], "portal": ["http://127.0.0.1:9", "ftp://x", ""],
    "key": [*SPECS, "khong-co"],
    "value": ["3", "true", "có", "[]", DEEP, f"{H}/sao-luu-tu-dong", f"{H}/tep", f"{H}/tep/x", "x" * 400, "A5"],
    "to": [f"sqlite:///{H}/ban-chep.sqlite3", "postgresql+psycopg://", f"sqlite:///{H}/tep/x.sqlite3"],
    "as_login": ["canbo", "admin", "khong-co"],
    "failed": [], "uuid": ["00000000-0000-0000-0000-000000000000", "khong-co", "x" * 300],
    "notice_channel": ["sms", "email", "zalo", "fax"], "recipient": ["0912345678", "an@example.vn", "x" * 300],
    "roots": [f"{H}/data", f"{H}/tep", f"{H}/khong-co", H],  # verify --roots DIR
    "fingerprint": ["abcdef12", "0" * 64, "x", "ab:cd:ef:01:23:45:67:89"],  # roots remove
    "all": [], "library": [f"{H}/khong-co.so", f"{H}/tep", f"{H}/{LONG}.so", H],  # signing sign / tokens
    # fees pay / payments / void / owed (app/cli/commands_fees_pay.py)
    "amount": ["15.000", "15000,5", "-5", "1" * 40], "method": ["cash", "transfer", "bitcoin"],
    "reference": ["FT2632712345", " ", "x" * 101], "payer": ["Trần Thị Bích", "x" * 301],
    "receipt_template": ["01BLP0-001", "x" * 21], "receipt_symbol": ["AB-26E", "x" * 21],
    "receipt_number": ["0000001", "x" * 21], "payment_id": ["1", "999999"],
    # fees receipts list / send / cancel / retry / number, fees sandbox (app/cli/commands_fees_receipts.py)
    "state": ["pending", "issued", "lost"], "receipt_id": ["1", "999999", "-1", "1" * 40], "no_replace": [],
    "payer_id": ["079190054321", "07 9", "x" * 21], "payer_address": ["12 Lê Lợi, Phường 1", "x" * 501],
    "template": ["01BLP0-001", "Mẫu 01", "x" * 21], "symbol": ["AA-26P", "AA 26P", "x" * 21],
    "number": ["0000012", "12a", "1" * 21],
    # fees report (app/cli/commands_fees_report.py)
    "pdf": [f"{H}/thu-phi.pdf", f"{H}/thu-phi.xlsx", f"{H}/khong-co/ra.pdf", f"{H}/{LONG}.pdf", H],
    "xlsx": [f"{H}/thu-phi.xlsx", f"{H}/thu-phi.pdf", f"{H}/tep/ra.xlsx", H],
    # fees slip / close / closings / closing / correct (app/cli/commands_fees_closing.py)
    "cash": ["1.250.000", "0", "-5", "25000,5", "1" * 40], "note": ["Thiếu tiền lẻ", " ", "x" * 5000],
    "dry_run": [], "open": [], "closing_id": ["1", "999999"],
}
# Options whose action runs forever or outside the test: replaced (see the module's text).
EMULATORS = [("devices", "emulate", kind) for kind in ("scanner", "display", "printer", "escl")]
ENDLESS = {("gui",), ("kiosk",), ("display",), ("portal-sandbox",), ("sync",), ("notices", "sandbox"), ("signing", "sandbox"),
           ("signing", "tsa"), ("fees", "sandbox"), *EMULATORS}
MAX_EXIT = dict.fromkeys(EMULATORS, 130)  # the emulators end as on Ctrl-C


def test_every_subcommand_has_fuzz_values():
    assert LEAVES, "no subcommand found in build_parser()"
    missing = {f"{' '.join(path)} {a.option_strings or a.dest}" for path, parser in LEAVES.items()
               for a in options(parser) if a.dest not in VALUES and a.dest not in ("command",)}
    assert not missing, f"options without fuzz values in VALUES: {sorted(missing)}"


def test_the_walk_finds_nested_and_plain_subcommands():
    assert ("print", "receipt") in LEAVES and ("backup",) in LEAVES and ("db", "upgrade") in LEAVES
    assert len(LEAVES) >= 35


def value(dest: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(VALUES[dest]), st.sampled_from(VALUES[dest]), any_text)


@st.composite
def command_line(draw, path: tuple[str, ...]) -> list[str]:
    """`path`, its positionals, then each option with or without a value; required ones mostly
    present (left out now and then: the usage error must be one line too)."""
    parser = LEAVES[path]
    argv = list(path)
    for action in options(parser):
        if not action.option_strings:
            if action.dest in VALUES and VALUES[action.dest]:
                argv.append(draw(value(action.dest)))
            continue
        chance = 0.9 if action.required else 0.4
        if draw(st.floats(0, 1)) > chance:
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        else:
            argv += [flag, draw(value(action.dest))]
    return argv


def prepare(home: Path) -> None:
    (home / "tep").write_text("x", encoding="utf-8")
    (home / "catalog.json").write_text('{"version": 1, "procedures": []}', encoding="utf-8")
    (home / "settings.json").write_text('{"motcua_settings": 2, "settings": {"receipt.copies": 3}}', encoding="utf-8")
    (home / "deep.json").write_text('{"version": 1, "procedures": ' + DEEP + "}", encoding="utf-8")
    (home / "notutf8.json").write_bytes(b'{"version": 1, "\xff": 1}')
    (home / "ma.txt").write_bytes(b"2.000815\nabc\xff\n")
    # `files verify`: a file no row names (and long since written), one whose name is no SHA-256,
    # and a folder where a file would be.
    orphan = home / "data" / "files" / "ab" / "cd"
    orphan.mkdir(parents=True)
    (orphan / ("abcd" + "0" * 60)).write_bytes(b"%PDF-1.4 orphan")
    os.utime(orphan / ("abcd" + "0" * 60), (0, 0))
    (orphan / "khong-phai-ma-bam.pdf").write_bytes(b"x")
    (orphan / ("abcd" + "1" * 60)).mkdir()


@pytest.fixture(scope="module")
def office_home(tmp_path_factory):
    """One office for every example of this module (building one takes seconds): each example
    must hold whatever state the earlier ones left."""
    home = tmp_path_factory.mktemp("fuzz-every-command")
    prepare(home)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOTCUA_DATA_DIR", str(home / "data"))
        mp.delenv("MOTCUA_DB", raising=False)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(["demo-data", "--dossiers", "3"]) == 0
            assert main(["backup", "-o", str(home / "ban.sqlite3")]) == 0
    return home


@pytest.fixture
def home(office_home, monkeypatch):
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(office_home / "data"))
    monkeypatch.delenv("MOTCUA_DB", raising=False)
    monkeypatch.delenv("MOTCUA_PORTAL_TOKEN", raising=False)
    monkeypatch.chdir(office_home)
    reached: list[str] = []
    from app.cli import commands_devices, commands_dossier
    from app.portal import sync as portal_sync
    from app.portal.sandbox import server

    def window(name, args, **_options):
        reached.append(name)
        return 0

    def interrupt(_seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands_dossier, "_frontend", window)
    monkeypatch.setattr(server, "run", lambda *a, **k: reached.append("portal-sandbox"))
    from app.notify import sandbox as notice_sandbox

    monkeypatch.setattr(notice_sandbox, "run", lambda *a, **k: reached.append("notices sandbox"))
    from app.cli import commands_signing

    # The signing sandboxes start for real (port 0 or as given) and stop at once instead of waiting for Ctrl-C.
    monkeypatch.setattr(commands_signing, "_wait", lambda thread: reached.append("signing sandbox"))
    from app.cli import commands_fees_receipts

    # The receipt sandbox too starts for real and stops at once.
    monkeypatch.setattr(commands_fees_receipts, "_wait", lambda thread: reached.append("fees sandbox"))
    monkeypatch.setattr(portal_sync.SyncEngine, "run_forever", lambda self, stop, on_report=None: None)
    monkeypatch.setattr(commands_devices.time, "sleep", interrupt)
    return office_home


def inside(home: Path, text: str | None) -> bool:
    if not text:
        return True
    if text.startswith("sqlite:"):
        text = text.split("///", 1)[-1]
    elif "://" in text:
        return False  # PostgreSQL: not from the fuzz pass
    try:
        return Path(text).expanduser().resolve().is_relative_to(home.resolve()) or text.startswith("/proc/")
    except (OSError, ValueError, RuntimeError):
        return False


def safe(args: argparse.Namespace, home: Path) -> bool:
    """Nothing outside the test's folder, no real network, a bounded amount of work."""
    for dest in ("db", "data_dir", "file", "output", "link", "store", "to"):
        if not inside(home, getattr(args, dest, None)):
            return False
    if getattr(args, "portal", None) not in (None, "", "http://127.0.0.1:9") and \
            str(args.portal).lower().startswith(("http:", "https:")):
        return False
    if getattr(args, "settings_command", None) == "set" and args.key in ("backup.folder", "portal.url") \
            and not inside(home, args.value):
        return False
    if getattr(args, "settings_command", None) == "set" and args.key.startswith(("notices.", "fees.receipts.")) \
            and args.key.endswith((".host", ".url")) and args.value not in ("", "127.0.0.1"):
        return False  # a notice channel pointed at a real server: `notices test` would reach it
    if getattr(args, "host", "127.0.0.1") not in ("127.0.0.1", "localhost"):
        return False
    return (getattr(args, "dossiers", 0) or 0) <= 30 and (getattr(args, "days", 0) or 0) <= 20_000


def parse(argv):
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return build_parser().parse_args(argv)
        except SystemExit:
            return None


def check_run(home: Path, path: tuple[str, ...], argv: list[str], stdin: str, *, counted: bool = True) -> int | None:
    """Run `motcua argv` in process and hold it to the contract; None when it is not safe to run."""
    argv = [a.replace("{home}", str(home)) for a in argv]
    args = parse(argv)
    if args is not None and not safe(args, home):
        return None
    sys.stdin = io.StringIO(stdin)
    logs = set((home / "data" / "logs").glob("crash-*"))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: a usage error
            code = exc.code
    err = err.getvalue()
    if counted:  # --hypothesis-show-statistics
        event(f"{' '.join(path)}: exit {code}")
    assert code in {0, 1, 2, MAX_EXIT.get(path, 2)}, (argv, code, err)
    assert "Traceback" not in err and set((home / "data" / "logs").glob("crash-*")) == logs, (argv, err)
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("\r")]
    if code == 2 and args is None:
        check_usage_error(err)
    elif code not in (0, 130):
        failures = [line for line in lines if line.startswith("motcua: lỗi: ")]
        assert len(failures) == 1, (argv, err)
        assert_refusal(failures[0])
    assert not list(home.glob(".*.tmp")), f"a temporary file left behind by {argv}"
    return code


@pytest.mark.parametrize("path", sorted(LEAVES), ids=" ".join)
@fuzz(6)
@given(data=st.data())
def test_every_command(home, monkeypatch, path, data):
    argv = data.draw(command_line(path).flatmap(lambda a: st.one_of(st.just(a), st.just(a), edited(a))))
    stdin = data.draw(st.sampled_from(["", "Mật-khẩu-đủ-dài-2026!\n", "x\udcff\n"]))
    monkeypatch.setattr(sys, "stdin", sys.stdin)  # put back after the test
    assume(check_run(home, path, argv, stdin) is not None)


def with_only(path: tuple[str, ...], dest: str) -> list[str]:
    """`path` with its positionals and required options at their first (valid) value, and the
    option `dest` at its last one (the near miss), taking the place of a rival in its group."""
    parser = LEAVES[path]
    rivals = {a.dest for g in parser._mutually_exclusive_groups if dest in {x.dest for x in g._group_actions}
              for a in g._group_actions} - {dest}
    argv = list(path)
    for action in options(parser):
        if action.dest in rivals or (action.option_strings and not action.required and action.dest != dest):
            continue
        values = VALUES[action.dest]
        chosen = None if not values else values[-1] if action.dest == dest else values[0]
        if not action.option_strings:
            argv.append(chosen)
        elif action.nargs == 0:
            argv.append(action.option_strings[-1])
        else:
            argv += [action.option_strings[-1], chosen]
    return argv


EACH_OPTION = sorted({(path, a.dest) for path, parser in LEAVES.items() for a in options(parser)
                      if a.dest not in ("db", "data_dir")} | {(path, dest) for path in LEAVES for dest in ("db", "data_dir")
                                                             if path in (("db", "upgrade"), ("settings", "list"),
                                                                         ("files", "verify"))})


@pytest.mark.parametrize("path, dest", EACH_OPTION, ids=lambda v: " ".join(v) if isinstance(v, tuple) else v)
def test_each_option_once(home, monkeypatch, path, dest):
    """Every option of every subcommand at least once, whatever the random draws above chose."""
    monkeypatch.setattr(sys, "stdin", sys.stdin)
    argv = with_only(path, dest)
    assert check_run(home, path, argv, "Mật-khẩu-đủ-dài-2026!\n", counted=False) is not None, f"not safe to run: {argv}"

"""`motcua --help`, every subcommand's --help and `motcua dossier show` print Vietnamese only.

argparse writes its own headings and option help in English unless mapped (app/cli/argparse_vi.py);
here every parser of the tree is asked for --help, as the user would, and its output is read for
argparse's English and for any English word. What may stay: the command and option names
themselves, the values an option takes (json, xlsx, officer …) and names such as SQLite or PDF."""

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parents[2]

# What argparse writes by itself, in English, when not translated.
ARGPARSE_ENGLISH = ["usage:", "options:", "positional arguments", "optional arguments", "show this help message",
                    "show program's version number", "and exit", "subcommands", "default:", "required"]
# English words an untranslated help line would carry.
ENGLISH_WORDS = {"the", "and", "of", "to", "for", "with", "show", "print", "file", "list", "this", "help", "message",
                 "exit", "number", "version", "default", "usage", "options", "arguments", "argument", "command",
                 "commands", "dossier", "dossiers", "user", "users", "database", "settings", "report", "read", "write",
                 "from", "into", "only", "each", "every", "one"}


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _names(parser: argparse.ArgumentParser) -> set[str]:
    """What a user types, which stays as it is: commands, options and the values they take."""
    out: set[str] = set()
    for action in parser._actions:
        for s in action.option_strings:
            out.update(w for w in re.split(r"[-_]", s) if w)
        for choice in action.choices or ():
            out.update(re.split(r"[-_]", str(choice)))
    return out


def _words(text: str) -> list[str]:
    """Whole words in ASCII letters only ("toàn" is no "to")."""
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.isascii()]


PATHS = [path for path, _ in _parsers(build_parser())]


def _help(capsys, path: tuple[str, ...]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*path, "--help"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "motcua")
def test_every_help_is_vietnamese(capsys, path):
    text = _help(capsys, path)
    parser = dict(_parsers(build_parser()))[path]
    assert text.startswith("cách dùng: motcua")
    for phrase in ARGPARSE_ENGLISH:
        assert phrase not in text.lower(), phrase
    allowed = _names(parser) | {w for name in path for w in name.split("-")} | {"motcua"}
    # Words of a line once what the user types is taken out: option strings, upper-case
    # placeholders (TỆP, MÃ_HỒ_SƠ) and literal values in braces or after "|".
    plain = re.sub(r"--?[\w-]+|\{[^}]*\}|\b[A-ZĐÀ-Ỹ_]{2,}\b", " ", text)
    english = {w.lower() for w in _words(plain)} & ENGLISH_WORDS - allowed
    assert english == set(), f"{' '.join(path)}: {sorted(english)}"


def test_the_tree_is_walked_whole():
    assert len(PATHS) > 40 and ("dossier", "show") in PATHS and ("devices", "emulate", "escl") in PATHS


def test_version_and_top_level_help_as_a_subprocess():
    r = subprocess.run([sys.executable, "-m", "app", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stderr == ""
    assert "hiện phiên bản rồi thoát" in r.stdout and "hiện hướng dẫn này rồi thoát" in r.stdout
    assert "show program's version" not in r.stdout and "tùy chọn:" in r.stdout


def test_the_word_check_catches_english(capsys):
    """The check above is not blind: argparse's own English, as it was, is caught."""
    p = argparse.ArgumentParser(prog="motcua")
    p.add_argument("--version", action="version", version="x")  # its default help, never passed through `_`
    text = p.format_help()
    assert "show program's version number and exit" in text
    plain = re.sub(r"--?[\w-]+|\{[^}]*\}|\b[A-Z_]{2,}\b", " ", text)
    assert {"show", "version", "exit"} <= {w.lower() for w in _words(plain)} & ENGLISH_WORDS


def test_dossier_show_names_each_step_in_vietnamese(capsys, data_dir, db, sqlite_url):
    """The history says "Chuyển phòng chuyên môn — <division>: <giver> giao, <taker> nhận", never
    the step's code (hand_over, register …)."""
    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, procedure_code, request

    code = register(db, OFFICER, request(procedure_code(db))).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Kinh tế", giver="Nguyễn Thị Mai",
                                                   taker="Trần Văn Bảo"))
    capsys.readouterr()
    assert main(["--db", sqlite_url, "dossier", "show", code]) == 0
    out = capsys.readouterr().out
    history = out.split("Lịch sử:\n", 1)[1].splitlines()
    assert history[-1].endswith("Chuyển phòng chuyên môn — Phòng Kinh tế: Nguyễn Thị Mai giao, Trần Văn Bảo nhận")
    assert not {"hand_over", "register", "receive"} & set(re.findall(r"[a-z_]+", out))

"""`motcua verify FILE.pdf [--json] [--roots DIR]` and `motcua roots list|add|remove`: no login, no
database; exit 0 only when every signature is valid and trusted, 1 for any other verdict, 2 for
bad usage; bad input is one Vietnamese line on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.cli.main import main
from app.paths import ROOT
from app.signing import roots as r
from app.signing.verify import NOT_REVOKED_CHECKED
from tests.helpers.pki import AGENCY, OFFICER_CN, make_pki
from tests.signing.test_verify import changed_after_signing, plain_pdf, sign

SIGNATURE_KEYS = {"field", "signer", "organization", "issuer", "serial", "fingerprint", "signed_at",
                  "timestamped", "intact", "whole_file", "trusted", "valid_at_signing", "scope", "ok",
                  "problems", "notes"}


@pytest.fixture
def pki(tmp_path):
    return make_pki(tmp_path / "ca")


@pytest.fixture
def roots_dir(tmp_path, pki):
    folder = tmp_path / "goc"
    folder.mkdir()
    (folder / "root.pem").write_bytes(pki.paths["root.pem"].read_bytes())
    return folder


@pytest.fixture
def signed(tmp_path, pki):
    path = tmp_path / "giay-tiep-nhan.pdf"
    path.write_bytes(sign(plain_pdf(), pki.signer()))
    return path


@pytest.fixture(autouse=True)
def no_bundled_roots(tmp_path, monkeypatch):
    monkeypatch.setattr(r, "BUNDLED_DIR", tmp_path / "bundled")  # what the office adds is all


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_a_valid_trusted_signature_prints_one_block_and_exits_0(capsys, data_dir, signed, roots_dir):
    code, out, err = run(capsys, "verify", str(signed), "--roots", str(roots_dir))
    assert (code, err) == (0, "")
    verdict = json.loads(run(capsys, "verify", str(signed), "--roots", str(roots_dir), "--json")[1])
    when = verdict["signatures"][0]["signed_at"]  # ISO, local time
    shown = f"{when[8:10]}/{when[5:7]}/{when[0:4]} {when[11:19]}"
    assert out.splitlines() == [
        f"Tệp: {signed}",
        f"Kết luận: Chữ ký hợp lệ: {OFFICER_CN} ký lúc {shown}.",
        "",
        "Chữ ký 1 (trường «ChuKySo»):",
        f"  Người ký: {OFFICER_CN} — {AGENCY}",
        f"  Thời điểm ký: {shown} (do máy của người ký ghi)",
        "  Toàn vẹn: Có",
        "  Phạm vi: Chữ ký bao toàn bộ tệp.",
        "  Tin cậy: Có (cấp bởi «Test Intermediate CA Một Cửa», nối tới chứng thư gốc tin cậy)",
        "  Chứng thư: còn hiệu lực lúc ký",
        "  Ghi chú: Thời điểm ký do máy của người ký ghi (không có dấu thời gian).",
        f"  Ghi chú: {NOT_REVOKED_CHECKED}",
    ]


def test_the_roots_added_with_motcua_roots_are_used_without_roots_option(capsys, data_dir, signed, pki):
    assert run(capsys, "verify", str(signed))[0] == 1  # nothing trusted yet
    code, out, err = run(capsys, "roots", "add", str(pki.paths["root.pem"]))
    assert (code, err) == (0, "")
    assert out == f"Đã thêm chứng thư gốc tin cậy «Test Root CA Một Cửa» (SHA-256 {pki.root_cert.sha256.hex()}).\n"
    assert (data_dir / "signing" / "roots").is_dir()
    assert run(capsys, "verify", str(signed))[0] == 0
    code, out, err = run(capsys, "roots", "list")
    assert (code, err) == (0, "")
    assert out == (f"{pki.root_cert.sha256.hex()[:16]}\tTest Root CA Một Cửa\tMột Cửa Test\t"
                   f"hết hạn {r.list_roots(data_dir)[0].not_after:%d/%m/%Y}\tcủa cơ quan\n")
    listed = json.loads(run(capsys, "roots", "list", "--json")[1])
    assert [(x["fingerprint"], x["source"], x["usable"]) for x in listed] == [
        (pki.root_cert.sha256.hex(), "office", True)]
    code, out, err = run(capsys, "roots", "remove", pki.root_cert.sha256.hex()[:16])
    assert (code, out, err) == (0, "Đã bỏ chứng thư gốc «Test Root CA Một Cửa» khỏi danh sách tin cậy.\n", "")
    assert run(capsys, "verify", str(signed))[0] == 1
    assert run(capsys, "roots", "list")[1].startswith("Chưa có chứng thư gốc tin cậy nào")


def test_roots_add_refuses_a_certificate_that_is_not_a_ca_in_one_line(capsys, data_dir, pki):
    code, out, err = run(capsys, "roots", "add", str(pki.paths["officer.pem"]))
    assert (code, out) == (1, "")
    assert err == ("motcua: lỗi: «officer.pem» (Nguyễn Văn An): không phải chứng thư của tổ chức chứng thực "
                   "(CA), không dùng làm gốc tin cậy được.\n")


def test_an_untrusted_signer_exits_1_and_says_why(capsys, tmp_path, data_dir, roots_dir):
    stranger = make_pki(tmp_path / "stranger")
    path = tmp_path / "la.pdf"
    path.write_bytes(sign(plain_pdf(), stranger.signer()))
    code, out, err = run(capsys, "verify", str(path), "--roots", str(roots_dir))
    problem = "Chứng thư số không do tổ chức chứng thực tin cậy cấp (không thuộc danh sách gốc tin cậy)."
    assert (code, err) == (1, f"motcua: lỗi: «la.pdf»: {problem}\n")
    lines = out.splitlines()
    assert lines[1] == f"Kết luận: {problem}"
    assert "  Tin cậy: Không" in lines and f"  Vấn đề: {problem}" in lines


def test_a_file_changed_after_signing_exits_1(capsys, tmp_path, data_dir, signed, roots_dir):
    path = tmp_path / "da-sua.pdf"
    path.write_bytes(changed_after_signing(signed.read_bytes()))
    code, out, err = run(capsys, "verify", str(path), "--roots", str(roots_dir))
    assert (code, err) == (1, "motcua: lỗi: «da-sua.pdf»: Tệp đã bị thay đổi sau khi ký.\n")
    assert out.splitlines()[1] == "Kết luận: Tệp đã bị thay đổi sau khi ký."
    assert "  Phạm vi: Tệp đã bị thay đổi sau khi ký." in out.splitlines()


@pytest.mark.parametrize("name, content, message", [
    ("anh.jpg", b"\xff\xd8\xff\xe0 not a pdf", "Tệp không phải PDF."),
    ("rong.pdf", b"", "Tệp rỗng, không phải PDF."),
    ("hong.pdf", b"%PDF-1.7\nnothing else\n", "Tệp PDF bị hỏng, không đọc được."),
    ("chua-ky.pdf", None, "Tệp không có chữ ký số."),
])
def test_a_file_with_nothing_to_check_is_one_line_on_stderr_and_exit_1(capsys, tmp_path, data_dir, roots_dir,
                                                                     name, content, message):
    path = tmp_path / name
    path.write_bytes(plain_pdf() if content is None else content)
    code, out, err = run(capsys, "verify", str(path), "--roots", str(roots_dir))
    assert (code, out, err) == (1, "", f"motcua: lỗi: «{name}»: {message}\n")
    code, out, err = run(capsys, "verify", str(path), "--roots", str(roots_dir), "--json")
    assert (code, err) == (1, f"motcua: lỗi: «{name}»: {message}\n")
    assert json.loads(out) == {"file": str(path), "ok": False, "summary": message, "revocation_checked": False,
                               "signatures": []}


@pytest.mark.parametrize("case", ["no such file", "a folder", "no such roots folder", "no file argument",
                                  "a name with a line break"])
def test_bad_usage_exits_2_with_one_line(capsys, tmp_path, data_dir, signed, case):
    argv, message = {
        "no such file": (["verify", str(tmp_path / "khong-co.pdf")],
                         f"motcua: lỗi: Không có tệp «{tmp_path / 'khong-co.pdf'}».\n"),
        "a folder": (["verify", str(tmp_path)], f"motcua: lỗi: «{tmp_path}» là một thư mục: hãy ghi tên tệp PDF.\n"),
        "no such roots folder": (["verify", str(signed), "--roots", str(tmp_path / "khong-co")],
                                 f"motcua: lỗi: Không có thư mục chứng thư gốc «{tmp_path / 'khong-co'}».\n"),
        "no file argument": (["verify"], None),
        "a name with a line break": (["verify", str(tmp_path / "a\nb.pdf")], None),
    }[case]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    if message is not None:
        assert err == message


def test_json_for_machines(capsys, tmp_path, data_dir, signed, roots_dir, pki):
    twice = tmp_path / "hai-chu-ky.pdf"
    twice.write_bytes(sign(signed.read_bytes(), pki.signer(), field="ChuKySo2"))
    code, out, err = run(capsys, "verify", str(twice), "--roots", str(roots_dir), "--json")
    assert (code, err) == (0, "")
    verdict = json.loads(out)
    assert set(verdict) == {"file", "ok", "summary", "revocation_checked", "signatures"}
    assert (verdict["ok"], verdict["summary"], verdict["revocation_checked"]) == (
        True, "Cả 2 chữ ký đều hợp lệ.", False)
    first, second = verdict["signatures"]
    assert set(first) == SIGNATURE_KEYS
    assert (first["field"], first["signer"], first["organization"]) == ("ChuKySo", OFFICER_CN, AGENCY)
    assert (first["intact"], first["whole_file"], first["trusted"], first["ok"]) == (True, False, True, True)
    assert (second["whole_file"], second["problems"]) == (True, [])
    assert first["fingerprint"] == pki.officer_cert.sha256.hex()
    assert len(first["signed_at"]) == 19 and first["signed_at"][10] == "T"  # local, no zone
    broken = tmp_path / "sai.pdf"
    broken.write_bytes(changed_after_signing(signed.read_bytes()))
    code, out, err = run(capsys, "verify", str(broken), "--roots", str(roots_dir), "--json")
    assert (code, err) == (1, "motcua: lỗi: «sai.pdf»: Tệp đã bị thay đổi sau khi ký.\n")
    assert json.loads(out)["signatures"][0]["problems"] == ["Tệp đã bị thay đổi sau khi ký."]


def test_the_real_program_prints_nothing_on_stderr_for_a_good_file(tmp_path, signed, roots_dir):
    """A separate process, as an officer runs it: no library warning leaks onto the console."""
    env = {**os.environ, "MOTCUA_DATA_DIR": str(tmp_path / "data"), "PYTHONWARNINGS": "default"}
    done = subprocess.run([sys.executable, "-m", "app", "verify", str(signed), "--roots", str(roots_dir)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[1].startswith(f"Kết luận: Chữ ký hợp lệ: {OFFICER_CN} ký lúc ")

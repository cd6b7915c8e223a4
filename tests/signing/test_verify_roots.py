"""app/signing/roots.py: the trusted roots are files an office manages (bundled ones plus
<data>/signing/roots), and what verify_pdf trusts follows them."""

from __future__ import annotations

import logging

import pytest

from app.errors import UserError
from app.signing import roots as r
from app.signing.verify import verify_pdf
from tests.helpers.pki import make_pki
from tests.signing.test_verify import plain_pdf, sign


@pytest.fixture
def pki(tmp_path):
    return make_pki(tmp_path / "ca")


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """The shipped roots folder pointed at a test folder (the real one holds only its README)."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    monkeypatch.setattr(r, "BUNDLED_DIR", folder)
    return folder


def test_the_shipped_folder_explains_itself_and_invents_no_certificate():
    assert (r.BUNDLED_DIR / "README.md").is_file()
    assert r.roots_in(r.BUNDLED_DIR, r.BUNDLED) == []


def test_nothing_is_trusted_until_the_office_adds_a_root(data, bundled, pki):
    signed = sign(plain_pdf(), pki.signer())
    assert r.list_roots(data) == [] and r.trusted_roots(data) == []
    assert verify_pdf(signed, r.trusted_roots(data)).ok is False
    info = r.add_root(data, pki.paths["root.pem"])
    assert (info.name, info.organization, info.source) == ("Test Root CA Một Cửa", "Một Cửa Test", r.OFFICE)
    assert info.fingerprint == pki.root_cert.sha256.hex()
    assert info.path.parent == data / "signing" / "roots" and info.path.suffix == ".cer"
    assert info.path.read_bytes() == pki.root_der
    assert [x.fingerprint for x in r.list_roots(data)] == [info.fingerprint]
    assert r.trusted_roots(data) == [pki.root_der]
    assert verify_pdf(signed, r.trusted_roots(data)).ok is True


def test_a_der_file_is_added_as_well(data, bundled, pki):
    assert r.add_root(data, pki.paths["root.der"]).fingerprint == pki.root_cert.sha256.hex()


def test_removing_a_root_by_the_start_of_its_fingerprint_stops_trusting_it(data, bundled, pki):
    signed = sign(plain_pdf(), pki.signer())
    info = r.add_root(data, pki.paths["root.pem"])
    removed = r.remove_root(data, info.fingerprint[:12].upper())
    assert removed.fingerprint == info.fingerprint and not info.path.exists()
    assert r.trusted_roots(data) == []
    assert verify_pdf(signed, r.trusted_roots(data)).ok is False


def test_a_colon_separated_fingerprint_is_accepted(data, bundled, pki):
    info = r.add_root(data, pki.paths["root.pem"])
    colons = ":".join(info.fingerprint[i:i + 2] for i in range(0, 64, 2))
    assert r.remove_root(data, colons).name == "Test Root CA Một Cửa"


def test_bundled_roots_are_trusted_listed_first_and_not_removable_here(tmp_path, data, bundled, pki):
    other = make_pki(tmp_path / "other")
    (bundled / "quoc-gia.crt").write_bytes(other.paths["root.pem"].read_bytes())
    r.add_root(data, pki.paths["root.der"])
    listed = r.list_roots(data)
    assert [(x.fingerprint, x.source) for x in listed] == [(other.root_cert.sha256.hex(), r.BUNDLED),
                                                          (pki.root_cert.sha256.hex(), r.OFFICE)]
    assert r.trusted_roots(data) == [other.root_der, pki.root_der]
    with pytest.raises(UserError) as e:
        r.remove_root(data, other.root_cert.sha256.hex()[:8])
    assert str(e.value) == "Chứng thư gốc «Test Root CA Một Cửa» đi kèm phần mềm, không xóa được ở đây."
    with pytest.raises(UserError) as e:
        r.add_root(data, other.paths["root.der"])
    assert str(e.value) == "Chứng thư gốc «Test Root CA Một Cửa» đã có trong danh sách tin cậy."


@pytest.mark.expected_log("app.signing.roots", logging.WARNING, r"junk.pem is not a certificate; ignored",
                         count=3)  # once per reading of the folder
def test_files_dropped_in_by_hand_are_read_junk_skipped_and_a_non_ca_listed_unused(data, bundled, pki):
    folder = r.office_dir(data)
    folder.mkdir(parents=True)
    (folder / "chain.pem").write_bytes(pki.paths["chain.pem"].read_bytes())  # officer + CAs, one file
    (folder / "junk.pem").write_text("không phải chứng thư", encoding="utf-8")
    (folder / "ghi-chu.txt").write_text("ignored: not a certificate suffix", encoding="utf-8")
    listed = {x.name: x for x in r.list_roots(data)}
    assert set(listed) == {"Nguyễn Văn An", "Test Intermediate CA Một Cửa", "Test Root CA Một Cửa"}
    assert listed["Nguyễn Văn An"].usable is False
    assert listed["Nguyễn Văn An"].problem.startswith("không phải chứng thư của tổ chức chứng thực (CA)")
    assert sorted(r.trusted_roots(data)) == sorted([pki.intermediate_cert.dump(), pki.root_der])
    with pytest.raises(UserError) as e:
        r.remove_root(data, pki.root_cert.sha256.hex())
    assert str(e.value) == (f"Chứng thư gốc «Test Root CA Một Cửa» nằm chung tệp «{folder / 'chain.pem'}» "
                            "với chứng thư khác: hãy sửa tệp đó.")


@pytest.mark.parametrize("case", ["not a certificate", "not a CA", "two certificates", "missing", "folder",
                                  "empty"])
def test_what_add_root_refuses(tmp_path, data, bundled, pki, case):
    junk = tmp_path / "ghi-chu.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", encoding="utf-8")
    empty = tmp_path / "rong.cer"
    empty.write_bytes(b"")
    path, message = {
        "not a certificate": (junk, "«ghi-chu.pem» không phải tệp chứng thư số (PEM hoặc DER)."),
        "empty": (empty, "«rong.cer» không phải tệp chứng thư số (PEM hoặc DER)."),
        "not a CA": (pki.paths["officer.pem"], "«officer.pem» (Nguyễn Văn An): không phải chứng thư của tổ "
                     "chức chứng thực (CA), không dùng làm gốc tin cậy được."),
        "two certificates": (pki.paths["chain.pem"], "«chain.pem» chứa 3 chứng thư: hãy thêm từng chứng thư "
                             "gốc một."),
        "missing": (tmp_path / "khong-co.cer", f"Không có tệp «{tmp_path / 'khong-co.cer'}»."),
        "folder": (tmp_path, f"«{tmp_path}» là một thư mục, không phải tệp chứng thư."),
    }[case]
    with pytest.raises(UserError) as e:
        r.add_root(data, path)
    assert str(e.value) == message
    assert not r.office_dir(data).exists() or list(r.office_dir(data).iterdir()) == []


@pytest.mark.parametrize("text, message", [
    ("xyz", "«xyz» không phải dấu vân tay SHA-256: cần ít nhất 8 chữ số hệ 16 (cột đầu của «motcua roots list»)."),
    ("abc", "«abc» không phải dấu vân tay SHA-256: cần ít nhất 8 chữ số hệ 16 (cột đầu của «motcua roots list»)."),
    ("0" * 64, f"Không có chứng thư gốc nào có dấu vân tay «{'0' * 64}»."),
])
def test_what_remove_root_refuses(data, bundled, pki, text, message):
    r.add_root(data, pki.paths["root.pem"])
    with pytest.raises(UserError) as e:
        r.remove_root(data, text)
    assert str(e.value) == message
    assert len(r.list_roots(data)) == 1

"""A test certificate authority made in the test (issue 24): a root CA, an intermediate CA, the
receiving officer's signing certificate and a time-stamping certificate, all real X.509 made with
`cryptography`, plus a second root nobody trusts (for the "not trusted" cases).

    pki = make_pki(tmp_path)
    pki.officer_cert            # asn1crypto.x509.Certificate
    pki.officer_key_pem         # PKCS#8 PEM bytes (unencrypted)
    pki.signer()                # a pyhanko SimpleSigner with the chain, for tests without a token
    pki.nss_db()                # "sql:DIR" with the root trusted, for `pdfsig -nssdir`

`not_before` / `not_after` set the officer certificate's validity (the CAs stay valid), to make an
expired or not-yet-valid certificate."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_CN = "Test Root CA Một Cửa"
INTERMEDIATE_CN = "Test Intermediate CA Một Cửa"
UNTRUSTED_ROOT_CN = "Untrusted Root CA"
OFFICER_CN = "Nguyễn Văn An"
AGENCY = "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long"
TSA_CN = "Test TSA Một Cửa"


def _name(cn: str, org: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(subject: x509.Name, key, issuer: x509.Name, issuer_key, *, ca: bool, not_before: datetime,
          not_after: datetime, path_len: int | None = None, leaf_usage: str = "sign") -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    if ca:
        usage = dict(digital_signature=False, content_commitment=False, key_cert_sign=True, crl_sign=True)
    else:
        usage = dict(digital_signature=True, content_commitment=(leaf_usage == "sign"),
                     key_cert_sign=False, crl_sign=False)
    builder = builder.add_extension(
        x509.KeyUsage(key_encipherment=False, data_encipherment=False, key_agreement=False,
                      encipher_only=False, decipher_only=False, **usage),
        critical=True)
    if leaf_usage == "tsa" and not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _pkcs8(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass
class Pki:
    dir: Path
    root_cert: asn1_x509.Certificate
    intermediate_cert: asn1_x509.Certificate
    officer_cert: asn1_x509.Certificate
    untrusted_root_cert: asn1_x509.Certificate
    tsa_cert: asn1_x509.Certificate
    officer_key_pem: bytes  # PKCS#8, unencrypted
    intermediate_key_pem: bytes
    tsa_key_pem: bytes
    root_key_pem: bytes
    # files: root.pem/.der, intermediate.pem/.der, officer.pem/.der, officer.key.pem,
    # untrusted_root.pem/.der, tsa.pem, tsa.key.pem, chain.pem (officer, intermediate, root)
    paths: dict[str, Path] = field(default_factory=dict)
    _nss: str = ""

    @property
    def root_der(self) -> bytes:
        return self.root_cert.dump()

    @property
    def chain(self) -> list[asn1_x509.Certificate]:
        """The officer's certificate first, then the intermediate, then the root."""
        return [self.officer_cert, self.intermediate_cert, self.root_cert]

    def officer_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(
            serialization.load_pem_private_key(self.officer_key_pem, None).private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption()))

    def signer(self):
        """A pyHanko SimpleSigner with the officer's key and chain (no token)."""
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        return SimpleSigner(
            signing_cert=self.officer_cert, signing_key=self.officer_key(),
            cert_registry=SimpleCertificateStore.from_certs([self.intermediate_cert, self.root_cert]))

    def validation_context(self, **kwargs):
        """A pyHanko ValidationContext trusting only this PKI's root."""
        from pyhanko_certvalidator import ValidationContext

        return ValidationContext(trust_roots=[self.root_cert], other_certs=[self.intermediate_cert],
                                 allow_fetching=False, **kwargs)

    def nss_db(self) -> str:
        """An NSS database trusting this PKI's root ("CT,C,C"), for `pdfsig -nssdir`."""
        if self._nss:
            return self._nss
        db = self.dir / "nss"
        # certutil -N on an existing database asks for its password on stdin: start afresh
        shutil.rmtree(db, ignore_errors=True)
        db.mkdir()
        subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True,
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "Test Root CA", "-t", "CT,C,C",
                        "-i", str(self.paths["root.pem"])], check=True, capture_output=True,
                       stdin=subprocess.DEVNULL, timeout=60)
        self._nss = f"sql:{db}"
        return self._nss


def make_pki(tmp_path: Path, *, not_before: datetime | None = None,
             not_after: datetime | None = None) -> Pki:
    """A fresh PKI under tmp_path/pki. The officer's certificate is valid from `not_before`
    (default: a day ago) to `not_after` (default: in a year); aware datetimes or naive UTC."""
    now = datetime.now(UTC).replace(microsecond=0)
    ca_from, ca_to = now - timedelta(days=3650), now + timedelta(days=3650)
    nb = not_before if not_before is not None else now - timedelta(days=1)
    na = not_after if not_after is not None else now + timedelta(days=365)
    nb = nb if nb.tzinfo else nb.replace(tzinfo=UTC)
    na = na if na.tzinfo else na.replace(tzinfo=UTC)
    # the CAs must cover the officer's validity, or the chain itself would be out of date
    ca_from, ca_to = min(ca_from, nb - timedelta(days=1)), max(ca_to, na + timedelta(days=1))

    root_key, inter_key, officer_key, other_key, tsa_key = (_key() for _ in range(5))
    root_name, inter_name = _name(ROOT_CN, "Một Cửa Test"), _name(INTERMEDIATE_CN, "Một Cửa Test")
    root = _cert(root_name, root_key, root_name, root_key, ca=True, not_before=ca_from,
                 not_after=ca_to, path_len=1)
    inter = _cert(inter_name, inter_key, root_name, root_key, ca=True, not_before=ca_from,
                  not_after=ca_to, path_len=0)
    officer = _cert(_name(OFFICER_CN, AGENCY), officer_key, inter_name, inter_key, ca=False,
                    not_before=nb, not_after=na)
    other_name = _name(UNTRUSTED_ROOT_CN, "Nobody")
    other = _cert(other_name, other_key, other_name, other_key, ca=True, not_before=ca_from,
                  not_after=ca_to, path_len=1)
    tsa = _cert(_name(TSA_CN, "Một Cửa Test"), tsa_key, inter_name, inter_key, ca=False,
                not_before=now - timedelta(days=1), not_after=ca_to - timedelta(days=1),
                leaf_usage="tsa")

    d = Path(tmp_path) / "pki"
    d.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        (d / name).write_bytes(data)
        paths[name] = d / name

    pem, der = serialization.Encoding.PEM, serialization.Encoding.DER
    for stem, cert in (("root", root), ("intermediate", inter), ("officer", officer),
                       ("untrusted_root", other), ("tsa", tsa)):
        write(f"{stem}.pem", cert.public_bytes(pem))
        write(f"{stem}.der", cert.public_bytes(der))
    write("officer.key.pem", _pkcs8(officer_key))
    write("tsa.key.pem", _pkcs8(tsa_key))
    write("chain.pem", b"".join(c.public_bytes(pem) for c in (officer, inter, root)))
    return Pki(dir=d, root_cert=_asn1(root), intermediate_cert=_asn1(inter),
               officer_cert=_asn1(officer), untrusted_root_cert=_asn1(other), tsa_cert=_asn1(tsa),
               officer_key_pem=_pkcs8(officer_key), intermediate_key_pem=_pkcs8(inter_key),
               tsa_key_pem=_pkcs8(tsa_key), root_key_pem=_pkcs8(root_key), paths=paths)

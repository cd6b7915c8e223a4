"""Signing figures for `make bench` (issue 24 §4): Form 01 as an e-receipt signed on a real
PKCS#11 token (SoftHSM2 with the test CA of tests/helpers/pki.py, in a temporary folder), 30 times,
median (target ≤ 250 ms); the signed file checked by app.signing.verify.verify_pdf against the test
root, 30 times, median (target ≤ 150 ms). The token is opened once, as the desk does after the PIN.
Run alone: `python -m bench.signing`."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 30


def bench_signing(workdir: Path | None = None, runs: int = RUNS) -> dict:
    from app.signing.pkcs11_signer import open_token
    from printing.receipt import build_e_receipt, warm_up
    from tests.helpers.softhsm import delete_token, make_token
    from tests.printing.test_receipt import sample

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        token = make_token(Path(tmp))
        try:
            warm_up()
            pdf, box = build_e_receipt(sample())
            signer = open_token(token.library, token.pin, label=token.label)
            try:
                signer.sign_pdf(pdf, box, reason="Tiếp nhận hồ sơ", location="Vĩnh Long")  # imports, fonts
                samples = []
                for _ in range(runs):
                    t = time.perf_counter()
                    signed = signer.sign_pdf(pdf, box, reason="Tiếp nhận hồ sơ", location="Vĩnh Long")
                    samples.append((time.perf_counter() - t) * 1000)
            finally:
                signer.close()
        finally:
            delete_token(token)
        out = {"sign_receipt_p50_ms": statistics.median(samples)}
        try:
            from app.signing.verify import verify_pdf
        except ImportError:  # helper B's module not there: the sign figure alone
            return out
        roots = [token.pki.root_der]
        verdict = verify_pdf(signed, roots)
        if not verdict.ok:
            raise RuntimeError(f"the benchmark's signed receipt does not verify: {verdict.summary}")
        checks = []
        for _ in range(runs):
            t = time.perf_counter()
            verify_pdf(signed, roots)
            checks.append((time.perf_counter() - t) * 1000)
        out["verify_pdf_p50_ms"] = statistics.median(checks)
        return out


if __name__ == "__main__":
    print(bench_signing())
    sys.exit(0)

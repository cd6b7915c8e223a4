"""No duplicate dossier code, and no gap, with many processes registering at once."""

import multiprocessing as mp

import pytest

from app.domain.codes import parse_dossier_code
from app.services.trust.audit_chain import verify
from tests.helpers.factories import procedure_code
from tests.helpers.register_worker import register_many


def run_processes(db, processes: int, each: int) -> list[str]:
    ctx = mp.get_context("spawn")
    start, out = ctx.Barrier(processes), ctx.Queue()
    url = db.url.render_as_string(hide_password=False)
    code = procedure_code(db)
    workers = [ctx.Process(target=register_many, args=(url, code, each, start, out)) for _ in range(processes)]
    for w in workers:
        w.start()
    codes = [c for _ in workers for c in out.get(timeout=180)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    return codes


@pytest.mark.parametrize("backend,processes,each", [("postgresql", 8, 25), ("sqlite", 4, 25)])
def test_concurrent_registration_allocates_every_number_once(request, backend, processes, each):
    db = request.getfixturevalue("pg_db" if backend == "postgresql" else "db")
    codes = run_processes(db, processes, each)
    assert len(codes) == len(set(codes)) == processes * each
    assert sorted(parse_dossier_code(c).sequence for c in codes) == list(range(1, processes * each + 1))
    # The audit records the processes wrote at the same moment still form one unbroken chain.
    result = verify(db)
    assert result.ok, result.finding and result.finding.message
    assert result.count >= processes * each

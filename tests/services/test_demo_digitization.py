"""The demo data's digitization (app/services/demo_digitization.py): states only from 01/7/2025,
online dossiers exempt as a whole, every scanned or reused line and most results pointing at one
whole demo PDF, and the report's figures something to show — on both databases."""

from collections import Counter
from datetime import date, datetime

from sqlalchemy import select

from app.devices.docscan.assemble import pdf_page_count
from app.domain.permissions import Actor
from app.domain.vocab import Channel
from app.services.demo_data import generate
from app.services.files import store
from db.models import Dossier, DossierDocument, DossierFile, StoredFile

UNTIL = datetime(2026, 11, 20, 15, 30)


def test_demo_dossiers_since_the_reform_are_digitized_with_one_whole_demo_file(any_db, tmp_path):
    generate(any_db, Actor.system(), 600, seed=3, until=UNTIL, years=2)
    with any_db.reading() as s:
        lines = s.execute(select(DossierDocument.id, DossierDocument.digitization, DossierDocument.reuse_source,
                                 Dossier.received_at, Dossier.channel, Dossier.finished_at)
                          .join(Dossier, Dossier.id == DossierDocument.dossier_id)).all()
        files = s.execute(select(DossierFile.document_id, DossierFile.kind, DossierFile.sha256)).all()
        stored = s.scalars(select(StoredFile)).all()
    before = [x for x in lines if x.received_at.date() < date(2025, 7, 1)]
    after = [x for x in lines if x.received_at.date() >= date(2025, 7, 1)]
    assert before and {x.digitization for x in before} == {None}
    assert {x.digitization for x in after if x.channel == Channel.ONLINE} <= {"exempt", None}
    states = Counter(x.digitization for x in after if x.channel != Channel.ONLINE)
    assert states["scanned"] > 0.8 * sum(states.values())
    assert {"reused", "shown", "exempt", "not_digitized"} <= set(states)
    with_files = {x.id for x in after if x.digitization in ("scanned", "reused")}
    assert {f.document_id for f in files if f.kind == "intake"} == with_files
    assert {x.reuse_source for x in after if x.digitization == "reused"} == {"local", "portal"}
    results = [f for f in files if f.kind == "result"]
    finished = [x for x in after if x.finished_at is not None]
    assert results and finished
    assert len(stored) == 1 and {f.sha256 for f in files} == {stored[0].sha256}
    assert store.verify(any_db, tmp_path).ok  # the bytes are in the row: whole without a data folder
    with any_db.reading() as s:
        pdf = store.open_file(s, tmp_path, stored[0].sha256)
    assert pdf_page_count(pdf) == 1

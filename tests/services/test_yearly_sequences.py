"""Numbers that restart every 1 January: each name counts on its own, in its year."""

from app.services.sequences import next_sequence, next_yearly


def test_yearly_numbers_count_per_name_and_restart_each_year(db):
    with db.writing() as s:
        got = [next_yearly(s, "ledger:tu-phap", 2026), next_yearly(s, "ledger:tu-phap", 2026),
               next_yearly(s, "form:supplement", 2026), next_yearly(s, "ledger:tu-phap", 2027),
               next_yearly(s, "ledger:tu-phap", 2026)]
    assert got == [1, 2, 1, 1, 3]


def test_the_daily_dossier_sequence_is_unchanged_by_yearly_numbers(db):
    from datetime import date

    with db.writing() as s:
        next_yearly(s, "ledger:x", 2026)
        assert [next_sequence(s, "000.00.01.H62", date(2026, 12, 7)) for _ in range(3)] == [1, 2, 3]

"""The fuzz pass (issue 9, "bad input everywhere"): every parser and form the app accepts gets
arbitrary and near-valid input. The budgets follow the suite's Hypothesis profiles (tests/conftest.py):
`make test` runs a small, reproducible budget (the derandomised "ci" profile);
`HYPOTHESIS_PROFILE=long` multiplies every budget by 25 with fresh random inputs, to hunt:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest -q -p no:cacheprovider -n 2 tests/fuzz
"""

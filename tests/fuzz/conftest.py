"""The fuzz pass (issue 9, "bad input everywhere"): every parser and form the app accepts gets
arbitrary and near-valid input. `make test` runs a small, reproducible budget (derandomized);
`HYPOTHESIS_PROFILE=long` multiplies every budget by 25 with fresh random inputs, to hunt:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest -q -p no:cacheprovider -n 2 tests/fuzz
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("long", deadline=None, derandomize=False, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE") == "long":
    settings.load_profile("long")

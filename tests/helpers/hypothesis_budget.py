"""A property test's budget under the suite's two Hypothesis profiles (tests/conftest.py): `n`
examples under "ci" (`make test`: derandomised, the same inputs every run), 25 times as many fresh
ones under HYPOTHESIS_PROFILE=long."""

from __future__ import annotations

from hypothesis import settings

LONG_FACTOR = 25


def examples(n: int) -> settings:
    """Use as a decorator: `@examples(300)` over `@given(...)`; every other setting is the profile's."""
    long = settings.get_current_profile_name() == "long"
    return settings(max_examples=n * LONG_FACTOR if long else n)

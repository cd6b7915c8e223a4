"""E-receipt provider mapping modules, one per provider (the fields its rules require, its REST
calls); `PROVIDERS` names each as the settings page shows it. docs/fees.md says how to add one."""

from __future__ import annotations

import importlib
from types import ModuleType

PROVIDERS: dict[str, str] = {
    "generic_json": "Dịch vụ biên lai điện tử HTTP JSON chung (docs/fees.md)",
    "sandbox": "Dịch vụ biên lai thử nghiệm (motcua fees sandbox)",
}


def load(name: str) -> ModuleType:
    """The mapping module of a provider named in PROVIDERS (KeyError for any other name)."""
    if name not in PROVIDERS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")

"""Provider mapping modules: one per gateway, each with `send_request(message, config)`,
`send_result(status, headers, body)`, `status_request(provider_id, uuid, config)` and
`status_result(status, headers, body)` (see generic_json.py for the contract)."""

from __future__ import annotations

import importlib
from types import ModuleType

# name -> what the settings page shows
PROVIDERS: dict[str, str] = {
    "generic_json": "Cổng HTTP JSON chung (docs/notices.md)",
    "sandbox": "Cổng thử nghiệm (motcua notices sandbox)",
    "zalo_zns": "Zalo ZNS (tin thông báo theo mẫu)",
}


def provider(name: str) -> ModuleType:
    if name not in PROVIDERS:
        raise KeyError(name)
    return importlib.import_module(f"app.notify.providers.{name}")

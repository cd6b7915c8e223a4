"""Where the app's shipped resources and the user's data live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
CATALOG_FILE = RESOURCES / "catalog" / "procedures.json"

APP_NAME = "motcua"
DB_FILENAME = "motcua.sqlite3"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The user data folder: --data-dir, else MOTCUA_DATA_DIR, else the platform's folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("MOTCUA_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # imported late: keeps `motcua --version` fast

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url(data: Path) -> str:
    return f"sqlite:///{data / DB_FILENAME}"

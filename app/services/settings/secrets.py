"""Secrets kept out of the database where the operating system has a keyring (Windows
Credential Manager, the macOS Keychain, Secret Service on a Linux desktop): today the portal
token. A plain-text "keyring" file is no safer than the database, so only a real store counts.

The keyring belongs to this PC and this Windows user: on an office server with several counters,
each PC that syncs needs the token in its own keyring (or in MOTCUA_PORTAL_TOKEN for a service)."""

from __future__ import annotations

import logging
import os

log = logging.getLogger("motcua.secrets")
SERVICE = "motcua"
MIN_PRIORITY = 1  # the real OS stores rank 5; keyrings.alt's plain-text file ranks 0.5
ENV_TOKEN = "MOTCUA_PORTAL_TOKEN"


def _backend():
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        return backend if getattr(backend, "priority", 0) >= MIN_PRIORITY else None
    except (KeyringError, RuntimeError, ValueError):
        return None


def store_name() -> str | None:
    """The keyring's name for the settings window, or None when there is none."""
    backend = _backend()
    return None if backend is None else getattr(backend, "name", type(backend).__name__)


def _user(key: str, database: str) -> str:
    return f"{key}@{database}"


_cache: dict[tuple[str, str], str | None] = {}  # settings are read on every registration


def from_environment(key: str) -> str | None:
    if key != "portal.token":
        return None
    return os.environ.get(ENV_TOKEN) or None


def read(key: str, database: str) -> str | None:
    """The secret, or None if there is no keyring or nothing stored."""
    if (value := from_environment(key)) is not None:
        return value
    if (key, database) in _cache:
        return _cache[key, database]
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, _user(key, database))
    except Exception as exc:  # noqa: BLE001 - a locked or broken keyring: behave as if empty
        log.warning("keyring read failed: %s", exc)
        return None
    _cache[key, database] = value
    return value


def write(key: str, database: str, value: str) -> bool:
    """True if stored in the keyring; False if there is none (the caller keeps it elsewhere)."""
    backend = _backend()
    if backend is None:
        return False
    from keyring.errors import KeyringError, PasswordDeleteError

    _cache.pop((key, database), None)
    try:
        if value:
            backend.set_password(SERVICE, _user(key, database), value)
        else:
            try:
                backend.delete_password(SERVICE, _user(key, database))
            except PasswordDeleteError:
                pass
        return True
    except KeyringError as exc:
        log.warning("keyring write failed: %s", exc)
        return False

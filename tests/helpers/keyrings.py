"""Keyring backends for the tests (a pytest plugin). No operating-system keyring runs on this
headless machine (Windows Credential Manager, the macOS Keychain and Secret Service all need a
desktop session), so `os_keyring` is keyrings.alt's file backend ranked as a real store would be,
and `no_keyring` is keyring's own "none here" backend."""

from __future__ import annotations

import pytest


@pytest.fixture
def os_keyring(tmp_path):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from app.services.settings import secrets

    class FileKeyring(PlaintextKeyring):
        priority = 5  # as the OS stores rank

        @property
        def file_path(self):
            return str(tmp_path / "keyring.cfg")

    before = keyring.get_keyring()
    backend = FileKeyring()
    keyring.set_keyring(backend)
    secrets._cache.clear()
    yield backend
    keyring.set_keyring(before)
    secrets._cache.clear()


@pytest.fixture
def no_keyring():
    import keyring
    from keyring.backends import fail

    from app.services.settings import secrets

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secrets._cache.clear()
    yield
    keyring.set_keyring(before)
    secrets._cache.clear()

"""Placeholder: being written."""


def portal_sandbox(args) -> int:
    raise NotImplementedError


def sync(args) -> int:
    raise NotImplementedError

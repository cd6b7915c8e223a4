"""Một Cửa core: domain rules, services, devices, portal sync and the command line.

Nothing in this package touches the Qt widget layer: it runs headless (CLI, sync daemon, tests).
The desktop app joins `motcua gui` as an installed entry point (see pyproject.toml).
"""

__version__ = "0.1.0"

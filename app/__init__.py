"""Một Cửa core: domain rules, services, devices, portal sync and the command line.

Nothing in this package imports QtWidgets: it runs headless (CLI, sync daemon, tests).
"""

__version__ = "0.1.0"

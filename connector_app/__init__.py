"""Core of the connector app: domain, encrypted store, change log, CLI.

Nothing in this package imports Qt; the desktop layer lives in ``ui``.
"""

__version__ = "0.1.0"

"""Sync between laptops that work offline: teams, bundles, export and import (see exchange.py)."""

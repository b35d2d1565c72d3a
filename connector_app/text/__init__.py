"""Text that depends on the language or script: the languages table, folding, collation, digits.

Plain Python over Babel and ICU; no Qt, so the CLI, reports, sync and the desktop share it.
"""

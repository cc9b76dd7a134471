"""Group memory (TinyDB, atomic writes) and meeting journals (append-only, crash-safe).

Import what you need from its module: `journal` (Journal, read_journal), `group` (Group).
"""

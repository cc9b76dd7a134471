"""Group memory (a cache folded from files written once) and meeting journals (append-only).

Import what you need from its module: `journal` (Journal, read_journal), `group` (Group).
"""

"""Group memory (TinyDB, atomic writes) and meeting journals (append-only, crash-safe).

Import what you need from its module: `journal` (Journal, read_journal), `group` (Group), `upkeep`
(the folder's shape, tidying after kills, damaged journals set aside).
"""

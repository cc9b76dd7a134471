"""A group's files and the memory derived from them; meeting journals (append-only).

Import what you need from its module: `journal` (Journal, read_journal), `group` (Group),
`rows` (the typed rows Group answers with), `sync` (moving a group with git). The layout
and its rules are in `group`; the cache in `derived` and `cache`; the fold in `memory`.
"""

"""Reading reference data (borders, population, municipality history) into the organisation tree.

Parsing and validation live in one plain module per format and return typed rows or raise
`ImportError_` with a Norwegian message naming file, line/feature and field. Writing to the
database is one function per kind in `store.py`, all-or-nothing and idempotent.
"""

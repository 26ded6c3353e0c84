"""Reading reference data (borders, population, municipality history) into the organisation tree.

Parsing and validation live in one plain module per format and return typed rows or raise
`ImportProblem` with a Norwegian message naming file, line/feature and field. Writing to the
database is one function per kind in the `store_*.py` modules, all-or-nothing and idempotent.
"""

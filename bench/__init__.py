"""Benchmarks: `python -m bench` runs every `bench/bench_<name>.py`; `python -m bench <name>` runs one.

Not part of the test suite: they build their own temporary databases and print tables of figures.
See docs/benchmarks.md.
"""

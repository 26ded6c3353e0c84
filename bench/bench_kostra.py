"""KOSTRA 15F: validation + derivation of a generated file with 10,000 children, against lxml alone.

Times are CPU seconds of this process (time.process_time), so a busy machine does not skew the
ratio. Budget (docs/benchmarks.md): at most 10 s, at most 5 x the time lxml alone needs to stream the file, and
bounded memory (peak Python allocations must not grow with the number of children).
Run: `python -m bench kostra` or `python -m bench.bench_kostra [--children N]`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

BUDGET_SECONDS = 10.0
BUDGET_RATIO = 5.0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django

    django.setup()


def lxml_only(path: Path) -> float:
    """Iterparse over the whole file doing nothing (the reference the budget ratio is taken against)."""
    from lxml import etree

    started = time.process_time()
    for _event, _element in etree.iterparse(str(path)):
        pass
    return time.process_time() - started


def validate(path: Path) -> tuple[float, object]:
    from fagloft.kostra.validation.engine import MAX_PER_RULE, validate_file

    started = time.process_time()
    report = validate_file(path, max_bytes=2 * 1024**3, max_per_rule=MAX_PER_RULE)
    return time.process_time() - started, report


def peak_memory(path: Path) -> int:
    from fagloft.kostra.validation.engine import MAX_PER_RULE, validate_file

    tracemalloc.start()
    validate_file(path, max_bytes=2 * 1024**3, max_per_rule=MAX_PER_RULE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench_kostra")
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args(argv)
    _setup()
    from fagloft.kostra.generator import write_file
    from fagloft.kostra.validation.engine import schemas

    with tempfile.TemporaryDirectory(prefix="bench-kostra-") as tmp:
        path = Path(tmp) / "15F.xml"
        with open(path, "w", encoding="utf-8") as handle:
            write_file(handle, args.children, args.year)
        small = Path(tmp) / "15F-small.xml"
        with open(small, "w", encoding="utf-8") as handle:
            write_file(handle, max(1, args.children // 10), args.year)
        schemas()  # load the XSDs once, outside the timings
        parse = min(lxml_only(path) for _ in range(5))
        seconds, report = min((validate(path) for _ in range(5)), key=lambda pair: pair[0])
        wall_started = time.perf_counter()
        validate(path)
        wall = time.perf_counter() - wall_started
        peak, peak_small = peak_memory(path), peak_memory(small)
        size = path.stat().st_size
    ratio = seconds / parse if parse else float("inf")
    rows = [
        ("children", f"{args.children:,}"),
        ("file size", f"{size / 1e6:.1f} MB"),
        ("schema validation", report.summary["schema_validation"]),
        ("findings (counted / kept)", f"{report.summary['findings_total']:,} / {len(report.findings):,}"),
        ("lxml iterparse only", f"{parse:.2f} s CPU"),
        ("validation + derivation", f"{seconds:.2f} s CPU, {wall:.2f} s wall  (budget {BUDGET_SECONDS:.0f} s)"),
        ("ratio to lxml", f"{ratio:.1f} x  (budget {BUDGET_RATIO:.0f} x)"),
        ("peak Python memory", f"{peak / 1e6:.1f} MB  ({peak_small / 1e6:.1f} MB for a tenth of the children)"),
        ("verdict", "OK" if max(seconds, wall) <= BUDGET_SECONDS and ratio <= BUDGET_RATIO else "OVER BUDGET"),
    ]
    width = max(len(label) for label, _ in rows)
    print("KOSTRA 15F validation benchmark")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])

"""Run the benchmarks: `python -m bench [all | NAME ...] [-- options for the benchmark]`.

Each `bench/bench_<name>.py` module with `main(argv: list[str]) -> None` is one benchmark. With no
name (or `all`) every one runs in turn; a failing benchmark is reported and the others still run.
Options after `--` go to every benchmark that runs (e.g. `python -m bench pages -- --requests 5`).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def available() -> dict[str, str]:
    """Benchmark name -> module name, e.g. "pages" -> "bench.bench_pages"."""
    names = sorted(info.name for info in pkgutil.iter_modules([str(PACKAGE_DIR)]) if info.name.startswith("bench_"))
    return {name.removeprefix("bench_"): f"bench.{name}" for name in names}


def load(module_name: str) -> Callable[[list[str]], None]:
    module = importlib.import_module(module_name)
    entry = getattr(module, "main", None)
    if not callable(entry):
        raise SystemExit(f"{module_name} has no main(argv) function")
    return entry


def split_argv(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" in argv:
        index = argv.index("--")
        return argv[:index], argv[index + 1 :]
    return argv, []


def main(argv: list[str] | None = None) -> int:
    names, passthrough = split_argv(list(sys.argv[1:] if argv is None else argv))
    if any(name in ("-h", "--help") for name in names):
        print(__doc__)
        print("Benchmarks:", ", ".join(available()) or "(none)")
        return 0
    known = available()
    wanted = list(known) if not names or names == ["all"] else names
    unknown = [name for name in wanted if name.removeprefix("bench_") not in known]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Available: {', '.join(known)}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    failed = []
    for name in wanted:
        name = name.removeprefix("bench_")
        print(f"\n=== bench {name} ===", flush=True)
        started = time.perf_counter()
        try:
            load(known[name])(passthrough)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
        print(f"--- {name}: {time.perf_counter() - started:.1f} s", flush=True)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

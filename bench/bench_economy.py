"""The cost-risk simulation against its budget (docs/benchmarks.md, DESIGN.md): 100 000 simulated
years for one municipality in ≤ 1 s, and for a 10-member cooperation in ≤ 3 s, on this machine.

The inputs are the national fallback rates (`fagloft/economy/reference.py`) scaled to Alta-sized
children 0–17 (4 800), and for the pool to ten municipalities of Finnmark-like sizes, at the 2022
co-payment rates with an assumed 32 000 kr a month per ordinary foster home. Pure numpy, no
database. Prints the best of `--repeat` timings (the machine is shared) and the peak memory traced
by tracemalloc in a separate run (tracing slows the run down, so it is not timed).

`python -m bench economy [--runs 100000] [--repeat 3] [--seed 1]`.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fagloft.economy import reference
from fagloft.economy import simulation as sim

SINGLE_BUDGET_S = 1.0
POOL_BUDGET_S = 3.0
ALTA_CHILDREN = 4_800
# Children 0–17 of ten Finnmark-sized municipalities (rounded, from the largest to the smallest).
POOL_CHILDREN = [4_800, 2_200, 1_900, 1_100, 900, 600, 450, 400, 250, 150]
FOSTER_MONTHLY = 32_000.0


def model_for(children: int) -> sim.ModelInput:
    kinds = []
    for kind, (stock, new, mean, sd, dispersion, _assumed, _source) in reference.NATIONAL.items():
        scale = children / 1000
        rate = FOSTER_MONTHLY if kind == "ordinary_foster" else float(reference.RATES[kind][2022])
        kinds.append(
            sim.KindInput(
                code=kind,
                monthly_rate=rate,
                new_per_year=float(new) * scale,
                duration=sim.Duration(sim.LOGNORMAL, float(mean), float(sd)),
                dispersion=float(dispersion) if dispersion else None,
                carried=round(float(stock) * scale),
            )
        )
    return sim.ModelInput(tuple(kinds))


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), times[0]


def peak_memory(work: Callable[[], object]) -> float:
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench economy")
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    single = model_for(ALTA_CHILDREN)
    members = [sim.Member(i, model_for(c), children=c) for i, c in enumerate(POOL_CHILDREN)]

    def one() -> object:
        return sim.simulate(single, runs=args.runs, seed=args.seed)

    def pooled() -> object:
        return sim.pool(members, key=sim.CHILDREN, runs=args.runs, seed=args.seed)

    result = sim.simulate(single, runs=args.runs, seed=args.seed)
    print(f"Economy simulation, {args.runs:,} simulated years, best of {args.repeat}")
    print(
        f"  one municipality (children {ALTA_CHILDREN}): mean {result.summary.mean:,.0f} kr, "
        f"expected {result.summary.expected_cost:,.0f} kr, P99 {result.summary.p99:,.0f} kr"
    )
    for label, work, budget in (("one municipality", one, SINGLE_BUDGET_S), ("10-member pool", pooled, POOL_BUDGET_S)):
        best, first = timed(work, args.repeat)
        memory = peak_memory(work)
        verdict = "OK" if best <= budget else "OVER BUDGET"
        print(
            f"  {label:<17} {best:6.3f} s (first {first:.3f} s; budget {budget:.0f} s) {verdict}; "
            f"peak memory {memory:,.1f} MiB"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

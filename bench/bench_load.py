"""Load test: 20 simulated users over every page and API endpoint of every demo role, for a bounded
time, with the task worker soaked by KOSTRA validations meanwhile.

Loopback only. Steps: build the data set in a fresh database (`--data demo`, the default: `fagloft
demo`; `--data national`: bench.national's every-app national data set, crawled as the
`bench.<role>` users); crawl each role's pages
(bench/crawl.py, as `python -m bench allpages` does); start gunicorn, a task worker (`db_worker`
with the database task backend) and a feeder that submits a KOSTRA validation of SSB's test file
every `--feed-seconds`; run Locust headless (`--users 20` for `--minutes 10`); then report per URL
pattern requests, failures, p50/p95/max against the page budget, and the worker's runs (done,
failed, still waiting). Exits non-zero on any failed request or failed task.

Locust lives in its own virtualenv (`.venv-load`, made on first use from the pin below), so its
gevent never mixes with the app's dependencies.

`python -m bench load [-- --minutes 10 --users 20 --databases sqlite --data demo|national]`
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_allpages import DATA_SETS, LIMIT, build_data
from bench.bench_pages import BUDGET_MS, default_workers, free_port, server_command, start_server, stop_server
from bench.db import ROOT, django_env, postgres_problem, run_django, temporary_database

LOCUST_PIN = "locust==2.47.0"
LOAD_VENV = ROOT / ".venv-load"
DB_TASKS = {"TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}


def locust_binary() -> Path:
    binary = LOAD_VENV / "bin" / "locust"
    if not binary.exists():
        print(f"Making {LOAD_VENV} with {LOCUST_PIN} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(LOAD_VENV)], check=True)
        subprocess.run([str(LOAD_VENV / "bin" / "pip"), "install", "-q", LOCUST_PIN], check=True)
    return binary


# --- In a Django subprocess: the worker feeder and the count of runs ---------------------------


# Who submits the KOSTRA validations: Alta's service leader in the demo, the benchmark service's
# leader in the national data set.
FEEDER = {"demo": "leder.alta", "national": "bench.service_leader"}


def feed(seconds: float, every: float, summary: Path, username: str = FEEDER["demo"]) -> None:
    """Submit a KOSTRA validation every `every` seconds for `seconds`, as a service leader."""
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fagloft.accounts.models import User
    from fagloft.kostra import services
    from fagloft.kostra.models import ValidationRun
    from fagloft.lib.shared_data import shared_data_dir

    shared = shared_data_dir()
    files = sorted((shared / "kostra-15f" / "testfiler").glob("Testfil_*.xml")) if shared else []
    files = [f for f in files if f.stat().st_size < 5_000_000][:5]
    leader = User.objects.get(username=username)
    membership = leader.memberships.select_related("service").exclude(service=None).first()
    if membership is None or membership.service is None:
        raise SystemExit(f"{username} has no service to submit KOSTRA files for")
    service = membership.service
    started, submitted = time.monotonic(), list[int]()
    while files and time.monotonic() - started < seconds:
        path = files[len(submitted) % len(files)]
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/xml")
        submitted.append(services.start_run(leader, service, upload).pk)
        time.sleep(every)
    deadline = time.monotonic() + 120  # let the worker finish what was queued
    while time.monotonic() < deadline:
        waiting = ValidationRun.objects.filter(pk__in=submitted).exclude(
            status__in=[ValidationRun.Status.DONE, ValidationRun.Status.FAILED]
        )
        if not waiting.exists():
            break
        time.sleep(1)
    runs = ValidationRun.objects.filter(pk__in=submitted)
    summary.write_text(
        json.dumps(
            {
                "submitted": len(submitted),
                "done": runs.filter(status=ValidationRun.Status.DONE).count(),
                "failed": runs.filter(status=ValidationRun.Status.FAILED).count(),
                "files": [f.name for f in files],
            }
        )
    )


# --- The parent: servers, Locust, the report -----------------------------------------------------


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(kind: str, args: argparse.Namespace) -> bool:
    locust = locust_binary()
    with temporary_database(kind) as backend, tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.json"
        print(f"[{backend.name}] {args.data} data set, crawl ...", flush=True)
        build_data(backend.url, args.data)
        run_django(
            backend.url,
            *("-m", "bench.bench_allpages", "prepare", "--out", str(plan), "--limit", str(LIMIT), "--data", args.data),
        )
        prepared = json.loads(plan.read_text())
        pages = sum(len(c["pages"]) for c in prepared["clients"])
        port = free_port()
        command, server_name = server_command(port, args.workers, args.threads)
        server = start_server(backend.url, port, command)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=django_env(backend.url, **DB_TASKS)
        )
        summary = Path(folder) / "soak.json"
        feeder = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.bench_load",
                "feed",
                str(args.minutes * 60),
                str(args.feed_seconds),
                str(summary),
                FEEDER[args.data],
            ],
            cwd=ROOT,
            env=django_env(backend.url, **DB_TASKS),
        )
        prefix = Path(folder) / "load"
        print(
            f"[{backend.name}] {server_name}; Locust {args.users} users for {args.minutes} min over {pages} "
            f"role pages; worker soak every {args.feed_seconds:.0f} s ...",
            flush=True,
        )
        load_before = os.getloadavg()[0]
        try:
            subprocess.run(
                [
                    str(locust),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{int(args.minutes * 60)}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env={**os.environ, "FAGLOFT_LOAD_PLAN": str(plan)},
                check=False,
            )
            feeder.wait(timeout=args.minutes * 60 + 300)
        finally:
            for process in (feeder, worker):
                if process.poll() is None:
                    process.terminate()
            stop_server(server)
        return report(
            backend.name, read_stats(prefix), json.loads(summary.read_text()) if summary.exists() else {}, load_before
        )


def report(backend: str, stats: list[dict[str, str]], soak: dict[str, Any], load_before: float) -> bool:
    rows = [("URL pattern", "req", "fail", "p50 ms", "p95 ms", "max ms", "budget")]
    total = None
    for row in stats:
        if row["Name"] == "Aggregated":
            total = row
            continue
        p95 = float(row["95%"] or 0)
        rows.append(
            (
                row["Name"],
                row["Request Count"],
                row["Failure Count"],
                row["50%"],
                row["95%"],
                f"{float(row['Max Response Time']):.0f}",
                "ok" if p95 <= BUDGET_MS else "OVER",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print(f"\n{backend}: load average {load_before:.1f} before the run, {os.cpu_count()} CPUs")
    for index, r in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    failures = int(total["Failure Count"]) if total else -1
    if total:
        print(
            f"\nAll: {total['Request Count']} requests, {failures} failed, p50 {total['50%']} ms, "
            f"p95 {total['95%']} ms, {float(total['Requests/s']):.1f} req/s (budget p95 <= {BUDGET_MS:.0f} ms)"
        )
    print(
        f"Worker soak: {soak.get('submitted', 0)} KOSTRA validations submitted, {soak.get('done', 0)} done, "
        f"{soak.get('failed', 0)} failed ({', '.join(soak.get('files', [])) or 'no SSB test files found'})"
    )
    waiting = soak.get("submitted", 0) - soak.get("done", 0) - soak.get("failed", 0)
    within = total is not None and float(total["95%"] or 0) <= BUDGET_MS
    print(f"Verdict: {'ok' if within and failures == 0 and waiting == 0 and soak.get('failed', 1) == 0 else 'NOT OK'}")
    return within and failures == 0 and soak.get("failed", 1) == 0 and waiting == 0


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--feed-seconds", type=float, default=20.0, help="a KOSTRA validation this often")
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--data", choices=DATA_SETS, default="demo", help="data set (default demo)")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=1, help="1: sync workers as in production; more: gthread")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    if argv[:1] == ["feed"]:
        feed(float(argv[1]), float(argv[2]), Path(argv[3]), *argv[4:5])
        return
    args = parse(argv)
    ok = True
    for kind in [k.strip() for k in args.databases.split(",") if k.strip()]:
        if kind == "postgresql" and (problem := postgres_problem()):
            print(f"\nPostgreSQL skipped: {problem}")
            continue
        ok = run(kind, args) and ok
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    main(sys.argv[1:])

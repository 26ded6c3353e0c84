"""Page latency of the main pages on a national-size data set, under 8 concurrent logged-in clients.

For each database (a SQLite file in a temp folder, and PostgreSQL `fagloft_bench` when reachable):
migrate, generate the data set (bench/generate.py), count each page's SQL queries in-process with
the Django test client, start gunicorn on it, and let 8 clients, each logged in as a different role
through a session cookie made in the database, request every page they may see, `--requests`
times each, concurrently. Prints p50/p95/max per page against the page budget (p95 <= 150 ms).

`python -m bench pages` or `python -m bench.bench_pages [--requests 20] [--databases sqlite,postgresql]`.
`--profile county` prints a pyinstrument profile of one page (needs pyinstrument).
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.db import ROOT, django_env, postgres_problem, run_django, temporary_database

BUDGET_MS = 150.0
CLIENTS = 8
PAGES = ["front", "county_list", "county", "municipality", "service", "search", "api_municipalities"]
PAGE_TITLES = {
    "front": "Forside /",
    "county_list": "Fylker /fylker/",
    "county": "Fylke med kart /fylker/NN/",
    "municipality": "Kommune /kommuner/NNNN/",
    "service": "Tjeneste /tjenester/N/",
    "search": "Søk /sok/?q=",
    "api_municipalities": "API /api/v1/municipalities/",
}


# --- Prepared in a Django subprocess --------------------------------------------------------------


def page_urls(summary: Any) -> dict[str, str]:
    """The heaviest pages within the bench users' reach: the largest county, a shared service."""
    return {
        "front": "/",
        "county_list": "/fylker/",
        "county": f"/fylker/{summary.largest_county}/",
        "municipality": f"/kommuner/{summary.bench_municipality}/",
        "service": f"/tjenester/{summary.bench_service_id}/",
        "search": "/sok/?q=Nord",
        "api_municipalities": "/api/v1/municipalities/",
    }


def logged_in_client(username: str) -> Any:
    """A test client logged in as `username`, with the second factor done where the role needs it."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fagloft.accounts.models import User

    client = Client()
    user = User.objects.get(username=username)
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def count_queries(client: Any, url: str, repeat: int = 3) -> tuple[int, int, float, float]:
    """Status, SQL queries, and the median wall and CPU time in ms of one request alone.

    CPU time (this process, SQLite included; a PostgreSQL server's work is not) is the steadier
    figure on a busy machine: wall time also counts waiting for other processes.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up per-process caches (content types, translations) as a server would be
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Read now: captured_queries slices the connection's log, which the next request clears.
    count = len(captured.captured_queries)
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu_started) * 1000)
    return response.status_code, count, statistics.median(walls), statistics.median(cpus)


def prepare(out: Path, profile: str | None) -> None:
    import logging

    import django

    django.setup()
    # Pages a role may not see answer 403/404 by design; the table notes them, the log need not.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.management import call_command

    from bench.generate import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    summary = generate()
    generated = time.perf_counter()
    urls = page_urls(summary)
    measured = measure_in_process(summary.bench_users, urls, settings.SESSION_COOKIE_NAME)
    if profile:
        profile_page(logged_in_client(summary.bench_users["county_advisor"]), urls[profile])
    out.write_text(
        json.dumps(
            {
                "cookie_name": settings.SESSION_COOKIE_NAME,
                "urls": urls,
                **measured,
                "data": {k: v for k, v in vars(summary).items() if k != "bench_users"},
                "seconds": {"migrate": migrated - started, "generate": generated - migrated},
            },
            indent=1,
        )
    )


def measure_in_process(users: dict[str, str], urls: dict[str, str], cookie_name: str) -> dict[str, Any]:
    """Per role: a session cookie, the pages it may see, and each page's queries and solo time."""
    clients, queries, statuses = [], defaultdict(dict), defaultdict(dict)
    solo, cpu = defaultdict(dict), defaultdict(dict)
    for role, username in users.items():
        client = logged_in_client(username)
        for page, url in urls.items():
            status, count, ms, cpu_ms = count_queries(client, url)
            statuses[page][role] = status
            if status == 200:
                queries[page][role], solo[page][role], cpu[page][role] = count, ms, cpu_ms
        clients.append(
            {
                "role": role,
                "username": username,
                "cookie": client.cookies[cookie_name].value,
                "pages": {p: u for p, u in urls.items() if statuses[p][role] == 200},
            }
        )
    return {"clients": clients, "queries": queries, "statuses": statuses, "solo_ms": solo, "cpu_ms": cpu}


def profile_page(client: Any, url: str) -> None:
    from pyinstrument import Profiler

    client.get(url)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(10):
            client.get(url)
    print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)


# --- The server and the clients, in the parent process --------------------------------------------


@dataclass
class Sample:
    page: str
    role: str
    ms: float
    status: int
    # Seconds from the start of the measured rounds to the request: what else ran at the time.
    started: float = 0.0


@dataclass
class Result:
    backend: str
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    prepared: dict[str, Any] = field(default_factory=dict)
    load_before: float = 0.0  # 1-minute load average: other work on the machine skews latency
    server: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def default_workers() -> int:
    """gunicorn's rule for its sync workers, as the Procfile's WEB_CONCURRENCY is set in production
    (docs/deployment.md): two per core and one more."""
    return 2 * (os.cpu_count() or 1) + 1


def server_command(port: int, workers: int, threads: int) -> tuple[list[str], str]:
    """gunicorn as in production (sync workers; `threads` > 1 gives gthread workers, to compare);
    Django's threaded dev server only when gunicorn is missing."""
    if importlib.util.find_spec("gunicorn"):
        worker_class = "sync" if threads <= 1 else "gthread"
        return (
            [
                sys.executable,
                "-m",
                "gunicorn",
                "fagloft.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                *(["--threads", str(threads)] if threads > 1 else []),
                "--worker-class",
                worker_class,
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            f"gunicorn {workers} {worker_class} workers" + (f" x {threads} threads" if threads > 1 else ""),
        )
    print(
        "!!! gunicorn is not installed: falling back to Django's runserver (one process, a development "
        "server; slower than production). Install it: .venv/bin/pip install gunicorn==27.0.1",
        flush=True,
    )
    return (
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        "runserver (dev server, fallback)",
    )


def start_server(url: str, port: int, command: list[str]) -> subprocess.Popen[bytes]:
    # As a production machine runs its workers: one cache they share (docs/deployment.md), fresh.
    cache_dir = tempfile.mkdtemp(prefix="fagloft-bench-cache-")
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=django_env(url, FAGLOFT_CACHE="file", FAGLOFT_CACHE_DIR=cache_dir),
        stderr=subprocess.DEVNULL if "runserver" in command else None,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{command[2]} exited with {server.returncode}")
        try:
            if fetch(port, "/helse/", {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("the server did not answer /helse/ within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def run_clients(port: int, prepared: dict[str, Any], requests: int) -> tuple[list[Sample], float]:
    samples: list[Sample] = []
    lock = threading.Lock()
    clients = prepared["clients"][:CLIENTS]
    barrier = threading.Barrier(len(clients) + 1)
    origin = [0.0]  # set when the rounds start, before the barrier lets any client go on

    def client_loop(client: dict[str, Any], seed: int) -> None:
        headers = {"Cookie": f"{prepared['cookie_name']}={client['cookie']}", "Accept-Language": "nb"}
        rng = random.Random(seed)
        mine = []
        for _page, path in client["pages"].items():  # warm-up: first hits fill each worker's caches
            fetch(port, path, headers)
        barrier.wait()
        for _round in range(requests):
            order = list(client["pages"].items())
            rng.shuffle(order)
            for page, path in order:
                at = time.perf_counter() - origin[0]
                status, ms = fetch(port, path, headers)
                mine.append(Sample(page, client["role"], ms, status, at))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client_loop, args=(c, i), daemon=True) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    origin[0] = time.perf_counter()
    barrier.wait()
    started = origin[0]
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started


def bench_backend(kind: str, args: argparse.Namespace) -> Result:
    with temporary_database(kind) as backend, tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "prepared.json"
        print(f"[{backend.name}] migrate + generate + query counts ...", flush=True)
        extra = ["--profile", args.profile] if args.profile else []
        run_django(backend.url, "-m", "bench.bench_pages", "prepare", "--out", str(out), *extra)
        prepared = json.loads(out.read_text())
        port = free_port()
        command, server_name = server_command(port, args.workers, args.threads)
        print(f"[{backend.name}] {server_name}, {CLIENTS} clients x {args.requests} rounds ...", flush=True)
        server = start_server(backend.url, port, command)
        load_before = os.getloadavg()[0]
        try:
            samples, wall = run_clients(port, prepared, args.requests)
        finally:
            stop_server(server)
        return Result(backend.name, samples, wall, prepared, load_before, server_name)


# --- Reporting ------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1] if len(ordered) > 1 else ordered[0]


def table(result: Result) -> str:
    rows = [("Page", "req", "p50 ms", "p95 ms", "max ms", "alone ms", "cpu ms", "queries", "non-200", "budget")]
    for page in PAGES:
        ms = [s.ms for s in result.samples if s.page == page]
        counts = list(result.prepared["queries"].get(page, {}).values())
        bad = sum(1 for s in result.samples if s.page == page and s.status != 200)
        if not ms:
            rows.append((PAGE_TITLES[page], "0", "–", "–", "–", "–", "–", "–", "–", "not reachable"))
            continue
        p95 = percentile(ms, 95)
        if counts and min(counts) != max(counts):
            query_text = f"{min(counts)}–{max(counts)}"
        else:
            query_text = str(counts[0] if counts else "–")
        alone = max(result.prepared["solo_ms"].get(page, {}).values(), default=float("nan"))
        cpu = max(result.prepared["cpu_ms"].get(page, {}).values(), default=float("nan"))
        rows.append(
            (
                PAGE_TITLES[page],
                str(len(ms)),
                f"{percentile(ms, 50):.0f}",
                f"{p95:.0f}",
                f"{max(ms):.0f}",
                f"{alone:.0f}",
                f"{cpu:.0f}",
                query_text,
                str(bad),
                "ok" if p95 <= BUDGET_MS else "OVER",
            )
        )
    all_ms = [s.ms for s in result.samples]
    rows.append(
        (
            "All pages",
            str(len(all_ms)),
            f"{percentile(all_ms, 50):.0f}",
            f"{percentile(all_ms, 95):.0f}",
            f"{max(all_ms):.0f}",
            "",
            "",
            "",
            str(sum(s.status != 200 for s in result.samples)),
            "ok" if percentile(all_ms, 95) <= BUDGET_MS else "OVER",
        )
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def not_reachable(result: Result) -> list[str]:
    notes = []
    for page, by_role in result.prepared["statuses"].items():
        refused = sorted(f"{role} ({status})" for role, status in by_role.items() if status != 200)
        if refused:
            notes.append(f"  {PAGE_TITLES.get(page, page)}: not requested by {', '.join(refused)}")
    return notes


def report(result: Result, args: argparse.Namespace) -> None:
    data, seconds = result.prepared["data"], result.prepared["seconds"]
    print(
        f"\n{result.backend}: {data['municipalities']} municipalities, {data['counties']} counties, "
        f"{data['populations']} population rows, {data['services']} services, {data['users']} users "
        f"(migrate {seconds['migrate']:.1f} s, generate {seconds['generate']:.1f} s)"
    )
    print(
        f"{len(result.samples)} requests from {CLIENTS} concurrent clients in {result.wall:.1f} s "
        f"({len(result.samples) / result.wall:.0f} req/s); {result.server}, "
        f"{os.cpu_count()} CPUs, load average {result.load_before:.1f} before the run"
        f"{f', niceness {os.nice(0)}' if os.nice(0) else ''}; "
        f"budget p95 <= {BUDGET_MS:.0f} ms\n"
    )
    print(table(result))
    print(
        "alone/cpu ms: one request with nothing else running (test client in-process, slowest role); "
        "queries: SQL queries per request (min–max over roles)."
    )
    notes = not_reachable(result)
    if notes:
        print("Role-limited pages (each client only requests pages its role may see):")
        print("\n".join(notes))


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench pages", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests",
        type=int,
        default=int(os.environ.get("FAGLOFT_BENCH_REQUESTS", "20")),
        help="rounds over its pages per client (default 20)",
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=1, help="1: sync workers as in production; more: gthread")
    parser.add_argument("--profile", choices=PAGES, help="print a pyinstrument profile of one page")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run server and clients at this niceness (negative needs root): on a shared machine, "
        "keeps other work from inflating the figures (a PostgreSQL server is not affected)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    if argv[:1] == ["prepare"]:
        sub = argparse.ArgumentParser()
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--profile")
        options = sub.parse_args(argv[1:])
        prepare(options.out, options.profile)
        return
    args = parse(argv)
    if args.nice:
        os.nice(args.nice)  # inherited by the gunicorn and prepare subprocesses
    for kind in [k.strip() for k in args.databases.split(",") if k.strip()]:
        if kind == "postgresql" and (problem := postgres_problem()):
            print(f"\nPostgreSQL skipped: {problem}")
            continue
        report(bench_backend(kind, args), args)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    main(sys.argv[1:])

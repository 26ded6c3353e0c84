"""Every page of every app, as every role reaches it, under 8 concurrent logged-in clients.

For each database (SQLite in a temp folder, PostgreSQL `fagloft_bench` when reachable): build the
data set, then, in a Django subprocess, log in as each role's user and crawl from the front page by
following links (bench/crawl.py), counting each page's SQL queries and its time alone. Then
gunicorn serves the database and 8 clients (one per role) request all their pages `--requests`
times, concurrently. Prints p50/p95/max per URL pattern against the page budget (p95 <= 150 ms),
the query counts (min–max over roles and objects: flat when they do not grow with the object), and
which URL patterns of the project no role reached.

Data sets (`--data`):
- `national` (default): `bench.national.generate_all`, every app's rows on 357 municipalities,
  6,500 employees, 10 years of indicators, ...; the clients are the `bench.<role>` users, scoped
  to the largest county.
- `demo`: `fagloft demo` (Finnmark, every app's demo data); the clients are the demo users.

`python -m bench allpages [--data national] [--requests 5] [--databases sqlite,postgresql] [--markdown FILE]`.
The foundation pages alone are `python -m bench pages`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pages import (
    BUDGET_MS,
    CLIENTS,
    Result,
    count_queries,
    default_workers,
    free_port,
    logged_in_client,
    percentile,
    run_clients,
    server_command,
    start_server,
    stop_server,
)
from bench.db import postgres_problem, run_django, temporary_database

DATA_SETS = ("national", "demo")
# Crawl limits per role: at most LIMIT pages and PER_ROUTE URLs of one URL pattern. On the national
# data set a role reaches every pattern well inside them, and 8 roles' crawls take a few minutes.
LIMIT, PER_ROUTE = 400, 2


def build_data(url: str, data: str) -> None:
    """Migrate the empty database at `url` and fill it with the data set `data`."""
    if data == "demo":
        run_django(url, "manage.py", "demo", capture=True)
    elif data == "national":
        run_django(url, "-m", "bench.national")
    else:
        raise ValueError(f"unknown data set {data!r}")


def crawl_users(data: str) -> list[str]:
    """Whose pages are crawled: the demo's users, or the national data set's `bench.<role>`."""
    from bench.generate import BENCH_ROLES
    from fagloft.accounts.models import User

    if data == "national":
        return [f"bench.{role}" for role in BENCH_ROLES]
    return list(
        User.objects.filter(is_active=True).exclude(username="").order_by("pk").values_list("username", flat=True)
    )


def all_patterns() -> set[str]:
    """Every URL pattern of the project, named as bench.crawl.route_of names a resolved URL, leaving
    out those the crawl never follows (the admin, logout, language switch, downloads, ...)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from bench.crawl import SKIP

    found: set[str] = set()

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                plain = "/" + re.sub(r"<[^>]+>", "x", route).lstrip("^").rstrip("$")
                if SKIP.search(plain):
                    continue
                found.add(f"{namespace + ':' if namespace else ''}{pattern.name or route}")

    walk(get_resolver().url_patterns, "", "")
    return found


def prepare(out: Path, limit: int, data: str = "demo") -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings

    from bench.crawl import crawl

    clients: list[dict[str, Any]] = []
    queries: defaultdict[str, dict[str, int]] = defaultdict(dict)
    solo: defaultdict[str, dict[str, float]] = defaultdict(dict)
    routes: dict[str, str] = {}
    for username in crawl_users(data):
        started = time.perf_counter()
        client = logged_in_client(username)
        # A failing page is a finding of the run (listed as non-200), not the end of it.
        client.raise_request_exception = False
        found = crawl(client, limit=limit, per_route=PER_ROUTE)
        pages = {}
        for url in found.urls:
            status, count, ms, _cpu = count_queries(client, url, repeat=1)
            if status != 200:
                continue
            pages[url] = url
            routes[url] = found.routes[url]
            queries[url][username], solo[url][username] = count, ms
        failing = sorted(url for url, status in found.statuses.items() if status >= 500)
        clients.append(
            {
                "role": username,
                "username": username,
                "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "pages": pages,
                "errors": failing,
            }
        )
        print(
            f"  {username}: {len(pages)} pages in {time.perf_counter() - started:.0f} s"
            + (f"; server errors on {', '.join(failing)}" if failing else ""),
            flush=True,
        )
    # The 8 clients: the roles with the most pages first, so every app's pages are in the run.
    clients.sort(key=lambda c: -len(c["pages"]))
    out.write_text(
        json.dumps(
            {
                "cookie_name": settings.SESSION_COOKIE_NAME,
                "clients": clients,
                "routes": routes,
                "queries": queries,
                "solo_ms": solo,
                "patterns": sorted(all_patterns()),
                "server_errors": sorted(
                    {url for c in clients for url in c.get("errors", [])},
                ),
            }
        )
    )


def server_models(args: argparse.Namespace) -> list[tuple[int, int]]:
    """(workers, threads) to measure, one after the other on the same crawl: `--servers 5x1,2x4`,
    else `--workers` x `--threads`."""
    if not args.servers:
        return [(args.workers, args.threads)]
    models = []
    for item in args.servers.split(","):
        workers, _x, threads = item.strip().partition("x")
        models.append((int(workers), int(threads or 1)))
    return models


def bench_backend(kind: str, args: argparse.Namespace) -> list[Result]:
    with temporary_database(kind) as backend, tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "prepared.json"
        started = time.perf_counter()
        print(f"[{backend.name}] {args.data} data set ...", flush=True)
        build_data(backend.url, args.data)
        print(
            f"[{backend.name}] data in {time.perf_counter() - started:.0f} s; crawl every role's pages ...", flush=True
        )
        started = time.perf_counter()
        run_django(
            backend.url,
            *("-m", "bench.bench_allpages", "prepare", "--out", str(out)),
            *("--limit", str(args.limit), "--data", args.data),
        )
        prepared = json.loads(out.read_text())
        print(f"[{backend.name}] crawl in {time.perf_counter() - started:.0f} s", flush=True)
        results = []
        for workers, threads in server_models(args):
            port = free_port()
            command, server_name = server_command(port, workers, threads)
            print(f"[{backend.name}] {server_name}, {CLIENTS} clients x {args.requests} rounds ...", flush=True)
            server = start_server(backend.url, port, command)
            load_before = os.getloadavg()[0]
            try:
                samples, wall = run_clients(port, prepared, args.requests)
            finally:
                stop_server(server)
            results.append(Result(backend.name, samples, wall, prepared, load_before, server_name))
        return results


def rows(result: Result) -> list[tuple[str, ...]]:
    routes: dict[str, str] = result.prepared["routes"]
    by_route: dict[str, list[float]] = defaultdict(list)
    bad: dict[str, int] = defaultdict(int)
    for sample in result.samples:
        route = routes.get(sample.page, sample.page)
        by_route[route].append(sample.ms)
        bad[route] += sample.status != 200
    urls_of: dict[str, set[str]] = defaultdict(set)
    for url, route in routes.items():
        urls_of[route].add(url)
    out: list[tuple[str, ...]] = []
    for route in sorted(urls_of):
        counts = [n for url in urls_of[route] for n in result.prepared["queries"].get(url, {}).values()]
        alone = max(
            (ms for url in urls_of[route] for ms in result.prepared["solo_ms"].get(url, {}).values()), default=0.0
        )
        ms = by_route.get(route, [])
        p95 = percentile(ms, 95) if ms else float("nan")
        out.append(
            (
                route,
                str(len(urls_of[route])),
                str(len(ms)),
                f"{percentile(ms, 50):.0f}" if ms else "–",
                f"{p95:.0f}" if ms else "–",
                f"{max(ms):.0f}" if ms else "–",
                f"{alone:.0f}",
                f"{min(counts)}–{max(counts)}"
                if counts and min(counts) != max(counts)
                else str(counts[0] if counts else "–"),
                str(bad.get(route, 0)),
                ("ok" if p95 <= BUDGET_MS else "OVER") if ms else "alone only",
            )
        )
    return out


HEADER = ("URL pattern", "URLs", "req", "p50 ms", "p95 ms", "max ms", "alone ms", "queries", "non-200", "budget")


def text_table(body: list[tuple[str, ...]]) -> str:
    table = [HEADER, *body]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(body: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join((f"`{row[0]}`", *row[1:])) + " |" for row in body]
    return "\n".join(lines)


def slowest(result: Result, count: int = 8) -> list[str]:
    """The slowest requests under load, each with the requests that were in flight beside it: a p95
    far above the time alone is a request that queued behind heavy ones, and this says which."""
    routes: dict[str, str] = result.prepared["routes"]
    lines = []
    for sample in sorted(result.samples, key=lambda s: s.ms, reverse=True)[:count]:
        end = sample.started + sample.ms / 1000
        beside = sorted(
            (
                other
                for other in result.samples
                if other is not sample and other.started < end and other.started + other.ms / 1000 > sample.started
            ),
            key=lambda s: s.ms,
            reverse=True,
        )
        company = ", ".join(f"{routes.get(o.page, o.page)} {o.ms:.0f}" for o in beside[:6])
        lines.append(
            f"  {sample.ms:5.0f} ms at {sample.started:5.1f} s  {routes.get(sample.page, sample.page)} "
            f"({sample.role}); beside it: {company or 'nothing'}"
        )
    return lines


def report(result: Result, args: argparse.Namespace) -> None:
    body = rows(result)
    all_ms = [s.ms for s in result.samples]
    over = [row[0] for row in body if row[-1] == "OVER"]
    print(
        f"\n{result.backend}: {len(body)} URL patterns, {len(result.prepared['routes'])} URLs; "
        f"{len(all_ms)} requests from {CLIENTS} clients in {result.wall:.1f} s; {result.server}, "
        f"{os.cpu_count()} CPUs, load average {result.load_before:.1f} before the run; "
        f"all pages p95 {percentile(all_ms, 95):.0f} ms (budget {BUDGET_MS:.0f} ms)\n"
    )
    print(text_table(body))
    print(f"\nOver budget: {', '.join(over) if over else 'none'}")
    over_budget = sum(ms > BUDGET_MS for ms in all_ms)
    print(
        f"Requests over {BUDGET_MS:.0f} ms: {over_budget} of {len(all_ms)}; over {2 * BUDGET_MS:.0f} ms: "
        f"{sum(ms > 2 * BUDGET_MS for ms in all_ms)}"
    )
    print("Slowest requests (ms, start in the rounds, pattern, role; the slowest requests in flight beside it):")
    print("\n".join(slowest(result)))
    reached, missing = coverage(result.prepared)
    print(f"URL patterns reached: {len(reached)} of {len(reached) + len(missing)}")
    if missing:
        print("Reached by no role: " + ", ".join(missing))
    if result.prepared.get("server_errors"):
        print("Server errors (500) during the crawl: " + ", ".join(result.prepared["server_errors"]))
    if args.markdown:
        with Path(args.markdown).open("a", encoding="utf-8") as markdown:
            markdown.write(
                f"### {result.backend}\n\n{len(all_ms)} requests, {CLIENTS} clients, {result.server}, load average "
                f"{result.load_before:.1f} before the run.\n\n{markdown_table(body)}\n\n"
            )


def coverage(prepared: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(patterns some role reached, patterns of the project no role reached)."""
    reached = set(prepared["routes"].values())
    every = set(prepared.get("patterns", [])) | reached
    return sorted(reached), sorted(every - reached)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench allpages", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=int(os.environ.get("FAGLOFT_BENCH_REQUESTS", "5")))
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=1, help="1: sync workers as in production; more: gthread")
    parser.add_argument("--data", choices=DATA_SETS, default="national", help="data set (default national)")
    parser.add_argument("--limit", type=int, default=LIMIT, help=f"pages per role at most (default {LIMIT})")
    parser.add_argument(
        "--servers", default="", help="compare server models on one crawl: WORKERSxTHREADS,... (e.g. 5x1,2x4)"
    )
    parser.add_argument("--markdown", help="also write the table as Markdown to this file")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    if argv[:1] == ["prepare"]:
        sub = argparse.ArgumentParser()
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--limit", type=int, default=LIMIT)
        sub.add_argument("--data", choices=DATA_SETS, default="demo")
        options = sub.parse_args(argv[1:])
        prepare(options.out, options.limit, options.data)
        return
    args = parse(argv)
    for kind in [k.strip() for k in args.databases.split(",") if k.strip()]:
        if kind == "postgresql" and (problem := postgres_problem()):
            print(f"\nPostgreSQL skipped: {problem}")
            continue
        for result in bench_backend(kind, args):
            report(result, args)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    main(sys.argv[1:])

"""Every page of every app, as every demo role reaches it, under 8 concurrent logged-in clients.

For each database (SQLite in a temp folder, PostgreSQL `fagloft_bench` when reachable): build the
demo installation (`fagloft demo`: Finnmark's real borders and population, every app's demo data),
then, in a Django subprocess, log in as each demo user and crawl from the front page by following
links (bench/crawl.py), counting each page's SQL queries and its time alone. Then gunicorn serves
the database and 8 clients (8 of the demo roles) request all their pages `--requests` times,
concurrently. Prints p50/p95/max per URL pattern against the page budget (p95 <= 150 ms) and the
query counts (min–max over roles and objects: flat when they do not grow with the object).

`python -m bench allpages [--requests 5] [--databases sqlite,postgresql] [--markdown FILE]`.
The foundation pages on a national-size data set are `python -m bench pages`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pages import (
    BUDGET_MS,
    CLIENTS,
    Result,
    count_queries,
    free_port,
    logged_in_client,
    percentile,
    run_clients,
    server_command,
    start_server,
    stop_server,
)
from bench.db import postgres_problem, run_django, temporary_database


def prepare(out: Path, limit: int) -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings

    from bench.crawl import crawl
    from fagloft.accounts.models import User

    users = list(
        User.objects.filter(is_active=True).exclude(username="").order_by("pk").values_list("username", flat=True)
    )
    clients, queries, solo, routes = [], defaultdict(dict), defaultdict(dict), {}
    for username in users:
        client = logged_in_client(username)
        # A failing page is a finding of the run (listed as non-200), not the end of it.
        client.raise_request_exception = False
        found = crawl(client, limit=limit)
        pages = {}
        for url in found.urls:
            status, count, ms, _cpu = count_queries(client, url, repeat=1)
            if status != 200:
                continue
            pages[url] = url
            routes[url] = found.routes[url]
            queries[url][username], solo[url][username] = count, ms
        clients.append(
            {
                "role": username,
                "username": username,
                "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "pages": pages,
            }
        )
        failing = sorted(url for url, status in found.statuses.items() if status >= 500)
        print(
            f"  {username}: {len(pages)} pages" + (f"; server errors on {', '.join(failing)}" if failing else ""),
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
            }
        )
    )


def bench_backend(kind: str, args: argparse.Namespace) -> Result:
    with temporary_database(kind) as backend, tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "prepared.json"
        print(f"[{backend.name}] fagloft demo ...", flush=True)
        run_django(backend.url, "manage.py", "demo", capture=True)
        print(f"[{backend.name}] crawl every role's pages, count queries ...", flush=True)
        run_django(backend.url, "-m", "bench.bench_allpages", "prepare", "--out", str(out), "--limit", str(args.limit))
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
    out = []
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
    if args.markdown:
        Path(args.markdown).write_text(
            f"### {result.backend}\n\n{len(all_ms)} requests, {CLIENTS} clients, {result.server}, load average "
            f"{result.load_before:.1f} before the run.\n\n{markdown_table(body)}\n",
            encoding="utf-8",
        )


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench allpages", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=int(os.environ.get("FAGLOFT_BENCH_REQUESTS", "5")))
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=max((os.cpu_count() or 1), 2))
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--limit", type=int, default=400, help="pages per role at most (default 400)")
    parser.add_argument("--markdown", help="also write the table as Markdown to this file")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    if argv[:1] == ["prepare"]:
        sub = argparse.ArgumentParser()
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--limit", type=int, default=400)
        options = sub.parse_args(argv[1:])
        prepare(options.out, options.limit)
        return
    args = parse(argv)
    for kind in [k.strip() for k in args.databases.split(",") if k.strip()]:
        if kind == "postgresql" and (problem := postgres_problem()):
            print(f"\nPostgreSQL skipped: {problem}")
            continue
        report(bench_backend(kind, args), args)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    main(sys.argv[1:])

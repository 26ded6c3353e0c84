"""The allpages report names the slowest requests and what ran beside them."""

from __future__ import annotations

from bench.bench_allpages import slowest
from bench.bench_pages import Result, Sample


def test_the_slowest_request_lists_the_requests_in_flight_beside_it_and_not_the_others():
    samples = [
        Sample("/tung/", "bench.admin", 600.0, 200, started=1.0),  # 1.0–1.6 s
        Sample("/ved-siden/", "bench.employee", 120.0, 200, started=1.2),  # inside it
        Sample("/for/", "bench.national", 50.0, 200, started=0.5),  # ended before it began
        Sample("/etter/", "bench.national", 40.0, 200, started=1.7),  # began after it ended
    ]
    result = Result("SQLite", samples, prepared={"routes": {"/tung/": "app:heavy", "/ved-siden/": "app:beside"}})
    first = slowest(result, count=1)
    assert len(first) == 1
    assert "600 ms" in first[0] and "app:heavy (bench.admin)" in first[0]
    assert "beside it: app:beside 120" in first[0]
    assert "/for/" not in first[0] and "/etter/" not in first[0]
    alone = slowest(Result("SQLite", [samples[3]], prepared={"routes": {}}), count=1)
    assert alone[0].endswith("beside it: nothing")

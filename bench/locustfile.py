"""Locust users for `python -m bench load` (run by .venv-load/bin/locust, never imported by the app).

The plan file (`FAGLOFT_LOAD_PLAN`, written by bench/bench_load.py) holds, per role (the demo users,
or the national data set's `bench.<role>` users), a session
cookie and every page and API endpoint the role reached by following links. Each simulated user
takes the next role in turn and requests its pages in random order, as a busy user clicks around.
Requests are named by URL pattern, so the statistics read per page kind.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["FAGLOFT_LOAD_PLAN"], encoding="utf-8").read())
_ROLES = itertools.cycle(PLAN["clients"])


class Visitor(HttpUser):
    wait_time = between(0.05, 0.3)

    def on_start(self) -> None:
        self.role = next(_ROLES)
        self.client.cookies.set(PLAN["cookie_name"], self.role["cookie"])
        self.pages = list(self.role["pages"])
        self.rng = random.Random(hash(self.role["username"]))

    @task
    def visit(self) -> None:
        url = self.rng.choice(self.pages)
        name = PLAN["routes"].get(url, url)
        with self.client.get(url, name=name, headers={"Accept-Language": "nb"}, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {self.role['username']}")

"""Response times of the web app over a synthetic store of 5,000 articles.

    PYTHONPATH=src:. .venv/bin/python benchmarks/web_speed.py [--articles 5000] [--requests 200]

A real uvicorn server on 127.0.0.1 answers an httpx client, one request at a time, so each
figure is the whole request (routing, store, rendering, transfer). Targets: story page
p95 < 200 ms, search p95 < 300 ms, stories list p95 < 150 ms. The peer in the same run is a
static file served by the same server (the floor of any request). The first request of each
page, which compares every story once and caches it until the store changes, is printed
apart as "cold".
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn
from tests.synthetic import WORDS, build_store

from newsprism.api import Newsprism
from newsprism.store.database import open_store
from newsprism.web.app import create_app

TARGETS = {"stories list": 150.0, "story page": 200.0, "search": 300.0}


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _times(client: httpx.Client, paths: Callable[[int], str], count: int) -> list[float]:
    found = []
    for n in range(count):
        start = time.perf_counter()
        answer = client.get(paths(n))
        found.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (paths(n), answer.status_code)
    return found


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        start = time.perf_counter()
        engine = open_store(url)
        built = build_store(engine, articles=args.articles, per_story=25, hostile=False)
        engine.dispose()
        print(
            f"store: {args.articles} articles, {len(built.story_ids)} stories, "
            f"built in {time.perf_counter() - start:.1f} s"
        )
        prism = Newsprism(url)
        port = _port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(prism), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        stories = list(built.story_ids)
        queries = [" ".join(rng.sample(WORDS, 1 + n % 2)) for n in range(50)]
        facets = ["", "&outlet=wire.example.com", "&language=fr", "&bucket=week", "&bucket=month"]
        with httpx.Client(base_url=base, timeout=120) as client:
            cold = {
                "stories list": _times(client, lambda n: "/stories", 1)[0],
                "story page": _times(client, lambda n: f"/stories/{stories[0]}", 1)[0],
                "search": _times(client, lambda n: "/search?q=police", 1)[0],
            }
            runs = {
                "static file (peer)": _times(client, lambda n: "/static/app.css", args.requests),
                "stories list": _times(client, lambda n: "/stories", args.requests),
                "story page": _times(
                    client, lambda n: f"/stories/{stories[n % len(stories)]}", args.requests
                ),
                "search": _times(
                    client,
                    lambda n: f"/search?q={queries[n % len(queries)]}{facets[n % len(facets)]}",
                    args.requests,
                ),
            }
        server.should_exit = True
        thread.join(timeout=10)
        prism.close()
    floor = statistics.median(runs["static file (peer)"])
    print(
        f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'target':>8} {'x peer p50':>11} {'cold ms':>8}"
    )
    for name, values in runs.items():
        target = TARGETS.get(name)
        p50 = statistics.median(values)
        print(
            f"{name:<20} {p50:8.1f} {_p95(values):8.1f} "
            f"{(f'<{target:.0f}' if target else ''):>8} {p50 / floor:11.1f} "
            f"{(f'{cold[name]:.0f}' if name in cold else ''):>8}"
        )
    failed = [n for n, t in TARGETS.items() if _p95(runs[n]) >= t]
    print("all targets met" if not failed else f"targets missed: {', '.join(failed)}")


if __name__ == "__main__":
    main()

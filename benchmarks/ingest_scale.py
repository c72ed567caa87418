"""Ingest rate and peak memory at two corpus sizes and worker counts, each in a fresh process
and database.

    .venv/bin/python benchmarks/ingest_scale.py [--small 500] [--large 5000] [--workers 1 2]
        [--repeat 1]

Targets (issue of the scale work): >= 500 articles/s at the large size with both cores;
rate at the large size >= 0.8 x the rate at the small size, and peak memory at the large
size <= 1.5 x that at the small size (one worker). The corpus comes from
benchmarks/synthetic_corpus.py (real texts recombined, ~10% syndicated copies). Besides
wall-clock rates it prints CPU seconds (this process and its workers), which other load on
a shared machine moves less; runs of one size alternate worker counts, so a ratio compares
neighbours in time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store.database import open_store
folder, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = open_store(f"sqlite:///{db}")
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
start, cpu_start = time.perf_counter(), cpu()
report = ingest([folder], engine=engine, settings=Settings(), workers=workers)
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "cpu": cpu() - cpu_start,
    "stored": len(report.stored),
    "duplicates": len(report.duplicates),
    "failed": len(report.failed),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def measure(folder: Path, articles: int, words: int, db: Path, workers: int) -> dict[str, float]:
    db.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(db), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["articles"] = articles
    result["words"] = words
    result["workers"] = workers
    result["rate"] = articles / result["seconds"]
    return result


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.0f}"
    return f"{statistics.median(values):.0f} (runs {', '.join(f'{v:.0f}' for v in values)})"


def main() -> None:
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size and count")
    args = parser.parse_args()
    rows: dict[tuple[int, int], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for articles in (args.small, args.large):
            folder = root / f"corpus{articles}"
            words = write_corpus(folder, articles)
            for _ in range(args.repeat):
                for workers in args.workers:
                    row = measure(folder, articles, words, root / "n.db", workers)
                    rows.setdefault((articles, workers), []).append(row)
    for (articles, workers), runs in rows.items():
        row = runs[-1]
        print(
            f"{articles:>6} articles ({int(row['words'])} words), {workers} worker(s): "
            f"{_spread([r['rate'] for r in runs])} articles/s, "
            f"{_spread([articles / r['cpu'] for r in runs])} articles per CPU-second, "
            f"{int(row['stored'])} stored, {int(row['duplicates'])} duplicates, "
            f"{int(row['failed'])} failed, peak {row['peak_mb']:.0f} MB"
            + (f" (each worker {row['worker_peak_mb']:.0f} MB)" if workers > 1 else "")
        )

    def median(articles: int, workers: int, key: str) -> float:
        return statistics.median(r[key] for r in rows[(articles, workers)])

    for workers in args.workers:
        rate = median(args.large, workers, "rate") / median(args.small, workers, "rate")
        memory = median(args.large, workers, "peak_mb") / median(args.small, workers, "peak_mb")
        print(
            f"{workers} worker(s): rate at {args.large} / at {args.small}: {rate:.2f}; "
            f"peak memory at {args.large} / at {args.small}: {memory:.2f}"
        )
    if 1 in args.workers:
        for workers in (w for w in args.workers if w != 1):
            for articles in (args.small, args.large):
                ratios = [
                    b["rate"] / a["rate"]
                    for a, b in zip(rows[(articles, 1)], rows[(articles, workers)], strict=True)
                ]
                print(
                    f"{workers} workers / 1 at {articles}: " + ", ".join(f"{r:.2f}" for r in ratios)
                )


if __name__ == "__main__":
    main()

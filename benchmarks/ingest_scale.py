"""Ingest rate and peak memory at two corpus sizes, each in a fresh process and database.

    .venv/bin/python benchmarks/ingest_scale.py [--small 500] [--large 5000]

Targets (issue of the scale work): rate at the large size >= 0.8 x the rate at the small
size, and peak memory at the large size <= 1.5 x that at the small size. The corpus comes
from benchmarks/synthetic_corpus.py (real texts recombined, ~10% syndicated copies).
"""

from __future__ import annotations

import argparse
import json
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
folder, db = sys.argv[1], sys.argv[2]
engine = open_store(f"sqlite:///{db}")
start = time.perf_counter()
report = ingest([folder], engine=engine, settings=Settings())
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "stored": len(report.stored),
    "duplicates": len(report.duplicates),
    "failed": len(report.failed),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def measure(articles: int, root: Path) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import write_corpus

    folder = root / f"corpus{articles}"
    words = write_corpus(folder, articles)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(root / f"n{articles}.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["articles"] = articles
    result["words"] = words
    result["rate"] = articles / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(args.small, Path(tmp))
        large = measure(args.large, Path(tmp))
    for row in (small, large):
        print(
            f"{int(row['articles']):>6} articles ({int(row['words'])} words): "
            f"{row['seconds']:.1f} s, {row['rate']:.0f} articles/s, "
            f"{int(row['stored'])} stored, {int(row['duplicates'])} duplicates, "
            f"{int(row['failed'])} failed, peak {row['peak_mb']:.0f} MB"
        )
    print(f"rate at {args.large} / rate at {args.small}: {large['rate'] / small['rate']:.2f}")
    print(
        f"peak memory at {args.large} / at {args.small}: {large['peak_mb'] / small['peak_mb']:.2f}"
    )


if __name__ == "__main__":
    main()

"""Analysis with two local workers and with a Dask LocalCluster(2), against one local worker.

    .venv/bin/python benchmarks/analysis_scaleout.py [--articles 200] [--seed 1] [--no-dask]

One synthetic corpus (``synthetic_corpus.py``) is ingested once; copies of that database are
then analysed (``pipeline.analyze``, every article) by ``--workers 1``, ``--workers 2`` and
``--executor dask --workers 2`` (a LocalCluster of two single-threaded processes), each in a
fresh process that loads the model itself, the three in the same run so the machine's load
is the same for all. Printed: wall seconds of each analysis, the speed-ups against one worker
(targets: two workers >= 1.6 x, Dask(2) >= 1.5 x), and whether the three databases hold the
same facts (every claim, quote, place, date, citation and event row with its offsets).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACT_TABLES = ("claims", "quotes", "places", "time_expressions", "citations", "events")

CHILD = """
import json, sys, time
from newsprism.pipeline import analyze
from newsprism.settings import Settings
from newsprism.store.database import open_store
db, workers, executor = sys.argv[1], int(sys.argv[2]), sys.argv[3]
settings = Settings(db=f"sqlite:///{db}")
engine = open_store(settings.db)
start = time.perf_counter()
report = analyze(engine=engine, settings=settings, workers=workers, executor=executor)
print(json.dumps({"seconds": time.perf_counter() - start, "analysed": len(report.analyzed)}))
"""

INGEST = """
import sys
from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store.database import open_store
folder, db = sys.argv[1], sys.argv[2]
settings = Settings(db=f"sqlite:///{db}")
ingest([folder], engine=open_store(settings.db), settings=settings)
"""


def _python(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def facts_digest(db: Path) -> tuple[str, int]:
    """A digest of every fact row (ids and timestamps left out) and how many rows there are."""
    digest = hashlib.sha256()
    rows = 0
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        for table in FACT_TABLES:
            if table not in tables:
                continue
            columns = [
                r[1]
                for r in conn.execute(f"pragma table_info({table})")
                if r[1] not in {"id", "created_at", "analysed_at"}
            ]
            listed = ", ".join(columns)
            for row in conn.execute(f"select {listed} from {table} order by {listed}"):
                digest.update(json.dumps(row, default=str).encode())
                rows += 1
    return digest.hexdigest()[:16], rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask run")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="newsprism-scaleout-") as tmp:
        root = Path(tmp)
        words = write_corpus(root / "corpus", args.articles, seed=args.seed)
        base = root / "base.db"
        _python(INGEST, str(root / "corpus"), str(base))
        runs = [("local, 1 worker", 1, "local"), ("local, 2 workers", 2, "local")]
        if not args.no_dask:
            runs.append(("dask LocalCluster(2)", 2, "dask"))
        results: list[tuple[str, float, int, str, int]] = []
        for label, workers, executor in runs:
            db = root / f"{executor}-{workers}.db"
            shutil.copy(base, db)
            out = json.loads(_python(CHILD, str(db), str(workers), executor).splitlines()[-1])
            digest, rows = facts_digest(db)
            results.append((label, out["seconds"], out["analysed"], digest, rows))
        print(f"{args.articles} synthetic articles, {words:,} words (seed {args.seed})")
        one = results[0][1]
        for label, seconds, analysed, digest, rows in results:
            print(
                f"{label:22} {seconds:7.1f} s  {words / seconds:7.0f} words/s"
                f"  x{one / seconds:4.2f}  {analysed} analysed  facts {rows} rows, digest {digest}"
            )
        same = len({r[3] for r in results}) == 1
        print("same facts in every run:", "yes" if same else "NO")


if __name__ == "__main__":
    main()

"""Adding articles to a large database against adding the same articles to an empty one.

    .venv/bin/python benchmarks/incremental_stories.py [--base 5000] [--added 100]
        [--base-db PATH] [--workers 1]

One synthetic corpus (``synthetic_corpus.py``, one seed) of ``base + added`` articles: the
first ``base`` files make the base database (ingested, analysed and grouped into stories in
one ``pipeline.run``; building it takes many minutes, so ``--base-db`` keeps it for the next
run), the last ``added`` files are then added in one run of every stage (ingest, analyze,
stories: what ``newsprism run`` does before the briefing), once on a copy of the base and
once on an empty database, each in a fresh process that loads the model itself. Target: the
run on the base takes at most 2 x the run on the empty database. Also checked and printed:
only the added articles are analysed (plus any the stories stage re-dates), every story of
the base keeps its id, and how many added articles joined a story of the base.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
from newsprism.pipeline import run
from newsprism.settings import Settings
from newsprism.store.database import open_store
from newsprism.store.stories import load_stories
folder, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings = Settings(db=f"sqlite:///{db}")
engine = open_store(settings.db)
with engine.connect() as conn:
    before = {s.id: s.article_ids for s in load_stories(conn)}
stages = {}
def progress(stage, done, total):
    stages.setdefault(stage, time.perf_counter())
start = time.perf_counter()
report = run([folder], engine=engine, settings=settings, workers=workers, progress=progress)
seconds = time.perf_counter() - start
with engine.connect() as conn:
    after = {s.id: s.article_ids for s in load_stories(conn)}
added = set(report.ingest.stored) | set(report.ingest.duplicates)
marks = sorted(stages.items(), key=lambda item: item[1]) + [("end", start + seconds)]
print(json.dumps({
    "seconds": seconds,
    "stage_seconds": {a[0]: b[1] - a[1] for a, b in zip(marks, marks[1:])},
    "added": len(added),
    "analyzed": len(report.analysis.analyzed),
    "analyzed_outside_added": len(set(report.analysis.analyzed) - added),
    "reanalyzed": len(report.stories.reanalyzed),
    "stories_before": len(before),
    "stories_after": len(after),
    "kept_ids": sum(1 for i in before if i in after),
    "kept_members": sum(1 for i, ids in before.items() if set(ids) <= set(after.get(i, ()))),
    "joined_existing": sum(
        1 for i, ids in after.items() if i in before for a in ids if a in added
    ),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_child(folder: Path, db: Path, workers: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(db), str(workers)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr[-3000:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (its write-ahead log included)."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=5000)
    parser.add_argument("--added", type=int, default=100)
    parser.add_argument("--base-db", type=Path, help="Base database to reuse (built if missing).")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic_corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        write_corpus(corpus, args.base + args.added, seed=args.seed)
        files = sorted(corpus.glob("*.txt"))
        base_folder, added_folder = root / "base", root / "added"
        base_folder.mkdir()
        added_folder.mkdir()
        for path in files[: args.base]:
            shutil.move(path, base_folder / path.name)
        for path in files[args.base :]:
            shutil.move(path, added_folder / path.name)
        base_db = args.base_db or root / "base.db"
        if not base_db.exists():
            print(f"building the base database of {args.base} articles at {base_db} ...")
            built = run_child(base_folder, base_db, args.workers)
            print(f"  built in {built['seconds']:.0f} s: {built['stories_after']} stories")
        on_base = root / "on-base.db"
        copy_database(base_db, on_base)
        into_base = run_child(added_folder, on_base, args.workers)
        into_empty = run_child(added_folder, root / "empty.db", args.workers)
    for name, row in (("into the base", into_base), ("into an empty db", into_empty)):
        stages = ", ".join(f"{s} {t:.1f}" for s, t in row["stage_seconds"].items())  # type: ignore[attr-defined]
        print(
            f"{args.added} added {name}: {row['seconds']:.1f} s ({stages}); "
            f"analysed {row['analyzed']} ({row['analyzed_outside_added']} not added), "
            f"re-analysed {row['reanalyzed']}, stories {row['stories_before']} -> "
            f"{row['stories_after']}, base ids kept {row['kept_ids']}/{row['stories_before']}, "
            f"added articles joining base stories {row['joined_existing']}, "
            f"peak {row['peak_mb']:.0f} MB"
        )
    ratio = float(into_base["seconds"]) / float(into_empty["seconds"])  # type: ignore[arg-type]
    print(f"time into {args.base} / into empty: {ratio:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
